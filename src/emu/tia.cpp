// The TIA video chip: register writes, lazy rendering, frame bookkeeping.
// Facts from ALE's Stella core (src/ale/emucore/TIA.cxx); see tia.hpp.
#include "emu/tia.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <stdexcept>
#include <string>

#include "emu/tia_lines.hpp"
#include "emu/tia_motion.hpp"
#include "emu/tia_registers.hpp"
#include "emu/tia_tables.hpp"

namespace ag::emu {

namespace {

using namespace tia_obj;
using tia_detail::CopyLayout;
using tia_detail::kCopies;

constexpr int kLine = Tia::kClocksPerLine;
constexpr int kHBlank = Tia::kHBlankClocks;
constexpr int kWidth = Tia::kWidth;
constexpr int32_t kNever = 0x7FFFFFFF;

// Playfield writes take effect 2..5 clocks after the write, by pixel phase
// (ALE's ourPokeDelayTable entries for PF0-PF2): the CPU cycle within the
// line, mod 4. A line is 76 cycles, a multiple of 4, so the cycle since the
// frame start gives the same phase (no % 228 needed).
int playfield_delay(int32_t since_frame_start) {
  static constexpr int kByPhase[4] = {4, 5, 2, 3};
  return kByPhase[(since_frame_start / 3) & 3];
}

int wrap160(int v) {
  return ((v % kWidth) + kWidth) % kWidth;
}

// The player-reset outcome ALE tabulates (ourPlayerPositionResetWhenTable):
// where the new position `newx` falls relative to the copies of a player at
// `oldx`: -1 in the 4-clock start delay of a copy, 1 while a copy is being
// drawn, 0 elsewhere.
int player_reset_phase(int mode, int oldx, int newx) {
  const CopyLayout& layout = kCopies[mode];
  int width = mode == 5 ? 16 : mode == 7 ? 32 : 8;
  int d = wrap160(newx - oldx);
  for (int c = 0; c < layout.count; ++c) {
    int o = layout.offset[c];
    if (d >= o && d < o + 4) return -1;
    if (d >= o + 4 && d < o + 4 + width) return 1;
  }
  return 0;
}

// Wrapping int arithmetic (ALE's int clocks drift when a game never writes
// the register that refreshes them; C++ signed overflow would be undefined).
int32_t sub_wrap(int32_t a, uint32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) - b);
}

}  // namespace

Tia::Tia(BusState& bus) : bus_(bus), tables_(&tia_detail::tables()) {
  // Two spare rows: writes a malformed-but-accepted state could still make
  // (a line's worth past its last row) stay inside the allocation.
  for (auto& b : buffers_) b.assign(kWidth * (kBufferRows + 2), 0);
  update_all_lines();
}

void Tia::configure(const TiaConfig& config) {
  if (config.ystart < 0 || config.height < 1 ||
      config.ystart + std::max(config.height, 200) > kBufferRows)
    throw std::invalid_argument("TIA display window out of range: ystart " +
                                std::to_string(config.ystart) + ", height " +
                                std::to_string(config.height));
  config_ = config;
  frame_limit_clocks_ = (config.pal ? 343 : 291) * kLine;
}

// ---------------------------------------------------------------------------
// Reset and frame bookkeeping

void Tia::reset() {
  // ALE's TIA::reset leaves the partial-frame and greyed flags and the
  // buffer order alone.
  TiaState fresh;
  fresh.frame_pending = s_.frame_pending;
  fresh.frame_greyed = s_.frame_greyed;
  fresh.current_buffer = s_.current_buffer;
  s_ = fresh;

  for (auto& b : buffers_) std::fill(b.begin(), b.end(), 0);
  // frameReset: drawing restarts at the current clock. Until the next
  // start_frame the picture is stored from scanline 0, not from ystart (an
  // ALE quirk visible only if a frame is pending across the reset).
  s_.frame_start_clock = clock_now();
  s_.display_start_clock = s_.frame_start_clock + kLine * config_.ystart;
  s_.display_stop_clock = s_.display_start_clock + kLine * config_.height;
  s_.last_update_clock = s_.frame_start_clock;
  s_.span_start_clock = s_.drawn_clock = s_.last_update_clock;
  update_all_lines();
}

