// play and watch as a person uses them: a real window on a private X server
// (Xvfb), frames stepped, the window read back (SDL_RenderReadPixels) and
// saved as PNG, keys pressed through SDL's event queue (--keys). The
// screenshot must show the game: the emulator's own screen for that frame,
// pixel for pixel, at 2:1 aspect.
#include <gtest/gtest.h>

#include <cstring>

#include "cli/run_cli.hpp"
#include "gym/atari_env.hpp"
#include "gym/registry.hpp"
#include "media/png_file.hpp"
#include "media/xvfb.hpp"
#include "support/artifacts.hpp"

using ag::test::CliOptions;
using ag::test::contains;
using ag::test::fresh_temp_dir;
using ag::test::run_cli;
namespace fs = std::filesystem;

namespace {

// The screen of ALE/SpaceInvaders-v5 (frameskip 1, as play steps it) after
// `steps` steps of `action` from reset(seed).
std::vector<uint8_t> screen_after(int steps, int action, uint64_t seed) {
  auto env = ag::gym::make("ALE/SpaceInvaders-v5", {{"frameskip", 1}});
  env->reset(seed);
  for (int i = 0; i < steps; ++i) env->step(action);
  return dynamic_cast<ag::gym::AtariEnv&>(env->unwrapped()).render();
}

// The game area of a screenshot at `scale`, one pixel per game pixel
// (the top-left of each 2*scale x scale block).
std::vector<uint8_t> game_pixels(const ag::media::Image& shot, int scale, int h, int w) {
  std::vector<uint8_t> out(static_cast<size_t>(h) * w * 3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      std::memcpy(&out[(y * w + x) * 3], shot.at(x * 2 * scale, y * scale), 3);
  return out;
}

// Mean column of the player's cannon (green, 50,132,50) in rows 180-199.
double cannon_x(const std::vector<uint8_t>& screen) {
  double sum = 0;
  int n = 0;
  for (int y = 180; y < 200; ++y)
    for (int x = 0; x < 160; ++x) {
      const uint8_t* p = &screen[(y * 160 + x) * 3];
      if (p[0] == 50 && p[1] == 132 && p[2] == 50) sum += x, ++n;
    }
  return n ? sum / n : -1;
}

class Window : public ::testing::Test {
 protected:
  void SetUp() override {
    if (xvfb_.display().empty()) GTEST_SKIP() << xvfb_.why_not();
    dir_ = fresh_temp_dir("window");
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  CliOptions display() const {
    CliOptions o;
    o.env = {{"DISPLAY", xvfb_.display()}, {"ATARI_GYM_MODEL_DIR", (dir_ / "none").string()}};
    return o;
  }
  ag::test::Xvfb xvfb_;
  fs::path dir_;
};

TEST_F(Window, PlayShowsTheEmulatorsScreenPixelForPixel) {
  const fs::path shot = dir_ / "play.png";
  const auto r = run_cli({"play", "--frames", "120", "--scale", "2", "--fps", "1000",
                          "--screenshot", shot.string()},
                         display());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "screenshot: " + shot.string())) << r.out;
  EXPECT_TRUE(contains(r.out, "play: env=ALE/SpaceInvaders-v5 games=1 frames=120")) << r.out;
  const auto img = ag::media::read_png(shot);
  ag::test::keep_artifact(img, "play-test");
  EXPECT_EQ(img.width, 640);
  EXPECT_GT(img.height, 420);  // the screen and the status bar beneath
  const auto want = screen_after(120, 0, 0);
  EXPECT_EQ(game_pixels(img, 2, 210, 160), want);
}

TEST_F(Window, KeysPressedThroughSdlsQueueMoveThePlayer) {
  const fs::path still = dir_ / "still.png", moved = dir_ / "moved.png";
  auto r = run_cli({"play", "--frames", "200", "--scale", "1", "--fps", "1000", "--screenshot",
                    still.string()},
                   display());
  ASSERT_EQ(r.status, 0) << r.err;
  r = run_cli({"play", "--frames", "200", "--scale", "1", "--fps", "1000", "--screenshot",
               moved.string(), "--keys", "0:+Right"},
              display());
  ASSERT_EQ(r.status, 0) << r.err;
  // The cannon can move from about frame 130 of a game on.
  const double x0 = cannon_x(game_pixels(ag::media::read_png(still), 1, 210, 160));
  const double x1 = cannon_x(game_pixels(ag::media::read_png(moved), 1, 210, 160));
  ASSERT_GT(x0, 0);
  EXPECT_GT(x1, x0 + 5) << "the cannon did not move right";
  // And it moved as RIGHT held from the first frame moves it in the emulator.
  EXPECT_EQ(game_pixels(ag::media::read_png(moved), 1, 210, 160), screen_after(200, 2, 0));
}

TEST_F(Window, WithoutADisplayPlayIsAOneLineError) {
  CliOptions o;
  o.env = {{"DISPLAY", ":12345"}};
  const auto r = run_cli({"play", "--frames", "1"}, o);
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "cannot open a window")) << r.err;
  EXPECT_TRUE(contains(r.err, "Xvfb")) << r.err;
}

