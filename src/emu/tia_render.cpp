// The TIA's drawing: turns the register state into pixels of the frame
// buffer, a span of colour clocks at a time, as ALE's TIA.cxx
// (updateFrame / updateFrameScanline) does, quirks included.
//
// Each object's pixels on the current line are kept as a 160-bit line
// (PixelLine, in draw_), updated whenever a register that shapes it changes.
// A span is then a background/playfield copy with the few object pixels
// painted over it. Changes that only move object pixels (graphics, enables,
// playfield) don't draw at once: hold() keeps what the object drew before
// the change, so a scanline is usually drawn in one span.
#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstring>

#include "emu/tia.hpp"
#include "emu/tia_lines.hpp"
#include "emu/tia_tables.hpp"

namespace ag::emu {

namespace {

using namespace tia_obj;
using tia_detail::CopyLayout;
using tia_detail::kCopies;
using tia_detail::span_mask;
using tia_detail::spread;

constexpr int kLine = Tia::kClocksPerLine;
constexpr int kHBlank = Tia::kHBlankClocks;
constexpr int kWidth = Tia::kWidth;
constexpr uint64_t kAll = ~uint64_t{0};
constexpr uint64_t kSplat = 0x0101010101010101u;  // a byte repeated 8 times

// Copy start pixels, as spread() takes them, kept in registers while they
// are marked (an indexed read-modify-write of a stack array just zeroed by a
// vector store stalls store forwarding).
struct Starts {
  uint64_t w0 = 0, w1 = 0, w2 = 0;
  void mark(int x) {
    const uint64_t bit = uint64_t{1} << (x & 63);
    w0 |= x < 64 ? bit : 0;
    w1 |= x >= 64 && x < 128 ? bit : 0;
    w2 |= x >= 128 ? bit : 0;
  }
};
inline int wrap(int x) {
  return x < kWidth ? x : x - kWidth;
}

inline bool any(const PixelLine& a, const PixelLine& m) {
  return ((a.w[0] & m.w[0]) | (a.w[1] & m.w[1]) | (a.w[2] & m.w[2])) != 0;
}
inline bool operator==(const PixelLine& a, const PixelLine& b) {
  return ((a.w[0] ^ b.w[0]) | (a.w[1] ^ b.w[1]) | (a.w[2] ^ b.w[2])) == 0;
}

// n (0..160) bytes of value v at d.
inline void fill_bytes(uint8_t* d, uint8_t v, int n) {
  if (n >= 16) {
    uint8_t v16[16];
    std::memset(v16, v, 16);
    uint8_t* const last = d + n - 16;
    // Unrolled: a scanline is 160 bytes.
    for (; d + 48 < last; d += 64) {
      std::memcpy(d, v16, 16);
      std::memcpy(d + 16, v16, 16);
      std::memcpy(d + 32, v16, 16);
      std::memcpy(d + 48, v16, 16);
    }
    for (; d < last; d += 16) std::memcpy(d, v16, 16);
    std::memcpy(last, v16, 16);
  } else if (n >= 8) {
    const uint64_t v8 = v * kSplat;
    std::memcpy(d, &v8, 8);
    std::memcpy(d + n - 8, &v8, 8);
  } else if (n >= 4) {
    const uint32_t v4 = v * 0x01010101u;
    std::memcpy(d, &v4, 4);
    std::memcpy(d + n - 4, &v4, 4);
  } else if (n > 0) {
    d[0] = d[n / 2] = d[n - 1] = v;
  }
}

// n (0..160) bytes from src (not overlapping d).
inline void copy_bytes(uint8_t* d, const uint8_t* src, int n) {
  if (n >= 16) {
    uint8_t v[16];
    for (int i = 0; i < n - 16; i += 16) {
      std::memcpy(v, src + i, 16);
      std::memcpy(d + i, v, 16);
    }
    std::memcpy(v, src + n - 16, 16);
    std::memcpy(d + n - 16, v, 16);
  } else if (n >= 8) {
    uint64_t a, b;
    std::memcpy(&a, src, 8);
    std::memcpy(&b, src + n - 8, 8);
    std::memcpy(d, &a, 8);
    std::memcpy(d + n - 8, &b, 8);
  } else if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, src, 4);
    std::memcpy(&b, src + n - 4, 4);
    std::memcpy(d, &a, 4);
    std::memcpy(d + n - 4, &b, 4);
  } else if (n > 0) {
    d[0] = src[0];
    d[n / 2] = src[n / 2];
    d[n - 1] = src[n - 1];
  }
}

}  // namespace

