// The playfield: which pixels each PF bit lights, reflection, score mode,
// and the phase-dependent delay of PF writes (ALE's TIA.cxx, hand-checked).
#include <gtest/gtest.h>

#include "emu/tia_rig.hpp"

namespace ag::emu {
namespace {

using namespace tia_reg;
using testing::TiaRig;

constexpr uint8_t kP0 = 0x1E, kP1 = 0x44, kPF = 0x86, kBK = 0x02;

void with_colours(TiaRig& r) {
  r.write(0, 0, COLUP0, kP0);
  r.write(0, 0, COLUP1, kP1);
  r.write(0, 0, COLUPF, kPF);
  r.write(0, 0, COLUBK, kBK);
}

void expect_run(const TiaRig& r, int line, int from, int to, uint8_t colour) {
  for (int x = from; x < to; ++x)
    EXPECT_EQ(r.pixel(line, x), colour) << "line " << line << " x " << x;
}

TEST(TiaPlayfield, Pf0Bit4LightsTheLeftEdgeOfEachHalf) {
  TiaRig r(with_colours);
  r.write(0, 1, PF0, 0x10);
  r.draw_until(2);
  expect_run(r, 1, 0, 4, kPF);
  expect_run(r, 1, 4, 80, kBK);
  expect_run(r, 1, 80, 84, kPF);
  expect_run(r, 1, 84, 160, kBK);
}

TEST(TiaPlayfield, Pf1IsDrawnMostSignificantBitFirst) {
  TiaRig r(with_colours);
  r.write(0, 1, PF1, 0x80);
  r.draw_until(2);
  expect_run(r, 1, 15, 16, kBK);
  expect_run(r, 1, 16, 20, kPF);
  expect_run(r, 1, 20, 96, kBK);
  expect_run(r, 1, 96, 100, kPF);
}

TEST(TiaPlayfield, Pf2IsDrawnLeastSignificantBitFirst) {
  TiaRig r(with_colours);
  r.write(0, 1, PF2, 0x01);
  r.draw_until(2);
  expect_run(r, 1, 48, 52, kPF);
  expect_run(r, 1, 52, 128, kBK);
  expect_run(r, 1, 128, 132, kPF);
}

TEST(TiaPlayfield, ReflectionMirrorsTheRightHalf) {
  TiaRig r(with_colours);
  r.write(0, 1, CTRLPF, 0x01);
  r.write(0, 2, PF0, 0x10);
  r.write(0, 3, PF2, 0x01);
  r.draw_until(2);
  expect_run(r, 1, 0, 4, kPF);
  expect_run(r, 1, 48, 52, kPF);
  expect_run(r, 1, 80, 84, kBK);
  expect_run(r, 1, 108, 112, kPF);
  expect_run(r, 1, 156, 160, kPF);
}

// A reflection change written after the middle of the picture only applies
// from the next line.
TEST(TiaPlayfield, LateReflectionChangeWaitsForTheNextLine) {
  TiaRig r(with_colours);
  r.write(0, 1, PF0, 0x10);
  r.write(0, 60, CTRLPF, 0x01);  // clock 180: past the middle
  r.draw_until(2);
  expect_run(r, 0, 80, 84, kPF);
  expect_run(r, 0, 156, 160, kBK);
  expect_run(r, 1, 80, 84, kBK);
  expect_run(r, 1, 156, 160, kPF);
}

TEST(TiaPlayfield, ScoreModeColoursEachHalfLikeItsPlayer) {
  TiaRig r(with_colours);
  r.write(0, 1, CTRLPF, 0x02);
  r.write(0, 2, PF0, 0x10);
  r.draw_until(2);
  expect_run(r, 1, 0, 4, kP0);
  expect_run(r, 1, 80, 84, kP1);
}

// With another object enabled (here the ball, drawn far from the pixels
// looked at), ALE's priority encoder lets the priority bit override score
// mode.
TEST(TiaPlayfield, PriorityOverridesScoreColoursWithAnotherObjectEnabled) {
  TiaRig r(with_colours);
  r.write(0, 1, CTRLPF, 0x06);
  r.write(0, 2, PF0, 0x10);
  r.write(0, 3, ENABL, 0x02);
  r.write(0, 50, RESBL, 0);  // pixel 86
  r.draw_until(2);
  expect_run(r, 1, 0, 4, kPF);
  expect_run(r, 1, 80, 84, kPF);
}

// A playfield alone is drawn by ALE's playfield-only loop, which looks at
// the score bit only.
TEST(TiaPlayfield, PlayfieldAloneKeepsScoreColoursWithPriority) {
  TiaRig r(with_colours);
  r.write(0, 1, CTRLPF, 0x06);
  r.write(0, 2, PF0, 0x10);
  r.draw_until(2);
  expect_run(r, 1, 0, 4, kP0);
  expect_run(r, 1, 80, 84, kP1);
}

// PF2 written on cycle 65 (clock 195, pixel 127): the phase (cycle & 3 = 1)
// delays it 5 clocks, so it shows from pixel 132 on that line.
TEST(TiaPlayfield, WriteTakesEffectAfterItsPhaseDelay) {
  TiaRig r(with_colours);
  r.write(0, 65, PF2, 0xFF);
  r.draw_until(2);
  expect_run(r, 0, 128, 132, kBK);
  expect_run(r, 0, 132, 160, kPF);
  expect_run(r, 0, 48, 80, kBK);
  expect_run(r, 1, 48, 80, kPF);
  expect_run(r, 1, 128, 160, kPF);
}

// An asymmetric playfield: PF1 rewritten between the two halves of a line
// (cycle 40, clock 120: phase 0, 4 clocks of delay, pixel 56).
TEST(TiaPlayfield, WriteDuringTheLineChangesOnlyThePixelsAfterIt) {
  TiaRig r(with_colours);
  r.write(0, 1, PF1, 0xFF);  // pixels 16..47 and 96..127
  r.write(1, 40, PF1, 0x00);
  r.draw_until(3);
  expect_run(r, 1, 16, 48, kPF);
  expect_run(r, 1, 96, 128, kBK);
  expect_run(r, 2, 16, 48, kBK);
}

TEST(TiaPlayfield, VblankDrawsBlack) {
  TiaRig r(with_colours);
  r.write(0, 1, PF0, 0xF0);
  r.write(0, 2, VBLANK, 0x02);
  r.draw_until(2);
  expect_run(r, 1, 0, 160, 0x00);
  r.write(2, 1, VBLANK, 0x00);
  r.draw_until(4);
  expect_run(r, 3, 0, 16, kPF);
}

}  // namespace
}  // namespace ag::emu
