// A synthetic env whose optimal policy and return are known, for testing
// that an agent learns (tests/agent/learning_test.cpp): an 84x84 grayscale
// picture of a corridor of 10 cells with the agent as a white block.
//
//   actions: 0 = left, 1 = right, 2 = stay
//   start:   cell 1, 2 or 3 (np_random)
//   cell 0:  reward +0.2, terminated (a near, small prize)
//   cell 9:  reward +1, terminated (a far, large one)
//   30 steps without reaching an end: truncated
//
// Optimal: always right, return 1 from every start. Discounting matters: a
// learner that does not propagate value over several steps (gamma 0, a target
// net never synced) finds the goal only by chance and tends to the near prize.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gym/env.hpp"

namespace ag::gym {

class CorridorEnv final : public Env {
 public:
  static constexpr int kCells = 10, kMaxSteps = 30;
  static constexpr const char* kId = "atari-gym/Corridor-v0";
  CorridorEnv();

  std::vector<std::string> action_meanings() const override { return {"LEFT", "RIGHT", "NOOP"}; }
  Env& unwrapped() override { return *this; }
  std::string name() const override { return "CorridorEnv"; }
  int position() const { return pos_; }
  void save_state(emu::StateWriter& out) const override;
  void load_state(emu::StateReader& in) override;

 protected:
  ResetResult do_reset(std::optional<uint64_t> seed, const Options& options) override;
  StepResult do_step(int action) override;
  const void* render_observation() override;

 private:
  NpRandom rng_;
  int pos_ = 2;
  int steps_ = 0;
};

}  // namespace ag::gym
