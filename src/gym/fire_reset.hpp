// Baselines' FireResetEnv: games that wait for FIRE to start get FIRE (action
// 1) then action 2 after every reset, each followed by a reset if it ended
// the episode. Requires the unwrapped env's action 1 to be FIRE and at least
// 3 actions. The observation is the env's current one after that sequence;
// the info is the last step's (or reset's) rather than baselines' empty dict.
#pragma once

#include <memory>

#include "gym/env.hpp"

namespace ag::gym {

class FireReset final : public Wrapper {
 public:
  // Throws GymError when the action set has no FIRE at index 1 or fewer than 3 actions.
  explicit FireReset(std::unique_ptr<Env> env);
  std::string name() const override { return wrap_name("FireReset"); }
  // No state of its own: Wrapper's save_state/load_state (tag, inner env).

 protected:
  ResetResult do_reset(std::optional<uint64_t> seed, const Options& options) override;
};

}  // namespace ag::gym