// ---------------------------------------------------------------------------
// Object lines

void Tia::update_player_shape(int p) {
  const TiaState& s = s_;
  PlayerShape& shape = shape_p_[p];
  const int mode = s.nusiz[p] & 7;
  const int pos = s.pos_p[p];
  Starts starts;
  if (mode == 5 || mode == 7) {
    // One wide copy, drawn one pixel late (ALE: "> instead of >=").
    shape.width = mode == 5 ? 16 : 32;
    if (!s.skip_first_copy[p]) starts.mark(wrap(pos + 1));
  } else {
    shape.width = 8;
    const CopyLayout& c = kCopies[mode];
    for (int i = s.skip_first_copy[p] ? 1 : 0; i < c.count; ++i)
      starts.mark(wrap(pos + c.offset[i]));
  }
  shape.starts[0] = starts.w0;
  shape.starts[1] = starts.w1;
  shape.starts[2] = starts.w2;
  // The coverage is what ALE's player mask marks: the copies' pixels
  // whatever the graphics.
  cover_p_[p] = spread((uint64_t{1} << shape.width) - 1, {starts.w0, starts.w1, starts.w2});
}

void Tia::update_missile(int m) {
  const TiaState& s = s_;
  const uint8_t m_shape = m == 0 ? s.m0_shape : 0;
  Starts starts;
  int width = 1;
  if (m_shape != 2) {  // 2: hidden on this line (starfield)
    width = 1 << (((s.nusiz[m] >> 4) & 3) | (m_shape == 1 ? 1 : 0));
    const CopyLayout& c = kCopies[s.nusiz[m] & 7];
    for (int i = 0; i < c.count; ++i) starts.mark(wrap(s.pos_m[m] + c.offset[i]));
  }
  const PixelLine line = spread((uint64_t{1} << width) - 1, {starts.w0, starts.w1, starts.w2});
  shape_m_[m] = line;
  update_missile_gate(m, line);
}

// One copy of 1, 2, 4 or 8 pixels at pos_bl, placed by shifts rather than
// by spread(): GCC builds spread()'s result on the stack and reloads it as
// one 16-byte value (a store-forwarding stall, ~3% of Seaquest, where
// HMOVE moves the ball on many lines); these three words stay in registers.
void Tia::update_ball() {
  const int x = s_.pos_bl;  // 0..159
  const uint64_t bits = (uint64_t{1} << (1 << ((s_.ctrlpf >> 4) & 3))) - 1;
  const int sh = x & 63;
  const uint64_t lo = bits << sh;
  const uint64_t hi = (bits >> 1) >> (63 - sh);  // what crosses into the next word
  uint64_t w0 = 0, w1 = 0, w2 = 0;
  if (x < 64) {
    w0 = lo;
    w1 = hi;
  } else if (x < 128) {
    w1 = lo;
    w2 = hi;
  } else {
    w2 = lo;
  }
  // Pixels 160 and up (bits 32+ of word 2) wrap to pixel 0.
  const PixelLine line{{w0 | (w2 >> 32), w1, w2 & 0xFFFFFFFFu}};
  shape_bl_ = line;
  update_ball_gate(line);
}

void Tia::update_all_lines() {
  for (int p = 0; p < 2; ++p) {
    update_player_shape(p);
    update_player(p);
    update_missile(p);
  }
  update_ball();
  update_playfield();
  held_objects_ = 0;
  bar_blank_ = 0;
  background_chunks_ = 0;
  drawing_ = buffers_[s_.current_buffer].data();
  line_cache_valid_ = false;
}

// ---------------------------------------------------------------------------
// Drawing

// Whether end_of_line() has anything to do: a RESPx's hidden copy, a
// reflection change to apply, the starfield (bools are stored as 0 or 1).
inline bool Tia::end_of_line_work() const {
  const TiaState& s = s_;
  static_assert(offsetof(TiaState, pf_reflect) == offsetof(TiaState, skip_first_copy) + 2 &&
                offsetof(TiaState, starfield) == offsetof(TiaState, skip_first_copy) + 3);
  uint32_t fields;
  std::memcpy(&fields, s.skip_first_copy.data(), sizeof fields);
  return fields != static_cast<uint32_t>(s.ctrlpf & 0x01) << 16;
}

