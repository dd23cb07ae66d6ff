// A game's reward / lives / game-over rules and mode selection as data, and
// the one GameLogic that runs them (ALE's RomSettings::step/reset/setMode).
//
// Most games have one shape: after every frame the score is decoded from RAM
// and the reward is its change; lives and game over are decoded too. Such a
// game is a GameRules of decoders. A game of its own shape gives a `step`
// function instead, keeping what it must remember between frames in
// LogicState::memo.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

#include "env/game.hpp"
#include "env/game_decoders.hpp"

namespace ag::env {

// Everything a game's logic keeps between frames (saved with the machine).
struct LogicState {
  int32_t reward = 0;  // of the last frame
  int32_t score = 0;   // as last decoded (the reward is its change)
  int32_t lives = 0;   // as last decoded; what lives() reports depends on LivesShown
  bool terminal = false;
  // Per-game values (counters, flags, previous bytes); each game with its own
  // step names its slots.
  std::array<int32_t, 5> memo{};
};

using ScoreFn = int (*)(const RamView&);
using LivesFn = int (*)(const RamView&, int previous_lives);
using FlagFn = bool (*)(const RamView&);
using StepFn = void (*)(const RamView&, LogicState&);
using ResetFn = void (*)(LogicState&);
using SelectFn = void (*)(int mode, GameHost&, LogicState&);

// How a score change becomes the reward (ALE's per-game special cases).
enum class RewardRule {
  kDelta,              // score - previous score
  kNonNegative,        // max(delta, 0): score resets are not penalised
  kWrapped,            // delta < 0 means the counter wrapped: delta + score_wrap
  kClampedToOne,       // clamp(delta, 0, 1)
  kAtMostOne,          // min(delta, 1)
  kNegated,            // previous - score (a time that should stay low)
  kIgnoringStartCash,  // delta, except a change of exactly 50000 gives 0
};

// What lives() reports.
enum class LivesShown {
  kUnlessTerminal,  // 0 once terminal, else the kept lives (ALE's usual form)
  kKept,            // the kept lives, even when terminal
  kZero,            // always 0 (games without lives)
  kOne,             // always 1
};

// The common mode selection: press SELECT (`press_frames` frames each) until
// the RAM byte at `addr` shows `mul * mode + add`, then RESET.
struct ModeSwitch {
  int addr;
  int press_frames;
  int mul = 1;
  int add = 0;
  int first_press = 0;  // frames of one SELECT press before the first look (0: none)
};

struct GameRules {
  // Score shape: score = score_fn * score_scale; reward from its change.
  ScoreFn score = nullptr;
  int score_scale = 1;
  RewardRule reward = RewardRule::kDelta;
  int score_wrap = 0;              // for kWrapped
  bool keep_score_at_end = false;  // a terminal frame gives 0 and keeps the score
  FlagFn terminal = nullptr;
  LivesFn lives = nullptr;  // null: lives stay at start_lives
  int start_lives = 1;      // after reset()
  int start_score = 0;      // after reset()
  LivesShown shown = LivesShown::kUnlessTerminal;

  // A game of its own shape: replaces all of the score shape above.
  StepFn step = nullptr;
  // Called after the common reset; replaces clearing memo (null: memo cleared).
  ResetFn reset = nullptr;

  // Mode selection: none (mode 0 only), the common switch, or a function.
  std::optional<ModeSwitch> mode_switch = std::nullopt;
  SelectFn select = nullptr;
};

// The GameLogic for `rules`; both references must outlive it (the games table
// is static). Starts in the reset state, as ALE's game settings do.
std::unique_ptr<GameLogic> make_rules_logic(const GameRules& rules, const std::vector<int>& modes);

// ALE loops forever when a game never shows the mode it waits for; we give
// up with std::runtime_error after this many tries instead of hanging.
inline constexpr int kMaxSelectTries = 2000;

// Runs `press()` until `reached()`.
template <class Reached, class Press>
void repeat_until(Reached reached, Press press) {
  for (int n = 0; !reached(); ++n) {
    if (n == kMaxSelectTries) throw std::runtime_error("game mode selection did not converge");
    press();
  }
}

// ALE's `while (!reached) pressSelect(press_frames);`
template <class Reached>
void press_select_until(GameHost& host, int press_frames, Reached reached) {
  repeat_until(reached, [&] { host.press_select(press_frames); });
}

}  // namespace ag::env
