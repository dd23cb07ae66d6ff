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

namespace {

constexpr uint32_t kVectorStateMagic = 0x31455641;  // "AVE1"

void put_info(emu::StateWriter& out, const Info& i) {
  out.put<int32_t>(i.lives);
  out.put<int32_t>(i.episode_frame_number);
  out.put<int32_t>(i.frame_number);
  out.put<uint8_t>(i.raw_reward.has_value());
  if (i.raw_reward) out.put(*i.raw_reward);
  out.put<uint8_t>(i.seeds.has_value());
  if (i.seeds) out.put(i.seeds->np_seed), out.put(i.seeds->ale_seed);
  out.put<uint8_t>(i.episode.has_value());
  if (i.episode) out.put(i.episode->r), out.put(i.episode->l), out.put(i.episode->t);
}

bool get_flag(emu::StateReader& in) {
  const auto b = in.get<uint8_t>();
  if (b > 1) throw emu::StateError("bad flag " + std::to_string(b));
  return b != 0;
}

Info get_info(emu::StateReader& in) {
  Info i;
  i.lives = in.get<int32_t>();
  i.episode_frame_number = in.get<int32_t>();
  i.frame_number = in.get<int32_t>();
  if (get_flag(in)) i.raw_reward = in.get<double>();
  if (get_flag(in)) {
    SeedsUsed s;
    s.np_seed = in.get<uint32_t>();
    s.ale_seed = in.get<uint32_t>();
    i.seeds = s;
  }
  if (get_flag(in)) {
    EpisodeStatistics e;
    e.r = in.get<double>();
    e.l = in.get<int64_t>();
    e.t = in.get<double>();
    i.episode = e;
  }
  return i;
}

}  // namespace

void VectorEnv::save_state(emu::StateWriter& out) const {
  if (in_flight_) throw GymError("VectorEnv: save_state() between send() and recv(); recv() first");
  out.put(kVectorStateMagic);
  out.put<int32_t>(num_envs());
  out.put<int32_t>(static_cast<int32_t>(options_.autoreset_mode));
  for (const auto& e : envs_) e->save_state(out);
  // The observation batch is not stored: each slot is its env's current
  // observation, which the env re-renders after a load.
  for (size_t i = 0; i < envs_.size(); ++i) {
    out.put(rewards_[i]);
    out.put(terminated_[i]), out.put(truncated_[i]), out.put(needs_reset_[i]), out.put(ended_[i]);
    put_info(out, infos_[i]);
    out.put(has_final_[i]);
    if (has_final_[i]) {
      out.put_bytes(final_obs_.data() + i * obs_bytes_, obs_bytes_);
      put_info(out, final_infos_[i]);
    }
  }
}

void VectorEnv::load_state(emu::StateReader& in) {
  if (in_flight_) recv();
  // The envs load one by one: a failure half-way goes back to this copy.
  emu::StateWriter backup;
  save_state(backup);
  try {
    read_state(in);
  } catch (...) {
    emu::StateReader restore(backup.bytes());
    read_state(restore);
    throw;
  }
}

void VectorEnv::read_state(emu::StateReader& in) {
  const size_t n = envs_.size();
  auto fail = [](const std::string& problem) -> GymError {
    return GymError("VectorEnv: cannot load state: " + problem);
  };
  try {
    if (in.get<uint32_t>() != kVectorStateMagic)
      throw fail("not a VectorEnv state (or a corrupt one)");
    const auto saved_envs = in.get<int32_t>();
    if (saved_envs != num_envs())
      throw fail("it was saved from a vector of " + std::to_string(saved_envs) +
                 " envs, this one has " + std::to_string(num_envs()));
    const auto mode = in.get<int32_t>();
    if (mode != static_cast<int32_t>(options_.autoreset_mode))
      throw fail("it was saved with another autoreset mode (" + std::to_string(mode) +
                 ", this vector's is " +
                 std::to_string(static_cast<int32_t>(options_.autoreset_mode)) + ")");
    for (size_t i = 0; i < n; ++i) {
      try {
        envs_[i]->load_state(in);
      } catch (const GymError& e) {
        throw fail("env " + std::to_string(i) + ": " + e.what());
      }
    }
    for (size_t i = 0; i < n; ++i) {
      rewards_[i] = in.get<double>();
      terminated_[i] = get_flag(in), truncated_[i] = get_flag(in);
      needs_reset_[i] = get_flag(in), ended_[i] = get_flag(in);
      infos_[i] = get_info(in);
      has_final_[i] = get_flag(in);
      if (has_final_[i]) {
        const std::vector<uint8_t> obs = in.get_bytes();
        if (obs.size() != obs_bytes_)
          throw fail("env " + std::to_string(i) + "'s final observation has " +
                     std::to_string(obs.size()) + " bytes, expected " + std::to_string(obs_bytes_));
        std::memcpy(final_obs_.data() + i * obs_bytes_, obs.data(), obs_bytes_);
        final_infos_[i] = get_info(in);
      } else {  // as in a vector that never had one
        std::memset(final_obs_.data() + i * obs_bytes_, 0, obs_bytes_);
        final_infos_[i] = Info{};
      }
    }
  } catch (const emu::StateError& e) {
    throw fail(e.what());
  }
  // Each env's current observation back into its slot of the batch.
  for (auto& e : envs_) e->observation_data();
}

}  // namespace ag::gym
