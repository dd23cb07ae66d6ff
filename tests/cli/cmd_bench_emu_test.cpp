// `atari-gym bench emu`: runs the game it is given (by name or by file) and
// reports the work done per frame and, last, fps=; bad ROM arguments are
// named in the error.
#include <gtest/gtest.h>

#include <regex>

#include "cli/run_cli.hpp"
#include "support/paths.hpp"

using namespace ag::test;

namespace {

bool have_rom(const std::string& rom) {
  return std::filesystem::exists(rom_path(rom));
}

// The value of `key=` in a line of `text`, or -1.
double field(const std::string& text, const std::string& key) {
  std::smatch m;
  if (!std::regex_search(text, m, std::regex(key + "=([0-9.]+)"))) return -1;
  return std::stod(m[1]);
}

}  // namespace

TEST(CliBenchEmu, ByGameNameRunsTheFramesAndEndsWithFps) {
  if (!have_rom("pong")) GTEST_SKIP() << "no pong ROM";
  auto r = run_cli({"bench", "emu", "--rom", "pong", "--frames", "300"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(std::regex_match(last_line(r.out), std::regex("fps=[0-9]+"))) << r.out;
  EXPECT_GT(field(r.out, "fps"), 0);
  EXPECT_GE(field(r.out, "frames"), 300);
  EXPECT_NE(r.out.find("rom=pong.bin"), std::string::npos) << r.out;
  // Pong's kernel runs thousands of 6507 instructions and ~1,000 TIA writes
  // a frame: the counters are the emulator's, not zero.
  EXPECT_GT(field(r.out, "cpu_instructions"), 1000);
  EXPECT_GT(field(r.out, "tia_writes"), 100);
}

TEST(CliBenchEmu, ByFilePathRunsThatFile) {
  if (!have_rom("breakout")) GTEST_SKIP() << "no breakout ROM";
  auto r = run_cli({"bench", "emu", "--rom", rom_path("breakout").string(), "--frames", "120",
                    "--frame-skip", "4"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("rom=breakout.bin"), std::string::npos) << r.out;
  EXPECT_GE(field(r.out, "frames"), 120);
}

TEST(CliBenchEmu, AMissingFileIsReportedAsNotFound) {
  auto r = run_cli({"bench", "emu", "--rom", "/no/such/dir/pong.bin", "--frames", "10"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("ROM file /no/such/dir/pong.bin: not found"), std::string::npos) << r.err;
}

TEST(CliBenchEmu, AnUnknownGameNamePointsToRomsList) {
  auto r = run_cli({"bench", "emu", "--rom", "pongg", "--frames", "10"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("unknown game 'pongg'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("roms list"), std::string::npos) << r.err;
}

TEST(CliBenchEmu, ATruncatedImageIsNamedAsUnknown) {
  if (!have_rom("pong")) GTEST_SKIP() << "no pong ROM";
  const TempDir dir("bench-trunc");
  const std::string image = slurp(rom_path("pong"));
  const auto cut = dir / "pong_cut.bin";
  std::ofstream(cut, std::ios::binary) << image.substr(0, 1000);
  auto r = run_cli({"bench", "emu", "--rom", cut.string(), "--frames", "10"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(cut.string()), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("unknown ROM image"), std::string::npos) << r.err;
}
