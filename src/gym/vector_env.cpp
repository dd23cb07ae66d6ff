#include "gym/vector_env.hpp"

#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define AG_CPU_RELAX() _mm_pause()
#else
#define AG_CPU_RELAX() ((void)0)
#endif

namespace ag::gym {

namespace {

// Spin this many rounds before sleeping on a futex: a step batch usually
// arrives (or finishes) within microseconds, and a futex wake costs more.
constexpr int kSpinRounds = 256;

template <class Ready>
void spin_then_wait(const std::atomic<uint64_t>& a, uint64_t old, Ready ready) {
  for (int k = 0; k < kSpinRounds; ++k) {
    if (ready()) return;
    AG_CPU_RELAX();
  }
  while (!ready()) a.wait(old, std::memory_order_acquire);
}

}  // namespace

VectorEnv::VectorEnv(int num_envs, const EnvFactory& make_env, VectorEnvOptions options)
    : options_(options) {
  if (num_envs <= 0)
    throw GymError("VectorEnv: num_envs must be positive, got " + std::to_string(num_envs));
  if (options_.num_threads <= 0)
    throw GymError("VectorEnv: num_threads must be positive, got " +
                   std::to_string(options_.num_threads));
  for (int i = 0; i < num_envs; ++i) {
    auto e = make_env(i);
    if (!e) throw GymError("VectorEnv: the env factory returned null for env " + std::to_string(i));
    if (i > 0 && (e->observation_space() != envs_[0]->observation_space() ||
                  e->action_space() != envs_[0]->action_space()))
      throw GymError("VectorEnv: env " + std::to_string(i) + " (" + e->name() +
                     ") has different spaces from env 0 (" + envs_[0]->name() + ")");
    envs_.push_back(std::move(e));
  }
  obs_bytes_ = envs_[0]->observation_space().num_bytes();
  const size_t n = envs_.size();
  obs_.assign(n * obs_bytes_, 0);
  final_obs_.assign(n * obs_bytes_, 0);
  rewards_.assign(n, 0.0);
  terminated_.assign(n, 0);
  truncated_.assign(n, 0);
  needs_reset_.assign(n, 0);
  has_final_.assign(n, 0);
  ended_.assign(n, 0);
  infos_.assign(n, Info{});
  final_infos_.assign(n, Info{});
  actions_.assign(n, 0);
  reset_mask_.assign(n, 0);
  reset_seeds_.assign(n, std::nullopt);
  errors_.assign(n, nullptr);
  for (size_t i = 0; i < n; ++i) envs_[i]->bind_observation(obs_.data() + i * obs_bytes_);
  const int threads = std::min<int>(options_.num_threads, static_cast<int>(n));
  for (int t = 0; t < threads; ++t) workers_.emplace_back([this] { worker_main(); });
}

VectorEnv::~VectorEnv() {
  if (in_flight_) wait_done();
  stop_.store(true, std::memory_order_release);
  epoch_.fetch_add(1, std::memory_order_acq_rel);
  epoch_.notify_all();
  for (auto& w : workers_) w.join();
}

std::vector<int> VectorEnv::observation_shape() const {
  std::vector<int> shape = single_observation_space().shape;
  shape.insert(shape.begin(), num_envs());
  return shape;
}

const uint8_t* VectorEnv::observations_u8() const {
  if (single_observation_space().dtype != DType::kUInt8)
    throw GymError("VectorEnv: observations are float32, not uint8");
  return obs_.data();
}

const float* VectorEnv::observations_f32() const {
  if (single_observation_space().dtype != DType::kFloat32)
    throw GymError("VectorEnv: observations are uint8, not float32");
  return reinterpret_cast<const float*>(obs_.data());
}

void VectorEnv::worker_main() {
  uint64_t seen = 0;
  const int n = num_envs();
  for (;;) {
    spin_then_wait(epoch_, seen, [&] { return epoch_.load(std::memory_order_acquire) != seen; });
    seen = epoch_.load(std::memory_order_acquire);
    if (stop_.load(std::memory_order_acquire)) return;
    for (int i; (i = next_.fetch_add(1, std::memory_order_relaxed)) < n;) run(i);
    if (active_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      done_.store(seen, std::memory_order_release);
      done_.notify_all();
    }
  }
}

void VectorEnv::dispatch(Task task) {
  if (in_flight_) throw GymError("VectorEnv: send() called twice without recv()");
  task_ = task;
  next_.store(0, std::memory_order_relaxed);
  active_.store(static_cast<int>(workers_.size()), std::memory_order_relaxed);
  in_flight_ = true;
  epoch_.fetch_add(1, std::memory_order_acq_rel);  // publishes task_, actions_, masks
  epoch_.notify_all();
}

void VectorEnv::wait_done() {
  const uint64_t target = epoch_.load(std::memory_order_relaxed);
  const uint64_t before = done_.load(std::memory_order_acquire);
  // done_ holds either the previous epoch (`before`) or `target`.
  spin_then_wait(done_, before, [&] { return done_.load(std::memory_order_acquire) == target; });
  in_flight_ = false;
}

void VectorEnv::keep_final(int i, const Info& info) {
  std::memcpy(final_obs_.data() + i * obs_bytes_, obs_.data() + i * obs_bytes_, obs_bytes_);
  final_infos_[i] = info;
  has_final_[i] = 1;
  ended_[i] = 1;
}

// One env's share of a reset or step (runs on a worker thread; touches only
// index i of every array).
void VectorEnv::run(int i) {
  try {
    Env& e = *envs_[i];
    ended_[i] = 0;
    if (task_ == Task::kReset) {
      if (!reset_mask_[i]) return;
      ResetResult r = e.reset(reset_seeds_[i]);
      r.obs.data();  // render into the slot
      infos_[i] = r.info;
      rewards_[i] = 0;
      terminated_[i] = truncated_[i] = needs_reset_[i] = 0;
      return;
    }
    if (needs_reset_[i]) {
      if (options_.autoreset_mode == AutoresetMode::kDisabled)
        throw GymError("VectorEnv: env " + std::to_string(i) +
                       " finished its episode; reset it first (autoreset is disabled)");
      // NEXT_STEP: this step is the reset.
      ResetResult r = e.reset();
      r.obs.data();
      infos_[i] = r.info;
      rewards_[i] = 0;
      terminated_[i] = truncated_[i] = needs_reset_[i] = 0;
      return;
    }
    StepResult s = e.step(actions_[i]);
    s.obs.data();
    rewards_[i] = s.reward;
    terminated_[i] = s.terminated;
    truncated_[i] = s.truncated;
    infos_[i] = s.info;
    if (s.terminated || s.truncated) {
      keep_final(i, s.info);
      if (options_.autoreset_mode == AutoresetMode::kSameStep) {
        ResetResult r = e.reset();
        r.obs.data();
        infos_[i] = r.info;
      } else {
        needs_reset_[i] = 1;
      }
    }
  } catch (...) {
    errors_[i] = std::current_exception();
  }
}

void VectorEnv::reset(std::optional<uint64_t> seed) {
  std::vector<uint8_t> all(envs_.size(), 1);
  reset(seed, all);
}

void VectorEnv::reset(std::optional<uint64_t> seed, std::span<const uint8_t> mask) {
  if (mask.size() != envs_.size())
    throw GymError("VectorEnv: reset mask has " + std::to_string(mask.size()) + " entries for " +
                   std::to_string(envs_.size()) + " envs");
  if (in_flight_) recv();
  for (size_t i = 0; i < envs_.size(); ++i) {
    reset_mask_[i] = mask[i] ? 1 : 0;
    reset_seeds_[i] = seed ? std::optional<uint64_t>(*seed + i) : std::nullopt;
  }
  run_and_wait(Task::kReset);
}

void VectorEnv::send(std::span<const int> actions) {
  take_actions(actions);
  dispatch(Task::kStep);
}

void VectorEnv::take_actions(std::span<const int> actions) {
  // Checked before touching actions_: the workers may be reading them.
  if (in_flight_) throw GymError("VectorEnv: send() called twice without recv()");
  if (actions.size() != envs_.size())
    throw GymError("VectorEnv: " + std::to_string(actions.size()) + " actions for " +
                   std::to_string(envs_.size()) + " envs");
  for (size_t i = 0; i < envs_.size(); ++i) {
    if (!needs_reset_[i] && !single_action_space().contains(actions[i]))
      throw GymError("VectorEnv: action " + std::to_string(actions[i]) + " for env " +
                     std::to_string(i) + " is outside " + single_action_space().str());
    actions_[i] = actions[i];
  }
}

void VectorEnv::recv() {
  if (!in_flight_) throw GymError("VectorEnv: recv() without send()");
  wait_done();
  rethrow_first_error();
}

void VectorEnv::rethrow_first_error() {
  for (auto& err : errors_) {
    if (err) {
      std::exception_ptr e = err;
      for (auto& x : errors_) x = nullptr;
      std::rethrow_exception(e);
    }
  }
}

void VectorEnv::step(std::span<const int> actions) {
  take_actions(actions);
  run_and_wait(Task::kStep);
}

void VectorEnv::run_and_wait(Task task) {
  if (workers_.size() == 1) {
    // One worker: the calling thread would only wait for it, and waking it up
    // and being woken cost ~30 us per vector step (a quarter of a one-env
    // step). Same envs, same order of effects per env: same results.
    task_ = task;
    for (int i = 0; i < num_envs(); ++i) run(i);
    rethrow_first_error();
    return;
  }
  dispatch(task);
  recv();
}

}  // namespace ag::gym
