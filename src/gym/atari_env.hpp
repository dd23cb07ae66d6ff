// ale-py's AtariEnv in C++: one ALE game as a Gymnasium env.
//
// Semantics kept from ale-py (ale_py/env.py):
// - Construction seeds from OS entropy and loads the ROM; reset(seed) reseeds
//   (SeedSequence(seed) -> np_random seed, ALE random_seed) and reloads the
//   ROM, so a seeded reset is a fresh power-on; reset() without a seed only
//   calls ALE's reset_game().
// - Frame skip is a loop of ALE act() calls with ALE's own frame_skip at 1:
//   sticky actions are decided per frame; a (low, high) frame skip draws
//   np_random.integers(low, high) per step.
// - terminated = the game is over (ALE game_over without truncation);
//   truncated = ALE's truncation (max_num_frames_per_episode reached).
// - info: lives, episode_frame_number, frame_number (+ seeds after a seeded reset).
#pragma once

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "env/ale_env.hpp"
#include "gym/env.hpp"

namespace ag::gym {

enum class ObsType { kRgb, kGrayscale, kRam };

struct AtariEnvConfig {
  std::string game;  // ALE rom name: "space_invaders"
  std::string id;    // registry id, for names and messages ("ALE/SpaceInvaders-v5")
  std::optional<int> mode;
  std::optional<int> difficulty;
  ObsType obs_type = ObsType::kRgb;
  int frameskip = 4;       // fixed frame skip, or the low end when frameskip_high > 0
  int frameskip_high = 0;  // > 0: stochastic, uniform in [frameskip, frameskip_high)
  float repeat_action_probability = 0.25f;
  bool full_action_space = false;
  std::optional<int> max_num_frames_per_episode;
  std::vector<std::filesystem::path> rom_dirs;  // searched before the default ROM path
};

// Throws GymError for settings ale-py rejects (frameskip <= 0, a stochastic
// range that is empty, a probability outside [0, 1], ...).
void check_config(const AtariEnvConfig& config);

class AtariEnv final : public Env, public AtariBackend {
 public:
  // Throws GymError for bad settings, env::EnvError when the ROM is not found.
  explicit AtariEnv(AtariEnvConfig config);

  std::vector<std::string> action_meanings() const override;
  Env& unwrapped() override { return *this; }
  std::string name() const override;
  // The ALE state with its RNG (sticky actions), np_random, and the id and
  // settings (a state of another game or configuration is refused).
  void save_state(emu::StateWriter& out) const override;
  void load_state(emu::StateReader& in) override;

  // AtariBackend
  int lives() const override { return ale_->lives(); }
  // The ROM's screen, as ALE's getScreenDims(): 210 rows for most games, 250
  // for PAL games, 214-230 for a few NTSC games with a taller display
  // (ALE's display_height property). Observations, render() and
  // AtariPreprocessing use all of its rows.
  int screen_height() const override { return screen_height_; }
  int screen_width() const override { return env::AleEnv::kScreenWidth; }
  // Same bytes as ALE's getScreenGrayscale / getScreenRGB (the PAL palette
  // for a PAL game).
  void screen_grayscale(uint8_t* out) const override;
  void screen_rgb(uint8_t* out) const override;
  NpRandom& np_random() override { return np_random_; }
  const uint8_t* palette_screen() const override { return ale_->screen(); }
  const uint8_t* gray_table() const override { return gray_lut_.data(); }
  int frameskip() const override { return config_.frameskip_high > 0 ? 0 : config_.frameskip; }

  // Gymnasium's render() with render_mode="rgb_array" (ale-py: getScreenRGB()):
  // screen_height() x 160 x 3 bytes, whatever the obs_type.
  std::vector<uint8_t> render() const;
  // The game's TV standard and its frame rate (NTSC 60, PAL 50 frames per
  // second), for code that shows or records frames at the game's speed.
  emu::TvStandard tv_standard() const { return tv_standard_; }
  int frame_rate() const;

  // The ALE underneath (Gymnasium's env.unwrapped.ale): clone/restore, RAM, raw screen.
  env::AleEnv& ale() { return *ale_; }
  const env::AleEnv& ale() const { return *ale_; }
  const AtariEnvConfig& config() const { return config_; }
  const std::vector<env::Action>& action_set() const { return action_set_; }

 protected:
  ResetResult do_reset(std::optional<uint64_t> seed, const Options& options) override;
  StepResult do_step(int action) override;
  const void* render_observation() override;

 private:
  // ale-py's seed_game() + load_game(): reseed, reload the ROM, set mode/difficulty.
  SeedsUsed seed_and_load(std::optional<uint64_t> seed);
  Info info() const;

  AtariEnvConfig config_;
  std::filesystem::path rom_path_;
  std::unique_ptr<env::AleEnv> ale_;
  NpRandom np_random_;
  std::vector<env::Action> action_set_;
  int screen_height_ = 0;  // 0 until the ROM is first loaded
  emu::TvStandard tv_standard_ = emu::TvStandard::Ntsc;
  // ALE's palette (NTSC or PAL, the game's) as lookup tables: one load per pixel on the hot path.
  std::array<uint8_t, 256> gray_lut_{};
  std::array<std::array<uint8_t, 3>, 256> rgb_lut_{};
};

}  // namespace ag::gym
