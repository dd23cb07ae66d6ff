#include "gym/action_space_wrapper.hpp"

namespace ag::gym {

ActionSpaceWrapper::ActionSpaceWrapper(std::unique_ptr<Env> env, std::vector<int> allowed_actions)
    : Wrapper(std::move(env)), allowed_(std::move(allowed_actions)) {
  if (allowed_.empty()) throw GymError("ActionSpaceWrapper: the list of allowed actions is empty");
  for (int a : allowed_)
    if (!inner_->action_space().contains(a))
      throw GymError("ActionSpaceWrapper: allowed action " + std::to_string(a) + " is outside " +
                     inner_->name() + "'s action space " + inner_->action_space().str());
  action_space_ = Discrete{static_cast<int>(allowed_.size())};
}

std::vector<std::string> ActionSpaceWrapper::action_meanings() const {
  const auto inner = inner_->action_meanings();
  std::vector<std::string> out;
  for (int a : allowed_) out.push_back(inner.at(a));
  return out;
}

}  // namespace ag::gym
