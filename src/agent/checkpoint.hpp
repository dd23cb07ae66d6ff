// A checkpoint holds the whole trainer, so --resume continues exactly where
// the run stopped: the resolved config, the nets and the optimizer (LibTorch
// archives), the step counters and every RNG, the metric history, the
// environments' state (emulators with their RNGs and every wrapper's state)
// and the observations the agent acts on next.
//
// File format: "AGCKPT\0\1" (magic + format version 1), then sections
// (name, uint64 size, CRC-32 of the bytes, bytes), then an "end" section.
// A reader checks each section's CRC, so a truncated or corrupted file is
// reported with the file's name and the section that is wrong.
//
// Compatibility (runs are resumed by newer builds): plain structs are stored
// as their bytes, so fields are only ever added at the end of
// TrainerCounters / AgentCounters (older files leave them at their
// defaults); the records kept in vectors (EpisodeAccumulator, EpisodeRecord,
// EvalRecord) never change layout: a new layout needs a new section name. Written
// atomically (temp + rename). The replay, when saved, is a file of its own
// (replay.bin beside the checkpoints), tied to a checkpoint by its step.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "agent/metrics.hpp"

namespace ag::agent {

struct CheckpointError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Per-env running episode: what the episode's record will need.
struct EpisodeAccumulator {
  double reward = 0;
  int64_t length = 0;
  double loss_sum = 0, q_sum = 0;
  int64_t updates = 0;
};

// The trainer loop's own counters (plain data).
struct TrainerCounters {
  int64_t step = 0;
  int64_t episodes = 0;
  int64_t games = 0;
  int64_t next_eval = 0;  // step of the next evaluation
  int64_t next_save = 0;
  double elapsed = 0;  // wall seconds of training before this checkpoint
  double best_eval = -1e300;
  int64_t best_eval_step = -1;
};

// The agent's counters (Agent::Counters without LibTorch).
struct AgentCounters {
  int64_t curr_step = 0, learned_to = 0, updates = 0;
  uint64_t rng[4] = {};
  double max_priority = 1.0;
  int64_t learning_starts = -1;  // -1: burnin (a resume without its replay sets it later)
};

struct Checkpoint {
  std::string config_json;
  std::string env_id;  // what a checkpoint must match to be loaded into a net
  int32_t action_dim = 0;
  int32_t in_channels = 0;
  bool dueling = false;
  int32_t quantiles = 1;
  TrainerCounters trainer;
  AgentCounters agent;
  std::vector<EpisodeAccumulator> accumulators;
  std::string nets, optimizer;  // LibTorch archives (OutputArchive::save_to)
  MetricHistory metrics;
  std::vector<uint8_t> envs;          // VectorEnv::save_state
  std::vector<uint8_t> observations;  // [num_envs, stack, 84, 84]
};

void save_checkpoint(const std::filesystem::path& file, const Checkpoint& checkpoint);
// Throws CheckpointError naming the file and the problem.
Checkpoint load_checkpoint(const std::filesystem::path& file);

// "step_000500000.ckpt"
std::string checkpoint_name(int64_t step);
// The newest checkpoint of a run folder (its checkpoints/ folder), or a file
// as given; throws CheckpointError when there is none.
std::filesystem::path find_checkpoint(const std::filesystem::path& run_or_file);
// Removes all but the newest `keep` step_*.ckpt files in `dir`.
void prune_checkpoints(const std::filesystem::path& dir, int64_t keep);

}  // namespace ag::agent
