// A pass-through wrapper placed directly on the Atari env, under
// AtariPreprocessing: it sees every emulator frame (the frames a frame skip
// steps over, and the no-ops and FIRE of a reset) and hands each one, at the
// game's own resolution, to a callback. watch and record show what the agent
// plays through it; it changes nothing the env returns, so a game with a tap
// is the same game as without one (tests/agent/agent_game_test.cpp).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "gym/env.hpp"

namespace ag::agent {

struct Frame {
  const uint8_t* rgb = nullptr;  // height x width x 3, the game's own screen (ALE's getScreenRGB)
  int height = 0, width = 0;
  int64_t episode_frame = 0;  // frames since the game's reset
  double score = 0;           // the game's rewards so far (unclipped)
  int lives = 0;
};

class FrameTap final : public gym::Wrapper {
 public:
  using Callback = std::function<void(const Frame&)>;
  // `env` must be an Atari env (or have one underneath); throws GymError otherwise.
  FrameTap(std::unique_ptr<gym::Env> env, Callback on_frame);
  std::string name() const override { return wrap_name("FrameTap"); }

 protected:
  gym::ResetResult do_reset(std::optional<uint64_t> seed, const gym::Options& options) override;
  gym::StepResult do_step(int action) override;

 private:
  void emit(const gym::Info& info);

  Callback on_frame_;
  gym::AtariBackend& backend_;
  std::vector<uint8_t> rgb_;
  double score_ = 0;
};

}  // namespace ag::agent
