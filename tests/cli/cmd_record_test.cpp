// `atari-gym record`: videos of a tiny Space Invaders model (300 steps of
// training, 6 actions) read back through libav: the frames the games had
// (every Nth, cut by --max-frames), GameView's size, the first frame equal to
// the emulator's screen after the game's reset (made here through the gym
// API, independently of the agent), and the games equal to eval's.
#include <gtest/gtest.h>

#include <regex>

#include "cli/run_cli.hpp"
#include "gym/atari_env.hpp"
#include "gym/registry.hpp"
#include "media/game_view.hpp"
#include "support/artifacts.hpp"
#include "support/decode_video.hpp"
#include "support/paths.hpp"

using ag::test::CliOptions;
using ag::test::contains;
using ag::test::decode_video;
using ag::test::fresh_temp_dir;
using ag::test::last_line;
using ag::test::mean_abs_error;
using ag::test::run_cli;
namespace fs = std::filesystem;
namespace media = ag::media;

namespace {

class Record : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fresh_temp_dir("record"));
    const auto r =
        run_cli({"train", "--env", "ALE/SpaceInvaders-v5", "--steps", "300", "--run-dir",
                 (*dir_ / "run").string(), "--set", "replay_size=2000", "--set", "burnin=100",
                 "--set", "num_envs=1", "--set", "eval_every=0", "--threads", "1"});
    ASSERT_EQ(r.status, 0) << r.err;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static std::string model() { return (*dir_ / "run" / "model.pt").string(); }
  static std::vector<std::string> game_lines(const std::string& out) {
    std::vector<std::string> lines;
    const std::regex game("^game [0-9]+: .*$");
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);)
      if (std::regex_match(line, game)) lines.push_back(line);
    return lines;
  }
  static int64_t frames_of(const std::string& game_line) {
    std::smatch m;
    if (!std::regex_search(game_line, m, std::regex(" frames=([0-9]+) "))) return -1;
    return std::stoll(m[1]);
  }
  // The emulator's screen after reset(seed), as the env eval plays makes it,
  // composed as record composes it.
  static media::Image first_screen(uint64_t seed, media::GameViewOptions o,
                                   int max_frames = 108000) {
    auto env = ag::gym::make("ALE/SpaceInvaders-v5",
                             {{"frameskip", 1},
                              {"repeat_action_probability", 0.25},
                              {"max_num_frames_per_episode", max_frames}},
                             {ag::test::shared_dir() / "roms"});
    auto& atari = dynamic_cast<ag::gym::AtariEnv&>(env->unwrapped());
    env->reset(seed);
    const auto screen = atari.render();
    media::GameView view(atari.screen_height(), atari.screen_width(), o);
    return view.draw(screen.data(), "", "");
  }
  static media::Image crop(const media::Image& img, media::Rect r) {
    media::Image out(r.w, r.h);
    for (int y = 0; y < r.h; ++y) std::copy_n(img.at(r.x, r.y + y), r.w * 3, out.at(0, y));
    return out;
  }
  static fs::path* dir_;
};
fs::path* Record::dir_ = nullptr;

TEST_F(Record, GifHoldsEvalsGamesEveryOtherFrameAndTheResetScreenExactly) {
  // Games cut at 1,500 frames (truncated) keep the test short; both take the option.
  const std::string cut = "max_num_frames_per_episode=1500";
  const auto eval =
      run_cli({"eval", "--checkpoint", model(), "--episodes", "2", "--seed", "3", "--opt", cut});
  ASSERT_EQ(eval.status, 0) << eval.err;
  const fs::path out = *dir_ / "games.gif";
  const auto r = run_cli({"record", "--checkpoint", model(), "--episodes", "2", "--seed", "3",
                          "--out", out.string(), "--opt", cut});
  ASSERT_EQ(r.status, 0) << r.err;
  // The same games: seeds, scores, steps, frames and actions.
  const auto games = game_lines(r.out);
  ASSERT_EQ(games.size(), 2u) << r.out;
  EXPECT_EQ(games, game_lines(eval.out));
  EXPECT_TRUE(contains(games[0], " truncated")) << games[0];
  EXPECT_TRUE(contains(r.out, "protocol: env=ALE/SpaceInvaders-v5")) << r.out;

  // Every 2nd of each game's frames 0 (the reset's) .. F, and frame F's
  // (the final screen) when F is odd: F / 2 + 1 + F % 2 per game.
  int64_t expected = 0;
  for (const auto& g : games) expected += (frames_of(g) + 1) / 2 + 1;
  media::GameViewOptions o{.scale = 1, .status_bar = true, .antialias = false};
  const media::Image first = first_screen(3, o, 1500);
  EXPECT_EQ(last_line(r.out), "record: " + out.string() + " frames=" + std::to_string(expected) +
                                  " size=" + std::to_string(first.width) + "x" +
                                  std::to_string(first.height) + " fps=30");
  const auto v = decode_video(out);
  EXPECT_EQ(v.codec, "gif");
  EXPECT_EQ(v.frames, expected);
  EXPECT_EQ(v.width, first.width);
  EXPECT_EQ(v.height, first.height);
  EXPECT_NEAR(v.seconds, expected / 30.0, 0.01);
  ASSERT_EQ(v.first.size(), 1u);
  ag::test::keep_artifact(v.first[0], "record-gif-first-frame");
  const media::Rect screen = media::GameView(210, 160, o).screen_rect();
  EXPECT_EQ(crop(v.first[0], screen).rgb, crop(first, screen).rgb);
  for (const auto& e : fs::directory_iterator(*dir_))
    EXPECT_FALSE(contains(e.path().filename().string(), ".tmp-")) << e.path();
  fs::remove(out);
}