// Draws what advance() has accounted for up to `clock` (at most
// last_update_clock), a scanline at a time, with ALE's side effects at each
// step (HMOVE bar, end-of-line updates). render_to() (inline) has handled a
// stop in the line's horizontal blank; `line_end` is where this call stops
// on the line being drawn (kHBlank or more; past kLine: a later line).
void Tia::render_lines(int32_t clock, int line_end) {
  TiaState& s = s_;
  uint8_t* frame = drawing_;
  // The line's first pixels drawn below cover the owed blanking, unless the
  // drawing stops short of them.
  if (line_end - kHBlank < bar_blank_)
    pay_bar_blank();
  else
    bar_blank_ = 0;
  // The first scanline drawn may have held objects: what they drew before
  // their change, then what they draw now.
  const ObjectLines* lines = &draw_;
  if (held_objects_) {
    merged_ = draw_;
    for (unsigned held = held_objects_; held; held &= held - 1) {
      const int o = std::countr_zero(held);
      const PixelLine& from = tables_->from_pixel[held_from_[o]];
      for (int w = 0; w < 3; ++w)
        merged_.obj[o].w[w] = held_.obj[o].w[w] | (draw_.obj[o].w[w] & from.w[w]);
    }
    held_objects_ = 0;
    lines = &merged_;
  }
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
    if (count != 0)
      draw_span(*lines, line_pos - kHBlank, count, std::max(ale_pos, kHBlank) - kHBlank);

    // The HMOVE bar: ALE blanks from where this update started up to pixel
    // 8, even beyond the pixels it just drew (they are blanked again when
    // drawn, as long as the bar is on).
    if (s.hmove_blank && line_pos < kHBlank + 8) {
      fill_bytes(frame + span_start, 0, kHBlank + 8 - line_pos);
      if (count + line_pos >= kHBlank + 8) s.hmove_blank = false;
    }
    if (s.clocks_to_line_end == kLine) {
      // Most lines change nothing at their end: the four fields
      // end_of_line() looks at, tested in one load.
      if (end_of_line_work()) end_of_line();
      lines = &draw_;
      // The rest ends in the next line's horizontal blank (typically one
      // clock into it, see hold()): nothing to draw but the HMOVE bar, as
      // in the shortcut above.
      const int32_t rest = clock - s.drawn_clock;
      if (rest > 0 && rest < kHBlank) {
        s.clocks_to_line_end -= rest;
        s.drawn_clock = clock;
        if (s.hmove_blank) owe_bar_blank(kHBlank + 8 - rest);
        return;
      }
    }
  } while (s.drawn_clock < clock);
}

// Blanking owed, done (see owe_bar_blank()).
void Tia::pay_bar_blank() {
  if (bar_blank_ == 0) return;
  fill_bytes(drawing_ + s_.write_pos, 0, bar_blank_);
  bar_blank_ = 0;
}

// What ALE does after each scanline it draws.
void Tia::end_of_line() {
  TiaState& s = s_;
  const bool reflect = s.ctrlpf & 0x01;
  if (reflect != s.pf_reflect) {
    s.pf_reflect = reflect;
    update_playfield();
  }
  // Every player copy is shown again (a RESPx hides the first copy only
  // until the end of the line).
  for (int p = 0; p < 2; ++p) {
    if (s.skip_first_copy[p]) {
      s.skip_first_copy[p] = false;
      update_player_shape(p);
      update_player(p);
    }
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
    update_missile(0);
  }
}

