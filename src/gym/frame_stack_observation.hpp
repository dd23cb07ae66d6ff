// Gymnasium's FrameStackObservation (gymnasium/wrappers/stateful_observation.py):
// the last stack_size observations, oldest first, shape [stack_size, *inner].
// At reset the stack is filled with padding then the reset observation:
// padding "reset" (the default) repeats the reset observation, "zero" uses zeros.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "gym/env.hpp"

namespace ag::gym {

enum class StackPadding { kReset, kZero };

class FrameStackObservation final : public Wrapper {
 public:
  // Throws GymError for stack_size <= 0.
  FrameStackObservation(std::unique_ptr<Env> env, int stack_size,
                        StackPadding padding = StackPadding::kReset);

  std::string name() const override { return wrap_name("FrameStackObservation"); }
  int stack_size() const { return stack_size_; }

  // stack_size, padding, the ring of frames and its head, then the inner env.
  void save_state(emu::StateWriter& out) const override;
  void load_state(emu::StateReader& in) override;

 protected:
  ResetResult do_reset(std::optional<uint64_t> seed, const Options& options) override;
  StepResult do_step(int action) override;
  const void* render_observation() override;

 private:
  // Copies the inner env's current observation into the ring as the newest frame.
  void push_inner();

  int stack_size_;
  StackPadding padding_;
  size_t frame_bytes_;
  // Ring of frames: the newest is at head_, the oldest at head_ + 1 (mod stack_size).
  std::vector<uint8_t> ring_;
  int head_ = 0;
};

}  // namespace ag::gym