// A game whose frames 0..F do not fill the last stride still ends on its
// final screen: with --no-merge-frames every video frame is one emulator
// frame, so the last frame of each stride's video is frame F, the same in all.
TEST_F(Record, EveryStrideEndsOnTheGamesFinalScreen) {
  const std::string cut = "max_num_frames_per_episode=301";
  std::vector<ag::test::DecodedVideo> videos;
  int64_t frames = -1;
  bool remainder = false;
  for (int stride : {2, 3, 4, 5}) {
    const fs::path out = *dir_ / ("end-" + std::to_string(stride) + ".gif");
    const auto r =
        run_cli({"record", "--checkpoint", model(), "--seed", "4", "--out", out.string(), "--opt",
                 cut, "--no-merge-frames", "--frame-stride", std::to_string(stride)});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto games = game_lines(r.out);
    ASSERT_EQ(games.size(), 1u) << r.out;
    frames = frames_of(games[0]);
    remainder |= frames % stride != 0;
    videos.push_back(decode_video(out));
    EXPECT_EQ(videos.back().frames, frames / stride + 1 + (frames % stride != 0 ? 1 : 0))
        << "stride " << stride << ", frames 0.." << frames;
  }
  ASSERT_TRUE(remainder) << "no stride left a remainder of " << frames << " frames: test nothing";
  for (size_t i = 1; i < videos.size(); ++i)
    EXPECT_EQ(videos[i].last.rgb, videos[0].last.rgb) << "stride " << i + 2;
}

TEST_F(Record, Mp4OfTheShippedModelCutByMaxFrames) {
  const fs::path out = *dir_ / "clip.mp4";
  CliOptions shipped;
  shipped.env = {{"ATARI_GYM_MODEL_DIR", (*dir_ / "run").string()}};
  const auto r = run_cli(
      {"record", "--seed", "5", "--out", out.string(), "--max-frames", "40", "--no-overlay"},
      shipped);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "model: " + model())) << r.out;
  const auto games = game_lines(r.out);
  ASSERT_EQ(games.size(), 1u) << r.out;
  EXPECT_TRUE(contains(games[0], "game 0: seed=5 ")) << r.out;
  EXPECT_TRUE(contains(games[0], " stopped")) << r.out;  // the game ended with the video
  // Scale 2, every frame, no status bar: the screen alone, 640x420 at 60 fps.
  EXPECT_EQ(last_line(r.out), "record: " + out.string() + " frames=40 size=640x420 fps=60");
  const auto v = decode_video(out);
  EXPECT_EQ(v.codec, "h264");
  EXPECT_EQ(v.frames, 40);
  EXPECT_EQ(v.width, 640);
  EXPECT_EQ(v.height, 420);
  EXPECT_NEAR(v.seconds, 40 / 60.0, 1e-3);
  ASSERT_EQ(v.first.size(), 1u);
  ag::test::keep_artifact(v.first[0], "record-mp4-first-frame");
  EXPECT_LT(mean_abs_error(v.first[0], first_screen(5, {.scale = 2, .status_bar = false})), 3.0);
  fs::remove(out);
}

TEST_F(Record, BadInputIsAOneLineErrorAndLeavesNoFile) {
  const fs::path empty = *dir_ / "empty";
  fs::create_directories(empty);
  struct Case {
    std::vector<std::string> args;
    int status;
    std::string says;
    CliOptions options = {};
  };
  const std::vector<Case> cases = {
      {{"--checkpoint", model(), "--out", (empty / "v.avi").string()},
       2,
       "unknown extension '.avi'; a video is .mp4 (H.264) or .gif"},
      {{"--checkpoint", model()}, 2, "--out is required"},
      {{"--checkpoint", model(), "--out", (empty / "v.gif").string(), "--frame-stride", "1"},
       2,
       "too fast for a GIF"},
      {{"--checkpoint", model(), "--out", (empty / "missing" / "v.mp4").string()},
       1,
       (empty / "missing" / "v.mp4").string() + ": cannot create the file"},
      {{"--checkpoint", (empty / "model.pt").string(), "--out", (empty / "v.gif").string()},
       1,
       (empty / "model.pt").string() + ": no such model file"},
      {{"--out", (empty / "v.gif").string()},
       1,
       "no shipped model",
       CliOptions{{}, {{"ATARI_GYM_MODEL_DIR", empty.string()}}}},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"record"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const auto r = run_cli(args, c.options);
    EXPECT_EQ(r.status, c.status) << r.err;
    EXPECT_TRUE(contains(r.err, c.says)) << r.err;
    if (c.status == 1) {
      EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;  // one line
    }
    EXPECT_TRUE(fs::is_empty(empty)) << "after " << r.err;
  }
}

TEST_F(Record, HelpShowsAnExample) {
  const auto r = run_cli({"record", "--help"});
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(contains(r.out, "example")) << r.out;
  EXPECT_TRUE(contains(r.out, "atari-gym record --checkpoint")) << r.out;
  EXPECT_TRUE(contains(r.out, "--frame-stride")) << r.out;
  EXPECT_TRUE(contains(run_cli({"--help"}).out, "record --out FILE.mp4|FILE.gif")) << r.out;
}

}  // namespace
