// The picture: the game's pixels exact and sharp at 2:1 aspect, text beside.
#include "media/game_view.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

#include "media/png_file.hpp"
#include "support/temp_files.hpp"

using namespace ag::media;

namespace {

std::vector<uint8_t> pattern(int h, int w) {
  std::vector<uint8_t> s(static_cast<size_t>(h) * w * 3);
  for (size_t i = 0; i < s.size(); ++i) s[i] = static_cast<uint8_t>(i * 7 + i / 3);
  return s;
}

TEST(GameView, EveryGamePixelIsAnExactTwoByOneBlockPerScale) {
  const int h = 210, w = 160;
  const auto screen = pattern(h, w);
  for (int scale : {1, 3}) {
    GameView view(h, w, {.scale = scale});
    const Image& img = view.draw(screen.data(), "score 10", "lives 3");
    const Rect r = view.screen_rect();
    EXPECT_EQ(r.w, 2 * scale * w);
    EXPECT_EQ(r.h, scale * h);
    EXPECT_GT(img.height, r.h);  // the status bar
    EXPECT_EQ(img.width % 2, 0);
    EXPECT_EQ(img.height % 2, 0);
    for (int y = 0; y < r.h; ++y)
      for (int x = 0; x < r.w; ++x) {
        const uint8_t* want = &screen[((y / scale) * w + x / (2 * scale)) * 3];
        ASSERT_EQ(std::memcmp(img.at(r.x + x, r.y + y), want, 3), 0) << x << "," << y;
      }
  }
}

TEST(GameView, StatusAndPanelTextIsDrawnOutsideTheScreen) {
  const auto screen = pattern(210, 160);
  GameView plain(210, 160, {.scale = 2, .status_bar = true});
  GameView with_panel(210, 160, {.scale = 2, .panel_actions = 6});
  EXPECT_GT(with_panel.width(), plain.width());
  ActionPanel panel{{"NOOP", "FIRE", "RIGHT", "LEFT", "RIGHTFIRE", "LEFTFIRE"},
                    {0.1f, 0.5f, 0.2f, 0.3f, 0.9f, 0.0f}, 4, false};
  const Image a = with_panel.draw(screen.data(), "score 0", "", &panel);
  panel.chosen = 1;
  const Image b = with_panel.draw(screen.data(), "score 0", "", &panel);
  const Image c = with_panel.draw(screen.data(), "score 120", "", &panel);
  const Rect r = with_panel.screen_rect();
  // Changing the chosen action changes only the panel; the score only the status bar.
  int panel_diff = 0, status_diff = 0, screen_diff = 0;
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x) {
      const bool in_screen = x < r.x + r.w && y < r.y + r.h;
      if (std::memcmp(a.at(x, y), b.at(x, y), 3)) (x >= r.x + r.w ? panel_diff : screen_diff)++;
      if (std::memcmp(b.at(x, y), c.at(x, y), 3)) (in_screen ? screen_diff : status_diff)++;
    }
  EXPECT_GT(panel_diff, 50);
  EXPECT_GT(status_diff, 20);
  EXPECT_EQ(screen_diff, 0);
}

TEST(GameView, TextWithoutAntialiasingUsesOnlyItsColour) {
  const std::vector<uint8_t> black(210 * 160 * 3, 0);
  GameView view(210, 160, {.scale = 1, .antialias = false});
  const Image& img = view.draw(black.data(), "score 1234", "lives 3");
  std::set<std::array<uint8_t, 3>> colours;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) colours.insert({img.at(x, y)[0], img.at(x, y)[1], img.at(x, y)[2]});
  EXPECT_EQ(colours.size(), 2u);
}

TEST(GameView, ScaleOutOfRangeIsAnError) {
  EXPECT_THROW(GameView(210, 160, {.scale = 0}), std::invalid_argument);
  EXPECT_THROW(GameView(210, 160, {.scale = 17}), std::invalid_argument);
}

TEST(PngFile, RoundTripsExactlyAndNamesBadFiles) {
  const ag::test::TempDir dir("png");
  Image img(7, 5);
  for (size_t i = 0; i < img.rgb.size(); ++i) img.rgb[i] = static_cast<uint8_t>(i * 13);
  write_png(img, dir / "a.png");
  const Image back = read_png(dir / "a.png");
  EXPECT_EQ(back.width, 7);
  EXPECT_EQ(back.height, 5);
  EXPECT_EQ(back.rgb, img.rgb);
  EXPECT_FALSE(std::filesystem::exists(dir / "a.png.tmp"));
  // Truncated, missing, unwritable.
  const std::string bytes = ag::test::slurp(dir / "a.png");
  std::ofstream(dir / "cut.png", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  for (const char* bad : {"cut.png", "missing.png"}) {
    try {
      read_png(dir / bad);
      FAIL() << bad;
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(write_png(img, dir / "no-such-folder" / "a.png"), std::runtime_error);
}

}  // namespace
