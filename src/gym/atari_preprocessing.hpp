// Gymnasium's AtariPreprocessing (gymnasium/wrappers/atari_preprocessing.py),
// with its exact step and reset semantics:
// - reset: inner reset, then np_random.integers(1, noop_max + 1) NOOP steps
//   (action 0) drawn from the unwrapped env's np_random; an episode that ends
//   during them is reset again (with the same seed and options).
// - step: frame_skip inner steps with the same action, rewards summed,
//   stopping early when terminated or truncated; the screen is grabbed after
//   frame frame_skip-2 and frame_skip-1 and the observation is their
//   pixel-wise max, resized with INTER_AREA (see area_resize.hpp).
//   On an early stop the grabbed buffers are not updated, so the observation
//   repeats the previous pool (Gymnasium does the same).
// - terminal_on_life_loss: terminated as soon as ale.lives() drops, checked
//   every frame. A later reset() resets the game (it does not continue it:
//   that is EpisodicLife's job).
// - scale_obs: float32 in [0, 1] (uint8 / 255).
#pragma once

#include <memory>
#include <vector>

#include "gym/area_resize.hpp"
#include "gym/env.hpp"

namespace ag::gym {

struct AtariPreprocessingOptions {
  int noop_max = 30;
  int frame_skip = 4;
  int screen_width = 84;  // Gymnasium's screen_size = (width, height), or one int for both
  int screen_height = 84;
  bool terminal_on_life_loss = false;
  bool grayscale_obs = true;
  bool grayscale_newaxis = false;
  bool scale_obs = false;
};

class AtariPreprocessing final : public Wrapper {
 public:
  // Throws GymError as Gymnasium raises ValueError: frame_skip <= 0, bad
  // screen size, frame skipping already in the env (frame_skip > 1 over an
  // env whose own frameskip is not 1), noop_max < 0, or noop_max > 0 when the
  // first action is not NOOP.
  explicit AtariPreprocessing(std::unique_ptr<Env> env, AtariPreprocessingOptions options = {});

  std::string name() const override { return wrap_name("AtariPreprocessing"); }
  const AtariPreprocessingOptions& options() const { return options_; }
  // Gymnasium's self.game_over / self.lives (for EpisodicLife-style users).
  bool game_over() const { return game_over_; }

  // Options, lives_, game_over_, the max-pool frames (and a pending older
  // frame), then the inner env; the observation is re-rendered from the frames.
  void save_state(emu::StateWriter& out) const override;
  void load_state(emu::StateReader& in) override;

 protected:
  ResetResult do_reset(std::optional<uint64_t> seed, const Options& options) override;
  StepResult do_step(int action) override;
  const void* render_observation() override;

 private:
  void grab(std::vector<uint8_t>& frame);
  void grab_older();
  // Grabs the newest frame; returns true if it also pooled.
  bool grab_newer();
  void pool();

  AtariPreprocessingOptions options_;
  AtariBackend& backend_;
  int lives_ = 0;
  bool game_over_ = false;
  std::vector<uint8_t>
      frames_[2];  // Gymnasium's obs_buffer: [0] newest (pooled in place), [1] older
  // Fused path (grayscale over a backend with a raw screen): the older frame
  // is kept as palette indices until the newer one arrives, then both are
  // converted and pooled in one pass.
  bool fused_ = false;
  std::vector<uint8_t> older_palette_;
  bool older_pending_ = false;
  AreaResize resize_;
  std::vector<uint8_t> resized_;  // only for scale_obs
};

}  // namespace ag::gym
