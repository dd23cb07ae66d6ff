// The SIMD grayscale conversion (and its fused max-pool) against plain table
// lookups, on real frames and on every palette value, odd ones included.
#include "gym/palette_gray.hpp"

#include <gtest/gtest.h>

#include <random>

#include "real_screens.hpp"

namespace ag::gym {
namespace {

std::vector<uint8_t> gray_table() {
  std::vector<uint8_t> t(256);
  for (int p = 0; p < 256; ++p) t[p] = emu::palette_gray(static_cast<uint8_t>(p));
  return t;
}

TEST(PaletteGray, EqualsTableLookupOnRealFramesAndAllValues) {
  const auto table = gray_table();
  auto screens = test::load_real_screens(200, 2);
  ASSERT_GE(screens.size(), 50u);
  // Every value, odd ones too (PAL colour loss), in runs and scattered; odd
  // lengths exercise the tails.
  std::vector<uint8_t> all(256 * 3 + 7);
  for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<uint8_t>(i * 37 + (i >> 8));
  screens.push_back(all);
  std::mt19937 rng(4);
  std::vector<uint8_t> noise(1001);
  for (auto& v : noise) v = static_cast<uint8_t>(rng() & 0xFE);
  screens.push_back(noise);
  for (size_t s = 0; s < screens.size(); ++s) {
    const auto& px = screens[s];
    std::vector<uint8_t> want(px.size()), got(px.size());
    for (size_t i = 0; i < px.size(); ++i) want[i] = table[px[i]];
    palette_to_gray(px.data(), table.data(), got.data(), px.size());
    ASSERT_EQ(got, want) << "screen " << s << (palette_gray_uses_avx2() ? " (avx2)" : "");
  }
}

TEST(PaletteGray, FusedMaxPoolEqualsTwoLookupsAndMax) {
  const auto table = gray_table();
  const auto screens = test::load_real_screens(200, 3);
  ASSERT_GE(screens.size(), 50u);
  for (size_t s = 1; s < screens.size(); ++s) {
    const auto& a = screens[s - 1];
    auto b = screens[s];
    if (s % 7 == 0) b = a;       // identical frames take the one-lookup shortcut
    if (s % 11 == 0) b[5] |= 1;  // an odd pixel: the scalar fallback for its block
    std::vector<uint8_t> want_a(a.size()), want_pool(a.size()), got_a(a.size()), got_pool(a.size());
    for (size_t i = 0; i < a.size(); ++i) {
      want_a[i] = table[a[i]];
      want_pool[i] = std::max(table[a[i]], table[b[i]]);
    }
    palette_to_gray_max(a.data(), b.data(), table.data(), got_a.data(), got_pool.data(), a.size());
    ASSERT_EQ(got_a, want_a) << s;
    ASSERT_EQ(got_pool, want_pool) << s;
  }
}

}  // namespace
}  // namespace ag::gym
