#include "gym/frame_stack_observation.hpp"

#include <cstring>

namespace ag::gym {

namespace {

std::unique_ptr<Env> checked_env(std::unique_ptr<Env> env, int n) {
  if (!env) throw GymError("FrameStackObservation: no environment to wrap");
  if (n <= 0)
    throw GymError(
        "FrameStackObservation: the stack_size needs to be greater than zero, actual "
        "value: " +
        std::to_string(n));
  return env;
}

}  // namespace

FrameStackObservation::FrameStackObservation(std::unique_ptr<Env> env, int stack_size,
                                             StackPadding padding)
    : Wrapper(checked_env(std::move(env), stack_size), OwnObservation{}),
      stack_size_(stack_size),
      padding_(padding),
      frame_bytes_(inner_->observation_space().num_bytes()),
      ring_(frame_bytes_ * stack_size, 0) {
  observation_space_.shape.insert(observation_space_.shape.begin(), stack_size_);
}

void FrameStackObservation::push_inner() {
  head_ = (head_ + 1) % stack_size_;
  std::memcpy(ring_.data() + head_ * frame_bytes_, inner_->observation_data(), frame_bytes_);
  obs_stale_ = true;
}

ResetResult FrameStackObservation::do_reset(std::optional<uint64_t> seed, const Options& options) {
  ResetResult r = inner_->reset(seed, options);
  const uint8_t* obs = static_cast<const uint8_t*>(r.obs.data());
  // stack_size - 1 paddings, then the reset observation.
  for (int i = 0; i < stack_size_; ++i) {
    uint8_t* slot = ring_.data() + i * frame_bytes_;
    if (padding_ == StackPadding::kReset || i == stack_size_ - 1)
      std::memcpy(slot, obs, frame_bytes_);
    else
      std::memset(slot, 0, frame_bytes_);
  }
  head_ = stack_size_ - 1;
  obs_stale_ = true;
  return {observation(), r.info};
}

StepResult FrameStackObservation::do_step(int action) {
  StepResult s = inner_->step(action);
  push_inner();
  s.obs = observation();
  return s;
}

void FrameStackObservation::save_state(emu::StateWriter& out) const {
  put_state_tag(out, "FrameStackObservation");
  out.put<int32_t>(stack_size_);
  out.put<int32_t>(static_cast<int32_t>(padding_));
  out.put<int32_t>(head_);
  out.put_bytes(ring_.data(), ring_.size());
  inner_->save_state(out);
}

void FrameStackObservation::load_state(emu::StateReader& raw) {
  EnvStateReader in(raw, *this);
  in.expect_tag("FrameStackObservation");
  in.expect_same("stack_size", int32_t{stack_size_});
  in.expect_same("padding", static_cast<int32_t>(padding_));
  const int head = in.get<int32_t>();
  if (head < 0 || head >= stack_size_) in.fail("corrupt state: head " + std::to_string(head));
  std::vector<uint8_t> ring = in.get_bytes(ring_.size(), "the frame stack");
  inner_->load_state(raw);
  head_ = head;
  ring_ = std::move(ring);
  obs_stale_ = true;
}

const void* FrameStackObservation::render_observation() {
  uint8_t* out = static_cast<uint8_t*>(obs_buffer());
  if (obs_stale_) {
    for (int i = 0; i < stack_size_; ++i) {
      const int slot = (head_ + 1 + i) % stack_size_;  // oldest first
      std::memcpy(out + i * frame_bytes_, ring_.data() + slot * frame_bytes_, frame_bytes_);
    }
    obs_stale_ = false;
  }
  return out;
}

}  // namespace ag::gym
