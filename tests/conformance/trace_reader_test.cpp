#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "conformance/trace.hpp"
#include "support/temp_files.hpp"

using namespace ag::conformance;

namespace {

const std::string kRam(256, '0');

std::string valid_trace() {
  return "# atari-gym conformance trace v1\n"
         "rom pong.bin\n"
         "settings frame_skip=1 repeat_action_probability=0.25 random_seed=7 "
         "max_num_frames_per_episode=2000\n"
         "minimal_actions 0 1 3 4 11 12\n"
         "# columns: ...\n"
         "R 3 0 " + kRam + " deadbeef\n"
         "0 1 0 3 0 0 1 " + kRam + " 0000ffff\n"
         "1 3 -1 2 1 0 2 " + kRam + " 12345678\n"
         "R 3 0 " + kRam + " 00000001\n";
}

std::string with_line_replaced(int index, const std::string& line) {
  std::string t = valid_trace();
  size_t pos = 0;
  for (int i = 0; i < index; ++i) pos = t.find('\n', pos) + 1;
  size_t end = t.find('\n', pos);
  return t.substr(0, pos) + line + t.substr(end);
}

}  // namespace

TEST(TraceReader, ParsesHeaderAndFrames) {
  Trace t = parse_trace(valid_trace(), "mem");
  EXPECT_EQ(t.rom, "pong.bin");
  EXPECT_FLOAT_EQ(t.repeat_action_probability, 0.25f);
  EXPECT_EQ(t.random_seed, 7);
  EXPECT_EQ(t.max_num_frames_per_episode, 2000);
  EXPECT_EQ(t.minimal_actions, (std::vector<int>{0, 1, 3, 4, 11, 12}));
  ASSERT_EQ(t.frames.size(), 4u);
  EXPECT_TRUE(t.frames[0].is_reset);
  EXPECT_EQ(t.frames[0].screen_crc, 0xdeadbeefu);
  EXPECT_EQ(t.frames[2].reward, -1);
  EXPECT_EQ(t.frames[2].lives, 2);
  EXPECT_TRUE(t.frames[2].game_over);
  EXPECT_EQ(t.frames[2].episode_frame, 2);
  EXPECT_TRUE(t.frames[3].is_reset);
}

TEST(TraceReader, RejectsMalformedLinesNamingTheLine) {
  auto expect_error = [](const std::string& text, const std::string& needle) {
    try {
      parse_trace(text, "case.trace");
      FAIL() << "no error for: " << needle;
    } catch (const TraceError& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  };
  expect_error("hello\n", "not an atari-gym conformance trace");
  expect_error(with_line_replaced(6, "0 1 0 3 0 0 1 " + kRam.substr(2) + " 0"), "ram_hex has 254");
  expect_error(with_line_replaced(6, "0 1 0 3 0 0 1 " + kRam), "needs 9 fields");
  expect_error(with_line_replaced(6, "5 1 0 3 0 0 1 " + kRam + " 0"), "out of order");
  expect_error(with_line_replaced(6, "0 1 0 3 2 0 1 " + kRam + " 0"), "bad game_over");
  expect_error(with_line_replaced(6, "0 99 0 3 0 0 1 " + kRam + " 0"), "action out of range");
  expect_error(with_line_replaced(6, "0 1 x 3 0 0 1 " + kRam + " 0"), "case.trace:7: bad reward");
  expect_error(with_line_replaced(2, "settings frame_skip=1 colour=1"), "unknown setting");
  expect_error(with_line_replaced(2, "settings frame_skip=4"), "frame_skip must be 1");
}

// Found while fuzzing: std::stof took "nan", "5" and "0.5junk" as probabilities.
TEST(TraceReader, RepeatActionProbabilityMustBeAWholeNumberInZeroToOne) {
  for (const char* bad : {"nan", "inf", "-0.5", "1.5", "0.5junk", "", "1e9"}) {
    const auto text = with_line_replaced(
        2, std::string("settings frame_skip=1 repeat_action_probability=") + bad);
    try {
      parse_trace(text, "case.trace");
      ADD_FAILURE() << "accepted repeat_action_probability=" << bad;
    } catch (const TraceError& e) {
      EXPECT_NE(std::string(e.what()).find("case.trace:3: bad repeat_action_probability"),
                std::string::npos)
          << e.what();
    }
  }
  const auto ok = with_line_replaced(2, "settings frame_skip=1 repeat_action_probability=1");
  EXPECT_FLOAT_EQ(parse_trace(ok, "case.trace").repeat_action_probability, 1.0f);
}

TEST(TraceReader, TruncatedGzipIsAnErrorNotACrash) {
  const ag::test::TempDir dir("trace-reader");
  auto path = dir / "x.trace.gz";
  {
    gzFile f = gzopen(path.c_str(), "wb");
    std::string t = valid_trace();
    for (int i = 0; i < 50; ++i) gzwrite(f, t.data(), static_cast<unsigned>(t.size()));
    gzclose(f);
  }
  auto size = std::filesystem::file_size(path);
  std::filesystem::resize_file(path, size / 2);
  EXPECT_THROW(read_trace(path), TraceError);
  EXPECT_THROW(read_trace(dir / "missing.trace.gz"), TraceError);
}

TEST(TraceReader, ReadsARealGoldenTrace) {
  std::filesystem::path p = AG_SOURCE_DIR "/../shared/conformance/traces/pong.main.trace.gz";
  if (!std::filesystem::exists(p)) GTEST_SKIP() << "no shared traces at " << p;
  Trace t = read_trace(p);
  EXPECT_EQ(t.name, "pong.main");
  EXPECT_EQ(t.rom, "pong.bin");
  EXPECT_GT(t.frames.size(), 5000u);
  EXPECT_TRUE(t.frames.front().is_reset);
}
