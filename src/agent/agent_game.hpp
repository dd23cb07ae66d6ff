// One full game of a trained agent, the way eval plays it: a fresh env
// stack (EnvPurpose::kEval), reset with the game's seed, epsilon-greedy
// decisions drawn from the game's own RNG, one observation per forward.
// eval, watch and record all play through play_game(), so a game watched or
// recorded with seed S is the game eval scores with seed S.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "agent/config.hpp"
#include "agent/evaluator.hpp"
#include "agent/frame_tap.hpp"
#include "gym/options.hpp"

namespace ag::agent {

// What the agent did at one step, for displays (watch's Q-value panel).
struct AgentDecision {
  int64_t step = 0;              // agent steps into the game, from 0
  int action = 0;                // index in the env's action space
  bool random = false;           // an epsilon draw, not the greedy action
  const float* q = nullptr;      // actions() Q-values, or nullptr for a random action
  int actions = 0;
};

struct GameHooks {
  // Every emulator frame, from the reset's first to the game's last (see frame_tap.hpp).
  FrameTap::Callback on_frame;
  // Each decision, before the env steps with it.
  std::function<void(const AgentDecision&)> on_decision;
  // Polled after each agent step: true ends the game early (EvalGame::stopped).
  std::function<bool()> should_stop;
};

// Game `index` of an evaluation with base seed `seed`: reset with seed + index.
// Throws std::runtime_error when the model's action count differs from the env's.
EvalGame play_game(QFunction& q, const Config& config, int index, uint64_t seed, double epsilon,
                   const gym::Options& extra = {}, const GameHooks& hooks = {});

}  // namespace ag::agent
