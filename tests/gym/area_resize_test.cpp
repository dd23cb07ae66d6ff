// AreaResize (the fast path AtariPreprocessing uses) against a direct
// statement of OpenCV's INTER_AREA algorithm (area_resize_reference.hpp), on
// real Atari frames recorded by ALE and on noise. area_resize_opencv_test.cpp
// checks both against OpenCV itself where OpenCV is installed.
#include "gym/area_resize.hpp"

#include <gtest/gtest.h>

#include <random>

#include "area_resize_reference.hpp"
#include "gym/options.hpp"
#include "real_screens.hpp"

namespace ag::gym {
namespace {

struct Size {
  int h, w;
};

void expect_equal_to_reference(const std::vector<uint8_t>& src, int sh, int sw, Size d, int cn,
                               AreaResize& fast, const std::string& what) {
  std::vector<uint8_t> want(d.h * d.w * cn), got(d.h * d.w * cn);
  test::area_resize_reference(src.data(), sh, sw, want.data(), d.h, d.w, cn);
  fast(src.data(), got.data());
  ASSERT_EQ(got, want) << what << " -> " << d.w << "x" << d.h << " cn " << cn;
}

TEST(AreaResize, EqualsReferenceOnRealFrames210x160To84x84) {
  const auto screens = test::load_real_screens(200, 8);
  ASSERT_GE(screens.size(), 100u) << "conformance screens not found under " << test::shared_dir();
  AreaResize gray(210, 160, 84, 84, 1), rgb(210, 160, 84, 84, 3);
  ASSERT_TRUE(gray.uses_integer_path()) << "the fast path is the one under test";
  ASSERT_TRUE(rgb.uses_integer_path());
  for (size_t i = 0; i < screens.size(); ++i) {
    expect_equal_to_reference(test::to_gray(screens[i]), 210, 160, {84, 84}, 1, gray,
                              "gray screen " + std::to_string(i));
    expect_equal_to_reference(test::to_rgb(screens[i]), 210, 160, {84, 84}, 3, rgb,
                              "rgb screen " + std::to_string(i));
  }
}

TEST(AreaResize, EqualsReferenceOnMaxPooledRealFrames) {
  // AtariPreprocessing resizes the max of two frames.
  const auto screens = test::load_real_screens(200, 4);
  ASSERT_GE(screens.size(), 2u);
  AreaResize gray(210, 160, 84, 84, 1);
  for (size_t i = 1; i < screens.size(); ++i) {
    auto a = test::to_gray(screens[i - 1]);
    const auto b = test::to_gray(screens[i]);
    for (size_t k = 0; k < a.size(); ++k) a[k] = std::max(a[k], b[k]);
    expect_equal_to_reference(a, 210, 160, {84, 84}, 1, gray, "pooled " + std::to_string(i));
  }
}

TEST(AreaResize, EqualsReferenceForOtherSizesAndNoise) {
  std::mt19937 rng(12345);
  const Size sizes[] = {{84, 84}, {110, 84}, {64, 64}, {100, 100}, {105, 80},
                        {70, 80}, {42, 32},  {1, 1},   {209, 159}, {210, 160}};
  for (const Size d : sizes)
    for (int cn : {1, 3}) {
      AreaResize fast(210, 160, d.h, d.w, cn);
      for (int trial = 0; trial < 20; ++trial) {
        std::vector<uint8_t> src(210 * 160 * cn);
        // Noise, then few-level images (more exact ties at .5), then extremes.
        for (auto& v : src)
          v = trial % 3 == 0   ? static_cast<uint8_t>(rng())
              : trial % 3 == 1 ? static_cast<uint8_t>((rng() % 8) * 36)
                               : static_cast<uint8_t>(rng() % 2 ? 255 : 0);
        expect_equal_to_reference(src, 210, 160, d, cn, fast, "noise " + std::to_string(trial));
      }
    }
}

TEST(AreaResize, HandComputedValues) {
  // 4x1 -> 2x1: integer factor 2 in x, 1 in y: block sums times 1/2, ties to even.
  {
    AreaResize r(1, 4, 1, 2, 1);
    const uint8_t src[4] = {1, 2, 5, 6};
    uint8_t dst[2];
    r(src, dst);
    EXPECT_EQ(dst[0], 2);  // 1.5 rounds to even 2
    EXPECT_EQ(dst[1], 6);  // 5.5 rounds to even 6
  }
  // 3x1 -> 2x1: scale 1.5; cell 0 = p0 + p1/2 over 1.5, cell 1 = p1/2 + p2 over 1.5.
  {
    AreaResize r(1, 3, 1, 2, 1);
    const uint8_t src[3] = {30, 60, 90};
    uint8_t dst[2];
    r(src, dst);
    EXPECT_EQ(dst[0], 40);  // (30 + 30) / 1.5
    EXPECT_EQ(dst[1], 80);  // (30 + 90) / 1.5
  }
  // A constant image stays constant.
  {
    AreaResize r(210, 160, 84, 84, 1);
    std::vector<uint8_t> src(210 * 160, 77), dst(84 * 84);
    r(src.data(), dst.data());
    for (uint8_t v : dst) ASSERT_EQ(v, 77);
  }
}

TEST(AreaResize, RejectsEnlargingAndEmptySizes) {
  EXPECT_THROW(AreaResize(210, 160, 220, 84, 1), GymError);
  EXPECT_THROW(AreaResize(210, 160, 84, 0, 1), GymError);
}

}  // namespace
}  // namespace ag::gym
