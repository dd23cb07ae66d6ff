#include "gym/skip_frame.hpp"

namespace ag::gym {

SkipFrame::SkipFrame(std::unique_ptr<Env> env, int skip) : Wrapper(std::move(env)), skip_(skip) {
  if (skip_ <= 0) throw GymError("SkipFrame: skip must be positive, got " + std::to_string(skip_));
}

StepResult SkipFrame::do_step(int action) {
  StepResult out = inner_->step(action);
  for (int i = 1; i < skip_ && !out.terminated && !out.truncated; ++i) {
    const double total = out.reward;
    out = inner_->step(action);
    out.reward += total;
  }
  return out;
}

void SkipFrame::save_state(emu::StateWriter& out) const {
  put_state_tag(out, "SkipFrame");
  out.put<int32_t>(skip_);
  inner_->save_state(out);
}

void SkipFrame::load_state(emu::StateReader& raw) {
  EnvStateReader in(raw, *this);
  in.expect_tag("SkipFrame");
  in.expect_same("skip", int32_t{skip_});
  inner_->load_state(raw);
}

}  // namespace ag::gym
