// The TIA's object lines (internal to tia*.cpp): what each object draws on
// the current scanline as 160 bits, and the changes held until the line is
// drawn. The small updates a register write makes are inline here, so the
// write path needs no calls for them.
#pragma once

#include <bit>
#include <cstdint>

#include "emu/tia.hpp"
#include "emu/tia_tables.hpp"

namespace ag::emu {

namespace tia_detail {

// Copies of `bits` (at most 32 wide, copies not overlapping) starting at
// each pixel marked in `starts` (PixelLine layout); a copy running past
// pixel 159 wraps to pixel 0, as the TIA's position counters do. One
// multiplication places all the copies that start in a word.
inline PixelLine spread(uint64_t bits, const uint64_t (&starts)[3]) {
  using Wide = unsigned __int128;
  const Wide a = Wide{bits} * starts[0], b = Wide{bits} * starts[1], c = Wide{bits} * starts[2];
  // Word 2 holds pixels 128..191: 160 and up wrap to 0.
  const uint64_t w2 = static_cast<uint64_t>(c) | static_cast<uint64_t>(b >> 64);
  return {{static_cast<uint64_t>(a) | (w2 >> 32),
           static_cast<uint64_t>(b) | static_cast<uint64_t>(a >> 64), w2 & 0xFFFFFFFFu}};
}

// All 160 pixels.
inline constexpr PixelLine kWholeLine{{~uint64_t{0}, ~uint64_t{0}, 0xFFFFFFFFu}};

// Pixels [from, to), 0 <= from <= to <= 160.
inline PixelLine span_mask(const Tables& t, int from, int to) {
  const PixelLine &a = t.from_pixel[from], &b = t.from_pixel[to];
  return {{a.w[0] & ~b.w[0], a.w[1] & ~b.w[1], a.w[2] & ~b.w[2]}};
}

}  // namespace tia_detail

inline void Tia::update_player(int p) {
  const tia_detail::Tables& t = *tables_;
  const PlayerShape& shape = shape_p_[p];
  const uint8_t g = t.reversed[s_.shown_grp[p]];  // bit i = pixel i of the copy
  const uint64_t bits = shape.width == 8 ? g : shape.width == 16 ? t.stretch2[g] : t.stretch4[g];
  draw_.obj[p == 0 ? kP0 : kP1] = tia_detail::spread(bits, shape.starts);
}

// The drawn lines of missiles and ball: their shapes while enabled. The
// callers that just computed a shape pass it, rather than have it read back
// from shape_m_/shape_bl_ (a 16-byte load of the 8-byte stores just made
// stalls; perf: ~3% of Seaquest for the ball). update_missile's line still
// goes through the stack (GCC spills spread()'s result): a stall left open.
inline void Tia::update_missile_gate(int m, const PixelLine& shape) {
  draw_.obj[m == 0 ? kM0 : kM1] =
      (s_.objects & (m == 0 ? tia_obj::M0 : tia_obj::M1)) ? shape : PixelLine{};
}
inline void Tia::update_missile_gate(int m) {
  update_missile_gate(m, shape_m_[m]);
}

inline void Tia::update_ball_gate(const PixelLine& shape) {
  draw_.obj[kBL] = (s_.objects & tia_obj::BL) ? shape : PixelLine{};
}
inline void Tia::update_ball_gate() {
  update_ball_gate(shape_bl_);
}

inline void Tia::update_playfield() {
  const tia_detail::Tables& t = *tables_;
  const TiaState& s = s_;
  const int r = s.pf_reflect ? 1 : 0;
  const PixelLine& a = t.pf_lines[r][0][s.pf & 0x0F];
  const PixelLine& b = t.pf_lines[r][1][(s.pf >> 4) & 0xFF];
  const PixelLine& c = t.pf_lines[r][2][(s.pf >> 12) & 0xFF];
  for (int w = 0; w < 3; ++w) draw_.obj[kPF].w[w] = a.w[w] | b.w[w] | c.w[w];
}

// Called before `objects` (tia_obj bits) change what they draw, at the
// update point (last_update_clock). Instead of drawing up to there now, the
// pixels the objects drew on this line so far are kept in held_, and the
// line is drawn later in one go. If the update point is on a later line,
// the lines before it are drawn first.
inline void Tia::hold(uint8_t objects) {
  const TiaState& s = s_;
  int32_t ahead = s.last_update_clock - s.drawn_clock;
  if (ahead <= 0) return;  // nothing pending
  if (ahead > s.clocks_to_line_end) {
    // Clocks of the update point's line before it. Drawing goes one clock
    // into that line: ALE ends a scanline (end_of_line) only when an update
    // goes past its end. (Not with the HMOVE bar on: an update stopping in
    // the horizontal blank would blank more than ALE's does.)
    const int32_t into_line = (ahead - s.clocks_to_line_end) % kClocksPerLine;
    if (into_line == 0 || s.hmove_blank) return render_to(s.last_update_clock);
    render_to(s.last_update_clock - into_line + 1);
    ahead = into_line - 1;
  }
  // The update point's pixel on the line.
  const int x = kClocksPerLine - s.clocks_to_line_end + ahead - kHBlankClocks;
  if (x <= 0) return;  // nothing of this line drawn with the old state
  // Score and priority both set: the playfield's colour depends on which
  // objects are enabled (score_colours()), so the line up to here is drawn
  // with the objects as they are, not held. (Checked here, after hold()'s
  // early returns: a version checking first, with its own draw call,
  // measured 5-7% slower on Space Invaders for +0.2% instructions.)
  if (score_and_priority()) [[unlikely]]
    return render_to(s.last_update_clock);
  const tia_detail::Tables& t = *tables_;
  for (unsigned set = objects; set; set &= set - 1) {
    const int o = std::countr_zero(set);
    PixelLine& held = held_.obj[o];
    const PixelLine& now = draw_.obj[o];
    if (!((held_objects_ >> o) & 1)) {
      const PixelLine& to = t.from_pixel[x];
      for (int w = 0; w < 3; ++w) held.w[w] = now.w[w] & ~to.w[w];
    } else if (x > held_from_[o]) {
      const PixelLine part = tia_detail::span_mask(t, held_from_[o], x);
      for (int w = 0; w < 3; ++w) held.w[w] |= now.w[w] & part.w[w];
    }
    held_from_[o] = static_cast<uint8_t>(x);
  }
  held_objects_ |= objects;
}

}  // namespace ag::emu
