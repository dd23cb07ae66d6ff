#include "gym/time_limit.hpp"

namespace ag::gym {

TimeLimit::TimeLimit(std::unique_ptr<Env> env, int max_episode_steps)
    : Wrapper(std::move(env)), max_steps_(max_episode_steps) {
  if (max_steps_ <= 0)
    throw GymError("TimeLimit: expect the max_episode_steps to be positive, actually: " +
                   std::to_string(max_steps_));
}

ResetResult TimeLimit::do_reset(std::optional<uint64_t> seed, const Options& options) {
  elapsed_ = 0;
  return inner_->reset(seed, options);
}

StepResult TimeLimit::do_step(int action) {
  StepResult s = inner_->step(action);
  if (++elapsed_ >= max_steps_) s.truncated = true;
  return s;
}

void TimeLimit::save_state(emu::StateWriter& out) const {
  put_state_tag(out, "TimeLimit");
  out.put<int32_t>(max_steps_);
  out.put<int32_t>(elapsed_);
  inner_->save_state(out);
}

void TimeLimit::load_state(emu::StateReader& raw) {
  EnvStateReader in(raw, *this);
  in.expect_tag("TimeLimit");
  in.expect_same("max_episode_steps", int32_t{max_steps_});
  const int elapsed = in.get<int32_t>();
  if (elapsed < 0) in.fail("corrupt state: " + std::to_string(elapsed) + " elapsed steps");
  inner_->load_state(raw);
  elapsed_ = elapsed;
}

}  // namespace ag::gym
