// AreaResize against OpenCV's own cv::resize(INTER_AREA), which Gymnasium's
// AtariPreprocessing calls: on real frames and noise, at the sizes people use.
// Needs OpenCV's imgproc (Debian: libopencv-imgproc-dev); the build defines
// AG_HAVE_OPENCV and links it when it is found, otherwise this test skips.
#include <gtest/gtest.h>

#include <random>

#include "gym/area_resize.hpp"
#include "real_screens.hpp"

#ifdef AG_HAVE_OPENCV
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-enum-enum-conversion"
#include <opencv2/imgproc.hpp>
#pragma GCC diagnostic pop
#endif

namespace ag::gym {
namespace {

#ifdef AG_HAVE_OPENCV
void expect_equal_to_opencv(std::vector<uint8_t> src, int dh, int dw, int cn, AreaResize& fast,
                            const std::string& what) {
  cv::Mat in(fast.src_height(), 160, cn == 1 ? CV_8UC1 : CV_8UC3, src.data());
  cv::Mat out;
  cv::resize(in, out, cv::Size(dw, dh), 0, 0, cv::INTER_AREA);
  std::vector<uint8_t> got(dh * dw * cn);
  fast(src.data(), got.data());
  ASSERT_TRUE(out.isContinuous());
  ASSERT_EQ(0, std::memcmp(got.data(), out.data, got.size()))
      << what << " " << fast.src_height() << " rows to " << dw << "x" << dh;
}
#endif

TEST(AreaResizeOpenCv, EqualsCvResizeInterAreaOnRealFramesAndNoise) {
#ifndef AG_HAVE_OPENCV
  GTEST_SKIP() << "built without OpenCV (install libopencv-imgproc-dev and reconfigure)";
#else
  const auto screens = test::load_real_screens(200, 8);
  ASSERT_GE(screens.size(), 100u);
  struct Size {
    int h, w;
  } sizes[] = {{84, 84}, {110, 84}, {64, 64}, {105, 80}, {70, 80}, {100, 100}};
  std::mt19937 rng(7);
  for (const auto d : sizes)
    for (int cn : {1, 3}) {
      AreaResize fast(210, 160, d.h, d.w, cn);
      for (size_t i = 0; i < screens.size(); ++i)
        expect_equal_to_opencv(cn == 1 ? test::to_gray(screens[i]) : test::to_rgb(screens[i]), d.h,
                               d.w, cn, fast, "screen " + std::to_string(i));
      for (int trial = 0; trial < 50; ++trial) {
        std::vector<uint8_t> noise(210 * 160 * cn);
        for (auto& v : noise) v = trial % 2 ? static_cast<uint8_t>(rng()) : (rng() % 8) * 36;
        expect_equal_to_opencv(noise, d.h, d.w, cn, fast, "noise " + std::to_string(trial));
      }
    }
#endif
}

// The screens that are not 210 rows (PAL 250; carnival 214, pooyan 220,
// journey_escape 230): their weights are not exact small fractions, so the
// float path runs; it must still equal OpenCV. Sources are real frames with
// the rows of another frame appended, and noise.
TEST(AreaResizeOpenCv, EqualsCvResizeInterAreaOnTallerScreens) {
#ifndef AG_HAVE_OPENCV
  GTEST_SKIP() << "built without OpenCV (install libopencv-imgproc-dev and reconfigure)";
#else
  const auto screens = test::load_real_screens(60, 8);
  ASSERT_GE(screens.size(), 30u);
  std::mt19937 rng(11);
  for (int h : {214, 220, 230, 250})
    for (const auto& d : {std::pair{84, 84}, std::pair{110, 84}, std::pair{64, 64}})
      for (int cn : {1, 3}) {
        AreaResize fast(h, 160, d.first, d.second, cn);
        for (size_t i = 0; i + 1 < screens.size(); ++i) {
          auto a = cn == 1 ? test::to_gray(screens[i]) : test::to_rgb(screens[i]);
          const auto b = cn == 1 ? test::to_gray(screens[i + 1]) : test::to_rgb(screens[i + 1]);
          a.insert(a.end(), b.begin(), b.begin() + (h - 210) * 160 * cn);
          expect_equal_to_opencv(a, d.first, d.second, cn, fast, "screen " + std::to_string(i));
        }
        for (int trial = 0; trial < 20; ++trial) {
          std::vector<uint8_t> noise(static_cast<size_t>(h) * 160 * cn);
          for (auto& v : noise) v = trial % 2 ? static_cast<uint8_t>(rng()) : (rng() % 8) * 36;
          expect_equal_to_opencv(noise, d.first, d.second, cn, fast,
                                 "noise " + std::to_string(trial));
        }
      }
#endif
}

}  // namespace
}  // namespace ag::gym
