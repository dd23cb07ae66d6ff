// Evaluation: full games (all lives, no life-loss terminal) with
// epsilon-greedy actions. Game i is reset with seed + i and draws its epsilon
// decisions from its own RNG seeded from seed + i, so a game's result does
// not depend on how many are played or in which order. One observation per
// forward (batch 1): eval, watch and record share this inference path.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "agent/config.hpp"
#include "gym/options.hpp"

namespace ag::agent {

// Q-values of observations [n, stack, 84, 84] uint8 -> out[n * actions()].
class QFunction {
 public:
  virtual ~QFunction() = default;
  virtual int actions() const = 0;
  virtual void q_values(const uint8_t* obs, int n, float* out) = 0;
};

struct EvalGame {
  int index = 0;
  uint64_t seed = 0;
  double score = 0;
  int64_t steps = 0;   // agent steps
  int64_t frames = 0;  // emulator frames
  bool truncated = false;
  bool stopped = false;  // ended early by the caller (watch's quit), not by the game
  std::vector<int64_t> action_counts;  // how often each action was taken
};

struct EvalSummary {
  std::vector<EvalGame> games;
  double mean = 0, std = 0, min = 0, max = 0, median = 0;
};

EvalSummary summarize(std::vector<EvalGame> games);

// `extra` overrides the env's options (e.g. repeat_action_probability=0).
EvalSummary evaluate(QFunction& q, const Config& config, int episodes, double epsilon,
                     uint64_t seed, const gym::Options& extra = {},
                     const std::function<void(const EvalGame&)>& on_game = {});

// One line that says how the games are played (for eval's first line).
std::string protocol_text(const Config& config, int episodes, double epsilon, uint64_t seed,
                          const gym::Options& extra);

}  // namespace ag::agent
