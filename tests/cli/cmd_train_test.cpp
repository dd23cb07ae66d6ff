// `train`, `eval` and `bench train` as a user runs them: bad config keys,
// values and files, bad checkpoints and folders give one-line errors with a
// non-zero status; a small run writes its folder; SIGTERM checkpoints and
// --resume continues.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fstream>
#include <thread>

#include "cli/run_cli.hpp"

using ag::test::contains;
using ag::test::last_line;
using ag::test::run_cli;
using ag::test::TempDir;
namespace fs = std::filesystem;

namespace {

// A tiny run on the synthetic corridor: seconds, not minutes.
std::vector<std::string> corridor(const fs::path& dir, const std::string& steps) {
  return {"train", "--env", "atari-gym/Corridor-v0", "--steps", steps, "--run-dir", dir.string(),
          "--set", "replay_size=2000", "--set", "burnin=100", "--set", "life_loss=none",
          "--set", "num_envs=2", "--set", "save_every=200", "--set", "eval_every=0",
          "--threads", "1"};
}

}  // namespace

TEST(CliTrain, UnknownKeyIsAUsageErrorWithCloseMatches) {
  auto r = run_cli({"train", "--set", "gama=0.9"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(contains(r.err, "unknown config key 'gama'")) << r.err;
  EXPECT_TRUE(contains(r.err, "gamma")) << r.err;
}

TEST(CliTrain, OutOfRangeOrWrongTypeNamesTheKeyAndWhatItExpects) {
  auto r = run_cli({"train", "--set", "gamma=1.5"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(contains(r.err, "'gamma' expects a number in [0, 1], got '1.5'")) << r.err;
  r = run_cli({"train", "--set", "batch_size=many"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(contains(r.err, "'batch_size' expects an integer")) << r.err;
  r = run_cli({"train", "--set", "exploration_schedule=cosine"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(contains(r.err, "one of multiplicative, linear")) << r.err;
}

// Keys that each take a valid value but cannot go together.
TEST(CliTrain, MunchausenOrMseWithQuantilesIsAUsageErrorNamingBoth) {
  auto r = run_cli({"train", "--set", "quantiles=200", "--set", "munchausen=true"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(contains(r.err, "munchausen = true needs expected values (quantiles = 1)")) << r.err;
  r = run_cli({"train", "--set", "quantiles=200", "--set", "loss=mse"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(contains(r.err, "loss = mse applies to expected values (quantiles = 1)")) << r.err;
}

TEST(CliTrain, ConfigFileErrorsNameTheFileAndKey) {
  const TempDir d("train-config");
  std::ofstream(d / "bad.json") << R"({"checkpoint_path": "x", "batch_size": "big"})";
  auto r = run_cli({"train", "--config", (d / "bad.json").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(contains(r.err, "bad.json")) << r.err;
  EXPECT_TRUE(contains(r.err, "'batch_size'")) << r.err;
  std::ofstream(d / "typo.json") << R"({"learnig_rate": 0.001})";
  r = run_cli({"train", "--config", (d / "typo.json").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(contains(r.err, "learning_rate")) << r.err;
  std::ofstream(d / "broken.json") << R"({"gamma": )";
  r = run_cli({"train", "--config", (d / "broken.json").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(contains(r.err, "not valid JSON")) << r.err;
}

TEST(CliTrain, PrintConfigShowsTheOriginalPreset) {
  auto r = run_cli({"train", "--preset", "original", "--print-config"});
  EXPECT_EQ(r.status, 0) << r.err;
  for (const char* line : {"\"my_rig_factor\": 0.9", "\"exploration_rate_decay\": 0.99999975",
                           "\"exploration_rate_min\": 0.02", "\"learn_every\": 3",
                           "\"sync_every\": 1000", "\"save_every\": 200000",
                           "\"learning_rate\": 0.00025", "\"life_loss\": \"reset\"",
                           "\"actions\": \"1,2,3,4,5\""})
    EXPECT_TRUE(contains(r.out, line)) << line << "\n" << r.out;
}

TEST(CliTrain, UnwritableFolderAndUnknownEnvAreOneLineErrors) {
  auto r = run_cli({"train", "--run-dir", "/proc/no-such/run", "--steps", "10"});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "/proc/no-such/run")) << r.err;
  const TempDir d("train-env");
  r = run_cli({"train", "--env", "ALE/NoSuchGame-v5", "--run-dir", (d / "r").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "NoSuchGame")) << r.err;
}

TEST(CliTrain, BadCheckpointsAreOneLineErrors) {
  const TempDir d("train-ckpt");
  std::ofstream(d / "junk.ckpt") << "junk";
  auto r = run_cli({"eval", "--checkpoint", (d / "junk.ckpt").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "junk.ckpt: not an atari-gym checkpoint")) << r.err;
  r = run_cli({"eval", "--checkpoint", (d / "none.pt").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "none.pt")) << r.err;
  r = run_cli({"train", "--resume", (d / "nothing").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "no such run folder")) << r.err;
}

TEST(CliTrain, ARunWritesItsFolderAndEvalScoresIt) {
  const TempDir d("train-run");
  auto r = run_cli(corridor(d / "run", "600"));
  ASSERT_EQ(r.status, 0) << r.err << r.out;
  EXPECT_TRUE(contains(last_line(r.out), "train: steps=600")) << r.out;
  EXPECT_TRUE(contains(r.out, "\ncpu: ")) << "the run names its machine: " << r.out;
  for (const char* f : {"config.json", "log.txt", "episodes.csv", "evals.csv", "model.pt",
                        "tb/events.out.tfevents.atari-gym", "plots/reward.png", "plots/length.png",
                        "plots/loss.png", "plots/q.png", "checkpoints/step_000000600.ckpt"})
    EXPECT_TRUE(fs::exists(d / "run" / f)) << f;
  // 600 is a save step (save_every 200): the budget's end does not write it again.
  size_t saves = 0;
  for (size_t at = r.out.find("step_000000600.ckpt"); at != std::string::npos;
       at = r.out.find("step_000000600.ckpt", at + 1))
    ++saves;
  EXPECT_EQ(saves, 1u) << r.out;
  r = run_cli({"eval", "--checkpoint", (d / "run" / "model.pt").string(), "--episodes", "3"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "protocol: env=atari-gym/Corridor-v0")) << r.out;
  EXPECT_TRUE(contains(r.out, "game 2: seed=2")) << r.out;
  EXPECT_TRUE(contains(last_line(r.out), "eval: episodes=3 mean=")) << r.out;
  // The same seed, the same games.
  auto again = run_cli({"eval", "--checkpoint", (d / "run" / "model.pt").string(), "--episodes", "3"});
  EXPECT_EQ(r.out, again.out);
}

TEST(CliTrain, SigtermCheckpointsAndResumeContinues) {
  const TempDir d("train-sigterm");
  std::string cmd = "exec " + ag::test::shell_quote(AG_CLI_BINARY);
  for (const auto& a : corridor(d / "run", "1000000")) cmd += " " + ag::test::shell_quote(a);
  cmd += " >" + (d / "out").string() + " 2>&1";
  const pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", cmd.c_str(), nullptr);
    _exit(127);
  }
  // Let it learn a little, then stop it as a user's Ctrl-C or a scheduler
  // would. Up to 2 minutes: on a loaded machine (CI's -j2 beside a training
  // run) the start can take more than 20 s, and a SIGTERM before the
  // trainer's handler is installed kills it (seen once, session 12).
  const fs::path first = d / "run" / "checkpoints" / "step_000000200.ckpt";
  for (int i = 0; i < 1200 && !fs::exists(first); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_TRUE(fs::exists(first)) << "no checkpoint at step 200 within 2 minutes";
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << ag::test::slurp(d / "out");
  const std::string out = ag::test::slurp(d / "out");
  EXPECT_TRUE(contains(out, " stopped run=")) << out;
  // Stopped at a few hundred steps; the resumed run goes on to a new budget
  // (1,000: it was 2,000, ~40 s of CI's time, and proves nothing more).
  auto r = run_cli({"train", "--resume", (d / "run").string(), "--steps", "1000"});
  EXPECT_EQ(r.status, 0) << r.err << r.out;
  EXPECT_TRUE(contains(r.out, "resumed: ")) << r.out;
  EXPECT_TRUE(contains(last_line(r.out), "train: steps=1000")) << r.out;
  // No temp files left behind.
  for (auto& e : fs::recursive_directory_iterator(d / "run"))
    EXPECT_FALSE(contains(e.path().filename().string(), ".tmp-")) << e.path();
}

// A lost run folder is rebuilt from one committed checkpoint
// (models/space_invaders/README.md): a folder holding only that file
// resumes, refills the replay (learning waits burnin steps), and rewrites the
// history from the checkpoint, so the curve stays continuous.
TEST(CliTrain, AFolderHoldingOnlyACheckpointResumesRefillingTheReplay) {
  const TempDir d("train-bare");
  auto r = run_cli(corridor(d / "run", "400"));
  ASSERT_EQ(r.status, 0) << r.err << r.out;
  const fs::path ckpt = d / "run" / "checkpoints" / "step_000000400.ckpt";
  ASSERT_TRUE(fs::exists(ckpt));
  fs::create_directories(d / "bare" / "checkpoints");
  fs::copy_file(ckpt, d / "bare" / "checkpoints" / ckpt.filename());
  // A key that would make it another run is refused, naming those that can change.
  r = run_cli({"train", "--resume", (d / "bare").string(), "--set", "gamma=0.5"});
  EXPECT_NE(r.status, 0);
  EXPECT_TRUE(contains(r.err, "'gamma' cannot change on --resume")) << r.err;
  EXPECT_TRUE(contains(r.err, "keys that can: total_steps, iterations, threads, save_every, "
                              "keep_checkpoints, save_replay, log_every, eval_every, "
                              "eval_episodes, learner_backend\n")) << r.err;
  r = run_cli({"train", "--resume", (d / "bare").string(), "--steps", "800"});
  ASSERT_EQ(r.status, 0) << r.err << r.out;
  EXPECT_TRUE(contains(r.out, "replay: not saved with this checkpoint; refilling it, learning "
                              "resumes at step 500")) << r.out;  // 400 + burnin 100
  EXPECT_TRUE(contains(last_line(r.out), "train: steps=800")) << r.out;
  // The episodes before the checkpoint are the first rows of the new CSV.
  const std::string before = ag::test::slurp(d / "run" / "episodes.csv");
  const std::string after = ag::test::slurp(d / "bare" / "episodes.csv");
  ASSERT_GT(std::count(before.begin(), before.end(), '\n'), 5);
  EXPECT_EQ(after.substr(0, before.size()), before);
  EXPECT_GT(after.size(), before.size());
  for (const char* f : {"config.json", "log.txt", "evals.csv", "model.pt", "plots/reward.png",
                        "checkpoints/step_000000800.ckpt"})
    EXPECT_TRUE(fs::exists(d / "bare" / f)) << f;
}

TEST(CliTrain, BenchTrainReportsStepsPerSecondAndUpdateTime) {
  auto r = run_cli({"bench", "train", "--env", "atari-gym/Corridor-v0", "--steps", "200",
                    "--warmup", "100", "--threads", "1", "--set", "life_loss=none", "--profile"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(last_line(r.out), "sps=")) << r.out;
  EXPECT_TRUE(contains(last_line(r.out), "ms_per_update=")) << r.out;
  EXPECT_EQ(r.out.rfind("cpu: ", 0), 0u) << "the machine named first: " << r.out;
  // --profile: the parts, the passes' FLOP rate and the machine's own peak beside it.
  EXPECT_TRUE(contains(r.out, "training forward: ")) << r.out;
  EXPECT_TRUE(contains(r.out, " MFLOP per update, ")) << r.out;
  EXPECT_TRUE(contains(r.out, "fp32 peak of 1 thread(s), measured (")) << r.out;
  EXPECT_TRUE(contains(r.out, "; the net passes ran at ")) << r.out;
}

// The README's config reference is the program's own table, verbatim.
TEST(CliTrain, ReadmeConfigReferenceIsTheGeneratedTable) {
  auto r = run_cli({"train", "--help-config"});
  ASSERT_EQ(r.status, 0);
  const std::string readme = ag::test::slurp(fs::path(AG_SOURCE_DIR) / "README.md");
  const std::string begin = "<!-- config-reference:begin -->\n", end = "<!-- config-reference:end -->";
  const size_t b = readme.find(begin), e = readme.find(end);
  ASSERT_TRUE(b != std::string::npos && e != std::string::npos);
  EXPECT_EQ(readme.substr(b + begin.size(), e - b - begin.size()), r.out)
      << "README.md's config reference is stale: paste `atari-gym train --help-config`";
}
