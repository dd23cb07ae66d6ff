// Players, missiles and ball: where RESPx/RESMx/RESBL put them, how NUSIZ,
// REFP and VDEL shape them (facts of ALE's TIA.cxx, checked by hand).
#include <gtest/gtest.h>

#include "emu/tia_rig.hpp"

namespace ag::emu {
namespace {

using namespace tia_reg;
using testing::TiaRig;

constexpr uint8_t kP0 = 0x1E, kP1 = 0x44, kPF = 0x86, kBK = 0x00;

void with_colours(TiaRig& r) {
  r.write(0, 0, COLUP0, kP0);
  r.write(0, 0, COLUP1, kP1);
  r.write(0, 0, COLUPF, kPF);
}

// RESP0 on CPU cycle 40: colour clock 120, pixel 52; the player starts 5
// pixels later, at 57. The copy that starts there is not drawn on the line of
// the reset, only from the next line on.
TEST(TiaPlayer, ResetDuringPictureStartsPlayerFivePixelsLater) {
  TiaRig r(with_colours);
  r.write(0, 1, GRP0, 0xFF);  // player at position 0 until the reset
  r.write(0, 40, RESP0, 0);
  r.draw_until(2);
  EXPECT_EQ(r.tia.state().pos_p[0], 57);
  for (int x = 0; x < 8; ++x) EXPECT_EQ(r.pixel(0, x), kP0) << x;
  EXPECT_EQ(r.pixel(0, 57), kBK);
  EXPECT_EQ(r.pixel(1, 0), kBK);
  EXPECT_EQ(r.pixel(1, 56), kBK);
  for (int x = 57; x < 65; ++x) EXPECT_EQ(r.pixel(1, x), kP0) << x;
  EXPECT_EQ(r.pixel(1, 65), kBK);
}

TEST(TiaPlayer, ResetDuringHorizontalBlankPutsPlayerAtPixel3) {
  TiaRig r(with_colours);
  r.write(0, 10, RESP0, 0);  // clock 30, still in horizontal blank
  r.write(0, 11, GRP0, 0x80);
  r.draw_until(2);
  EXPECT_EQ(r.tia.state().pos_p[0], 3);
  EXPECT_EQ(r.pixel(1, 2), kBK);
  EXPECT_EQ(r.pixel(1, 3), kP0);
  EXPECT_EQ(r.pixel(1, 4), kBK);
}

// A reset while a copy is being drawn: ALE finishes drawing that copy (11
// clocks ahead) before moving the player.
TEST(TiaPlayer, ResetWhileCopyIsDrawnFinishesTheCopy) {
  TiaRig r(with_colours);
  r.write(0, 1, GRP0, 0xFF);
  r.write(0, 23, RESP0, 0);  // clock 69: pixel 1; new position 6, inside the copy at 0..7
  r.draw_until(2);
  EXPECT_EQ(r.tia.state().pos_p[0], 6);
  for (int x = 0; x < 8; ++x) EXPECT_EQ(r.pixel(0, x), kP0) << x;
  for (int x = 8; x < 14; ++x) EXPECT_EQ(r.pixel(0, x), kBK) << x;
  for (int x = 6; x < 14; ++x) EXPECT_EQ(r.pixel(1, x), kP0) << x;
}

TEST(TiaPlayer, ReflectionMirrorsTheGraphics) {
  TiaRig r(with_colours);
  r.write(0, 10, RESP0, 0);  // position 3
  r.write(0, 11, GRP0, 0x80);
  r.write(0, 12, REFP0, 0x08);
  r.draw_until(2);
  EXPECT_EQ(r.pixel(1, 3), kBK);
  EXPECT_EQ(r.pixel(1, 10), kP0);
}

TEST(TiaPlayer, NusizThreeCopiesCloseAre16PixelsApart) {
  TiaRig r(with_colours);
  r.write(0, 1, NUSIZ0, 0x03);
  r.write(0, 40, RESP0, 0);  // position 57
  r.write(0, 41, GRP0, 0x80);
  r.draw_until(2);
  for (int x : {57, 73, 89}) EXPECT_EQ(r.pixel(1, x), kP0) << x;
  for (int x : {58, 72, 74, 105}) EXPECT_EQ(r.pixel(1, x), kBK) << x;
}

// Double and quad width players start one pixel late.
TEST(TiaPlayer, DoubleWidthPlayerIsOnePixelLate) {
  TiaRig r(with_colours);
  r.write(0, 1, NUSIZ0, 0x05);
  r.write(0, 40, RESP0, 0);  // position 57
  r.write(0, 41, GRP0, 0x80);
  r.draw_until(2);
  EXPECT_EQ(r.pixel(1, 57), kBK);
  EXPECT_EQ(r.pixel(1, 58), kP0);
  EXPECT_EQ(r.pixel(1, 59), kP0);
  EXPECT_EQ(r.pixel(1, 60), kBK);
}

TEST(TiaPlayer, QuadWidthPlayerStretchesEachBitToFourPixels) {
  TiaRig r(with_colours);
  r.write(0, 1, NUSIZ1, 0x07);
  r.write(0, 40, RESP1, 0);  // position 57
  r.write(0, 41, GRP1, 0x40);
  r.draw_until(2);
  EXPECT_EQ(r.pixel(1, 61), kBK);
  for (int x = 62; x < 66; ++x) EXPECT_EQ(r.pixel(1, x), kP1) << x;
  EXPECT_EQ(r.pixel(1, 66), kBK);
}

// With VDELP0 the player shows the copy of GRP0 taken when GRP1 is written.
TEST(TiaPlayer, VerticalDelayWaitsForGrp1) {
  TiaRig r(with_colours);
  r.write(0, 10, RESP0, 0);  // position 3
  r.write(0, 11, VDELP0, 0x01);
  r.write(0, 12, GRP0, 0xFF);
  r.draw_until(2);
  EXPECT_EQ(r.pixel(1, 3), kBK);
  r.write(2, 5, GRP1, 0x00);
  r.draw_until(4);
  EXPECT_EQ(r.pixel(3, 3), kP0);
}

// A graphics write in the middle of a line changes only the copies drawn
// after the pixel it lands on (GRP0 takes effect one clock after the write).
TEST(TiaPlayer, GraphicsWrittenDuringTheLineChangeTheCopiesAfterIt) {
  TiaRig r(with_colours);
  r.write(0, 1, NUSIZ0, 0x03);  // three copies, 16 pixels apart
  r.write(0, 40, RESP0, 0);     // position 57: copies at 57, 73, 89
  r.write(0, 41, GRP0, 0xFF);
  r.write(1, 45, GRP0, 0x0F);  // clock 136: pixel 68, between the first two copies
  r.write(1, 50, GRP0, 0xF0);  // clock 151: pixel 83, before the third copy
  r.draw_until(3);
  for (int x = 57; x < 65; ++x) EXPECT_EQ(r.pixel(1, x), kP0) << x;
  for (int x = 73; x < 77; ++x) EXPECT_EQ(r.pixel(1, x), kBK) << x;
  for (int x = 77; x < 81; ++x) EXPECT_EQ(r.pixel(1, x), kP0) << x;
  for (int x = 89; x < 93; ++x) EXPECT_EQ(r.pixel(1, x), kP0) << x;
  for (int x = 93; x < 97; ++x) EXPECT_EQ(r.pixel(1, x), kBK) << x;
  for (int x : {57, 73, 89}) EXPECT_EQ(r.pixel(2, x), kP0) << x;
  for (int x : {61, 77, 93}) EXPECT_EQ(r.pixel(2, x), kBK) << x;
}

// GRPx writes land one colour clock after the write (ALE's write delay
// table): written on clock 135 (pixel 67), the change shows from pixel 68.
TEST(TiaPlayer, GraphicsWriteLandsOneClockAfterTheWrite) {
  TiaRig r(with_colours);
  r.write(0, 1, NUSIZ0, 0x07);  // quad width: pixels 58..89
  r.write(0, 40, RESP0, 0);     // position 57
  r.write(0, 41, GRP0, 0xFF);
  r.write(1, 45, GRP0, 0x00);
  r.draw_until(2);
  EXPECT_EQ(r.pixel(1, 66), kP0);
  EXPECT_EQ(r.pixel(1, 67), kP0);
  EXPECT_EQ(r.pixel(1, 68), kBK);
}

// RESM0 on cycle 40 (clock 120, pixel 52) puts the missile 4 pixels later.
TEST(TiaMissile, ResetPositionAndSize) {
  TiaRig r(with_colours);
  r.write(0, 1, NUSIZ0, 0x20);  // 4 pixels wide
  r.write(0, 2, ENAM0, 0x02);
  r.write(0, 40, RESM0, 0);
  r.draw_until(2);
  EXPECT_EQ(r.tia.state().pos_m[0], 56);
  EXPECT_EQ(r.pixel(1, 55), kBK);
  for (int x = 56; x < 60; ++x) EXPECT_EQ(r.pixel(1, x), kP0) << x;
  EXPECT_EQ(r.pixel(1, 60), kBK);
}

TEST(TiaMissile, ReleasingResmpCentresMissileOnPlayer) {
  TiaRig r(with_colours);
  r.write(0, 40, RESP0, 0);  // player at 57
  r.write(0, 41, RESMP0, 0x02);
  r.write(0, 42, ENAM0, 0x02);
  r.draw_until(2);
  EXPECT_EQ(r.pixel(1, 61), kBK);  // locked to the player: hidden
  r.write(2, 1, RESMP0, 0x00);
  r.draw_until(4);
  EXPECT_EQ(r.tia.state().pos_m[0], 61);
  EXPECT_EQ(r.pixel(3, 61), kP0);
}

TEST(TiaBall, ResetPositionSizeAndColour) {
  TiaRig r(with_colours);
  r.write(0, 1, CTRLPF, 0x30);  // 8 pixels wide
  r.write(0, 2, ENABL, 0x02);
  r.write(0, 40, RESBL, 0);
  r.draw_until(2);
  EXPECT_EQ(r.tia.state().pos_bl, 56);
  for (int x = 56; x < 64; ++x) EXPECT_EQ(r.pixel(1, x), kPF) << x;
  EXPECT_EQ(r.pixel(1, 64), kBK);
}

TEST(TiaBall, VerticalDelayShowsEnableCopiedAtGrp1) {
  TiaRig r(with_colours);
  r.write(0, 1, VDELBL, 0x01);
  r.write(0, 2, ENABL, 0x02);
  r.write(0, 40, RESBL, 0);
  r.draw_until(2);
  EXPECT_EQ(r.pixel(1, 56), kBK);
  r.write(2, 1, GRP1, 0);
  r.draw_until(4);
  EXPECT_EQ(r.pixel(3, 56), kPF);
}

}  // namespace
}  // namespace ag::emu
