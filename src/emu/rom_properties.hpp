// Per-ROM facts the emulator needs (ALE's property table, ../shared/roms/properties.json).
#pragma once

#include <string>

namespace ag::emu {

enum class Controller { Joystick, Paddles, None };

struct RomProperties {
  std::string md5;
  std::string name;         // e.g. "Space Invaders (1980) (Atari) [!]"
  std::string cart_type;    // "" = autodetect as ALE does
  Controller left = Controller::Joystick;
  Controller right = Controller::Joystick;
  bool swap_ports = false;    // left/right joystick ports exchanged
  bool swap_paddles = false;  // paddle 0/1 exchanged
  bool left_difficulty_a = false;   // default switch positions (B unless stated)
  bool right_difficulty_a = false;
  bool hmove_blanks = true;   // HMOVE's 8-pixel black bar drawn
  bool phosphor = false;      // informational: ALE's colour averaging is off by default
  int display_ystart = 34;    // first scanline of the 210-line window ALE returns
  int display_height = 210;
};

}  // namespace ag::emu
