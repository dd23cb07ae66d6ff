// The TIA's drawing: turns the register state into pixels of the frame
// buffer, a span of colour clocks at a time, as ALE's TIA.cxx
// (updateFrame / updateFrameScanline) does, quirks included.
//
// Each object's pixels on the current line are kept as a 160-bit line
// (PixelLine), rebuilt only when a register that shapes it changes; a span is
// then background/playfield fills plus the few object pixels painted over.
#include <algorithm>
#include <bit>
#include <cstring>

#include "emu/tia.hpp"
#include "emu/tia_tables.hpp"

namespace ag::emu {

namespace {

using namespace tia_obj;
using tia_detail::CopyLayout;
using tia_detail::kCopies;

constexpr int kLine = Tia::kClocksPerLine;
constexpr int kHBlank = Tia::kHBlankClocks;
constexpr int kWidth = Tia::kWidth;
constexpr uint64_t kAll = ~uint64_t{0};

inline void put_bits(PixelLine& l, uint64_t bits, int at) {
  const int w = at >> 6, s = at & 63;
  l.w[w] |= bits << s;
  if (s != 0 && w < 2) l.w[w + 1] |= bits >> (64 - s);
}
// ORs `bits` (width <= 32) into the line at pixel `start` (0..159), wrapping
// past pixel 159 to pixel 0 as the TIA's position counters do.
inline void place_bits(PixelLine& l, uint64_t bits, int width, int start) {
  if (start + width > kWidth) {
    const int first = kWidth - start;
    put_bits(l, bits & ((uint64_t{1} << first) - 1), start);
    put_bits(l, bits >> first, 0);
  } else {
    put_bits(l, bits, start);
  }
}

// Pixels [from, to), 0 <= from <= to <= 160.
inline PixelLine span_mask(const tia_detail::Tables& t, int from, int to) {
  const PixelLine &a = t.from_pixel[from], &b = t.from_pixel[to];
  return {{a.w[0] & ~b.w[0], a.w[1] & ~b.w[1], a.w[2] & ~b.w[2]}};
}
inline bool any(const PixelLine& a, const PixelLine& m) {
  return ((a.w[0] & m.w[0]) | (a.w[1] & m.w[1]) | (a.w[2] & m.w[2])) != 0;
}
inline bool pixel(const PixelLine& l, int x) {
  return (l.w[x >> 6] >> (x & 63)) & 1;
}

}  // namespace

// Draws everything advance() has accounted for, a scanline at a time, with
// ALE's side effects at each step (HMOVE bar, end-of-line updates).
void Tia::render_pending() {
  TiaState& s = s_;
  const int32_t clock = s.last_update_clock;
  if (s.drawn_clock >= clock) return;
  uint8_t* frame = buffers_[s.current_buffer].data();
  do {
    int line_pos = kLine - s.clocks_to_line_end;
    const int32_t step_start = s.drawn_clock;
    int count;
    if (clock > s.drawn_clock + s.clocks_to_line_end) {
      count = s.clocks_to_line_end;
      s.clocks_to_line_end = kLine;
      s.drawn_clock += count;
    } else {
      count = clock - s.drawn_clock;
      s.clocks_to_line_end -= count;
      s.drawn_clock = clock;
    }
    // Where ALE's own last update started, for the 4-pixel overrun of the
    // final step (the other steps end at the line's end).
    const int ale_pos = line_pos + std::max(0, s.span_start_clock - step_start);
    if (line_pos < kHBlank) {
      const int skip = std::min(kHBlank - line_pos, count);
      line_pos += skip;
      count -= skip;
    }
    const uint32_t span_start = s.write_pos;
    if (count != 0) draw_span(line_pos - kHBlank, count, std::max(ale_pos, kHBlank) - kHBlank);

    // The HMOVE bar: ALE blanks from where this update started up to pixel
    // 8, even beyond the pixels it just drew (they are blanked again when
    // drawn, as long as the bar is on).
    if (s.hmove_blank && line_pos < kHBlank + 8) {
      std::memset(frame + span_start, 0, kHBlank + 8 - line_pos);
      if (count + line_pos >= kHBlank + 8) s.hmove_blank = false;
    }
    if (s.clocks_to_line_end == kLine) end_of_line();
  } while (s.drawn_clock < clock);
}

// What ALE does after each scanline it draws.
void Tia::end_of_line() {
  TiaState& s = s_;
  const bool reflect = s.ctrlpf & 0x01;
  if (reflect != s.pf_reflect) {
    s.pf_reflect = reflect;
    dirty_ |= kDirtyPF;
  }
  // Every player copy is shown again (a RESPx hides the first copy only
  // until the end of the line).
  if (s.skip_first_copy[0] || s.skip_first_copy[1]) {
    s.skip_first_copy[0] = s.skip_first_copy[1] = false;
    dirty_ |= kShapeP0 | kShapeP1;
  }
  if (s.starfield) {
    constexpr int kJump[4] = {18, 33, 0, 17};
    s.starfield_phase = (s.starfield_phase + 1) & 3;
    int pos = s.pos_m[0] - kJump[s.starfield_phase];
    if (pos >= kWidth)
      pos -= kWidth;
    else if (pos < 0)
      pos += kWidth;
    s.pos_m[0] = static_cast<int16_t>(pos);
    s.m0_shape = s.starfield_phase == 1 ? 1 : s.starfield_phase == 2 ? 2 : 0;
    dirty_ |= kDirtyM0;
  }
}

void Tia::refresh_lines() {
  const uint8_t gate = s_.objects & (M0 | M1 | BL);
  if (!dirty_ && gate == gate_) return;
  const tia_detail::Tables& t = *tables_;
  const TiaState& s = s_;
  for (int p = 0; p < 2; ++p) {
    const uint8_t shape_bit = p == 0 ? kShapeP0 : kShapeP1;
    const uint8_t gfx_bit = p == 0 ? kDirtyP0 : kDirtyP1;
    PlayerShape& shape = shape_p_[p];
    if (dirty_ & shape_bit) {
      // Where the copies start and how wide they are; the coverage is what
      // ALE's player mask marks (the copy's pixels whatever the graphics).
      const int mode = s.nusiz[p] & 7;
      shape.count = 0;
      if (mode == 5 || mode == 7) {
        // One wide copy, drawn one pixel late (ALE: "> instead of >=").
        shape.width = mode == 5 ? 16 : 32;
        if (!s.skip_first_copy[p]) shape.start[shape.count++] = (s.pos_p[p] + 1) % kWidth;
      } else {
        shape.width = 8;
        const CopyLayout& c = kCopies[mode];
        for (int i = s.skip_first_copy[p] ? 1 : 0; i < c.count; ++i)
          shape.start[shape.count++] = (s.pos_p[p] + c.offset[i]) % kWidth;
      }
      cover_p_[p] = PixelLine{};
      const uint64_t ones = (uint64_t{1} << shape.width) - 1;
      for (int i = 0; i < shape.count; ++i)
        place_bits(cover_p_[p], ones, shape.width, shape.start[i]);
      dirty_ |= gfx_bit;
    }
    if (dirty_ & gfx_bit) {
      PixelLine& l = line_p_[p];
      l = PixelLine{};
      const uint8_t g = t.reversed[s.shown_grp[p]];  // bit i = pixel i of the copy
      if (g != 0) {
        if (shape.width == 8) {
          for (int i = 0; i < shape.count; ++i) place_bits(l, g, 8, shape.start[i]);
        } else {
          const uint64_t bits = shape.width == 16 ? t.stretch2[g] : t.stretch4[g];
          for (int i = 0; i < shape.count; ++i) place_bits(l, bits, shape.width, shape.start[i]);
        }
      }
    }
    if (dirty_ & (p == 0 ? kDirtyM0 : kDirtyM1)) {
      PixelLine& l = line_m_[p];
      l = PixelLine{};
      const uint8_t m_shape = p == 0 ? s.m0_shape : 0;
      if (m_shape != 2) {
        const int width = 1 << (((s.nusiz[p] >> 4) & 3) | (m_shape == 1 ? 1 : 0));
        const CopyLayout& c = kCopies[s.nusiz[p] & 7];
        for (int i = 0; i < c.count; ++i)
          place_bits(l, (uint64_t{1} << width) - 1, width, (s.pos_m[p] + c.offset[i]) % kWidth);
      }
    }
  }
  if (dirty_ & kDirtyBL) {
    line_bl_ = PixelLine{};
    const int width = 1 << ((s.ctrlpf >> 4) & 3);
    place_bits(line_bl_, (uint64_t{1} << width) - 1, width, s.pos_bl);
  }
  if (dirty_ & kDirtyPF) {
    background_valid_ = false;
    const int r = s.pf_reflect ? 1 : 0;
    const PixelLine& a = t.pf_lines[r][0][s.pf & 0x0F];
    const PixelLine& b = t.pf_lines[r][1][(s.pf >> 4) & 0xFF];
    const PixelLine& c = t.pf_lines[r][2][(s.pf >> 12) & 0xFF];
    for (int w = 0; w < 3; ++w) line_pf_.w[w] = a.w[w] | b.w[w] | c.w[w];
  }
  // What the objects other than the playfield draw, together.
  const uint64_t m0 = (gate & M0) ? kAll : 0, m1 = (gate & M1) ? kAll : 0;
  const uint64_t bl = (gate & BL) ? kAll : 0;
  for (int w = 0; w < 3; ++w) {
    line_objects_.w[w] = line_p_[0].w[w] | line_p_[1].w[w] | (line_m_[0].w[w] & m0) |
                         (line_m_[1].w[w] & m1) | (line_bl_.w[w] & bl);
  }
  gate_ = gate;
  dirty_ = 0;
}

// Pixels [from, to) of the current line with only playfield and background.
void Tia::fill_background(uint8_t* row, int from, int to, const PixelLine& span) {
  if (from >= to) return;
  const TiaState& s = s_;
  if (!any(line_pf_, span)) {
    std::memset(row + from, s.colour[0], to - from);
    return;
  }
  if (!background_valid_) {
    const bool score = (s.priority_score & (Score | Priority)) == Score;
    const uint8_t left = score ? s.colour[2] : s.colour[1];
    const uint8_t right = score ? s.colour[3] : s.colour[1];
    // Playfield pixels come in aligned groups of four.
    for (int x = 0; x < kWidth; x += 4) {
      const uint8_t c = pixel(line_pf_, x) ? (x < 80 ? left : right) : s.colour[0];
      const uint32_t quad = c * 0x01010101u;
      std::memcpy(background_.data() + x, &quad, 4);
    }
    background_valid_ = true;
  }
  std::memcpy(row + from, background_.data() + from, to - from);
}

void Tia::draw_span(int hpos, int count, int ale_start) {
  TiaState& s = s_;
  uint8_t* row = buffers_[s.current_buffer].data() + s.write_pos - hpos;
  const int end = hpos + count;
  s.write_pos += count;

  if (s.vblank & 0x02) {
    std::memset(row + hpos, 0, count);
    return;
  }
  refresh_lines();
  const PixelLine span = span_mask(*tables_, hpos, end);
  if (!any(line_objects_, span))
    fill_background(row, hpos, end, span);
  else
    draw_objects(row, hpos, end, span);

  // ALE draws most object combinations four pixels at a time where no object
  // is, and so may write up to three pixels past its update. Those pixels
  // are redrawn by the next update, unless the frame ends first.
  if ((end & 3) != 0 && ale_start <= (end & ~3) && ale_writes_past_span(end)) {
    const int group_end = (end & ~3) + 4;
    fill_background(row, end, group_end, span_mask(*tables_, end, group_end));
  }
}

// A span with players, missiles or ball in it: collisions, then the
// playfield and background, then the objects painted over them from the
// lowest priority up. Equivalent to ALE's priority encoder:
//   no priority:  BK < BL < PF < P1/M1 < P0/M0, except that a score-mode
//                 playfield in the left half (P0's colour) stays over P1/M1;
//   priority:     BK < P1/M1 < P0/M0 < BL = PF (same colour).
void Tia::draw_objects(uint8_t* row, int from, int to, const PixelLine& span) {
  TiaState& s = s_;
  // What each object draws in the span, indexed by its tia_obj bit number.
  const uint64_t m0 = (gate_ & M0) ? kAll : 0, m1 = (gate_ & M1) ? kAll : 0;
  const uint64_t bl = (gate_ & BL) ? kAll : 0;
  PixelLine drawn[6];
  unsigned present = 0;
  for (int w = 0; w < 3; ++w) {
    const uint64_t m = span.w[w];
    drawn[0].w[w] = line_p_[0].w[w] & m;
    drawn[1].w[w] = line_m_[0].w[w] & m & m0;
    drawn[2].w[w] = line_p_[1].w[w] & m;
    drawn[3].w[w] = line_m_[1].w[w] & m & m1;
    drawn[4].w[w] = line_bl_.w[w] & m & bl;
    drawn[5].w[w] = line_pf_.w[w] & m;
  }
  for (int o = 0; o < 6; ++o)
    present |= static_cast<unsigned>((drawn[o].w[0] | drawn[o].w[1] | drawn[o].w[2]) != 0) << o;
  if (present & (present - 1)) {
    const tia_detail::Tables& t = *tables_;
    for (unsigned a_set = present; a_set; a_set &= a_set - 1) {
      const int a = std::countr_zero(a_set);
      for (unsigned b_set = a_set & (a_set - 1); b_set; b_set &= b_set - 1) {
        const int b = std::countr_zero(b_set);
        if ((drawn[a].w[0] & drawn[b].w[0]) | (drawn[a].w[1] & drawn[b].w[1]) |
            (drawn[a].w[2] & drawn[b].w[2]))
          s.collisions |= t.collision_bit[a][b];
      }
    }
  }

  fill_background(row, from, to, span);
  auto paint = [row](uint64_t bits, int w, uint8_t colour) {
    for (; bits; bits &= bits - 1) row[w * 64 + std::countr_zero(bits)] = colour;
  };
  const bool priority = s.priority_score & Priority;
  const bool score = s.priority_score & Score;
  constexpr uint64_t kLeftHalf[3] = {kAll, 0xFFFF, 0};  // pixels 0..79
  for (int w = 0; w < 3; ++w) {
    const uint64_t pf = drawn[5].w[w], ball = drawn[4].w[w];
    const uint64_t p0 = drawn[0].w[w] | drawn[1].w[w], p1 = drawn[2].w[w] | drawn[3].w[w];
    if (!(p0 | p1 | ball)) continue;
    if (priority) {
      paint(p1 & ~(pf | ball), w, s.colour[3]);
      paint(p0 & ~(pf | ball), w, s.colour[2]);
      paint(ball & ~pf, w, s.colour[1]);
    } else {
      paint(ball & ~pf, w, s.colour[1]);
      paint(p1 & ~(score ? pf & kLeftHalf[w] : 0), w, s.colour[3]);
      paint(p0, w, s.colour[2]);
    }
  }
}

// Whether ALE's renderer, for the current object combination, writes the
// rest of the aligned 4-pixel group that contains pixel `end` - 1: it does
// in its playfield-only loops, and in its loops for one or two objects when
// none of their shapes (ALE's masks) reaches into the group.
bool Tia::ale_writes_past_span(int end) const {
  const int g = end & ~3;
  const int w = g >> 6;
  const uint64_t group = uint64_t{0xF} << (g & 63);
  auto clear_of = [w, group](const PixelLine& l) { return (l.w[w] & group) == 0; };
  const bool p0 = clear_of(cover_p_[0]), p1 = clear_of(cover_p_[1]);
  const bool m0 = clear_of(line_m_[0]), m1 = clear_of(line_m_[1]), bl = clear_of(line_bl_);
  const bool score = s_.priority_score & Score;
  switch (s_.objects & 0x3F) {
    case PF:
      return true;
    case P0:
      return p0;
    case P1:
      return p1;
    case P0 | P1:
      return p0 && p1;
    case M0:
      return m0;
    case M1:
      return m1;
    case BL:
      return bl;
    case M0 | M1:
      return m0 && m1;
    case BL | M0:
      return bl && m0;
    case BL | M1:
      return bl && m1;
    case BL | P1:
      return bl && p1;
    case PF | P0:
      return !score && p0;
    case PF | P1:
      return !score && p1;
    case PF | BL:
      return !score && bl;
    default:
      return false;
  }
}

}  // namespace ag::emu