// Chunks (bits) of the line as playfield and background alone draw it,
// 8 pixels each.
void Tia::build_background(uint32_t chunks) {
  const TiaState& s = s_;
  const tia_detail::Tables& t = *tables_;
  const bool score = score_colours();
  const uint64_t bk = s.colour[0] * kSplat;
  const uint64_t left = bk ^ ((score ? s.colour[2] : s.colour[1]) * kSplat);
  const uint64_t right = bk ^ ((score ? s.colour[3] : s.colour[1]) * kSplat);
  background_chunks_ |= chunks;
  // Chunk i's 8 playfield bits are byte i of the line's words (little-endian).
  static_assert(std::endian::native == std::endian::little);
  const auto* pf_bytes = reinterpret_cast<const uint8_t*>(background_pf_.w);
  uint8_t* const out = background_.data();
  for (; chunks; chunks &= chunks - 1) {
    const int i = std::countr_zero(chunks);
    const uint64_t v = bk ^ ((i < kWidth / 16 ? left : right) & t.byte_mask[pf_bytes[i]]);
    std::memcpy(out + 8 * i, &v, 8);
  }
}

// Once or twice per span drawn: inlined (as draw_span() into render_to()),
// which saves a call and its register saves per span.
#define AG_TIA_SPAN_INLINE inline __attribute__((always_inline))

// Pixels [from, to) of the current line with only playfield `pf` and
// background.
AG_TIA_SPAN_INLINE void Tia::fill_background(const PixelLine& pf, uint8_t* row, int from, int to,
                                             const PixelLine& span) {
  if (!any(pf, span)) {
    fill_bytes(row + from, s_.colour[0], to - from);
    return;
  }
  if (!(pf == background_pf_)) {
    background_pf_ = pf;
    background_chunks_ = 0;
  }
  const uint32_t chunks = (2u << ((to - 1) >> 3)) - (1u << (from >> 3));
  if (chunks & ~background_chunks_) build_background(chunks & ~background_chunks_);
  copy_bytes(row + from, background_.data() + from, to - from);
}

// Most spans are whole lines (Seaquest about half, most games 80-100%): for
// them the span mask is a constant, not two table loads on the critical path.
AG_TIA_SPAN_INLINE void Tia::draw_span(const ObjectLines& lines, int hpos, int count,
                                       int ale_start) {
  if (hpos == 0 && count == kWidth)
    draw_span_of<true>(lines, 0, kWidth, 0);
  else
    draw_span_of<false>(lines, hpos, count, ale_start);
}

template <bool kWholeLine>
AG_TIA_SPAN_INLINE void Tia::draw_span_of(const ObjectLines& lines, int hpos, int count,
                                          int ale_start) {
  TiaState& s = s_;
  uint8_t* row = drawing_ + s.write_pos - hpos;
  const int end = hpos + count;
  s.write_pos += count;

  if (s.vblank & 0x02) {
    fill_bytes(row + hpos, 0, count);
    return;
  }
  const PixelLine span = kWholeLine ? tia_detail::kWholeLine : span_mask(*tables_, hpos, end);
  const PixelLine* o = lines.obj;
  uint64_t movable = 0;
  if (kWholeLine && &lines == &draw_) {
    // An object not in s.objects draws nothing (draw_'s lines are gated by
    // it); one in it may still draw nothing, which draw_objects() handles.
    movable = s.objects & (P0 | M0 | P1 | M1 | BL);
  } else if (&lines != &draw_ || (s.objects & (P0 | M0 | P1 | M1 | BL))) {
    // (With none of them in s.objects, draw_ has no object pixels anywhere.)
    for (int w = 0; w < 3; ++w)
      movable |= (o[kP0].w[w] | o[kM0].w[w] | o[kP1].w[w] | o[kM1].w[w] | o[kBL].w[w]) & span.w[w];
  }
  if (!movable)
    fill_background(o[kPF], row, hpos, end, span);
  else
    draw_objects(lines, row, hpos, end, kWholeLine ? tia_detail::kWholeLine : span);

  // ALE draws most object combinations four pixels at a time where no object
  // is, and so may write up to three pixels past its update. Those pixels
  // are redrawn by the next update, unless the frame ends first.
  if (!kWholeLine && (end & 3) != 0 && ale_start <= (end & ~3) && ale_writes_past_span(end)) {
    const int group_end = (end & ~3) + 4;
    fill_background(o[kPF], row, end, group_end, span_mask(*tables_, end, group_end));
  }
}

