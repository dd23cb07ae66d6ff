// Palette lookups as ALE's ColourPalette gives them.
#include "emu/palette.hpp"

#include <gtest/gtest.h>

namespace ag::emu {
namespace {

TEST(Palette, NtscEntries) {
  EXPECT_EQ(palette_rgb_packed(0x00), 0x000000u);
  EXPECT_EQ(palette_rgb_packed(0x0E), 0xECECECu);
  EXPECT_EQ(palette_rgb_packed(0x1E), 0xFCFC54u);
  EXPECT_EQ(palette_rgb_packed(0x44), 0xB83232u);
  const uint8_t* rgb = palette_rgb(0x1E);
  EXPECT_EQ(rgb[0], 0xFC);
  EXPECT_EQ(rgb[1], 0xFC);
  EXPECT_EQ(rgb[2], 0x54);
}

TEST(Palette, PalDiffersFromNtsc) {
  EXPECT_EQ(palette_rgb_packed(0x28, TvStandard::Pal), 0xCFAF5Cu);
  EXPECT_NE(palette_rgb_packed(0x28, TvStandard::Pal), palette_rgb_packed(0x28));
}

// Gray is round(0.2989 R + 0.5870 G + 0.1140 B) of the even colour; an odd
// pixel (PAL colour loss) shows that grayscale entry in RGB.
TEST(Palette, GrayscaleIsLuminance) {
  EXPECT_EQ(palette_gray(0x1E), 0xE9);  // (252, 252, 84)
  EXPECT_EQ(palette_gray(0x0E), 0xEC);
  EXPECT_EQ(palette_rgb_packed(0x1F), 0xE9E9E9u);
}

}  // namespace
}  // namespace ag::emu
