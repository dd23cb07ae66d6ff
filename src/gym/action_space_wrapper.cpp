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

void ActionSpaceWrapper::save_state(emu::StateWriter& out) const {
  put_state_tag(out, "ActionSpaceWrapper");
  out.put<uint32_t>(static_cast<uint32_t>(allowed_.size()));
  for (int a : allowed_) out.put<int32_t>(a);
  inner_->save_state(out);
}

void ActionSpaceWrapper::load_state(emu::StateReader& raw) {
  EnvStateReader in(raw, *this);
  in.expect_tag("ActionSpaceWrapper");
  in.expect_same("number of allowed actions", static_cast<uint32_t>(allowed_.size()));
  for (size_t i = 0; i < allowed_.size(); ++i) {
    const std::string what = "allowed action " + std::to_string(i);
    in.expect_same(what.c_str(), int32_t{allowed_[i]});
  }
  inner_->load_state(raw);
}

}  // namespace ag::gym
