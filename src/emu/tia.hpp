// The TIA (video part), modelled on the TIA of ALE's Stella core (TIA.cxx,
// Stella 2.x/3.x era), quirks included: the golden traces come from it.
//
// How that TIA works, and so how this one does:
// - It is lazy. The picture is drawn only when the CPU touches the TIA: every
//   read or write first brings it up to the current colour clock (three per
//   CPU cycle), plus a small per-register delay (a write to NUSIZ lands 8
//   clocks later, a playfield write 2..5 clocks later depending on the pixel
//   phase, ...). Some of ALE's quirks depend on exactly where those updates
//   stop (a 4-pixel overrun, the HMOVE bar), so this TIA keeps ALE's update
//   points, but draws only when it must: a write that changes only what
//   objects draw is remembered for the line instead, which is then drawn in
//   one go (tia_render.cpp, tia_lines.hpp).
// - Objects are positions 0..159 plus a shape: RESPx/RESMx/RESBL place them
//   with fixed offsets, HMOVE moves them by a table indexed by the CPU cycle
//   within the line. There are no per-clock object counters.
// - A frame is what the CPU does between the end of VSYNC and the next end of
//   VSYNC. Only the scanlines [ystart, ystart + height) of it are stored.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "emu/bus_state.hpp"
#include "emu/state_io.hpp"

namespace ag::emu {

// What the game cartridge and the TV standard decide about the picture.
struct TiaConfig {
  int ystart = 34;           // first scanline stored (ROM property Display.YStart)
  int height = 210;          // scanlines stored (Display.Height)
  bool pal = false;          // PAL: colour loss, and 342 scanlines before a frame is forced to end
  bool hmove_blanks = true;  // draw the 8-pixel black bar after an early HMOVE
};

// The input pins the TIA samples, as the controllers drive them.
struct TiaInputs {
  static constexpr int32_t kMinResistance = 0;           // pot charged at once
  static constexpr int32_t kMaxResistance = 0x7FFFFFFF;  // nothing connected
  // INPT0..INPT3: the resistance on each pot pin (ALE's paddle position).
  std::array<int32_t, 4> resistance{kMaxResistance, kMaxResistance, kMaxResistance, kMaxResistance};
  // INPT4, INPT5: level of the fire-button pins (true = high = not pressed).
  std::array<bool, 2> pin_high{true, true};
};

namespace tia_detail {
struct Tables;
}

// 160 pixels as bits: pixel x is bit x % 64 of word x / 64.
struct PixelLine {
  uint64_t w[3] = {0, 0, 0};
};

// Object bits as the renderer combines them (and the layout of the priority
// and collision tables).
namespace tia_obj {
constexpr uint8_t P0 = 0x01, M0 = 0x02, P1 = 0x04, M1 = 0x08, BL = 0x10, PF = 0x20;
constexpr uint8_t Score = 0x40, Priority = 0x80;  // CTRLPF bits 1, 2 moved here
}  // namespace tia_obj

// The complete TIA state except the frame buffers. Times are colour clocks
// on the system clock (3 x BusState::cycles()), which is rebased to 0 at every
// frame start, so they are small signed numbers (ALE keeps them as int).
struct TiaState {
  // --- frame bookkeeping
  int32_t frame_start_clock = 0;     // colour clock at which this frame's line 0 began
  int32_t display_start_clock = 0;   // first stored scanline
  int32_t display_stop_clock = 0;    // end of the last stored scanline
  int32_t last_update_clock = 0;     // picture accounted for up to here (ALE's update point)
  int32_t drawn_clock = 0;           // picture actually rendered up to here (<= last_update)
  int32_t clocks_to_line_end = 228;  // of the rendered position
  int32_t last_frame_scanlines = 0;
  int32_t current_scanline = 0;
  int32_t vsync_end_clock = 0x7FFFFFFF;  // VSYNC off after this ends the frame
  int32_t last_hmove_clock = 0;
  // Where ALE's last update started. Not beside last_update_clock: advance()
  // stores both, and GCC would pair the stores into one 8-byte vector store
  // that the next read of last_update_clock cannot be forwarded from (a
  // stall of ~10 cycles per TIA write on AMD Zen, measured with perf).
  int32_t span_start_clock = 0;
  uint32_t write_pos = 0;      // next pixel in the current frame buffer
  uint8_t current_buffer = 0;  // which of the two buffers is being drawn
  bool frame_pending = false;  // a frame is started but not ended (ALE: partial frame flag)
  bool frame_greyed = false;
  bool hmove_blank = false;  // black out pixels 0..7 of the line being drawn
  // --- paddle pots (INPT0-3) are grounded while VBLANK bit 7 is set
  bool dump_to_ground = false;
  int32_t dump_released_cycle = 0;
  // --- registers
  uint8_t vsync = 0, vblank = 0, ctrlpf = 0;
  uint8_t priority_score = 0;  // CTRLPF bits 2-1 as tia_obj::Priority | Score
  std::array<uint8_t, 2> nusiz{};
  std::array<uint8_t, 4> colour{};  // BK, PF, P0, P1 (index = priority-encoder output)
  uint32_t pf = 0;                  // 20 playfield bits: PF0 in 3-0, PF1 in 11-4, PF2 in 19-12
  std::array<uint8_t, 2> grp{}, old_grp{};  // GRPx and the vertical-delay copy
  std::array<bool, 2> refp{}, vdelp{}, enam{}, resmp{};
  bool enabl = false, old_enabl = false, vdelbl = false;
  std::array<int8_t, 2> hmp{}, hmm{};
  int8_t hmbl = 0;
  uint16_t collisions = 0;  // 15 latches, bit layout of collision_bits()
  std::array<int16_t, 2> pos_p{}, pos_m{};
  int16_t pos_bl = 0;
  // --- derived drawing state
  std::array<uint8_t, 2> shown_grp{};  // player graphics as drawn: delayed or not, reflected
  uint8_t objects = 0;                 // tia_obj bits of objects that may draw (ALE's enabled set)
  std::array<bool, 2> skip_first_copy{};  // after RESPx: first copy hidden until the line ends
  bool pf_reflect = false;                // CTRLPF bit 0 as the playfield drawing sees it
  // The "Cosmic Ark" starfield effect (HMM0 changed 21 cycles after HMOVE):
  // missile 0 jumps every line and alternates width / visibility.
  bool starfield = false;
  uint8_t starfield_phase = 0;
  uint8_t m0_shape = 0;  // 0 normal, 1 at least 2 pixels wide, 2 hidden (starfield)
};

class Tia {
 public:
  static constexpr int kWidth = 160;
  static constexpr int kBufferRows = 300;
  static constexpr int kClocksPerLine = 228;
  static constexpr int kHBlankClocks = 68;