void Tia::rebase(uint32_t cycles) {
  line_cache_valid_ = false;
  uint32_t clocks = cycles * 3;
  s_.dump_released_cycle = sub_wrap(s_.dump_released_cycle, cycles);
  s_.frame_start_clock = sub_wrap(s_.frame_start_clock, clocks);
  s_.display_start_clock = sub_wrap(s_.display_start_clock, clocks);
  s_.display_stop_clock = sub_wrap(s_.display_stop_clock, clocks);
  s_.last_update_clock = sub_wrap(s_.last_update_clock, clocks);
  s_.span_start_clock = sub_wrap(s_.span_start_clock, clocks);
  s_.drawn_clock = sub_wrap(s_.drawn_clock, clocks);
  s_.vsync_end_clock = sub_wrap(s_.vsync_end_clock, clocks);
  s_.last_hmove_clock = sub_wrap(s_.last_hmove_clock, clocks);
}

int32_t Tia::clocks_into_line() const {
  return static_cast<int32_t>((bus_.cycles() * 3u - static_cast<uint32_t>(s_.frame_start_clock)) %
                              kLine);
}

uint32_t Tia::scanlines() const {
  return (bus_.cycles() * 3u - static_cast<uint32_t>(s_.frame_start_clock)) / kLine;
}

void Tia::start_frame(int32_t clocks_into_line) {
  s_.current_buffer ^= 1;
  drawing_ = buffers_[s_.current_buffer].data();
  line_cache_valid_ = false;
  // The frame keeps the phase of the line the previous one ended on: games
  // position objects during VSYNC, and the TIA's counters don't stop for it.
  s_.frame_start_clock = -clocks_into_line;
  s_.display_start_clock = s_.frame_start_clock + kLine * config_.ystart;
  s_.display_stop_clock = s_.display_start_clock + kLine * config_.height;
  s_.last_update_clock = s_.display_start_clock;
  s_.span_start_clock = s_.drawn_clock = s_.last_update_clock;
  s_.clocks_to_line_end = kLine;
  s_.write_pos = 0;
  // PAL colour loss: after a frame with an odd number of scanlines every
  // colour register reads back with bit 0 set (shown as grey).
  if (config_.pal) {
    for (auto& c : s_.colour) c = (s_.last_frame_scanlines & 1) ? (c | 0x01) : (c & 0xFE);
    background_chunks_ = 0;
  }
  s_.frame_greyed = false;
}

bool Tia::finish_run() {
  render_pending();
  pay_bar_blank();
  s_.current_scanline = static_cast<int32_t>(scanlines());
  if (s_.frame_pending) {
    if (!s_.frame_greyed) grey_out();
    s_.frame_greyed = true;
    return false;
  }
  s_.last_frame_scanlines = s_.current_scanline;
  s_.frame_greyed = false;
  return true;
}

// A frame the CPU didn't finish within its instruction budget: the rows
// not drawn yet are dimmed (ALE's greyOutFrame: luminance halved, hue dropped).
void Tia::grey_out() {
  uint32_t first = std::max<uint32_t>(scanlines(), config_.ystart);
  uint32_t end = static_cast<uint32_t>(config_.ystart + config_.height);
  uint8_t* frame = drawing_;
  for (uint32_t line = first; line < end; ++line) {
    uint8_t* row = frame + (line - config_.ystart) * kWidth;
    for (int i = 0; i < kWidth; ++i) row[i] = static_cast<uint8_t>((row[i] & 0x0F) >> 1);
  }
}

// ---------------------------------------------------------------------------
// Register writes

inline uint8_t Tia::reflected(int p, uint8_t g) const {
  return s_.refp[p] ? tables_->reversed[g] : g;
}

// Player p's graphics as drawn are now g (delayed or not, reflected).
inline void Tia::set_shown_grp(int p, uint8_t g) {
  if (g == s_.shown_grp[p]) return;
  s_.shown_grp[p] = g;
  set_object(p == 0 ? P0 : P1, g != 0);
  update_player(p);
}

// The players now show g0 and g1 and, if `ball`, the ball its delayed
// enable (ENABL as copied by GRP1): what they drew so far is held first.
__attribute__((noinline)) void Tia::show_graphics(uint8_t g0, uint8_t g1, bool ball) {
  TiaState& s = s_;
  const uint8_t changed =
      (g0 != s.shown_grp[0] ? P0 : 0) | (g1 != s.shown_grp[1] ? P1 : 0) | (ball ? BL : 0);
  hold(changed);
  set_shown_grp(0, g0);
  set_shown_grp(1, g1);
  if (ball) {
    set_object(BL, s.old_enabl);
    update_ball_gate();
  }
}

