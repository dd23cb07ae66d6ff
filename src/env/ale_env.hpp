// An ALE-compatible environment over our emulator: ALEInterface's semantics
// (reset protocol, sticky actions, frame skip, episode limits, lives, game
// over, action sets, clone/restore) for the 104 supported games.
#pragma once

#include <climits>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "emu/console.hpp"
#include "env/action.hpp"
#include "env/game.hpp"

namespace ag::env {

// ALE's settings, with ALE's defaults.
struct AleSettings {
  int frame_skip = 1;
  float repeat_action_probability = 0.25f;
  int random_seed = 0;                    // seeds the environment RNG (sticky actions)
  int max_num_frames_per_episode = 0;     // 0 = no limit
  bool truncate_on_loss_of_life = false;
  int mode = -1;                          // -1 = the game's default
  int difficulty = -1;                    // -1 = the game's default
  int reward_min = INT_MIN, reward_max = INT_MAX;
};

// Everything needed to put an environment back exactly where it was.
struct AleState {
  std::vector<uint8_t> bytes;
};

struct EnvError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class AleEnv {
 public:
  static constexpr int kScreenHeight = 210;
  static constexpr int kScreenWidth = 160;

  // Loads a ROM file; the game is identified by the MD5 of its contents.
  // Throws EnvError naming the file and the problem (missing, unreadable,
  // unknown image, impossible size). Resets the game, as ALE's loadROM does.
  AleEnv(const std::filesystem::path& rom_path, AleSettings settings = {});
  ~AleEnv();
  AleEnv(AleEnv&&) noexcept;
  AleEnv& operator=(AleEnv&&) noexcept;

  // ALE's act(): frame_skip frames (sticky per frame), reward summed and clipped.
  // `paddle_strength` scales the paddle movement as ALE's does.
  int act(Action action, float paddle_strength = 1.0f);
  // Two-player form (player B's action as 18..35 or 0..17).
  int act(Action a, Action b, float paddle_a_strength = 1.0f, float paddle_b_strength = 1.0f);
  // ALE's reset_game(): system reset, 60 NOOP frames, RESET, mode, starting actions.
  void reset_game();

  bool game_over(bool with_truncation = true) const;
  bool game_terminal() const;    // the game itself ended
  bool game_truncated() const;   // frame limit or life loss (if enabled)
  int lives() const;
  int frame_number() const;
  int episode_frame_number() const;

  const GameSpec& game() const;
  std::vector<Action> minimal_action_set() const;
  std::vector<Action> legal_action_set() const;  // all 18 for most games
  std::vector<int> available_modes() const;
  std::vector<int> available_difficulties() const;
  // Take effect at the next reset_game(), as in ALE.
  void set_mode(int mode);
  void set_difficulty(int difficulty);
  // Reseeds the environment RNG (ALE: setInt("random_seed") + loadROM).
  void seed(int random_seed);

  // The screen as ALE's getScreen(): screen_height() x 160 palette indices.
  // The height is 210 except for the few ROMs whose properties say otherwise.
  const uint8_t* screen() const;
  int screen_height() const;
  void screen_rgb(uint8_t* out) const;        // height*160*3, ALE's palette
  void screen_grayscale(uint8_t* out) const;  // height*160, ALE's luminance table
  const uint8_t* ram() const;                 // 128 bytes of RIOT RAM
  void set_ram(int index, uint8_t value);

  AleState clone_state(bool include_rng = false) const;
  void restore_state(const AleState& state);  // throws EnvError on malformed state

  const emu::Console& console() const;
  const AleSettings& settings() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ag::env
