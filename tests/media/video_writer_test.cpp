// The video writers (media/video_writer.hpp): what they write is read back
// through libav as a player would: the frame count, the size and the frame
// rate, GIF's pictures exactly, MP4's close to them; bad paths are named
// errors, and an unfinished video leaves nothing behind.
#include "media/video_writer.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>

#include "gym/atari_env.hpp"
#include "gym/registry.hpp"
#include "media/game_view.hpp"
#include "support/decode_video.hpp"
#include "support/paths.hpp"
#include "support/temp_files.hpp"

namespace ag::media {
namespace {

namespace fs = std::filesystem;
using test::decode_video;
using test::mean_abs_error;

using test::TempDir;

std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  return names;
}

// Synthetic frames with a game's look: a few flat colours, a block that moves,
// and (frame 3) a frame equal to the one before.
std::vector<Image> block_frames(int w, int h, int n) {
  const Rgb colours[] = {{0, 0, 0}, {200, 72, 72}, {72, 200, 72}, {50, 50, 180}, {236, 236, 236}};
  std::vector<Image> frames;
  for (int i = 0; i < n; ++i) {
    const int t = i == 3 ? 2 : i;
    Image img(w, h, colours[0]);
    fill_rect(img, 0, h - 8, w, 8, colours[3]);
    fill_rect(img, 4 + 4 * t, 8 + 2 * t, 8, 6, colours[1 + t % 2]);
    fill_rect(img, w - 12, 2, 8, 4, colours[4]);
    frames.push_back(std::move(img));
  }
  return frames;
}

// Space Invaders as record shows it: the game's screens composed by GameView.
std::vector<Image> game_frames(int n, GameViewOptions options) {
  auto env = gym::make("ALE/SpaceInvaders-v5", {{"frameskip", gym::OptionValue(int64_t{1})}},
                       {test::shared_dir() / "roms"});
  auto& atari = dynamic_cast<gym::AtariEnv&>(env->unwrapped());
  env->reset(7);
  GameView view(atari.screen_height(), atari.screen_width(), options);
  std::vector<Image> frames;
  for (int i = 0; i < n; ++i) {
    env->step(i / 8 % 4);  // NOOP, FIRE, RIGHT, LEFT in turns
    const auto screen = atari.render();
    frames.push_back(
        view.draw(screen.data(), "score " + std::to_string(i), "step " + std::to_string(i)));
  }
  return frames;
}

TEST(VideoWriter, GifReadsBackExactlyWithItsFramesSizeAndRate) {
  const TempDir dir("video-gif");
  const fs::path out = dir / "clip.gif";
  const auto frames = block_frames(64, 48, 10);
  auto w = open_video(out, 64, 48, FrameRate{60, 2});
  for (const auto& f : frames) w->add_frame(f);
  w->finish();
  EXPECT_EQ(w->frames(), 10);
  EXPECT_EQ(files_in(dir), std::vector<std::string>{"clip.gif"});  // no temp file left
  const auto v = decode_video(out, frames.size());
  EXPECT_EQ(v.codec, "gif");
  EXPECT_EQ(v.frames, 10);  // the unchanged frame 3 is a frame too
  EXPECT_EQ(v.width, 64);
  EXPECT_EQ(v.height, 48);
  // Delays 3,4,3,3,4,3,3,4,3,3 cs: frame 10 would start at round(1000/30) = 33 cs.
  EXPECT_NEAR(v.seconds, 0.33, 1e-9);
  ASSERT_EQ(v.first.size(), frames.size());
  for (size_t i = 0; i < frames.size(); ++i)
    EXPECT_EQ(v.first[i].rgb, frames[i].rgb) << "frame " << i;
}

TEST(VideoWriter, GifOfAGameIsExactAndSmall) {
  const TempDir dir("video-gif-game");
  const fs::path out = dir / "game.gif";
  GameViewOptions o;
  o.scale = 1;
  o.antialias = false;
  const auto frames = game_frames(60, o);
  auto w = open_video(out, frames[0].width, frames[0].height, FrameRate{30});
  for (const auto& f : frames) w->add_frame(f);
  w->finish();
  const auto v = decode_video(out, frames.size());
  EXPECT_EQ(v.frames, 60);
  ASSERT_EQ(v.first.size(), frames.size());
  for (size_t i = 0; i < frames.size(); ++i)
    ASSERT_EQ(v.first[i].rgb, frames[i].rgb) << "frame " << i;
  // Only changed rectangles after the first frame: far below 60 whole frames.
  EXPECT_LT(fs::file_size(out), 60u * 1000) << fs::file_size(out);
}

TEST(VideoWriter, GifColoursPast255TakeTheNearestOnes) {
  const TempDir dir("video-gif-colours");
  const fs::path out = dir / "ramp.gif";
  // Row 0: 255 greys, which fill the palette; row 1: 255 more colours, each
  // next to a grey.
  Image img(255, 2);
  for (int x = 0; x < 255; ++x) {
    const uint8_t g = static_cast<uint8_t>(x);
    std::memcpy(img.at(x, 0), Rgb{g, g, g}.data(), 3);
    std::memcpy(img.at(x, 1), Rgb{g, g, static_cast<uint8_t>(x < 253 ? x + 2 : x - 2)}.data(), 3);
  }
  auto w = open_video(out, 255, 2, FrameRate{25});
  w->add_frame(img);
  w->finish();
  const auto v = decode_video(out);
  ASSERT_EQ(v.first.size(), 1u);
  const Image& back = v.first[0];
  for (int x = 0; x < 255; ++x) {
    EXPECT_EQ(0, std::memcmp(back.at(x, 0), img.at(x, 0), 3)) << x;  // in the palette: exact
    for (int c = 0; c < 3; ++c) EXPECT_LE(std::abs(back.at(x, 1)[c] - img.at(x, 1)[c]), 2) << x;
  }
}

TEST(VideoWriter, Mp4ReadsBackCloseWithItsFramesSizeAndRate) {
  const TempDir dir("video-mp4");
  const fs::path out = dir / "game.mp4";
  GameViewOptions o;
  o.scale = 2;
  const auto frames = game_frames(30, o);
  auto w = open_video(out, frames[0].width, frames[0].height, FrameRate{60});
  for (const auto& f : frames) w->add_frame(f);
  w->finish();
  EXPECT_EQ(files_in(dir), std::vector<std::string>{"game.mp4"});
  const auto v = decode_video(out, 2);
  EXPECT_EQ(v.codec, "h264");
  EXPECT_EQ(v.frames, 30);
  EXPECT_EQ(v.width, frames[0].width);
  EXPECT_EQ(v.height, frames[0].height);
  EXPECT_NEAR(v.seconds, 0.5, 1e-6);
  ASSERT_EQ(v.first.size(), 2u);
  for (int i = 0; i < 2; ++i)
    EXPECT_LT(mean_abs_error(v.first[i], frames[i]), 3.0) << "frame " << i;
}

TEST(VideoWriter, UnknownExtensionNamesItAndTheSupportedOnes) {
  for (const std::string name : {"clip.avi", "clip.GIFF", "clip"}) {
    try {
      open_video(fs::temp_directory_path() / name, 64, 48, FrameRate{30});
      FAIL() << name;
    } catch (const std::runtime_error& e) {
      const std::string msg = e.what();
      EXPECT_NE(msg.find(name), std::string::npos) << msg;
      EXPECT_NE(msg.find(".mp4"), std::string::npos) << msg;
      EXPECT_NE(msg.find(".gif"), std::string::npos) << msg;
    }
  }
  EXPECT_EQ(video_format("x.MP4"), VideoFormat::kMp4);
  EXPECT_EQ(video_format("x.Gif"), VideoFormat::kGif);
}

TEST(VideoWriter, UnwritableFolderIsANamedErrorBeforeAnyFrame) {
  const TempDir dir("video-unwritable");
  std::ofstream(dir / "a-file") << "x";
  for (const fs::path& out : {dir / "missing" / "v.gif", dir / "missing" / "v.mp4",
                              dir / "a-file" / "v.gif", dir / "a-file" / "v.mp4"}) {
    try {
      open_video(out, 64, 48, FrameRate{30});
      FAIL() << out;
    } catch (const std::runtime_error& e) {
      const std::string msg = e.what();
      EXPECT_EQ(msg.rfind(out.string() + ": cannot create the file", 0), 0u) << msg;
    }
  }
}

TEST(VideoWriter, UnfinishedVideoLeavesNothingAndKeepsAnOldFile) {
  const TempDir dir("video-unfinished");
  std::ofstream(dir / "old.gif") << "old";
  for (const std::string name : {"new.gif", "new.mp4", "old.gif"}) {
    auto w = open_video(dir / name, 64, 48, FrameRate{30});
    for (const auto& f : block_frames(64, 48, 5)) w->add_frame(f);
    w.reset();  // an exception or Ctrl-C before finish()
  }
  EXPECT_EQ(files_in(dir), std::vector<std::string>{"old.gif"});
  std::ifstream in(dir / "old.gif");
  std::string text;
  in >> text;
  EXPECT_EQ(text, "old");
}

TEST(VideoWriter, SizesAndRatesTheFormatCannotTakeAreRefused) {
  const TempDir dir("video-refused");
  EXPECT_THROW(open_video(dir / "odd.mp4", 63, 48, FrameRate{30}), std::invalid_argument);
  // Browsers show GIF delays under 2 cs as 10 cs: 60 frames/s would play at 10.
  EXPECT_THROW(open_video(dir / "fast.gif", 64, 48, FrameRate{60}), std::runtime_error);
  EXPECT_NO_THROW(open_video(dir / "pal.gif", 64, 48, FrameRate{50}));
  auto w = open_video(dir / "v.gif", 64, 48, FrameRate{30});
  EXPECT_THROW(w->add_frame(Image(32, 48)), std::invalid_argument);
  w.reset();
  EXPECT_TRUE(files_in(dir).empty());
}

}  // namespace
}  // namespace ag::media
