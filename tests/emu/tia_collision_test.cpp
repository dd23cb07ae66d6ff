// Collision latches: set where two drawn objects overlap, read in pairs on
// bits 7-6, cleared by CXCLR; the undriven bits read the data bus.
#include <gtest/gtest.h>

#include "emu/tia_rig.hpp"

namespace ag::emu {
namespace {

using namespace tia_reg;
using testing::TiaRig;

// Player 0 at pixel 3 (reset in horizontal blank), one pixel wide.
void player_at_3(TiaRig& r) {
  r.write(0, 10, RESP0, 0);
  r.write(0, 11, GRP0, 0x80);
}

TEST(TiaCollision, PlayerOverPlayfieldLatchesUntilCxclr) {
  TiaRig r(player_at_3);
  r.write(0, 12, PF0, 0x10);  // pixels 0..3
  EXPECT_EQ(r.read(1, 0, CXP0FB), 0x80);
  EXPECT_EQ(r.read(2, 0, CXP0FB), 0x80);
  r.write(2, 1, CXCLR, 0);
  r.write(2, 2, PF0, 0x00);
  EXPECT_EQ(r.read(4, 0, CXP0FB), 0x00);
}

TEST(TiaCollision, ApartObjectsDoNotCollide) {
  TiaRig r(player_at_3);
  r.write(0, 12, PF0, 0x20);  // pixels 4..7
  EXPECT_EQ(r.read(2, 0, CXP0FB), 0x00);
}

TEST(TiaCollision, MissileAgainstBothPlayers) {
  TiaRig r(player_at_3);
  r.write(0, 12, RESP1, 0);  // player 1 also at 3
  r.write(0, 13, GRP1, 0x80);
  r.write(0, 14, RESM0, 0);  // missile 0 at 2, two pixels wide
  r.write(0, 15, NUSIZ0, 0x10);
  r.write(0, 16, ENAM0, 0x02);
  EXPECT_EQ(r.read(2, 0, CXM0P), 0xC0);   // M0-P1 (bit 7), M0-P0 (bit 6)
  EXPECT_EQ(r.read(2, 1, CXPPMM), 0x80);  // P0-P1
  EXPECT_EQ(r.read(2, 2, CXM1P), 0x00);
}

TEST(TiaCollision, DisabledMissileDoesNotCollide) {
  TiaRig r(player_at_3);
  r.write(0, 14, RESM0, 0);
  r.write(0, 15, NUSIZ0, 0x10);
  EXPECT_EQ(r.read(2, 0, CXM0P), 0x00);
}

// Only the pixels drawn count: on line 1 player 0's second copy (19..26,
// over the playfield at 19) is switched off before it is reached, on line 2
// switched on.
TEST(TiaCollision, GraphicsChangedDuringTheLineCountFromTheirPixel) {
  TiaRig r;
  r.write(0, 1, NUSIZ0, 0x01);  // two copies, 16 pixels apart
  r.write(0, 10, RESP0, 0);     // position 3: copies at 3 and 19
  r.write(0, 11, GRP0, 0xFF);
  r.write(0, 12, PF1, 0x80);   // pixels 16..19
  r.write(1, 0, CXCLR, 0);     // forget line 0
  r.write(1, 27, GRP0, 0x00);  // clock 82: pixel 14
  EXPECT_EQ(r.read(2, 0, CXP0FB), 0x00);
  r.write(2, 27, GRP0, 0xFF);
  EXPECT_EQ(r.read(3, 0, CXP0FB), 0x80);
}

TEST(TiaCollision, UndrivenBitsReadTheDataBus) {
  TiaRig r(player_at_3);
  r.write(0, 12, PF0, 0x10);
  r.bus.data_bus = 0xEA;
  EXPECT_EQ(r.read(2, 0, CXP0FB), 0x80 | 0x2A);
  EXPECT_EQ(r.read(2, 1, 0x0E), 0x2A);  // unused read address: only the bus
}

}  // namespace
}  // namespace ag::emu
