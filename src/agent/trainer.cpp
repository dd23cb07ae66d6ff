#include "agent/trainer.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstring>
#include <ctime>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "agent/agent.hpp"
#include "agent/checkpoint.hpp"
#include "agent/env_factory.hpp"
#include "agent/evaluator.hpp"
#include "agent/metrics.hpp"
#include "agent/model_export.hpp"
#include "agent/replay_file.hpp"
#include "base/atomic_file.hpp"
#include "base/cpu_info.hpp"
#include "emu/state_io.hpp"
#include "gym/vector_env.hpp"

namespace ag::agent {

namespace fs = std::filesystem;

namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int) {
  g_stop.store(true);
}

double monotonic() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string time_stamp() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
  return buf;
}

// The keys --resume may change: the budget and the bookkeeping, not the run.
const std::vector<std::string> kResumeKeys = {
    "total_steps", "iterations", "threads",    "save_every",    "keep_checkpoints",
    "save_replay", "log_every",  "eval_every", "eval_episodes", "learner_backend"};

// The learner's Q-function as the evaluator sees it: LibTorch's forward of
// the online net whatever learner_backend is, the inference path `eval`,
// `watch` and `record` share (policy.cpp), so an in-run evaluation is what
// `atari-gym eval` of the same checkpoint gives.
class LearnerQ final : public QFunction {
 public:
  explicit LearnerQ(DoubleDqn& learner) : learner_(learner) {}
  int actions() const override { return learner_.options().actions; }
  void q_values(const uint8_t* obs, int n, float* out) override {
    agent::q_values(learner_.net()->online, obs, n, out);
  }

 private:
  DoubleDqn& learner_;
};

std::string archive_bytes(const std::function<void(torch::serialize::OutputArchive&)>& save) {
  torch::serialize::OutputArchive archive;
  save(archive);
  std::ostringstream os;
  archive.save_to(os);
  return os.str();
}

void load_archive(const std::string& bytes,
                  const std::function<void(torch::serialize::InputArchive&)>& load,
                  const std::string& what) {
  torch::serialize::InputArchive archive;
  try {
    archive.load_from(bytes.data(), bytes.size());
    load(archive);
  } catch (const c10::Error& e) {
    throw CheckpointError(what + ": " + e.what_without_backtrace());
  }
}

class Trainer {
 public:
  Trainer(const TrainRequest& request, std::ostream& out) : request_(request), out_(out) {}
  TrainResult run();

 private:
  void setup();
  void resume_from(const fs::path& file);
  void remember(const std::vector<int>& actions);
  void finish_episode(int env);
  void learn();
  void evaluate_now();
  // last: the process's final checkpoint (save_replay = stop writes the replay).
  void checkpoint(bool last);
  void write_replay();
  Checkpoint snapshot();
  void progress(bool force);
  bool budget_left() const;
  std::vector<uint8_t> env_state() const;

  TrainRequest request_;
  std::ostream& out_;
  Config config_;
  fs::path run_dir_;
  std::unique_ptr<gym::VectorEnv> envs_;
  std::unique_ptr<Agent> agent_;
  std::unique_ptr<MetricLogger> metrics_;
  TrainerCounters counters_;
  std::vector<EpisodeAccumulator> acc_;
  std::vector<uint8_t> obs_;  // what the agent acts on: [num_envs, stack, 84, 84]
  size_t obs_bytes_ = 0;
  int num_envs_ = 1;
  TrainResult result_;
  double start_time_ = 0, last_progress_ = 0, last_flush_ = 0;
  int64_t progress_step_ = 0;
  int64_t last_checkpoint_step_ = -1;  // the step this run last wrote a checkpoint at
  // Timing (bench): from timing_from_ on.
  int64_t timing_from_ = -1;
  bool timing_ = false;
  double timing_start_ = 0, update_seconds_ = 0, act_seconds_ = 0, env_seconds_ = 0,
         cache_seconds_ = 0;
  int64_t timed_updates_ = 0, timed_vector_steps_ = 0, timing_start_step_ = 0;
};

