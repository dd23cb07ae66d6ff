// Which colour shows where objects overlap, for every combination of objects
// and CTRLPF priority/score bits, in both halves of the screen, against
// ALE's priority encoder (TIA.cxx constructor) written out independently.
#include <gtest/gtest.h>

#include "emu/tia_rig.hpp"

namespace ag::emu {
namespace {

using namespace tia_reg;
using testing::TiaRig;

enum : unsigned { P0 = 1, M0 = 2, P1 = 4, M1 = 8, BL = 16, PF = 32 };
constexpr uint8_t kColour[4] = {0x02, 0x44, 0x86, 0xC8};  // BK, PF, P0, P1

// ALE's encoder: returns 0 BK, 1 PF, 2 P0, 3 P1. A playfield with no other
// object enabled is drawn by its own loop instead, which looks at the score
// bit only: score colours even with priority set.
int ale_colour(unsigned objects, bool priority, bool score, bool right_half) {
  if (objects == PF && score) return right_half ? 3 : 2;
  int c = 0;
  if (priority) {
    if (objects & (P1 | M1)) c = 3;
    if (objects & (P0 | M0)) c = 2;
    if (objects & BL) c = 1;
    if (objects & PF) c = 1;
  } else {
    if (objects & BL) c = 1;
    if (objects & PF) c = score ? (right_half ? 3 : 2) : 1;
    if (objects & (P1 | M1)) c = (c != 2) ? 3 : 2;
    if (objects & (P0 | M0)) c = 2;
  }
  return c;
}

// A rig with the four colours of kColour set.
void with_colours(TiaRig& r) {
  r.write(0, 0, COLUBK, kColour[0]);
  r.write(0, 0, COLUPF, kColour[1]);
  r.write(0, 0, COLUP0, kColour[2]);
  r.write(0, 0, COLUP1, kColour[3]);
}

// All objects 8 pixels wide, reset on the same cycle: players at 27 (cycle
// 30) or 108 (cycle 57), missiles and ball one pixel earlier; PF1 = $FF
// covers 16..47 and 96..127. Pixel 30 / 110 is inside all of them.
uint8_t drawn_colour(unsigned objects, uint8_t ctrlpf, bool right_half) {
  TiaRig r(with_colours);
  r.write(0, 1, NUSIZ0, 0x30);
  r.write(0, 2, NUSIZ1, 0x30);
  r.write(0, 3, CTRLPF, static_cast<uint8_t>(0x30 | ctrlpf));
  r.write(0, 4, GRP0, (objects & P0) ? 0xFF : 0);
  r.write(0, 5, GRP1, (objects & P1) ? 0xFF : 0);
  r.write(0, 6, ENAM0, (objects & M0) ? 2 : 0);
  r.write(0, 7, ENAM1, (objects & M1) ? 2 : 0);
  r.write(0, 8, ENABL, (objects & BL) ? 2 : 0);
  r.write(0, 9, PF1, (objects & PF) ? 0xFF : 0);
  const int cycle = right_half ? 57 : 30;
  for (uint8_t reg : {RESP0, RESP1, RESM0, RESM1, RESBL}) r.write(1, cycle, reg, 0);
  r.draw_until(3);
  return r.pixel(2, right_half ? 110 : 30);
}

TEST(TiaPriority, OverlapColoursMatchAlesEncoder) {
  for (unsigned objects = 0; objects < 64; ++objects)
    for (uint8_t ctrlpf : {0x00, 0x02, 0x04, 0x06})
      for (bool right : {false, true}) {
        const int want = ale_colour(objects, ctrlpf & 0x04, ctrlpf & 0x02, right);
        EXPECT_EQ(drawn_colour(objects, ctrlpf, right), kColour[want])
            << "objects " << objects << " ctrlpf " << int(ctrlpf) << " right " << right;
      }
}

// Score and priority both set: the playfield shows the players' colours
// while it is the only object enabled (ALE's playfield-only loop), COLUPF
// from the moment another object is enabled (ALE's priority encoder), even
// where that object draws nothing, and again the players' colours once it
// is disabled, within a line.
TEST(TiaPriority, ScorePlayfieldWithPriorityHasPlayerColoursOnlyWhileAlone) {
  TiaRig r(with_colours);
  r.write(0, 1, CTRLPF, 0x06);
  r.write(0, 2, PF1, 0xFF);    // pixels 16..47 and 96..127
  r.write(0, 70, RESP0, 0);    // P0 at 147: clear of the playfield
  r.write(2, 40, GRP0, 0xFF);  // pixel 53: P0 enabled
  r.write(4, 40, GRP0, 0x00);  // and disabled again
  r.draw_until(6);
  for (int x : {16, 30, 47}) {
    EXPECT_EQ(r.pixel(1, x), kColour[2]) << x;
    EXPECT_EQ(r.pixel(2, x), kColour[2]) << x;  // before GRP0
    EXPECT_EQ(r.pixel(3, x), kColour[1]) << x;
    EXPECT_EQ(r.pixel(4, x), kColour[1]) << x;
    EXPECT_EQ(r.pixel(5, x), kColour[2]) << x;
  }
  for (int x : {96, 110, 127}) {
    EXPECT_EQ(r.pixel(1, x), kColour[3]) << x;
    EXPECT_EQ(r.pixel(2, x), kColour[1]) << x;  // after GRP0
    EXPECT_EQ(r.pixel(3, x), kColour[1]) << x;
    EXPECT_EQ(r.pixel(4, x), kColour[3]) << x;
    EXPECT_EQ(r.pixel(5, x), kColour[3]) << x;
  }
  EXPECT_EQ(r.pixel(3, 150), kColour[2]);  // P0 itself
  EXPECT_EQ(r.pixel(3, 60), kColour[0]);
}

}  // namespace
}  // namespace ag::emu