void Tia::reset_player(int p, int32_t clock) {
  int hpos = line_clock(clock);
  int newx = hpos < kHBlank ? 3 : ((hpos - kHBlank) + 5) % kWidth;
  int phase = player_reset_phase(s_.nusiz[p] & 7, s_.pos_p[p], newx);
  // Reset while a copy is being drawn: ALE finishes drawing it first.
  if (phase == 1) {
    advance(clock + 11);
    render_pending();
  }
  s_.pos_p[p] = static_cast<int16_t>(newx);
  // The copy that starts right at the reset is not drawn on this line,
  // unless the reset came during another copy's start delay.
  s_.skip_first_copy[p] = phase != -1;
  update_player_shape(p);
  update_player(p);
}

void Tia::reset_missile(int m, int32_t clock) {
  int hpos = line_clock(clock);
  int pos = hpos < kHBlank ? 2 : ((hpos - kHBlank) + 4) % kWidth;
  int32_t since_hmove = sub_wrap(clock, static_cast<uint32_t>(s_.last_hmove_clock));
  // Stella's special cases for resets soon after HMOVE (Dolphin, Pitfall II).
  if (m == 0 && since_hmove == 20 * 3 && hpos == 69) pos = 8;
  if (m == 1 && since_hmove == 3 * 3 && hpos == 18) pos = 3;
  s_.pos_m[m] = static_cast<int16_t>(pos);
  if (m == 0) s_.m0_shape = 0;
  update_missile(m);
}

void Tia::reset_ball(int32_t clock) {
  int hpos = line_clock(clock);
  int pos = hpos < kHBlank ? 2 : ((hpos - kHBlank) + 4) % kWidth;
  int32_t since_hmove = sub_wrap(clock, static_cast<uint32_t>(s_.last_hmove_clock));
  // Stella's special cases for resets soon after HMOVE (Escape from the
  // Mindmaster, Decathlon, Robot Tank, Hole Hunter).
  if (since_hmove == 18 * 3 && (hpos == 60 || hpos == 69))
    pos = 10;
  else if (since_hmove == 3 * 3 && hpos == 18)
    pos = 3;
  else if (since_hmove == 7 * 3 && hpos == 30)
    pos = 6;
  else if (since_hmove == 6 * 3 && hpos == 27)
    pos = 5;
  s_.pos_bl = static_cast<int16_t>(pos);
  update_ball();
}

void Tia::apply_hmove(int32_t clock) {
  TiaState& s = s_;
  int cycle = line_clock(clock) / 3;
  if (config_.hmove_blanks && hmove_blanks_line(cycle)) s.hmove_blank = true;
  const int8_t* offset = hmove_offsets(cycle);
  auto move = [offset](int16_t& pos, int hm) {
    if (offset[hm] == 0) return false;
    int v = pos + offset[hm];
    if (v >= kWidth)
      v -= kWidth;
    else if (v < 0)
      v += kWidth;
    pos = static_cast<int16_t>(v);
    return true;
  };
  // Only the objects that move (or lose a RESPx / starfield shape) change.
  for (int p = 0; p < 2; ++p) {
    if (move(s.pos_p[p], s.hmp[p]) | s.skip_first_copy[p]) {
      s.skip_first_copy[p] = false;
      update_player_shape(p);
      update_player(p);
    }
  }
  const bool m0_reshaped = s.m0_shape != 0;
  s.m0_shape = 0;
  if (move(s.pos_m[0], s.hmm[0]) | m0_reshaped) update_missile(0);
  if (move(s.pos_m[1], s.hmm[1])) update_missile(1);
  if (move(s.pos_bl, s.hmbl)) update_ball();
  s.last_hmove_clock = clock;
  s.starfield = false;
}

// Each register has its own small handler (Tia::Writes), reached through a
// table: the common path of a write (clock, ALE's update point, dispatch) stays
// short, and a handler only pays for the work its register needs. Drawing is
// left pending when a write changes nothing drawn from now on (repeated
// values, WSYNC, audio and motion registers); changes to what an object draws
// are held (hold()), so the line is drawn in one go later; everything else
// (colours, positions, VBLANK, ...) draws up to the write first.
struct Tia::Writes {
  using Handler = void (*)(Tia& t, uint8_t value, int32_t clock);

  static void ignore(Tia&, uint8_t, int32_t) {}  // RSYNC, audio, unused

