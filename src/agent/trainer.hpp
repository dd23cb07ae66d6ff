// `atari-gym train`: the training loop (trainer.cpp reads top to bottom:
// act, step the envs, remember, learn, evaluate, checkpoint), its run folder
// and its resume. LibTorch-free header: the CLI includes it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "agent/config.hpp"

namespace ag::agent {

struct TrainRequest {
  Config config;
  // A run folder (its newest checkpoint) or a checkpoint file to continue.
  std::optional<std::filesystem::path> resume;
  // key=value changes allowed on resume (the budget, threads, schedules of
  // checkpoints and evaluations; not what would make another run).
  std::vector<std::string> resume_overrides;
  double max_time = 0;  // seconds of wall clock, then checkpoint and stop; 0 = none
  // Stop as an interrupted run does (checkpoint, replay if save_replay=stop)
  // once this step is reached; 0 = none. The schedules still see total_steps.
  int64_t stop_at_step = 0;
  // Where the run goes; default <checkpoint_path>/<env>__<preset>__<seed>__<time>.
  std::optional<std::filesystem::path> run_dir;
  bool progress_tty = false;     // a live progress line instead of log lines
  bool quiet = false;            // no progress output (tests, bench)
  bool write_files = true;       // bench: no checkpoints, plots or exports
  int64_t timing_from = -1;      // bench: measure from this step (default: the end of burn-in)
  bool profile_learner = false;  // bench --profile: time the update's parts
};

struct TrainResult {
  std::filesystem::path run_dir, last_checkpoint;
  int64_t steps = 0, episodes = 0, updates = 0;
  bool stopped = false;  // by a signal or max_time (a checkpoint was written)
  double seconds = 0;
  // Measured from timing_from (or the end of burn-in) to the end:
  double sps = 0;            // agent steps per second of wall clock
  double ms_per_update = 0;  // mean wall time of one update (sample .. optimizer step)
  double ms_act = 0, ms_env = 0, ms_cache = 0;  // per vector step
  int64_t timed_steps = 0;
  std::string learner_profile;     // profile_learner: ms per update of each part, and the kernels
  double learner_pass_gflops = 0;  // profile_learner: the net passes' FLOP rate (0: not counted)
};

// Throws ConfigError / CheckpointError / std::runtime_error with a one-line
// message naming the problem (bad key, corrupt checkpoint, unwritable folder,
// missing ROM).
TrainResult train(const TrainRequest& request, std::ostream& out);

// Asks a running train() to finish its update, checkpoint and return
// (async-signal-safe: sets a flag).
void request_stop();
// SIGINT and SIGTERM call request_stop().
void install_stop_signals();

// "ALE_SpaceInvaders-v5__tuned__1__20261206-031500"
std::string run_name(const Config& config, const std::string& time_stamp);

}  // namespace ag::agent