  explicit Tia(BusState& bus);
  Tia(const Tia&) = delete;  // (drawing_ points into its own buffers)
  Tia& operator=(const Tia&) = delete;

  void configure(const TiaConfig& config);
  const TiaConfig& config() const { return config_; }

  // Power-on/System reset (ALE TIA::reset + frameReset): registers cleared,
  // both frame buffers black, bookkeeping restarted at the current clock.
  void reset();
  // The system counter is about to go back to 0 (ALE systemCyclesReset).
  void rebase(uint32_t cycles);

  // Frame driving, the two halves of ALE's TIA::update() around the CPU run.
  bool frame_pending() const { return s_.frame_pending; }
  // Colour clocks already spent on the current line (kept across the rebase).
  int32_t clocks_into_line() const;
  // Starts a frame: swap buffers, restart the line/display clocks. Call after
  // the system counter was rebased.
  void start_frame(int32_t clocks_into_line);
  void mark_frame_pending() { s_.frame_pending = true; }
  // After the CPU ran: finish the frame, or grey out what is left of an
  // unfinished one. Returns true if a frame was completed.
  bool finish_run();
  // Scanlines since this frame started (ALE TIA::scanlines()).
  uint32_t scanlines() const;

  // Bus access, A3-A0 / A5-A0 of `addr` used. A write goes straight to its
  // register's function (inline: one indirect call from the bus). The bus
  // passes the clock it just committed (BusState::cycles()) in a register:
  // read back from memory, it would wait for that store.
  uint8_t read(uint16_t addr);
  void write(uint16_t addr, uint8_t value, uint32_t cycles) {
    kWrites[addr & 0x3F](*this, value, cycles);
  }
  // The same, for a write whose previous access was a read (the bus knows:
  // an instruction's first access after its opcode fetch): WSYNC then
  // halts without looking at BusState::last_access_read, so the CPU need
  // not store that flag first.
  void write_after_read(uint16_t addr, uint8_t value, uint32_t cycles) {
    kWritesAfterRead[addr & 0x3F](*this, value, cycles);
  }
  void write(uint16_t addr, uint8_t value) { write(addr, value, bus_.cycles()); }

