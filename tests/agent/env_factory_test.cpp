// The env stacks the agent trains and evaluates on: which wrappers, in which
// order, and what fire_reset does on a game that waits for FIRE.
#include "agent/env_factory.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "agent/config.hpp"

namespace ag::agent {
namespace {

int position(const std::vector<std::string>& specs, const std::string& prefix) {
  for (size_t i = 0; i < specs.size(); ++i)
    if (specs[i].rfind(prefix, 0) == 0) return static_cast<int>(i);
  return -1;
}

TEST(EnvFactory, FireResetSitsAboveEpisodicLifeInTrainingAndAloneInEvaluation) {
  Config c = preset_config("tuned");
  c.life_loss = "terminal";
  c.fire_reset = false;
  EXPECT_EQ(position(wrapper_specs(c, EnvPurpose::kTrain), "fire-reset"), -1);

  c.fire_reset = true;
  const auto train = wrapper_specs(c, EnvPurpose::kTrain);
  // Above EpisodicLife: the NOOP-continued reset after a lost life fires too.
  EXPECT_EQ(position(train, "fire-reset"), position(train, "episodic-life") + 1);
  EXPECT_LT(position(train, "fire-reset"), position(train, "frame-stack"));
  const auto eval = wrapper_specs(c, EnvPurpose::kEval);
  EXPECT_EQ(position(eval, "episodic-life"), -1);
  EXPECT_GE(position(eval, "fire-reset"), 0);
}

// Breakout waits for FIRE to serve a ball. An agent that never presses it
// never loses a life without fire_reset; with it, every life's ball is served
// and missed by a paddle that does not move.
int life_episodes_of_noops(bool fire_reset, int steps) {
  Config c = preset_config("tuned");
  c.env = "ALE/Breakout-v5";
  c.repeat_action_probability = 0;
  c.life_loss = "terminal";
  c.fire_reset = fire_reset;
  auto env = make_env(c, EnvPurpose::kTrain);
  env->reset(7);
  int ended = 0;
  for (int t = 0; t < steps; ++t) {
    const gym::StepResult s = env->step(0);
    if (s.terminated || s.truncated) {
      ++ended;
      env->reset();
    }
  }
  return ended;
}

TEST(EnvFactory, FireResetServesEveryLifeOfAGameThatWaitsForFire) {
  EXPECT_EQ(life_episodes_of_noops(false, 2000), 0);
  // 5 lives a game, each served and lost within a few hundred steps.
  EXPECT_GE(life_episodes_of_noops(true, 2000), 5);
}

}  // namespace
}  // namespace ag::agent