  static void vsync(Tia& t, uint8_t value, int32_t clock) {
    TiaState& s = t.s_;
    t.render_pending();  // may end the frame
    s.vsync = value;
    if (value & 0x02) {
      // The frame ends when VSYNC goes off at least one line after it went
      // on (Stella does not insist on the documented three).
      s.vsync_end_clock = clock + kLine;
    } else if (clock >= s.vsync_end_clock) {
      s.vsync_end_clock = kNever;
      t.bus_.stop = true;
      s.frame_pending = false;
    }
  }

  static void vblank(Tia& t, uint8_t value, int32_t) {
    TiaState& s = t.s_;
    if ((s.vblank ^ value) & 0x02) t.render_pending();
    if (!(s.vblank & 0x80) && (value & 0x80)) s.dump_to_ground = true;
    if ((s.vblank & 0x80) && !(value & 0x80)) {
      s.dump_to_ground = false;
      s.dump_released_cycle = static_cast<int32_t>(t.bus_.cycles());
    }
    s.vblank = value;
  }

  static void wsync(Tia& t, uint8_t, int32_t) {
    // The 6507 only halts on a read cycle: a write that follows a write
    // (ALE's approximation of the RDY line) does not halt it.
    if (t.bus_.last_access_read) wsync_after_read(t, 0, 0);
  }
  static void wsync_after_read(Tia& t, uint8_t, int32_t) {
    BusState& bus = t.bus_;
    const uint32_t to_line_end = t.cycles_to_line_end(bus.cycles());
    if (to_line_end < 76) bus.total_cycles += to_line_end;
  }

  template <int P>
  static void nusiz(Tia& t, uint8_t value, int32_t) {
    TiaState& s = t.s_;
    if (value == s.nusiz[P] && !s.skip_first_copy[P] && (P != 0 || s.m0_shape == 0)) return;
    t.render_pending();
    s.nusiz[P] = value;
    s.skip_first_copy[P] = false;
    if (P == 0) s.m0_shape = 0;
    t.update_player_shape(P);
    t.update_player(P);
    t.update_missile(P);
  }

  // Index = TiaState::colour (BK, PF, P0, P1).
  template <int Index>
  static void colour(Tia& t, uint8_t value, int32_t) {
    TiaState& s = t.s_;
    uint8_t c = value & 0xFE;
    if (t.config_.pal && (s.last_frame_scanlines & 1)) c |= 0x01;
    if (c == s.colour[Index]) return;
    t.render_pending();
    s.colour[Index] = c;
    // The background line uses BK and PF, and the players' colours in
    // score mode.
    if (Index < 2 || (s.priority_score & Score)) t.background_chunks_ = 0;
  }

  static void ctrlpf(Tia& t, uint8_t value, int32_t clock) {
    TiaState& s = t.s_;
    // Reflection changes take effect at once only before the middle of the
    // playfield; otherwise at the end of the line.
    const bool reflect_now = t.line_clock(clock) < kHBlank + 79;
    if (value == s.ctrlpf && !(reflect_now && (value & 0x01) != s.pf_reflect)) return;
    t.render_pending();
    const uint8_t old = s.ctrlpf;
    s.ctrlpf = value;
    s.priority_score = static_cast<uint8_t>((value & 0x06) << 5);
    t.background_chunks_ = 0;
    if ((value ^ old) & 0x30) t.update_ball();  // ball width
    if (reflect_now && (value & 0x01) != s.pf_reflect) {
      s.pf_reflect = value & 0x01;
      t.update_playfield();
    }
  }

  template <int P>
  static void refp(Tia& t, uint8_t value, int32_t) {
    TiaState& s = t.s_;
    if (((value & 0x08) != 0) == s.refp[P]) return;
    s.refp[P] = !s.refp[P];
    const uint8_t g = t.tables_->reversed[s.shown_grp[P]];
    if (g == s.shown_grp[P]) return;
    t.hold(P == 0 ? P0 : P1);
    s.shown_grp[P] = g;
    t.update_player(P);
  }

  // F: 0 = PF0, 1 = PF1, 2 = PF2.
  template <int F>
  static void playfield(Tia& t, uint8_t value, int32_t) {
    TiaState& s = t.s_;
    // PF0 bits 7-4 -> pf bits 3-0, PF1 -> 11-4, PF2 -> 19-12.
    constexpr int kShift[3] = {0, 4, 12};
    constexpr uint32_t kMask[3] = {0x0000F, 0x00FF0, 0xFF000};
    const uint32_t bits = static_cast<uint32_t>(F == 0 ? value >> 4 : value) << kShift[F];
    const uint32_t pf = (s.pf & ~kMask[F]) | bits;
    if (pf == s.pf) return;
    t.hold(PF);
    s.pf = pf;
    t.set_object(PF, pf != 0);
    t.update_playfield();
  }

