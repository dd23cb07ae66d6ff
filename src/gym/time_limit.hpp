// Gymnasium's TimeLimit: truncated = true once max_episode_steps steps have
// been taken since the last reset (elapsed >= max_episode_steps). Terminated
// is left as the env says: running out of time is not the end of the MDP.
#pragma once

#include <memory>

#include "gym/env.hpp"

namespace ag::gym {

class TimeLimit final : public Wrapper {
 public:
  // Throws GymError for max_episode_steps <= 0.
  TimeLimit(std::unique_ptr<Env> env, int max_episode_steps);
  std::string name() const override { return wrap_name("TimeLimit"); }
  int max_episode_steps() const { return max_steps_; }
  int elapsed_steps() const { return elapsed_; }
  // max_episode_steps (must match) and the elapsed steps, then the inner env.
  void save_state(emu::StateWriter& out) const override;
  void load_state(emu::StateReader& in) override;

 protected:
  ResetResult do_reset(std::optional<uint64_t> seed, const Options& options) override;
  StepResult do_step(int action) override;

 private:
  int max_steps_;
  int elapsed_ = 0;
};

}  // namespace ag::gym
