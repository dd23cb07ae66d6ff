// `atari-gym rollout`: one line per step, "step action reward terminated
// truncated lives obs_crc32", equal to what the library's own env gives for
// the same id, options, wrappers, seed and actions; the same seed gives the
// same lines. Bad actions are named with their file and step.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <random>

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
    std::snprintf(line, sizeof line, "%zu %d %g %d %d %d %08lx\n", t, actions[t], s.reward,
                  s.terminated ? 1 : 0, s.truncated ? 1 : 0, s.info.lives, crc);
    out += line;
    if (s.terminated || s.truncated) env->reset();
  }
  return out;
}

}  // namespace

TEST(CliRollout, PrintsWhatTheLibrarysEnvGivesAndRepeatsForTheSameSeed) {
  if (!fs::exists(rom_path("breakout"))) GTEST_SKIP() << "no breakout ROM";
  const auto dir = fresh_temp_dir("rollout");
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
  fs::remove_all(dir);
}

TEST(CliRollout, AnActionOutsideTheSpaceIsNamedWithItsStep) {
  if (!fs::exists(rom_path("breakout"))) GTEST_SKIP() << "no breakout ROM";
  const auto dir = fresh_temp_dir("rollout-bad");
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
  fs::remove_all(dir);
}
