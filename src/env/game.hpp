// Per-game facts and the reward / lives / game-over logic ALE defines for each
// of its 104 supported ROMs (ALE's src/ale/games/supported/*.cpp, as facts).
//
// Most games share a few shapes (score in BCD bytes, lives in a byte,
// game over when a flag is set), so games are data (GameSpec) plus shared
// decoders; code only where a game truly differs.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "emu/state_io.hpp"
#include "env/action.hpp"

namespace ag::env {

// The environment's own RNG (sticky actions; games that randomise their
// start). ALE's is a std::mt19937 seeded with random_seed.
using EnvRng = std::mt19937;

// What a game's logic may do to the running machine (ALE's StellaEnvironmentWrapper).
class GameHost {
 public:
  virtual ~GameHost() = default;
  // RIOT RAM by CPU address $80-$FF (ALE's readRam(&system, addr) masks to 0x7F).
  virtual uint8_t read_ram(uint16_t addr) const = 0;
  virtual void write_ram(uint16_t addr, uint8_t value) = 0;
  // Any CPU address, read without side effects (ALE's readMappedRam; Klax keeps
  // its score in cartridge RAM, read at $F0xx). Hosts that can see cartridge
  // space override this; the default serves RIOT RAM only.
  virtual uint8_t peek(uint16_t addr) const {
    if ((addr & 0x1280) == 0x0080) return read_ram(static_cast<uint16_t>(0x80 | (addr & 0x7F)));
    throw std::logic_error("this game host cannot read address " + std::to_string(addr));
  }
  // ALE's pressSelect(n): SELECT held for n frames, then one NOOP frame.
  virtual void press_select(int frames) = 0;
  // ALE's softReset(): RESET held for 4 frames.
  virtual void soft_reset() = 0;
  // One emulated frame with these actions (ALE's environment->act()).
  virtual void act(Action a, Action b = PLAYER_B_NOOP) = 0;
  virtual EnvRng& env_rng() = 0;
};

// The running decoder for one game: updated after every emulated frame.
class GameLogic {
 public:
  virtual ~GameLogic() = default;
  // Episode start (ALE's RomSettings::reset()).
  virtual void reset() = 0;
  // After every emulated frame (ALE's RomSettings::step()).
  virtual void step(const GameHost& host) = 0;
  virtual int reward() const = 0;    // reward of the last step()
  virtual bool terminal() const = 0;
  virtual int lives() const = 0;
  // Selects `mode` (one of GameSpec::modes) the way ALE's setMode does.
  // Throws std::invalid_argument for a mode the game does not have.
  virtual void set_mode(int mode, GameHost& host) = 0;
  virtual void save_state(emu::StateWriter& w) const = 0;
  virtual void load_state(emu::StateReader& r) = 0;
};

struct GameSpec {
  std::string_view rom;     // ALE's rom name, also the ROM file stem: "space_invaders"
  std::string_view title;   // Gymnasium id stem: "SpaceInvaders"
  std::string_view md5;     // of the supported ROM image
  std::vector<Action> minimal_actions;   // ALE order
  // ALE's legal set (getLegalActionSet, ascending). All 18 except where the
  // game declares some illegal (Skiing, Lost Luggage: the FIRE actions); ALE
  // turns an illegal action into NOOP before emulating it.
  std::vector<Action> legal_actions;
  std::vector<Action> starting_actions;  // one frame each after reset
  std::vector<int> modes;                // available modes; default first
  int default_mode = 0;
  std::vector<int> difficulties;         // available difficulties
  int default_difficulty = 0;
  // ALE's paddle range top (its "paddle_max" setting) where the game changes it
  // (RomSettings::modifyEnvironmentSettings); 0 = ALE's default. Paddle games
  // start with the paddles at the middle of the range, so this moves them too.
  int paddle_max = 0;
  std::function<std::unique_ptr<GameLogic>()> make_logic;
};

const std::vector<GameSpec>& all_games();
const GameSpec* find_game_by_md5(std::string_view md5);
const GameSpec* find_game_by_rom(std::string_view rom);   // "space_invaders"
const GameSpec* find_game_by_title(std::string_view title);  // "SpaceInvaders"

}  // namespace ag::env
