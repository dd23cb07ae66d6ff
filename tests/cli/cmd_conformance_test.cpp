// `atari-gym conformance`: one line per case and the summary line the issue
// specifies; exit status 0 only when every case matches. A changed byte in a
// golden trace is found at its frame; a broken or missing case is reported
// and the run goes on.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cctype>
#include <cstdio>
#include <regex>

#include "cli/run_cli.hpp"
#include "conformance/trace.hpp"
#include "support/paths.hpp"

using namespace ag::test;
namespace fs = std::filesystem;

namespace {

const fs::path kTraces = shared_dir() / "conformance" / "traces";

void gzip_to(const fs::path& p, const std::string& text) {
  gzFile f = gzopen(p.c_str(), "wb");
  gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
  gzclose(f);
}

// Copies pong.main's trace and screens into `dir`, under the case name `name`.
void copy_case(const fs::path& dir, const std::string& name) {
  fs::copy_file(kTraces / "pong.main.trace.gz", dir / (name + ".trace.gz"));
  fs::copy_file(kTraces / "pong.main.screens.gz", dir / (name + ".screens.gz"));
}

const std::regex kSummary(
    "conformance: ([0-9]+) cases, ([0-9]+) frames, ram ([0-9.]+)%, screen ([0-9.]+)%, "
    "reward/lives/flags ([0-9.]+)%, exact cases ([0-9]+)/([0-9]+)");

// Frames in a trace: the reset lines ("R ...") and the step lines.
int trace_frames(const std::string& text) {
  int n = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    n += !line.empty() && (line[0] == 'R' || std::isdigit(line[0]));
  return n;
}

// Where field `field` of step `step`'s line starts. Fields: step action
// reward lives game_over truncated episode_frame ram_hex screen_crc32.
size_t field_of_step(const std::string& text, int step, int field) {
  size_t pos = text.find("\n" + std::to_string(step) + " ") + 1;
  for (int f = 0; f < field; ++f) pos = text.find(' ', pos) + 1;
  return pos;
}

bool have_pong_case() {
  return fs::exists(kTraces / "pong.main.trace.gz");
}

}  // namespace

TEST(CliConformance, AnExactCaseGivesOneLineAndAFullSummaryWithStatus0) {
  if (!have_pong_case()) GTEST_SKIP() << "no conformance traces";
  const TempDir dir("conf-exact");
  copy_case(dir, "pong.main");
  const std::string frames =
      std::to_string(trace_frames(ag::conformance::gunzip_file(kTraces / "pong.main.trace.gz")));
  auto r = run_cli({"conformance", dir.string()});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("^pong\\.main +frames=" + frames + " exact\n")))
      << r.out;
  std::smatch m;
  const std::string summary = last_line(r.out);
  ASSERT_TRUE(std::regex_match(summary, m, kSummary)) << summary;
  EXPECT_EQ(m[1], "1");
  EXPECT_EQ(m[2], frames);
  EXPECT_EQ(m[3], "100.00");
  EXPECT_EQ(m[4], "100.00");
  EXPECT_EQ(m[5], "100.00");
  EXPECT_EQ(m[6], "1");
  EXPECT_EQ(m[7], "1");
}

// The oracle is only as good as the comparison: one RAM byte changed in
// ALE's trace at step 1234 must be the first mismatch, and the case fails.
TEST(CliConformance, AChangedRamByteIsTheFirstMismatchAtItsFrame) {
  if (!have_pong_case()) GTEST_SKIP() << "no conformance traces";
  const TempDir dir("conf-ram");
  std::string text = ag::conformance::gunzip_file(kTraces / "pong.main.trace.gz");
  const size_t pos = field_of_step(text, 1234, 7);
  const std::string ours = text.substr(pos + 10, 2);   // RAM byte $85
  text[pos + 10] = text[pos + 10] == '0' ? '1' : '0';  // its high digit
  const std::string ale = text.substr(pos + 10, 2);
  gzip_to(dir / "pong.main.trace.gz", text);
  fs::copy_file(kTraces / "pong.main.screens.gz", dir / "pong.main.screens.gz");

  auto r = run_cli({"conformance", (dir / "pong.main.trace.gz").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("first mismatch: frame 1235 (step 1234) ram ($85 ours " + ours + " ALE " +
                       ale + ", 1 of 128 bytes)"),
            std::string::npos)
      << r.out;
  std::smatch m;
  const std::string summary = last_line(r.out);
  ASSERT_TRUE(std::regex_match(summary, m, kSummary)) << summary;
  const int frames = trace_frames(text);
  char ram_pct[16];
  std::snprintf(ram_pct, sizeof ram_pct, "%.2f", 100.0 * (frames - 1) / frames);
  EXPECT_EQ(m[3], ram_pct);  // all frames but one
  EXPECT_EQ(m[4], "100.00");
  EXPECT_EQ(m[6], "0");
}

// A changed screen CRC and a changed reward are each named with both values.
TEST(CliConformance, AChangedScreenOrRewardIsNamedWithBothValues) {
  if (!have_pong_case()) GTEST_SKIP() << "no conformance traces";
  const TempDir dir("conf-fields");
  const std::string text = ag::conformance::gunzip_file(kTraces / "pong.main.trace.gz");
  std::string screen = text;
  const size_t crc = field_of_step(screen, 2000, 8);
  const std::string ours_crc = screen.substr(crc, 8);
  screen.replace(crc, 8, ours_crc == "00000000" ? "00000001" : "00000000");
  gzip_to(dir / "pong.screen.trace.gz", screen);
  std::string reward = text;
  const size_t rw = field_of_step(reward, 3000, 2);
  ASSERT_EQ(reward.substr(rw, 2), "0 ") << "step 3000 scores nothing in ALE's trace";
  reward.replace(rw, 1, "-7");
  gzip_to(dir / "pong.reward.trace.gz", reward);

  auto r = run_cli({"conformance", dir.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("(step 2000) screen (crc ours " + ours_crc + " ALE " +
                       screen.substr(crc, 8) + ")"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("(step 3000) reward (ours 0 ALE -7)"), std::string::npos) << r.out;
}

TEST(CliConformance, BrokenAndMissingCasesAreReportedAndTheRunGoesOn) {
  if (!have_pong_case()) GTEST_SKIP() << "no conformance traces";
  const TempDir dir("conf-bad");
  copy_case(dir, "pong.main");
  // Truncated gzip: the first 300 bytes of the compressed file.
  const std::string gz = slurp(kTraces / "pong.main.trace.gz");
  std::ofstream(dir / "pong.cut.trace.gz", std::ios::binary) << gz.substr(0, 300);
  // A ROM no catalogue knows.
  std::string text = ag::conformance::gunzip_file(kTraces / "pong.main.trace.gz");
  text.replace(text.find("rom pong.bin"), 12, "rom nosuch.bin");
  gzip_to(dir / "nosuch.main.trace.gz", text);

  auto r = run_cli({"conformance", dir.string(), (dir / "absent.main.trace.gz").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\npong\\.main +frames=[0-9]+ exact\n")))
      << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("pong\\.cut +error: [^\n]+"))) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("nosuch\\.main +error: [^\n]*nosuch"))) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("absent\\.main +error: [^\n]*not found")))
      << r.out;
  std::smatch m;
  const std::string summary = last_line(r.out);
  ASSERT_TRUE(std::regex_match(summary, m, kSummary)) << summary;
  EXPECT_EQ(m[1], "4");
  EXPECT_EQ(m[6], "1");
}
