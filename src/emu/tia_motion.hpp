// Object motion applied by HMOVE (see tia_motion.cpp).
#pragma once

#include <cstdint>

namespace ag::emu {

// Pixels added to an object's position (negative = moved left) when HMOVE is
// written on CPU cycle c (0..75) of the scanline, by motion register value
// hm (0..15): kHmoveMotion[c][hm] (tia_motion.cpp).
extern const int8_t kHmoveMotion[76][16];

// The 16 values for an HMOVE on CPU cycle `line_cycle` (inline: HMOVE is
// written on most scanlines, and its clock is on a dependency chain).
inline const int8_t* hmove_offsets(int line_cycle) {
  return kHmoveMotion[line_cycle];
}

// Whether an HMOVE written on that cycle blanks the first 8 pixels of the
// line (the "HMOVE bar"): during horizontal blank, or on the last cycle
// (then it is the next line's bar).
constexpr bool hmove_blanks_line(int line_cycle) {
  return line_cycle <= 20 || line_cycle == 75;
}

}  // namespace ag::emu
