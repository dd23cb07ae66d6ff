// `atari-gym rollout`: one line per step, "step action reward terminated
// truncated lives obs_crc32", equal to what the library's own env gives for
// the same id, options, wrappers, seed and actions; the same seed gives the
// same lines. Rewards read as ALE and Gymnasium print them (10, 100, 0.5,
// never 1e+01). A game whose screen is not 210 rows gives its whole screen.
// Bad actions are named with their file and step.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <random>
#include <set>
#include <sstream>

#include "cli/run_cli.hpp"
#include "gym/registry.hpp"
#include "support/paths.hpp"

using namespace ag::test;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kWraps = {"atari-preprocessing:noop_max=0",
                                         "frame-stack:stack_size=4"};

// 300 random Breakout actions (minimal set: 4), written one per line.
fs::path write_actions(const fs::path& dir, std::vector<int>& actions) {
  std::mt19937 rng(5);
  actions.clear();
  for (int i = 0; i < 300; ++i) actions.push_back(static_cast<int>(rng() % 4));
  const auto path = dir / "actions.txt";
  std::ofstream out(path);
  out << "# random Breakout actions\n";
  for (int a : actions) out << a << "\n";
  return path;
}

std::vector<std::string> rollout_args(const fs::path& actions, int seed) {
  std::vector<std::string> args = {
      "rollout",   "--env",          "ALE/Breakout-v5", "--seed",     std::to_string(seed),
      "--actions", actions.string(), "--opt",           "frameskip=1"};
  for (auto& w : kWraps) args.insert(args.end(), {"--wrap", w});
  return args;
}

// The lines rollout should print, from the library in this process.
std::string expected_lines(const std::vector<int>& actions, int seed) {
  auto env =
      ag::gym::make_wrapped("ALE/Breakout-v5", {{"frameskip", ag::gym::OptionValue("1")}}, kWraps);
  env->reset(static_cast<uint64_t>(seed));
  std::string out;
  for (size_t t = 0; t < actions.size(); ++t) {
    const auto s = env->step(actions[t]);
    const auto crc =
        crc32(0L, static_cast<const Bytef*>(s.obs.data()), static_cast<uInt>(s.obs.num_bytes()));
    char line[128];
    // Whole rewards as integers (ALE's and Gymnasium's values, no exponent).
    std::snprintf(line, sizeof line, "%zu %d %.0f %d %d %d %08lx\n", t, actions[t], s.reward,
                  s.terminated ? 1 : 0, s.truncated ? 1 : 0, s.info.lives, crc);
    out += line;
    if (s.terminated || s.truncated) env->reset();
  }
  return out;
}

}  // namespace

TEST(CliRollout, PrintsWhatTheLibrarysEnvGivesAndRepeatsForTheSameSeed) {
  if (!fs::exists(rom_path("breakout"))) GTEST_SKIP() << "no breakout ROM";
  const TempDir dir("rollout");
  std::vector<int> actions;
  const auto file = write_actions(dir, actions);

  auto first = run_cli(rollout_args(file, 7));
  ASSERT_EQ(first.status, 0) << first.err;
  EXPECT_EQ(first.out, expected_lines(actions, 7));
  auto again = run_cli(rollout_args(file, 7));
  EXPECT_EQ(again.out, first.out);
  // v5's sticky actions draw from the seeded RNG: another seed, other frames.
  auto other = run_cli(rollout_args(file, 8));
  ASSERT_EQ(other.status, 0) << other.err;
  EXPECT_NE(other.out, first.out);
}

// The reward column of every step line.
std::vector<std::string> rewards_of(const std::string& out) {
  std::vector<std::string> r;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream f(line);
    std::string step, action, reward;
    f >> step >> action >> reward;
    r.push_back(reward);
  }
  return r;
}

TEST(CliRollout, RewardsArePrintedAsAleAndGymnasiumPrintThem) {
  if (!fs::exists(rom_path("space_invaders"))) GTEST_SKIP() << "no space_invaders ROM";
  const TempDir dir("rollout-rewards");
  {
    std::ofstream out(dir / "fire.txt");
    for (int i = 0; i < 400; ++i) out << (i % 2 ? 1 : 4) << "\n";  // FIRE, RIGHTFIRE
  }
  const std::vector<std::string> base = {
      "rollout", "--env",     "ALE/SpaceInvaders-v5",     "--seed",
      "1",       "--actions", (dir / "fire.txt").string()};
  auto r = run_cli(base);
  ASSERT_EQ(r.status, 0) << r.err;
  std::set<std::string> seen;
  for (const auto& v : rewards_of(r.out)) seen.insert(v);
  EXPECT_TRUE(seen.count("0")) << r.out;
  EXPECT_TRUE(seen.count("10") || seen.count("15") || seen.count("20")) << r.out;
  EXPECT_EQ(r.out.find("e+"), std::string::npos) << r.out;

  auto args = base;
  args.insert(args.end(), {"--wrap", "clip-reward:min_reward=-0.5,max_reward=0.5"});
  r = run_cli(args);
  ASSERT_EQ(r.status, 0) << r.err;
  seen.clear();
  for (const auto& v : rewards_of(r.out)) seen.insert(v);
  EXPECT_EQ(seen, (std::set<std::string>{"0", "0.5"})) << r.out;
}

TEST(CliRollout, APalGameGivesItsWholeScreen) {
  if (!fs::exists(rom_path("air_raid"))) GTEST_SKIP() << "no air_raid ROM";
  const TempDir dir("rollout-pal");
  std::ofstream(dir / "a.txt") << "0\n1\n";
  auto r = run_cli({"rollout", "--env", "ALE/AirRaid-v5", "--seed", "7", "--actions",
                    (dir / "a.txt").string(), "--verbose"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("observation_space Box(0, 255, (250, 160, 3), uint8)"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("# screen 250x160 PAL 50 Hz"), std::string::npos) << r.out;
  // The reset observation ALE + ale-py give (tests/gym/screen_height_test.cpp).
  EXPECT_NE(r.out.find("# reset seed=7 lives=1 obs_crc32=20eb64f4"), std::string::npos) << r.out;
}

TEST(CliRollout, AnActionOutsideTheSpaceIsNamedWithItsStep) {
  if (!fs::exists(rom_path("breakout"))) GTEST_SKIP() << "no breakout ROM";
  const TempDir dir("rollout-bad");
  std::ofstream(dir / "actions.txt") << "0\n1\n# a comment\n7\n";
  auto r = run_cli(rollout_args(dir / "actions.txt", 1));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("actions.txt: action 7 (step 2) is outside Discrete(4)"), std::string::npos)
      << r.err;
  std::ofstream(dir / "actions.txt") << "0\nleft\n";
  r = run_cli(rollout_args(dir / "actions.txt", 1));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("actions.txt:2: expected one integer action, got 'left'"), std::string::npos)
      << r.err;
}