  template <int P>
  static void resp(Tia& t, uint8_t, int32_t clock) {
    t.render_pending();
    t.reset_player(P, clock);
  }
  template <int M>
  static void resm(Tia& t, uint8_t, int32_t clock) {
    t.render_pending();
    t.reset_missile(M, clock);
  }
  static void resbl(Tia& t, uint8_t, int32_t clock) {
    t.render_pending();
    t.reset_ball(clock);
  }

  // GRP0/GRP1 are written on most scanlines, often with graphics that show
  // what is drawn already (blank lines, a repeated row): those writes only
  // store the registers; the rest is out of line (show_graphics()).
  static void grp0(Tia& t, uint8_t value, int32_t) {
    TiaState& s = t.s_;
    // GRP0 also copies GRP1 into P1's delay register, so P1 now shows GRP1
    // whether it is delayed or not.
    const uint8_t g0 = t.reflected(0, s.vdelp[0] ? s.old_grp[0] : value);
    const uint8_t g1 = t.reflected(1, s.grp[1]);
    s.grp[0] = value;
    s.old_grp[1] = s.grp[1];
    if (g0 != s.shown_grp[0] || g1 != s.shown_grp[1]) t.show_graphics(g0, g1, false);
  }

  static void grp1(Tia& t, uint8_t value, int32_t) {
    TiaState& s = t.s_;
    // Likewise GRP1 copies GRP0 and ENABL into their delay registers.
    const uint8_t g1 = t.reflected(1, s.vdelp[1] ? s.old_grp[1] : value);
    const uint8_t g0 = t.reflected(0, s.grp[0]);
    const bool ball = s.vdelbl && s.old_enabl != s.enabl;
    s.grp[1] = value;
    s.old_grp[0] = s.grp[0];
    s.old_enabl = s.enabl;
    if (g0 != s.shown_grp[0] || g1 != s.shown_grp[1] || ball) t.show_graphics(g0, g1, ball);
  }

  template <int M>
  static void enam(Tia& t, uint8_t value, int32_t) {
    TiaState& s = t.s_;
    const bool on = value & 0x02;
    if (on == s.enam[M]) return;
    s.enam[M] = on;
    if (s.resmp[M]) return;  // hidden while locked to its player
    t.hold(M == 0 ? M0 : M1);
    t.set_object(M == 0 ? M0 : M1, on);
    t.update_missile_gate(M);
  }

  static void enabl(Tia& t, uint8_t value, int32_t) {
    TiaState& s = t.s_;
    const bool on = value & 0x02;
    if (on == s.enabl) return;
    s.enabl = on;
    if (s.vdelbl) return;  // the delayed copy is drawn
    t.hold(BL);
    t.set_object(BL, on);
    t.update_ball_gate();
  }

  template <int P>
  static void hmp(Tia& t, uint8_t value, int32_t) {
    t.s_.hmp[P] = static_cast<int8_t>(value >> 4);
  }
  static void hmm0(Tia& t, uint8_t value, int32_t clock) {
    TiaState& s = t.s_;
    int8_t hm = static_cast<int8_t>(value >> 4);
    // Cosmic Ark's starfield: HMM0 7 -> 6 exactly 21 cycles after HMOVE.
    if (sub_wrap(clock, static_cast<uint32_t>(s.last_hmove_clock)) == 21 * 3 && s.hmm[0] == 7 &&
        hm == 6) {
      s.starfield = true;
      s.starfield_phase = 0;
    }
    s.hmm[0] = hm;
  }
  static void hmm1(Tia& t, uint8_t value, int32_t) {
    t.s_.hmm[1] = static_cast<int8_t>(value >> 4);
  }
  static void hmbl(Tia& t, uint8_t value, int32_t) { t.s_.hmbl = static_cast<int8_t>(value >> 4); }

  template <int P>
  static void vdelp(Tia& t, uint8_t value, int32_t) {
    TiaState& s = t.s_;
    const bool on = value & 0x01;
    const uint8_t g = t.reflected(P, on ? s.old_grp[P] : s.grp[P]);
    if (g != s.shown_grp[P]) t.hold(P == 0 ? P0 : P1);
    s.vdelp[P] = on;
    t.set_shown_grp(P, g);
  }