  TiaInputs& inputs() { return inputs_; }

  // The frame last completed (or being greyed): rows of kWidth pixels.
  const uint8_t* frame() const { return buffers_[s_.current_buffer].data(); }
  int frame_height() const { return config_.height < 200 ? 200 : config_.height; }

  const TiaState& state() const { return s_; }

  void save_state(StateWriter& w) const;
  void load_state(StateReader& r);

 private:
  struct Writes;  // the register write handlers (tia.cpp)
  using WriteFn = void (*)(Tia& t, uint8_t value, uint32_t cycles);
  static const std::array<WriteFn, 64> kWrites;  // by register address (A5-A0)
  static const std::array<WriteFn, 64> kWritesAfterRead;  // (write_after_read())
  // A frame without VSYNC ends at the first write past the scanline limit
  // (ALE: more than 290 NTSC / 342 PAL whole scanlines since it started).
  // (Checked before the write's handler, which then is a tail call: no
  // handler looks at the flags this sets.)
  void check_frame_limit(int32_t clock) {
    if (clock - s_.frame_start_clock >= frame_limit_clocks_) {
      bus_.stop = true;
      s_.frame_pending = false;
    }
  }

  // ALE's updateFrame, split: advance() moves the point up to which the
  // picture counts as drawn (where ALE's updates stop, which its quirks depend
  // on), render_pending() draws up to it.
  void advance(int32_t clock) {
    TiaState& s = s_;
    if (clock < s.display_start_clock || s.last_update_clock >= s.display_stop_clock ||
        s.last_update_clock >= clock)
      return;
    s.span_start_clock = s.last_update_clock;
    s.last_update_clock = clock < s.display_stop_clock ? clock : s.display_stop_clock;
  }
  void render_pending() {
    if (s_.drawn_clock < s_.last_update_clock) render_to(s_.last_update_clock);
  }
  // ALE's HMOVE bar depends on where its updates stop (see render_to()):
  // looked at on every access while the bar is on. Each of ALE's updates that
  // ends before pixel 8 blanks from where it started up to pixel 8 or,
  // ending in the horizontal blank, the line's first 76 - (its position)
  // pixels; the drawing of the line covers that again, but not what lies
  // past the last update of a frame. So every such update point counts: the
  // ones in the horizontal blank of the line being drawn (with nothing drawn
  // yet) only widen the blanking owed to the line's start; otherwise the
  // picture must be drawn now (returns true; the caller draws). Inline: games
  // that HMOVE on every line make most of their accesses with the bar on.
  bool bar_needs_drawing() {
    const TiaState& s = s_;
    const int32_t ahead = s.last_update_clock - s.drawn_clock;
    if (ahead <= 0) return false;
    if (ahead <= s.clocks_to_line_end) {
      // The update point is on the line being drawn (or at its very end,
      // which counts as clock 0 of the next one).
      int32_t at = kClocksPerLine - s.clocks_to_line_end + ahead;
      if (at == kClocksPerLine) at = 0;
      if (at >= kHBlankClocks + 8) return false;
      if (at < kHBlankClocks) {
        owe_bar_blank(kHBlankClocks + 8 - at);
        return false;
      }
    } else if (line_clock(s.last_update_clock) >= kHBlankClocks + 8) {
      return false;
    }
    return true;
  }

