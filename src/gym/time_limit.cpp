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

}  // namespace ag::gym
