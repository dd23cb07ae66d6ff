// Frame-level TIA behaviour: how frames end (VSYNC, scanline limit), WSYNC,
// HMOVE's motion and 8-pixel bar, the grey-out of unfinished frames, paddle
// pots (ALE's TIA.cxx; expectations worked out by hand).
#include <gtest/gtest.h>

#include "emu/tia_motion.hpp"
#include "emu/tia_rig.hpp"

namespace ag::emu {
namespace {

using namespace tia_reg;
using testing::TiaRig;

TEST(TiaFrame, VsyncEndsTheFrameWhenClearedAtLeastOneLineAfterSet) {
  TiaRig r;
  r.write(3, 0, VSYNC, 0x02);
  r.write(3, 75, VSYNC, 0x00);  // 225 clocks later: too early
  EXPECT_FALSE(r.bus.stop);
  EXPECT_TRUE(r.tia.frame_pending());
  r.write(4, 0, VSYNC, 0x02);
  r.write(5, 0, VSYNC, 0x00);  // 228 clocks later
  EXPECT_TRUE(r.bus.stop);
  EXPECT_FALSE(r.tia.frame_pending());
  EXPECT_TRUE(r.tia.finish_run());
  EXPECT_EQ(r.tia.state().last_frame_scanlines, 5);
}

// A write ends it once more than 290 whole lines have passed.
TEST(TiaFrame, FrameWithoutVsyncEndsAtTheScanlineLimit) {
  TiaRig r;
  r.write(290, 0, COLUBK, 0x00);
  EXPECT_FALSE(r.bus.stop);
  r.write(290, 75, COLUBK, 0x00);
  EXPECT_FALSE(r.bus.stop);
  r.write(291, 0, COLUBK, 0x00);
  EXPECT_TRUE(r.bus.stop);
  EXPECT_FALSE(r.tia.frame_pending());
}

TEST(TiaFrame, PalAllowsMoreScanlines) {
  TiaConfig pal;
  pal.pal = true;
  TiaRig r(pal);
  r.write(342, 75, COLUBK, 0x00);
  EXPECT_FALSE(r.bus.stop);
  r.write(343, 0, COLUBK, 0x00);
  EXPECT_TRUE(r.bus.stop);
}

// WSYNC halts the CPU (adds cycles up to the end of the line) only when the
// CPU's previous access was a read, as with STA WSYNC after its operand fetch.
TEST(TiaFrame, WsyncHaltsOnlyAfterARead) {
  TiaRig r;
  r.bus.last_access_read = true;
  r.write(0, 10, WSYNC, 0);
  EXPECT_EQ(r.bus.total_cycles, 76u);
  r.bus.last_access_read = false;
  r.write(1, 20, WSYNC, 0);
  EXPECT_EQ(r.bus.total_cycles, 96u);
  r.bus.last_access_read = true;
  r.write(2, 0, WSYNC, 0);  // already at a line start: no halt
  EXPECT_EQ(r.bus.total_cycles, 152u);
}

// WSYNC's line end is remembered from one WSYNC to the next (Tia::
// cycles_to_line_end): wherever the next one comes (same line, next line,
// lines later, a new frame with another line phase, with or without the
// cycle counter rebased), the halt ends on the frame's own line grid:
// 76 - (cycles - frame start / 3) % 76 cycles later, as ALE computes it.
TEST(TiaFrame, WsyncEndsOnTheFramesLineGridWhereverItComes) {
  TiaRig r;
  r.bus.last_access_read = true;
  uint32_t seed = 12345;
  auto next = [&seed](uint32_t n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) % n;
  };
  for (int frame = 0; frame < 8; ++frame) {
    const uint32_t grid = static_cast<uint32_t>(r.tia.state().frame_start_clock / 3);
    for (int i = 0; i < 60; ++i) {
      // Mostly the next line, sometimes the same one again or a jump.
      const uint32_t kind = next(8);
      const uint32_t skip = kind == 0 ? 0 : kind == 1 ? 76 * (1 + next(5)) + next(76) : next(76);
      r.bus.total_cycles += skip;
      const uint32_t since = r.bus.cycles() - grid;
      const uint64_t expected = r.bus.total_cycles + (since % 76 == 0 ? 0 : 76 - since % 76);
      r.tia.write(WSYNC, 0);
      ASSERT_EQ(r.bus.total_cycles, expected) << "frame " << frame << ", write " << i;
    }
    r.bus.total_cycles += next(76);
    if (frame % 2 == 0) {
      r.next_frame();
    } else {
      // A frame start on another line phase, the counter not rebased.
      r.tia.start_frame(static_cast<int32_t>(next(228)));
      r.tia.mark_frame_pending();
    }
  }
}

// HMOVE's motion depends on its CPU cycle within the line, (clock - frame
// start) % 228 / 3 as ALE computes it: on every cycle, right after a WSYNC
// (whose line end the TIA remembers), a line later and with no WSYNC
// before, in frames whose line 0 began 0, 1 or 2 colour clocks off the CPU
// cycle grid.
TEST(TiaFrame, HmoveMovesByTheTableRowOfItsCycleWithOrWithoutAWsyncBefore) {
  TiaRig r;
  r.bus.last_access_read = true;
  r.write(1, 0, HMP0, 0x70);  // hm = 7: the row's last left move
  for (int phase = 0; phase < 4; ++phase) {
    for (int cycle = 0; cycle < 76; ++cycle) {
      for (int wsync = 0; wsync < 3; ++wsync) {  // 0: none, 1: same line, 2: the line before
        SCOPED_TRACE(::testing::Message() << "phase " << phase << ", cycle " << cycle
                                          << ", wsync " << wsync);
        const int line = 10 + 3 * cycle + wsync;  // time only goes forward
        if (wsync == 1) r.write(line, 0, WSYNC, 0);
        if (wsync == 2) r.write(line - 1, 20, WSYNC, 0);
        const uint32_t grid = static_cast<uint32_t>(r.tia.state().frame_start_clock / 3);
        r.at(line, 0);
        // Exactly `cycle` CPU cycles into the frame's line grid.
        const uint32_t since = r.bus.cycles() - grid;
        r.bus.total_cycles += (cycle + 76 - since % 76) % 76;
        const int before = r.tia.state().pos_p[0];
        r.tia.write(HMOVE, 0);
        int expected = before + kHmoveMotion[cycle][7];
        expected = expected < 0 ? expected + 160 : expected >= 160 ? expected - 160 : expected;
        ASSERT_EQ(r.tia.state().pos_p[0], expected);
      }
    }
    // The next frame's line 0 began 4, 5 or 6 colour clocks before the
    // counter's 0: frame start -4, -5, -6 (1, 2, 0 clocks off the grid).
    r.at(70, 0);
    r.next_frame();
    r.tia.start_frame(4 + phase);
    r.tia.mark_frame_pending();
    ASSERT_EQ(r.tia.state().frame_start_clock, -4 - phase);
  }
}

// HMOVE on cycle 3 uses the first row of the motion table: HMxx = $10 moves
// left 1 pixel, $70 left 7, $80 right 8.
TEST(TiaFrame, HmoveMovesObjectsByTheirMotionRegisters) {
  TiaRig r;
  r.write(0, 40, RESP0, 0);  // 57
  r.write(0, 41, RESP1, 0);  // 60
  r.write(0, 42, RESBL, 0);  // 62
  r.write(0, 50, HMP0, 0x10);
  r.write(0, 51, HMP1, 0x70);
  r.write(0, 52, HMBL, 0x80);
  r.write(1, 3, HMOVE, 0);
  EXPECT_EQ(r.tia.state().pos_p[0], 56);
  EXPECT_EQ(r.tia.state().pos_p[1], 53);
  EXPECT_EQ(r.tia.state().pos_bl, 70);
  r.write(1, 10, HMCLR, 0);
  r.write(2, 3, HMOVE, 0);
  EXPECT_EQ(r.tia.state().pos_p[0], 56);
}

// Late in the line the motion is cut short (cycle 55: $70 moves 1 pixel).
TEST(TiaFrame, LateHmoveMovesLess) {
  TiaRig r;
  r.write(0, 40, RESP0, 0);  // 57
  r.write(0, 50, HMP0, 0x70);
  r.write(0, 55, HMOVE, 0);
  EXPECT_EQ(r.tia.state().pos_p[0], 56);
}

TEST(TiaFrame, EarlyHmoveBlanksTheFirstEightPixels) {
  TiaRig r;
  r.write(0, 0, COLUBK, 0x44);
  r.write(1, 3, HMOVE, 0);
  r.draw_until(3);
  for (int x = 0; x < 8; ++x) EXPECT_EQ(r.pixel(1, x), 0x00) << x;
  EXPECT_EQ(r.pixel(1, 8), 0x44);
  EXPECT_EQ(r.pixel(2, 0), 0x44);
}

TEST(TiaFrame, HmoveBarCanBeTurnedOff) {
  TiaConfig no_bar;
  no_bar.hmove_blanks = false;
  TiaRig r(no_bar);
  r.write(0, 0, COLUBK, 0x44);
  r.write(1, 3, HMOVE, 0);
  r.draw_until(3);
  EXPECT_EQ(r.pixel(1, 0), 0x44);
}

TEST(TiaFrame, HmoveInTheMiddleOfTheLineHasNoBar) {
  TiaRig r;
  r.write(0, 0, COLUBK, 0x44);
  r.write(1, 40, HMOVE, 0);
  r.draw_until(3);
  EXPECT_EQ(r.pixel(1, 0), 0x44);
  EXPECT_EQ(r.pixel(2, 0), 0x44);
}

// An unfinished frame (no VSYNC within the CPU's budget): the buffer's
// lines not reached yet (left from two frames ago) are dimmed in place,
// (pixel & $0F) >> 1.
TEST(TiaFrame, UnfinishedFrameIsGreyedFromTheCurrentLine) {
  TiaRig r;
  r.write(0, 0, COLUBK, 0x4C);
  r.draw_until(200);
  r.next_frame();
  r.draw_until(200);
  r.next_frame();  // drawing into the first frame's buffer again
  r.draw_until(10);
  r.at(10, 0);
  EXPECT_FALSE(r.tia.finish_run());
  EXPECT_EQ(r.pixel(9, 0), 0x4C);
  EXPECT_EQ(r.pixel(10, 0), 0x06);
  EXPECT_EQ(r.pixel(199, 159), 0x06);
}

// With the HMOVE bar on, each of ALE's updates that ends in the horizontal
// blank blanks the line's first 76 - (its clock) pixels, beyond what gets
// drawn: if the frame ends there, the widest of them stays. Here updates at
// clocks 15 and 30 (two HMCLR writes): pixels 0..60 black, the rest of the
// line is the older picture, greyed.
TEST(TiaFrame, HmoveBarBlankingOfEveryUpdateInTheBlankStays) {
  TiaRig r;
  r.write(0, 0, COLUBK, 0x0E);
  r.draw_until(200);
  r.next_frame();
  r.next_frame();  // the first frame's buffer again: grey 0x0E everywhere
  r.write(1, 3, HMOVE, 0);
  r.write(1, 5, HMCLR, 0);
  r.write(1, 10, HMCLR, 0);
  r.at(1, 12);
  EXPECT_FALSE(r.tia.finish_run());
  for (int x = 0; x < 61; ++x) EXPECT_EQ(r.pixel(1, x), 0x00) << x;
  for (int x = 61; x < 160; ++x) EXPECT_EQ(r.pixel(1, x), 0x07) << x;
}

// An HMOVE on the last cycle of a line blanks the next line's first 8
// pixels, and nothing more once the line is drawn past them: here up to
// pixel 23 (GRP0 written on cycle 30) before the frame is left unfinished.
TEST(TiaFrame, HmoveOnTheLastCycleBlanksOnlyTheNextLinesBar) {
  TiaRig r;
  r.write(0, 0, COLUBK, 0x0E);
  r.draw_until(200);
  r.next_frame();
  r.next_frame();  // the first frame's buffer again: grey 0x0E everywhere
  r.write(1, 75, HMOVE, 0);
  r.write(2, 30, GRP0, 0xFF);
  r.at(2, 35);
  EXPECT_FALSE(r.tia.finish_run());
  for (int x = 157; x < 160; ++x) EXPECT_EQ(r.pixel(1, x), 0x0E) << x;
  for (int x = 0; x < 8; ++x) EXPECT_EQ(r.pixel(2, x), 0x00) << x;
  for (int x = 8; x < 160; ++x) EXPECT_EQ(r.pixel(2, x), 0x07) << x;
}

// A pot charges 1.6 * R * 0.01uF seconds after VBLANK bit 7 stops grounding
// it; R = 100000 needs (uint32)(0.0016 * 1.19e6) = 1904 cycles, and reads
// charged once more than that have passed.
TEST(TiaInputs, PaddlePotChargesAfterTheDumpIsReleased) {
  TiaRig r;
  r.tia.inputs().resistance[0] = 100000;
  r.write(0, 0, VBLANK, 0x80);
  EXPECT_EQ(r.read(0, 10, INPT0) & 0x80, 0x00);
  r.write(0, 20, VBLANK, 0x00);  // released at cycle 20
  r.bus.total_cycles = 20 + 1904;
  EXPECT_EQ(r.tia.read(INPT0) & 0x80, 0x00);
  r.bus.total_cycles = 20 + 1905;
  EXPECT_EQ(r.tia.read(INPT0) & 0x80, 0x80);
}

// The charge time is cached per pot: turning the paddle between two reads
// must still change what the next read sees (R = 200000 needs 3808 cycles).
TEST(TiaInputs, PaddleTurnedBetweenReadsChangesTheChargeTime) {
  TiaRig r;
  r.tia.inputs().resistance[0] = 100000;
  r.write(0, 0, VBLANK, 0x80);
  r.write(0, 20, VBLANK, 0x00);
  r.bus.total_cycles = 20 + 1905;
  EXPECT_EQ(r.tia.read(INPT0) & 0x80, 0x80);
  r.tia.inputs().resistance[0] = 200000;
  EXPECT_EQ(r.tia.read(INPT0) & 0x80, 0x00);
  r.bus.total_cycles = 20 + 3809;
  EXPECT_EQ(r.tia.read(INPT0) & 0x80, 0x80);
  r.tia.inputs().resistance[0] = 100000;
  r.bus.total_cycles = 20 + 1905;
  EXPECT_EQ(r.tia.read(INPT0) & 0x80, 0x80);
}

TEST(TiaInputs, PotWithoutResistanceIsChargedAndUnconnectedNever) {
  TiaRig r;
  r.tia.inputs().resistance[1] = TiaInputs::kMinResistance;
  EXPECT_EQ(r.read(0, 5, INPT1) & 0x80, 0x80);
  EXPECT_EQ(r.read(0, 6, INPT2) & 0x80, 0x00);  // default: nothing connected
}

TEST(TiaInputs, FireButtonPinsReadBit7) {
  TiaRig r;
  r.tia.inputs().pin_high = {false, true};
  EXPECT_EQ(r.read(0, 5, INPT4) & 0x80, 0x00);
  EXPECT_EQ(r.read(0, 6, INPT5) & 0x80, 0x80);
}

}  // namespace
}  // namespace ag::emu