  // What each object draws on a line: indexed by tia_obj bit number (P0, M0,
  // P1, M1, BL, PF), missiles and ball already gated by their enables.
  struct ObjectLines {
    PixelLine obj[6];
  };
  static constexpr int kP0 = 0, kM0 = 1, kP1 = 2, kM1 = 3, kBL = 4, kPF = 5;
  void hold(uint8_t objects);
  // Whether the playfield is drawn in the players' colours (score mode).
  // ALE's priority encoder gives CTRLPF's priority bit precedence over the
  // score bit, but its loop for a playfield drawn alone (no other object
  // enabled) looks at the score bit only: there a score-mode playfield keeps
  // COLUP0/COLUP1 with priority set too.
  bool score_colours() const {
    const uint8_t ps = s_.priority_score;
    return (ps & tia_obj::Score) &&
           (!(ps & tia_obj::Priority) || (s_.objects & 0x3F) == tia_obj::PF);
  }
  // Score and priority both set: the playfield's colour then depends on the
  // objects enabled.
  bool score_and_priority() const {
    return s_.priority_score == (tia_obj::Score | tia_obj::Priority);
  }
  // Draws up to `clock` (render_lines()); a stop still in the horizontal
  // blank of the line being drawn draws nothing but owes the HMOVE bar
  // (inline: frequent while the bar is on, and cheap).
  void render_to(int32_t clock) {
    TiaState& s = s_;
    const int line_end = kClocksPerLine - s.clocks_to_line_end + (clock - s.drawn_clock);
    if (line_end >= kHBlankClocks) return render_lines(clock, line_end);
    s.clocks_to_line_end -= clock - s.drawn_clock;
    s.drawn_clock = clock;
    if (s.hmove_blank) owe_bar_blank(kHBlankClocks + 8 - line_end);
  }
  void render_lines(int32_t clock, int line_end);
  void owe_bar_blank(int pixels) {
    if (bar_blank_ < pixels) bar_blank_ = pixels;
  }
  void pay_bar_blank();
  void draw_span(const ObjectLines& lines, int hpos, int count, int ale_start);
  template <bool kWholeLine>
  void draw_span_of(const ObjectLines& lines, int hpos, int count, int ale_start);
  void fill_background(const PixelLine& pf, uint8_t* row, int from, int to, const PixelLine& span);
  void build_background(uint32_t chunks);
  void draw_objects(const ObjectLines& lines, uint8_t* row, int from, int to,
                    const PixelLine& span);
  bool ale_writes_past_span(int hpos_end) const;
  bool end_of_line_work() const;
  void end_of_line();
  void grey_out();

  // Keeping draw_ (and the shapes) in step with the registers.
  void update_player_shape(int p);
  void update_player(int p);
  void update_missile(int m);
  void update_missile_gate(int m);
  void update_missile_gate(int m, const PixelLine& shape);
  void update_ball();
  void update_ball_gate();
  void update_ball_gate(const PixelLine& shape);
  void update_playfield();
  void update_all_lines();

  uint8_t reflected(int p, uint8_t g) const;  // REFPx applied to graphics g
  void set_shown_grp(int p, uint8_t g);
  void show_graphics(uint8_t g0, uint8_t g1, bool ball);
  void set_object(uint8_t bit, bool on) {
    s_.objects = static_cast<uint8_t>(on ? (s_.objects | bit) : (s_.objects & ~bit));
    // The background's colours depend on the objects enabled then.
    if (score_and_priority()) background_chunks_ = 0;
  }
  void reset_player(int p, int32_t clock);
  void reset_missile(int m, int32_t clock);
  void reset_ball(int32_t clock);
  void apply_hmove(int32_t clock);
  uint8_t read_pot(int pin);