  static void vdelbl(Tia& t, uint8_t value, int32_t) {
    TiaState& s = t.s_;
    const bool on = value & 0x01;
    const bool ball = on ? s.old_enabl : s.enabl;
    if (ball != ((s.objects & BL) != 0)) t.hold(BL);
    s.vdelbl = on;
    t.set_object(BL, ball);
    t.update_ball_gate();
  }

  template <int M>
  static void resmp(Tia& t, uint8_t value, int32_t) {
    TiaState& s = t.s_;
    const bool on = value & 0x02;
    if (on == s.resmp[M]) return;
    t.hold(M == 0 ? M0 : M1);
    if (!on) {
      // Released: the missile reappears in the middle of its player.
      int mode = s.nusiz[M] & 7;
      int middle = mode == 5 ? 8 : mode == 7 ? 16 : 4;
      s.pos_m[M] = static_cast<int16_t>((s.pos_p[M] + middle) % kWidth);
      if (M == 0) s.m0_shape = 0;
    }
    s.resmp[M] = on;
    t.set_object(M == 0 ? M0 : M1, s.enam[M] && !on);
    t.update_missile(M);
  }

  static void hmove(Tia& t, uint8_t, int32_t clock) {
    t.render_pending();
    t.apply_hmove(clock);
  }
  static void hmclr(Tia& t, uint8_t, int32_t) {
    TiaState& s = t.s_;
    s.hmp = {0, 0};
    s.hmm = {0, 0};
    s.hmbl = 0;
  }
  static void cxclr(Tia& t, uint8_t, int32_t) {
    t.render_pending();
    t.s_.collisions = 0;
  }

  // A write, whole: ALE's update point first brought up to the write's
  // effective clock, `Delay` colour clocks after it (ALE's ourPokeDelayTable;
  // playfield writes, -1, depend on the pixel phase: playfield_delay()), then
  // the register's handler. One function per register, so the delay is a
  // constant and the handler inlined (and its branches predicted per
  // register); unless the HMOVE bar makes it draw first (draw_then_write())
  // nothing is called before the handler, so the common path needs no
  // registers saved.
  template <Handler H, int Delay>
  static void write(Tia& t, uint8_t value, uint32_t cycles) {
    const int32_t clock = static_cast<int32_t>(cycles * 3u);
    const int delay = Delay >= 0 ? Delay : playfield_delay(clock - t.s_.frame_start_clock);
    t.advance(clock + delay);
    if (t.s_.hmove_blank && t.bar_needs_drawing()) return draw_then_write<H>(t, value, clock);
    t.check_frame_limit(clock);
    H(t, value, clock);
  }
  // Out of line (the drawing needs registers saved), per register: a direct
  // call of the handler, not an indirect one that would mispredict.
  template <Handler H>
  __attribute__((noinline)) static void draw_then_write(Tia& t, uint8_t value, int32_t clock) {
    t.render_to(t.s_.last_update_clock);
    t.check_frame_limit(clock);
    H(t, value, clock);
  }

  // The write for each register address (A5-A0). kAfterRead: the table
  // for writes that follow a read (Tia::write_after_read()).
  template <bool kAfterRead>
  static constexpr std::array<WriteFn, 64> table() {
    using namespace tia_reg;
    std::array<WriteFn, 64> e{};
    for (auto& x : e) x = write<ignore, 0>;
    e[VSYNC] = write<vsync, 0>;
    e[VBLANK] = write<vblank, 1>;
    e[WSYNC] = kAfterRead ? write<wsync_after_read, 0> : write<wsync, 0>;
    e[NUSIZ0] = write<nusiz<0>, 8>;
    e[NUSIZ1] = write<nusiz<1>, 8>;
    e[COLUP0] = write<colour<2>, 0>;
    e[COLUP1] = write<colour<3>, 0>;
    e[COLUPF] = write<colour<1>, 0>;
    e[COLUBK] = write<colour<0>, 0>;
    e[CTRLPF] = write<ctrlpf, 0>;
    e[REFP0] = write<refp<0>, 1>;
    e[REFP1] = write<refp<1>, 1>;
    e[PF0] = write<playfield<0>, -1>;
    e[PF1] = write<playfield<1>, -1>;
    e[PF2] = write<playfield<2>, -1>;
    e[RESP0] = write<resp<0>, 0>;
    e[RESP1] = write<resp<1>, 0>;
    e[RESM0] = write<resm<0>, 8>;
    e[RESM1] = write<resm<1>, 8>;
    e[RESBL] = write<resbl, 0>;
    e[GRP0] = write<grp0, 1>;
    e[GRP1] = write<grp1, 1>;
    e[ENAM0] = write<enam<0>, 0>;
    e[ENAM1] = write<enam<1>, 0>;
    e[ENABL] = write<enabl, 0>;
    e[HMP0] = write<hmp<0>, 0>;
    e[HMP1] = write<hmp<1>, 0>;
    e[HMM0] = write<hmm0, 0>;
    e[HMM1] = write<hmm1, 0>;
    e[HMBL] = write<hmbl, 0>;
    e[VDELP0] = write<vdelp<0>, 0>;
    e[VDELP1] = write<vdelp<1>, 0>;
    e[VDELBL] = write<vdelbl, 0>;
    e[RESMP0] = write<resmp<0>, 0>;
    e[RESMP1] = write<resmp<1>, 0>;
    e[HMOVE] = write<hmove, 0>;
    e[HMCLR] = write<hmclr, 0>;
    e[CXCLR] = write<cxclr, 0>;
    return e;
  }
};