// ---------------------------------------------------------------------------
// The loop.

TrainResult Trainer::run() {
  setup();
  std::vector<int> actions(num_envs_);
  while (budget_left()) {
    if (!timing_ && counters_.step >= timing_from_) {
      timing_ = true;
      timing_start_ = monotonic();
      timing_start_step_ = counters_.step;
      if (request_.profile_learner) agent_->learner().set_profiling(true);
    }
    // 1. Act: epsilon-greedy on every env's observation, one batched forward.
    double t0 = monotonic();
    agent_->act(obs_.data(), num_envs_, actions.data());
    // 2. Step the envs. SAME_STEP autoreset: an env whose episode ended
    //    already shows the next episode's first observation; the final one
    //    is kept apart for the replay.
    double t1 = monotonic();
    envs_->step(actions);
    double t2 = monotonic();
    // 3. Remember: transitions into the replay, episode figures.
    remember(actions);
    counters_.step = agent_->curr_step();
    double t3 = monotonic();
    if (timing_) {
      act_seconds_ += t1 - t0;
      env_seconds_ += t2 - t1;
      cache_seconds_ += t3 - t2;
      ++timed_vector_steps_;
    }
    // 4. Learn: the updates and target syncs these steps owe.
    learn();
    // 5. Evaluate and checkpoint on schedule.
    if (config_.eval_every > 0 && counters_.step >= counters_.next_eval) {
      evaluate_now();
      counters_.next_eval += config_.eval_every;
    }
    if (counters_.step >= counters_.next_save) {
      checkpoint(false);
      counters_.next_save += config_.save_every;
    }
    progress(false);
  }
  result_.stopped = counters_.step < config_.total_steps &&
                    (config_.iterations == 0 || counters_.episodes < config_.iterations);
  // The process's last checkpoint, at a stop or at the budget's end:
  // save_replay = stop keeps the replay at either, so a finished run can be
  // extended (a larger total_steps on --resume) without refilling it. A
  // process that ends on a save step was checkpointed in the loop; then it
  // writes only the replay file that checkpoint owed.
  if (request_.write_files) {
    if (last_checkpoint_step_ != counters_.step)
      checkpoint(true);
    else if (config_.save_replay == "stop")
      write_replay();
  }
  progress(true);

  const double now = monotonic();
  result_.run_dir = run_dir_;
  result_.steps = counters_.step;
  result_.episodes = counters_.episodes;
  result_.updates = agent_->updates();
  result_.seconds = now - start_time_;
  if (timing_) {
    const double secs = now - timing_start_;
    result_.timed_steps = counters_.step - timing_start_step_;
    result_.sps = secs > 0 ? static_cast<double>(result_.timed_steps) / secs : 0;
    result_.ms_per_update = timed_updates_ ? 1e3 * update_seconds_ / timed_updates_ : 0;
    if (request_.profile_learner) {
      result_.learner_profile =
          agent_->learner().profile_report() + agent_->learner().describe_onednn();
      result_.learner_pass_gflops = agent_->learner().profiled_pass_gflops();
    }
    if (timed_vector_steps_) {
      result_.ms_act = 1e3 * act_seconds_ / timed_vector_steps_;
      result_.ms_env = 1e3 * env_seconds_ / timed_vector_steps_;
      result_.ms_cache = 1e3 * cache_seconds_ / timed_vector_steps_;
    }
  }
  return result_;
}

bool Trainer::budget_left() const {
  if (g_stop.load()) return false;
  if (counters_.step >= config_.total_steps) return false;
  if (config_.iterations > 0 && counters_.episodes >= config_.iterations) return false;
  if (request_.max_time > 0 && monotonic() - start_time_ >= request_.max_time) return false;
  if (request_.stop_at_step > 0 && counters_.step >= request_.stop_at_step) return false;
  return true;
}

