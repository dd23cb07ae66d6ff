// The original project's SkipFrame: repeat the action `skip` times, summing
// rewards, stopping early when an inner step ends the episode; returns the
// last inner step's observation and info. (The original stopped on
// terminated only; this also stops on truncated, since stepping past a
// truncation is not allowed.) No max-pooling: see AtariPreprocessing for that.
#pragma once

#include <memory>

#include "gym/env.hpp"

namespace ag::gym {

class SkipFrame final : public Wrapper {
 public:
  // Throws GymError for skip <= 0.
  SkipFrame(std::unique_ptr<Env> env, int skip);
  std::string name() const override { return wrap_name("SkipFrame"); }
  int skip() const { return skip_; }
  // skip (must match), then the inner env.
  void save_state(emu::StateWriter& out) const override;
  void load_state(emu::StateReader& in) override;

 protected:
  StepResult do_step(int action) override;

 private:
  int skip_;
};

}  // namespace ag::gym