constinit const std::array<Tia::WriteFn, 64> Tia::kWrites = Tia::Writes::table<false>();
constinit const std::array<Tia::WriteFn, 64> Tia::kWritesAfterRead = Tia::Writes::table<true>();

// ---------------------------------------------------------------------------
// Register reads

uint8_t Tia::read_pot(int pin) {
  int32_t r = inputs_.resistance[pin];
  if (r == TiaInputs::kMinResistance) return 0x80;
  if (r == TiaInputs::kMaxResistance || s_.dump_to_ground) return 0x00;
  // The pot charges the capacitor in 1.6 * R * 0.01uF seconds, counted in
  // CPU cycles (1.19 MHz) from when VBLANK stopped grounding it. The sum is
  // unsigned as in ALE: a release before the last counter rebase wraps and
  // reads as "not yet charged".
  PotCharge& charge = pot_charge_[pin];
  if (charge.resistance != r) {
    double t = (1.6 * r * 0.01E-6);
    charge.cycles = static_cast<uint32_t>(t * 1.19E6);
    charge.resistance = r;
  }
  return bus_.cycles() > static_cast<uint32_t>(s_.dump_released_cycle) + charge.cycles ? 0x80
                                                                                       : 0x00;
}

uint8_t Tia::read(uint16_t addr) {
  using namespace tia_reg;
  advance(clock_now());
  // Only the collision latches depend on what is drawn so far.
  if (s_.hmove_blank && bar_needs_drawing()) render_to(s_.last_update_clock);
  if ((addr & 0x0F) <= CXPPMM) render_pending();
  const uint16_t c = s_.collisions;
  auto latch = [c](uint16_t bit7, uint16_t bit6) {
    return static_cast<uint8_t>(((c & bit7) ? 0x80 : 0) | ((c & bit6) ? 0x40 : 0));
  };
  // Only bits 7-6 are driven; the rest is whatever was last on the data bus.
  const uint8_t noise = bus_.data_bus & 0x3F;
  switch (addr & 0x0F) {
    case CXM0P:
      return latch(0x0001, 0x0002) | noise;
    case CXM1P:
      return latch(0x0004, 0x0008) | noise;
    case CXP0FB:
      return latch(0x0010, 0x0020) | noise;
    case CXP1FB:
      return latch(0x0040, 0x0080) | noise;
    case CXM0FB:
      return latch(0x0100, 0x0200) | noise;
    case CXM1FB:
      return latch(0x0400, 0x0800) | noise;
    case CXBLPF:
      return latch(0x1000, 0) | noise;
    case CXPPMM:
      return latch(0x2000, 0x4000) | noise;
    case INPT0:
      return read_pot(0) | noise;
    case INPT1:
      return read_pot(1) | noise;
    case INPT2:
      return read_pot(2) | noise;
    case INPT3:
      return read_pot(3) | noise;
    case INPT4:
      return (inputs_.pin_high[0] ? 0x80 : 0) | noise;
    case INPT5:
      return (inputs_.pin_high[1] ? 0x80 : 0) | noise;
    default:
      return noise;
  }
}

// ---------------------------------------------------------------------------
// State