void Trainer::remember(const std::vector<int>& actions) {
  const uint8_t* next_obs = envs_->observations_u8();
  const auto rewards = envs_->rewards();
  const auto terminated = envs_->terminations();
  const auto truncated = envs_->truncations();
  for (int i = 0; i < num_envs_; ++i) {
    const bool ended = envs_->ended_last_step(i);
    // The observation this step led to: the final one when the episode ended.
    const auto* next = ended ? static_cast<const uint8_t*>(envs_->final_observation(i))
                             : next_obs + i * obs_bytes_;
    agent_->cache(i, &obs_[i * obs_bytes_], next, actions[i], rewards[i], terminated[i],
                  truncated[i] && !terminated[i]);
    acc_[i].reward += rewards[i];
    acc_[i].length += 1;
    if (ended) finish_episode(i);
  }
  std::memcpy(obs_.data(), next_obs, obs_.size());
}

void Trainer::finish_episode(int env) {
  EpisodeAccumulator& a = acc_[env];
  EpisodeRecord r;
  r.episode = ++counters_.episodes;
  r.step = agent_->curr_step();
  r.env = env;
  r.length = static_cast<int32_t>(a.length);
  r.reward = static_cast<float>(a.reward);
  r.mean_loss = a.updates ? static_cast<float>(a.loss_sum / a.updates) : 0.f;
  r.mean_q = a.updates ? static_cast<float>(a.q_sum / a.updates) : 0.f;
  r.epsilon = static_cast<float>(agent_->exploration_rate());
  // RecordEpisodeStatistics sits under the life-loss wrapper: its episode is the full game.
  const gym::Info& info = envs_->final_info(env);
  if (info.episode) {
    r.game_return = static_cast<float>(info.episode->r);
    r.game_length = static_cast<int32_t>(info.episode->l);
    ++counters_.games;
  }
  r.wall_time = now_seconds();
  metrics_->log_episode(r);
  a = EpisodeAccumulator{};
}

void Trainer::learn() {
  const double t0 = monotonic();
  const LearnStats s = agent_->learn();
  if (s.updates == 0) return;
  if (timing_) {
    update_seconds_ += monotonic() - t0;
    timed_updates_ += s.updates;
  }
  // Each running episode saw these updates (the original's per-episode loss and Q).
  for (auto& a : acc_) {
    a.loss_sum += s.loss_sum;
    a.q_sum += s.q_sum;
    a.updates += s.updates;
  }
  metrics_->log_update(counters_.step, s.loss_sum / s.updates, s.q_sum / s.updates);
}

void Trainer::evaluate_now() {
  const double t0 = monotonic();
  LearnerQ q(agent_->learner());
  // The same seeds at every evaluation, apart from the training envs' (seed + i).
  const uint64_t seed = 1'000'000 + static_cast<uint64_t>(config_.seed) * 1000;
  const EvalSummary s =
      evaluate(q, config_, static_cast<int>(config_.eval_episodes), config_.eval_epsilon, seed);
  EvalRecord r;
  r.step = counters_.step;
  r.episodes = static_cast<int32_t>(s.games.size());
  r.mean = s.mean;
  r.std = s.std;
  r.min = s.min;
  r.max = s.max;
  r.median = s.median;
  r.wall_time = now_seconds();
  metrics_->log_eval(r);
  if (!request_.quiet) {
    out_ << "eval: step=" << r.step << " episodes=" << r.episodes << " mean=" << r.mean
         << " std=" << r.std << " min=" << r.min << " max=" << r.max << " median=" << r.median
         << " seconds=" << std::fixed << std::setprecision(1) << monotonic() - t0
         << std::defaultfloat << std::setprecision(6) << "\n"
         << std::flush;
  }
  if (request_.write_files && r.mean > counters_.best_eval) {
    counters_.best_eval = r.mean;
    counters_.best_eval_step = r.step;
    // Kept apart from the newest few, which are pruned.
    save_checkpoint(run_dir_ / "checkpoints" / "best.ckpt", snapshot());
    export_state_dict(agent_->learner().net(), run_dir_ / "best_model.pt");
  }
  // Evaluation time is not training time for the speed figures.
  if (timing_) timing_start_ += monotonic() - t0;
}

