// The original project's ActionSpaceWrapper: the agent chooses among a list
// of allowed actions; action i is the inner env's allowed_actions[i].
// action_space becomes Discrete(len(allowed_actions)).
#pragma once

#include <memory>
#include <vector>

#include "gym/env.hpp"

namespace ag::gym {

class ActionSpaceWrapper final : public Wrapper {
 public:
  // Throws GymError for an empty list or an action outside the inner env's action space.
  ActionSpaceWrapper(std::unique_ptr<Env> env, std::vector<int> allowed_actions);
  std::string name() const override { return wrap_name("ActionSpaceWrapper"); }
  std::vector<std::string> action_meanings() const override;
  const std::vector<int>& allowed_actions() const { return allowed_; }
  // The allowed list (must match), then the inner env.
  void save_state(emu::StateWriter& out) const override;
  void load_state(emu::StateReader& in) override;

 protected:
  StepResult do_step(int action) override { return inner_->step(allowed_[action]); }

 private:
  std::vector<int> allowed_;
};

}  // namespace ag::gym