namespace {

// Every TiaState field, in a fixed order (save and load share the list).
template <class S, class F>
void visit_state(S& s, F&& f) {
  f(s.frame_start_clock), f(s.display_start_clock), f(s.display_stop_clock);
  f(s.last_update_clock), f(s.span_start_clock), f(s.drawn_clock), f(s.clocks_to_line_end);
  f(s.last_frame_scanlines);
  f(s.current_scanline), f(s.vsync_end_clock), f(s.last_hmove_clock), f(s.write_pos);
  f(s.current_buffer), f(s.frame_pending), f(s.frame_greyed), f(s.hmove_blank);
  f(s.dump_to_ground), f(s.dump_released_cycle);
  f(s.vsync), f(s.vblank), f(s.ctrlpf), f(s.priority_score), f(s.nusiz), f(s.colour), f(s.pf);
  f(s.grp), f(s.old_grp), f(s.refp), f(s.vdelp), f(s.enam), f(s.resmp);
  f(s.enabl), f(s.old_enabl), f(s.vdelbl), f(s.hmp), f(s.hmm), f(s.hmbl), f(s.collisions);
  f(s.pos_p), f(s.pos_m), f(s.pos_bl), f(s.shown_grp), f(s.objects), f(s.skip_first_copy);
  f(s.pf_reflect), f(s.starfield), f(s.starfield_phase), f(s.m0_shape);
}

void put_field(StateWriter& w, bool v) {
  w.put<uint8_t>(v ? 1 : 0);
}
template <class T>
void put_field(StateWriter& w, const T& v) {
  w.put(v);
}
template <size_t N>
void put_field(StateWriter& w, const std::array<bool, N>& v) {
  for (bool b : v) put_field(w, b);
}

void get_field(StateReader& r, bool& v) {
  uint8_t b = r.get<uint8_t>();
  if (b > 1) throw StateError("TIA state: bad flag");
  v = b != 0;
}
template <class T>
void get_field(StateReader& r, T& v) {
  v = r.get<T>();
}
template <size_t N>
void get_field(StateReader& r, std::array<bool, N>& v) {
  for (bool& b : v) get_field(r, b);
}

}  // namespace

void Tia::save_state(StateWriter& w) const {
  w.put<uint32_t>(0x54494131);  // "TIA1"
  visit_state(s_, [&w](const auto& v) { put_field(w, v); });
  for (const auto& b : buffers_) w.put_bytes(b.data(), kWidth * kBufferRows);
}

void Tia::load_state(StateReader& r) {
  if (r.get<uint32_t>() != 0x54494131) throw StateError("TIA state: bad tag");
  TiaState s;
  visit_state(s, [&r](auto& v) { get_field(r, v); });
  std::array<std::vector<uint8_t>, 2> buffers;
  for (auto& b : buffers) {
    b = r.get_bytes();
    if (b.size() != static_cast<size_t>(kWidth * kBufferRows))
      throw StateError("TIA state: bad frame buffer size");
    b.resize(kWidth * (kBufferRows + 2), 0);
  }
  // Reject states whose drawing position could leave the frame buffer.
  auto in_width = [](int v) { return v >= 0 && v < kWidth; };
  auto diff = [](int32_t a, int32_t b) { return int64_t{a} - int64_t{b}; };
  // Scanlines still to draw, the current partial one included.
  const int64_t lines_left = (diff(s.display_stop_clock, s.drawn_clock) + kLine - 1) / kLine;
  bool ok = s.current_buffer < 2 && s.clocks_to_line_end >= 0 && s.clocks_to_line_end <= kLine &&
            diff(s.display_start_clock, s.frame_start_clock) == int64_t{kLine} * config_.ystart &&
            diff(s.display_stop_clock, s.display_start_clock) == int64_t{kLine} * config_.height &&
            diff(s.drawn_clock, s.frame_start_clock) >= 0 &&
            diff(s.last_update_clock, s.drawn_clock) >= 0 &&
            diff(s.last_update_clock, s.display_stop_clock) <= 0 &&
            diff(s.span_start_clock, s.frame_start_clock) >= 0 &&
            diff(s.last_update_clock, s.span_start_clock) >= 0 &&
            s.write_pos <= static_cast<uint32_t>(kWidth * kBufferRows) &&
            s.write_pos / kWidth + std::max<int64_t>(lines_left, 0) <= kBufferRows &&
            in_width(s.pos_p[0]) && in_width(s.pos_p[1]) && in_width(s.pos_m[0]) &&
            in_width(s.pos_m[1]) && in_width(s.pos_bl) && s.starfield_phase < 4 && s.m0_shape < 3;
  for (int8_t hm : {s.hmp[0], s.hmp[1], s.hmm[0], s.hmm[1], s.hmbl}) ok = ok && hm >= 0 && hm < 16;
  if (!ok) throw StateError("TIA state: inconsistent values");
  s_ = s;
  buffers_ = std::move(buffers);
  update_all_lines();
}

}  // namespace ag::emu