// ---------------------------------------------------------------------------
// Setup, resume, checkpoints.

void Trainer::setup() {
  start_time_ = monotonic();
  last_progress_ = start_time_;
  config_ = request_.config;
  std::optional<Checkpoint> ckpt;
  fs::path ckpt_file;
  if (request_.resume) {
    ckpt_file = find_checkpoint(*request_.resume);
    ckpt = load_checkpoint(ckpt_file);
    // The run's own config, with the changes a resume may make.
    config_ = config_from_json(ckpt->config_json, ckpt_file.string());
    const int64_t planned_steps = config_.total_steps;
    const int64_t planned_beta_horizon = config_.priority_beta_horizon();
    for (const auto& kv : request_.resume_overrides) {
      const std::string key = kv.substr(0, kv.find('='));
      if (std::find(kResumeKeys.begin(), kResumeKeys.end(), key) == kResumeKeys.end()) {
        std::string can;
        for (const auto& k : kResumeKeys) can += (can.empty() ? "" : ", ") + k;
        throw ConfigError("'" + key + "' cannot change on --resume (it would be another run); " +
                          "keys that can: " + can);
      }
      set_assignment(config_, kv);
    }
    // Extending (or shortening) a run must not move its past: beta's
    // horizon (total_steps unless set) stays where the run planned it.
    if (config_.total_steps != planned_steps && config_.priority_beta_steps == 0)
      config_.priority_beta_steps = planned_beta_horizon;
    const fs::path parent = ckpt_file.parent_path();
    run_dir_ = parent.filename() == "checkpoints" ? parent.parent_path() : parent;
  } else {
    run_dir_ = request_.run_dir
                   ? *request_.run_dir
                   : fs::path(config_.checkpoint_path) / run_name(config_, time_stamp());
  }
  validate(config_);
  torch::set_num_threads(static_cast<int>(config_.threads));

  // Files first: an unwritable folder is reported before anything runs.
  base::ensure_writable_dir(run_dir_);
  const int stale = base::remove_stale_temp_files(run_dir_);
  if (stale && !request_.quiet)
    out_ << "removed " << stale << " leftover temp file(s) of a killed run\n";
  if (request_.write_files) {
    base::ensure_writable_dir(run_dir_ / "checkpoints");
    base::write_file_atomic(run_dir_ / "config.json", to_json(config_));
  }

  envs_ = make_train_envs(config_);
  num_envs_ = envs_->num_envs();
  const auto& space = envs_->single_observation_space();
  if (space.shape.size() != 3 || space.shape[1] != 84 || space.shape[2] != 84)
    throw std::runtime_error("the agent needs (stack, 84, 84) observations, the env gives " +
                             space.str());
  StateDim dim{static_cast<int>(space.shape[0]), 84, 84};
  obs_bytes_ = dim.bytes();
  agent_ = std::make_unique<Agent>(dim, envs_->single_action_space().n, run_dir_,
                                   config_.iterations, config_);
  acc_.assign(num_envs_, {});
  obs_.resize(obs_bytes_ * num_envs_);

  if (!request_.quiet) {
    out_ << "device: cpu (this LibTorch has no CUDA), " << torch::get_num_threads()
         << " intra-op thread(s)\n";
    // Each (re)start names its machine: a run resumed several times may
    // train on several CPU models, and its speeds compare only on one.
    out_ << "cpu: " << base::this_cpu().str() << "\n";
    if (config_.learner_backend != "libtorch") {
      out_ << "learner: " << config_.learner_backend << " (oneDNN's "
           << (config_.learner_backend == "onednn_bf16" ? "bf16" : "fp32")
           << " primitives run the nets' passes)";
      if (!agent_->learner().uses_onednn())
        out_ << ": not for the dueling head, which runs on libtorch";
      else if (config_.precision == "bf16")
        out_ << "; precision = bf16 applies to libtorch's passes only: "
             << (config_.learner_backend == "onednn_bf16" ? "these run oneDNN's bf16"
                                                          : "these updates run in fp32");
      out_ << "\n";
    }
    out_ << "run: " << run_dir_.string() << "\n";
    out_ << "env: " << config_.env << " x" << num_envs_ << ", " << envs_->single_action_space().n
         << " actions, preset " << config_.preset << "\n";
  }

  if (ckpt) {
    resume_from(ckpt_file);
  } else {
    envs_->reset(static_cast<uint64_t>(config_.seed));
    std::memcpy(obs_.data(), envs_->observations_u8(), obs_.size());
    counters_.next_eval = config_.eval_every;
    counters_.next_save = config_.save_every;
    metrics_ = std::make_unique<MetricLogger>(run_dir_, config_.log_every);
  }
  timing_from_ = request_.timing_from >= 0 ? request_.timing_from : config_.burnin_steps();
  progress_step_ = counters_.step;
}