TEST_F(Window, BadKeysAreAUsageError) {
  const auto r = run_cli({"play", "--keys", "0:+NoSuchKey"}, display());
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(contains(r.err, "NoSuchKey")) << r.err;
}

}  // namespace

namespace {

// A Space Invaders model from a few hundred training steps: it plays badly,
// which is all watch needs.
class WatchWindow : public Window {
 protected:
  static void SetUpTestSuite() {
    model_dir_ = new fs::path(fresh_temp_dir("watch-model"));
    const auto r = run_cli({"train", "--env", "ALE/SpaceInvaders-v5", "--steps", "200", "--run-dir",
                            (*model_dir_ / "run").string(), "--set", "replay_size=1000", "--set",
                            "burnin=100", "--set", "num_envs=1", "--set", "eval_every=0",
                            "--threads", "1"});
    ASSERT_EQ(r.status, 0) << r.err;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*model_dir_);
    delete model_dir_;
  }
  static std::string model() { return (*model_dir_ / "run" / "model.pt").string(); }
  static fs::path* model_dir_;
};
fs::path* WatchWindow::model_dir_ = nullptr;

std::string game_line(const std::string& out) {
  const size_t at = out.find("game 0:");
  return at == std::string::npos ? "" : out.substr(at, out.find('\n', at) - at);
}

TEST_F(WatchWindow, WatchPlaysEvalsGameFrameByFrame) {
  const auto w = run_cli({"watch", "--checkpoint", model(), "--seed", "4", "--scale", "1", "--fps",
                          "100000"},
                         display());
  ASSERT_EQ(w.status, 0) << w.err;
  const auto e = run_cli({"eval", "--checkpoint", model(), "--seed", "4", "--episodes", "1"});
  ASSERT_EQ(e.status, 0) << e.err;
  EXPECT_FALSE(game_line(w.out).empty()) << w.out;
  EXPECT_EQ(game_line(w.out), game_line(e.out));
  EXPECT_TRUE(contains(w.out, "watch: games=1")) << w.out;
}

TEST_F(WatchWindow, TheWindowShowsTheScreenAndTheQValuePanel) {
  const fs::path shot = dir_ / "watch.png";
  const auto r = run_cli({"watch", "--checkpoint", model(), "--frames", "60", "--scale", "1",
                          "--fps", "1000", "--screenshot", shot.string()},
                         display());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "game 0: seed=0")) << r.out;
  EXPECT_TRUE(contains(r.out, " stopped")) << r.out;
  const auto img = ag::media::read_png(shot);
  ag::test::keep_artifact(img, "watch-test");
  EXPECT_GT(img.width, 320 + 100);  // the panel right of the 320-wide screen
  int lit = 0;
  for (int y = 0; y < 100; ++y)
    for (int x = 330; x < img.width; ++x) lit += img.at(x, y)[0] > 100;
  EXPECT_GT(lit, 100) << "no text in the Q-value panel";
}

TEST_F(WatchWindow, MissingModelIsAOneLineError) {
  const auto r = run_cli({"watch"}, display());
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "no shipped model")) << r.err;
}

}  // namespace