// A span with players, missiles or ball in it: collisions, then the
// playfield and background, then the objects painted over them from the
// lowest priority up. Equivalent to ALE's priority encoder:
//   no priority:  BK < BL < PF < P1/M1 < P0/M0, except that a score-mode
//                 playfield in the left half (P0's colour) stays over P1/M1;
//   priority:     BK < P1/M1 < P0/M0 < BL = PF (same colour).
void Tia::draw_objects(const ObjectLines& lines, uint8_t* row, int from, int to,
                       const PixelLine& span) {
  TiaState& s = s_;
  const PixelLine* o = lines.obj;
  fill_background(o[kPF], row, from, to, span);
  const bool priority = s.priority_score & Priority;
  const bool score = s.priority_score & Score;
  constexpr uint64_t kLeftHalf[3] = {kAll, 0xFFFF, 0};  // pixels 0..79
  // An object's pixels on a span are mostly one player copy: one masked
  // 8-byte write per aligned group of 8 pixels they touch (one or two).
  // (Word 2 holds pixels 128-159: its groups end by the row's end.)
  const uint64_t* byte_mask = tables_->byte_mask;
  auto paint = [row, byte_mask](uint64_t bits, int w, uint8_t colour) {
    uint8_t* const base = row + w * 64;
    while (bits) {
      const int i = std::countr_zero(bits) & ~7;
      const uint64_t m = byte_mask[(bits >> i) & 0xFF];
      uint64_t v;
      std::memcpy(&v, base + i, 8);
      v ^= (v ^ (colour * kSplat)) & m;
      std::memcpy(base + i, &v, 8);
      bits &= ~(uint64_t{0xFF} << i);
    }
  };
  for (int w = from >> 6; w <= (to - 1) >> 6; ++w) {
    const uint64_t m = span.w[w];
    const uint64_t p0 = o[kP0].w[w] & m, m0 = o[kM0].w[w] & m, p1 = o[kP1].w[w] & m;
    const uint64_t m1 = o[kM1].w[w] & m, ball = o[kBL].w[w] & m, pf = o[kPF].w[w] & m;
    const uint64_t pl0 = p0 | m0, pl1 = p1 | m1;
    if (!(pl0 | pl1 | ball)) continue;
    // Collisions are rare: look at the pairs only when some pixel has two
    // objects (each object tested against the ones before it).
    if ((m0 & p0) | (p1 & pl0) | (m1 & (pl0 | p1)) | (ball & (pl0 | pl1)) |
        (pf & (pl0 | pl1 | ball))) {
      const tia_detail::Tables& t = *tables_;
      const uint64_t drawn[6] = {p0, m0, p1, m1, ball, pf};  // by tia_obj bit number
      uint16_t latched = 0;
      for (int a = 0; a < 6; ++a)
        for (int b = a + 1; b < 6; ++b)
          if (drawn[a] & drawn[b]) latched |= t.collision_bit[a][b];
      s.collisions |= latched;
    }
    if (priority) {
      paint(pl1 & ~(pf | ball), w, s.colour[3]);
      paint(pl0 & ~(pf | ball), w, s.colour[2]);
      paint(ball & ~pf, w, s.colour[1]);
    } else {
      paint(ball & ~pf, w, s.colour[1]);
      paint(pl1 & ~(score ? pf & kLeftHalf[w] : 0), w, s.colour[3]);
      paint(pl0, w, s.colour[2]);
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
  const bool score = s_.priority_score & Score;
  switch (s_.objects & 0x3F) {
    case PF:
      return true;
    case P0:
      return clear_of(cover_p_[0]);
    case P1:
      return clear_of(cover_p_[1]);
    case P0 | P1:
      return clear_of(cover_p_[0]) && clear_of(cover_p_[1]);
    case M0:
      return clear_of(shape_m_[0]);
    case M1:
      return clear_of(shape_m_[1]);
    case BL:
      return clear_of(shape_bl_);
    case M0 | M1:
      return clear_of(shape_m_[0]) && clear_of(shape_m_[1]);
    case BL | M0:
      return clear_of(shape_bl_) && clear_of(shape_m_[0]);
    case BL | M1:
      return clear_of(shape_bl_) && clear_of(shape_m_[1]);
    case BL | P1:
      return clear_of(shape_bl_) && clear_of(cover_p_[1]);
    case PF | P0:
      return !score && clear_of(cover_p_[0]);
    case PF | P1:
      return !score && clear_of(cover_p_[1]);
    case PF | BL:
      return !score && clear_of(shape_bl_);
    default:
      return false;
  }
}

}  // namespace ag::emu
