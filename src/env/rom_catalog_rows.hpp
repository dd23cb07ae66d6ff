// Internal to the ROM catalog: the generated table's row type (one line per
// ROM in rom_catalog_table.cpp, every field stated).
#pragma once

#include <cstddef>

#include "emu/rom_properties.hpp"

namespace ag::env::catalog {

struct RomRow {
  const char* file;
  const char* md5;
  const char* name;
  const char* cart_type;  // "" = autodetect
  emu::Controller left, right;
  bool swap_ports, swap_paddles;
  bool left_difficulty_a, right_difficulty_a;
  bool hmove_blanks, phosphor;
  int display_ystart, display_height;
};

extern const RomRow kRomRows[];
extern const size_t kRomRowCount;

}  // namespace ag::env::catalog
