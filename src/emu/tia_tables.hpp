// Facts about TIA objects shared by the TIA's register and rendering code
// (internal to tia*.cpp).
#pragma once

#include <cstdint>

#include "emu/tia.hpp"

namespace ag::emu::tia_detail {

// Copies of a player/missile per NUSIZ bits 2-0: offsets of each copy from
// the object's position. Modes 5 and 7 are one double / quad width copy.
struct CopyLayout {
  int count;
  int offset[3];
};
inline constexpr CopyLayout kCopies[8] = {
    {1, {0, 0, 0}},  {2, {0, 16, 0}}, {2, {0, 32, 0}},  {3, {0, 16, 32}},
    {2, {0, 64, 0}}, {1, {0, 0, 0}},  {3, {0, 32, 64}}, {1, {0, 0, 0}},
};

// Lookup tables, built once (immutable after their thread-safe first use).
struct Tables {
  uint8_t reversed[256];   // bit order reversed (REFPx)
  uint16_t stretch2[256];  // each bit doubled (double-width player)
  uint32_t stretch4[256];  // each bit quadrupled (quad-width player)
  // Pixels lit by one playfield register field: [reflect][field][value],
  // field 0 = PF0 (4 bits), 1 = PF1, 2 = PF2; each a whole 160-pixel line.
  PixelLine pf_lines[2][3][256];
  // 8 pixels as bytes: byte i (in memory order) is 0xFF where bit i is set.
  uint64_t byte_mask[256];
  // Collision latch bit for each pair of objects (by tia_obj bit number).
  uint16_t collision_bit[6][6];
  // Pixels x..159, for x = 0..160 (a span [a, b) is from_pixel[a] & ~from_pixel[b]).
  PixelLine from_pixel[Tia::kWidth + 1];

  Tables();
};
const Tables& tables();

// The playfield bit (of the 20 in TiaState::pf) shown at pixel x.
uint32_t playfield_bit_at(bool reflect, int x);

}  // namespace ag::emu::tia_detail