void Trainer::resume_from(const fs::path& file) {
  Checkpoint c = load_checkpoint(file);
  const std::string name = file.string();
  if (c.env_id != config_.env || c.action_dim != agent_->action_dim() ||
      c.in_channels != agent_->state_dim().stack || c.dueling != config_.dueling ||
      c.quantiles != config_.quantiles)
    throw CheckpointError(name + ": checkpoint of another env or net (" + c.env_id + ", " +
                          std::to_string(c.action_dim) + " actions)");
  if (c.accumulators.size() != static_cast<size_t>(num_envs_) ||
      c.observations.size() != obs_.size())
    throw CheckpointError(name + ": checkpoint of another number of envs");
  DoubleDqn& learner = agent_->learner();
  load_archive(
      c.nets, [&](auto& a) { learner.net()->load(a); }, name + ": nets");
  load_archive(
      c.optimizer, [&](auto& a) { learner.optimizer().load(a); }, name + ": optimizer");
  Agent::Counters ac;
  ac.curr_step = c.agent.curr_step;
  ac.learned_to = c.agent.learned_to;
  ac.updates = c.agent.updates;
  std::copy(std::begin(c.agent.rng), std::end(c.agent.rng), ac.rng.begin());
  ac.max_priority = c.agent.max_priority;
  ac.learning_starts = c.agent.learning_starts;
  agent_->set_counters(ac);
  counters_ = c.trainer;
  acc_ = c.accumulators;
  obs_ = c.observations;
  try {
    emu::StateReader reader(c.envs);
    envs_->load_state(reader);
  } catch (const std::exception& e) {
    throw CheckpointError(name + ": environment state: " + e.what());
  }
  // The replay: saved at this very step, or refilled (learning waits burnin steps).
  const fs::path replay = run_dir_ / "replay.bin";
  const int64_t replay_step = replay_file_step(replay);
  if (replay_step == counters_.step) {
    load_replay(replay, agent_->replay(), agent_->prioritized());
    if (!request_.quiet) out_ << "replay: restored from " << replay.string() << "\n";
  } else {
    agent_->set_learning_starts(counters_.step + config_.burnin_steps());
    if (!request_.quiet)
      out_ << "replay: not saved with this checkpoint; refilling it, learning resumes at step "
           << counters_.step + config_.burnin_steps() << "\n";
  }
  metrics_ = std::make_unique<MetricLogger>(run_dir_, config_.log_every, c.metrics, counters_.step);
  if (!request_.quiet) out_ << "resumed: " << name << " at step " << counters_.step << "\n";
}

std::vector<uint8_t> Trainer::env_state() const {
  emu::StateWriter w;
  envs_->save_state(w);
  return std::move(w.bytes());
}

