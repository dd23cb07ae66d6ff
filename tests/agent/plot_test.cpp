// PNG line charts through PLplot's pngcairo driver, and moving_average().
#include "agent/plot.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>

#include "support/temp_files.hpp"

// fontconfig (under cairo's text) keeps caches until exit, which
// LeakSanitizer (AG_SANITIZE=ON) reports; their size does not grow with the
// number of charts drawn (checked: 1 and 20 calls leak the same bytes).
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n";
}

namespace ag::agent {
namespace {

namespace fs = std::filesystem;

using ag::test::slurp;

uint32_t be32(const std::string& s, size_t at) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | uint8_t(s[at + i]);
  return v;
}

// A PNG starts with its 8-byte signature, then the IHDR chunk: length 13,
// "IHDR", width and height as big-endian uint32 (PNG spec, 5.2 and 11.2.2).
void expect_png(const fs::path& path, int width, int height) {
  const std::string png = slurp(path);
  ASSERT_GE(png.size(), 24u) << path;
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(png.substr(12, 4), "IHDR");
  EXPECT_EQ(be32(png, 16), uint32_t(width));
  EXPECT_EQ(be32(png, 20), uint32_t(height));
}

class PlotTest : public ::testing::Test {
 protected:
  const ag::test::TempDir dir_{"plot"};
};

TEST_F(PlotTest, TwoSeriesMakeAPngOfTheRequestedSize) {
  PlotSeries returns{"episode return #", {}, {}};
  for (int i = 0; i < 300; ++i) {
    returns.x.push_back(i);
    returns.y.push_back(std::sin(i * 0.1) * 10 + i * 0.05);
  }
  returns.y[150] = std::numeric_limits<double>::quiet_NaN();  // a gap
  const PlotSeries average{"100-episode average", returns.x, moving_average(returns.y, 100)};
  const PlotOptions options{"Space Invaders", "episode", "return", 640, 360};
  const fs::path out = dir_ / "plots" / "returns.png";
  plot_lines({returns, average}, options, out);
  expect_png(out, 640, 360);
  // Again into the same file, at another size: a fresh PLplot stream per call.
  plot_lines({average}, PlotOptions{"again", "x", "y", 1000, 600}, out);
  expect_png(out, 1000, 600);
  EXPECT_EQ(std::distance(fs::directory_iterator(out.parent_path()), {}), 1)
      << "no temp file left behind";
}

TEST_F(PlotTest, BandsAndMarkersDrawWithGaps) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Evaluations with a std band: a gap in the band (NaN spread), a gap in
  // the line (NaN y), a one-point run (no band polygon), a lone series.
  const PlotSeries evals{"evaluation", {1, 2, 3, 4, 5, 6, 7}, {10, 20, 15, nan, 30, 25, 40},
                         {2, 4, nan, 1, 5, 5, 5}, true};
  const PlotSeries lone{"one eval", {4}, {12}, {3}, true};
  const fs::path out = dir_ / "evals.png";
  plot_lines({evals, lone}, PlotOptions{"evals", "steps", "score", 500, 300}, out);
  expect_png(out, 500, 300);
}

TEST_F(PlotTest, NoDataStillMakesAChart) {
  const fs::path out = dir_ / "empty.png";
  const double nan = std::numeric_limits<double>::quiet_NaN();
  plot_lines({{"empty", {}, {}}, {"all nan", {nan}, {nan}}}, PlotOptions{}, out);
  expect_png(out, 1000, 600);
  plot_lines({}, PlotOptions{}, out);
  expect_png(out, 1000, 600);
  plot_lines({{"one point", {3}, {7}}}, PlotOptions{}, out);  // degenerate ranges
  expect_png(out, 1000, 600);
}

TEST_F(PlotTest, UnwritableFolderNamesThePath) {
  // A regular file where a folder should be: fails even for root, unlike chmod.
  std::ofstream(dir_ / "plots") << "not a folder";
  const fs::path out = dir_ / "plots" / "returns.png";
  try {
    plot_lines({{"a", {0, 1}, {0, 1}}}, PlotOptions{}, out);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find((dir_ / "plots").string()), std::string::npos) << e.what();
  }
  EXPECT_THROW(plot_lines({{"a", {0, 1}, {0}}}, PlotOptions{}, dir_ / "x.png"),
               std::invalid_argument);
  EXPECT_THROW(plot_lines({{"a", {0, 1}, {0, 1}, {1}}}, PlotOptions{}, dir_ / "x.png"),
               std::invalid_argument);
}

TEST(MovingAverage, TrailingMeanOverTheWindow) {
  const std::vector<double> got = moving_average({1, 2, 3, 4, 5, 6}, 3);
  const std::vector<double> want = {1, 1.5, 2, 3, 4, 5};
  EXPECT_EQ(got, want);
  EXPECT_EQ(moving_average({4, 8}, 100), (std::vector<double>{4, 6}));
  EXPECT_EQ(moving_average({}, 5), std::vector<double>{});
  // NaNs are left out of the mean; a window of only NaNs is NaN.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> gaps = moving_average({2, nan, nan, 6, 8}, 2);
  EXPECT_EQ(gaps[0], 2);
  EXPECT_EQ(gaps[1], 2);
  EXPECT_TRUE(std::isnan(gaps[2]));
  EXPECT_EQ(gaps[3], 6);
  EXPECT_EQ(gaps[4], 7);
  EXPECT_THROW(moving_average({1}, 0), std::invalid_argument);
}

}  // namespace
}  // namespace ag::agent
