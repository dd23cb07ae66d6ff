// Gymnasium's ClipReward: reward clipped to [min_reward, max_reward]
// (default [-1, 1], DeepMind's reward clipping for Atari). The reward before
// clipping is kept in info.raw_reward.
#pragma once

#include <memory>

#include "gym/env.hpp"

namespace ag::gym {

class ClipReward final : public Wrapper {
 public:
  // Throws GymError when max_reward < min_reward.
  explicit ClipReward(std::unique_ptr<Env> env, double min_reward = -1.0, double max_reward = 1.0);
  std::string name() const override { return wrap_name("ClipReward"); }
  // The bounds (must match), then the inner env.
  void save_state(emu::StateWriter& out) const override;
  void load_state(emu::StateReader& in) override;

 protected:
  StepResult do_step(int action) override;

 private:
  double min_, max_;
};

}  // namespace ag::gym