  int32_t clock_now() const { return static_cast<int32_t>(bus_.cycles() * 3u); }
  // CPU cycles from `cycles` to the end of its scanline, 1..76 (76: at its
  // start), as ALE computes them: 76 - (cycles - frame start / 3) % 76.
  // Games WSYNC on most lines, so the next line end usually follows the
  // cached one: no division on the chain that the following HMOVE's clock
  // waits for.
  uint32_t cycles_to_line_end(uint32_t cycles) {
    uint32_t into = cycles - (line_end_cycle_ - 76);
    if (!line_cache_valid_ || into >= 2 * 76) [[unlikely]] {
      const uint32_t since = cycles - static_cast<uint32_t>(s_.frame_start_clock / 3);
      into = since % 76;
      // (A frame start after `cycles`, only in odd states, wraps `since`:
      // not cached.)
      line_cache_valid_ = since < 0x80000000u;
    } else if (into >= 76) {
      into -= 76;
    }
    line_end_cycle_ = cycles - into + 76;
    return 76 - into;
  }
  int32_t line_clock(int32_t clock) const {
    const int32_t since = clock - s_.frame_start_clock;  // >= 0 but for odd states
    return since >= 0 ? static_cast<int32_t>(static_cast<uint32_t>(since) % kClocksPerLine)
                      : since % kClocksPerLine;
  }

  BusState& bus_;
  const tia_detail::Tables* tables_;
  TiaConfig config_;
  int32_t frame_limit_clocks_ = 291 * kClocksPerLine;  // see write()
  TiaState s_;
  TiaInputs inputs_;
  // Charge time (CPU cycles) of each pot for the resistance it was computed
  // for: paddle games read their pots on every scanline, and the floating
  // point formula is a long dependency chain. A cache, not state.
  struct PotCharge {
    int32_t resistance = TiaInputs::kMaxResistance;
    uint32_t cycles = 0;
  };
  std::array<PotCharge, 4> pot_charge_{};
  std::array<std::vector<uint8_t>, 2> buffers_;
  // buffers_[s_.current_buffer].data(): set by update_all_lines() and
  // start_frame(), the only places the buffer or its storage change.
  uint8_t* drawing_ = nullptr;
  // WSYNC's line end: the CPU cycle (BusState::cycles()) at which the line
  // of the last WSYNC ended. Valid while the frame start and the cycle
  // counter stay (start_frame(), rebase() and update_all_lines() drop it).
  uint32_t line_end_cycle_ = 0;
  bool line_cache_valid_ = false;

  // --- Drawing caches derived from s_, kept up to date by every change.
  ObjectLines draw_;  // what the objects draw with the registers as they are
  // Objects changed on the line being drawn, before the pixels up to the
  // change were drawn: object o drew held_.obj[o] before pixel held_from_[o]
  // and draw_.obj[o] from there on (bit o of held_objects_; see hold()).
  ObjectLines held_;
  ObjectLines merged_;  // render_to()'s lines for such a scanline
  uint8_t held_from_[6] = {0, 0, 0, 0, 0, 0};
  uint8_t held_objects_ = 0;
  // HMOVE bar blanking owed to the line being drawn by updates that ended in
  // its horizontal blank: pixels [0, bar_blank_) (see bar_needs_drawing()).
  // Nothing of that line is drawn yet, and its drawing covers those pixels
  // again, so the blanking is only done where it is not (render_to()) or
  // when the frame is finished first (finish_run()).
  int bar_blank_ = 0;
  // The shapes ALE's masks give the objects (its 4-pixel overrun depends on
  // them): the pixels of each player copy, missiles and ball not gated.
  struct PlayerShape {
    int width = 8;  // pixels per copy: 8, 16 (double) or 32 (quad)
    // Where the copies drawn on this line start: a bit per start pixel, in
    // PixelLine's layout.
    uint64_t starts[3] = {0, 0, 0};
  };
  PlayerShape shape_p_[2];
  PixelLine cover_p_[2], shape_m_[2], shape_bl_;
  // Background and playfield alone, built 8 pixels at a time when needed:
  // bit i of background_chunks_ = pixels 8i..8i+7 are up to date for the
  // playfield background_pf_ (cleared when a colour or CTRLPF's score mode
  // changes).
  alignas(16) std::array<uint8_t, kWidth> background_{};
  PixelLine background_pf_;
  uint32_t background_chunks_ = 0;
};

}  // namespace ag::emu
