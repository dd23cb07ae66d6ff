#include "gym/clip_reward.hpp"

#include <algorithm>

namespace ag::gym {

ClipReward::ClipReward(std::unique_ptr<Env> env, double min_reward, double max_reward)
    : Wrapper(std::move(env)), min_(min_reward), max_(max_reward) {
  if (!(min_ <= max_))
    throw GymError("ClipReward: max_reward (" + std::to_string(max_) +
                   ") must not be below min_reward (" + std::to_string(min_) + ")");
}

StepResult ClipReward::do_step(int action) {
  StepResult s = inner_->step(action);
  s.info.raw_reward = s.reward;
  s.reward = std::clamp(s.reward, min_, max_);
  return s;
}

void ClipReward::save_state(emu::StateWriter& out) const {
  put_state_tag(out, "ClipReward");
  out.put(min_), out.put(max_);
  inner_->save_state(out);
}

void ClipReward::load_state(emu::StateReader& raw) {
  EnvStateReader in(raw, *this);
  in.expect_tag("ClipReward");
  in.expect_same("min_reward", min_);
  in.expect_same("max_reward", max_);
  inner_->load_state(raw);
}

}  // namespace ag::gym