Checkpoint Trainer::snapshot() {
  Checkpoint c;
  c.config_json = to_json(config_);
  c.env_id = config_.env;
  c.action_dim = agent_->action_dim();
  c.in_channels = agent_->state_dim().stack;
  c.dueling = config_.dueling;
  c.quantiles = static_cast<int32_t>(config_.quantiles);
  c.trainer = counters_;
  c.trainer.elapsed += monotonic() - start_time_;
  const Agent::Counters ac = agent_->counters();
  c.agent.curr_step = ac.curr_step;
  c.agent.learned_to = ac.learned_to;
  c.agent.updates = ac.updates;
  std::copy(ac.rng.begin(), ac.rng.end(), std::begin(c.agent.rng));
  c.agent.max_priority = ac.max_priority;
  c.agent.learning_starts = ac.learning_starts;
  c.accumulators = acc_;
  DoubleDqn& learner = agent_->learner();
  c.nets = archive_bytes([&](auto& a) { learner.net()->save(a); });
  c.optimizer = archive_bytes([&](auto& a) { learner.optimizer().save(a); });
  c.metrics = metrics_->history();
  c.envs = env_state();
  c.observations = obs_;
  return c;
}

void Trainer::checkpoint(bool last) {
  if (!request_.write_files) return;
  metrics_->flush();
  const fs::path dir = run_dir_ / "checkpoints";
  const fs::path file = dir / checkpoint_name(counters_.step);
  save_checkpoint(file, snapshot());
  prune_checkpoints(dir, config_.keep_checkpoints);
  export_state_dict(agent_->learner().net(), run_dir_ / "model.pt");
  if (config_.save_replay == "always" || (last && config_.save_replay == "stop")) write_replay();
  metrics_->plot();
  result_.last_checkpoint = file;
  last_checkpoint_step_ = counters_.step;
  if (!request_.quiet) out_ << "checkpoint: " << file.string() << "\n" << std::flush;
}

void Trainer::write_replay() {
  if (!request_.quiet) out_ << "saving the replay...\n" << std::flush;
  save_replay(run_dir_ / "replay.bin", agent_->replay(), agent_->prioritized(), counters_.step);
}

void Trainer::progress(bool force) {
  const double now = monotonic();
  // Logs reach the disk every 30 s, so TensorBoard and tail -f follow a run.
  if (now - last_flush_ >= 30) {
    metrics_->flush();
    last_flush_ = now;
  }
  if (request_.quiet) return;
  const double interval = request_.progress_tty ? 1.0 : 60.0;
  if (!force && now - last_progress_ < interval) return;
  const double sps = (counters_.step - progress_step_) / std::max(now - last_progress_, 1e-9);
  last_progress_ = now;
  progress_step_ = counters_.step;
  const double left = sps > 0 ? (config_.total_steps - counters_.step) / sps : 0;
  char buf[256];
  const double game = metrics_->mean_game_return();
  std::snprintf(buf, sizeof buf,
                "step %lld/%lld  episodes %lld  return(100) %.1f  game(100) %s  eps %.3f  %.0f "
                "steps/s  ETA %dh%02dm",
                static_cast<long long>(counters_.step), static_cast<long long>(config_.total_steps),
                static_cast<long long>(counters_.episodes), metrics_->mean_reward(),
                std::isnan(game) ? "-" : std::to_string(static_cast<int>(game)).c_str(),
                agent_->exploration_rate(), sps, static_cast<int>(left / 3600),
                static_cast<int>(left / 60) % 60);
  if (request_.progress_tty)
    out_ << "\r" << buf << "\x1b[K" << (force ? "\n" : "") << std::flush;
  else
    out_ << buf << "\n" << std::flush;
}

}  // namespace

TrainResult train(const TrainRequest& request, std::ostream& out) {
  g_stop.store(false);
  Trainer trainer(request, out);
  return trainer.run();
}

void request_stop() {
  g_stop.store(true);
}

void install_stop_signals() {
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  // The handler only sets a flag the loop polls: restart interrupted system
  // calls, so no library (LibTorch's file writes, PLplot, zlib) sees an EINTR
  // it may not retry.
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

std::string run_name(const Config& c, const std::string& stamp) {
  std::string env = c.env;
  for (char& ch : env)
    if (ch == '/') ch = '_';
  return env + "__" + c.preset + "__" + std::to_string(c.seed) + "__" + stamp;
}

}  // namespace ag::agent
