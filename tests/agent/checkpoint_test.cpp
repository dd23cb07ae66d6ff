// Checkpoints: a round trip is bit-exact; a resumed run equals an
// uninterrupted one (same seed, one thread); damaged or mismatched files give
// one-line errors naming the file and the problem.
#include "agent/checkpoint.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "agent/model_export.hpp"
#include "agent/trainer.hpp"
#include "gym/corridor_env.hpp"
#include "support/temp_files.hpp"

namespace ag::agent {
namespace {

namespace fs = std::filesystem;

using ag::test::slurp;
using ag::test::TempDir;

Config small_run() {
  Config c = preset_config("tuned");
  c.env = gym::CorridorEnv::kId;
  c.num_envs = 2;
  c.total_steps = 1200;
  c.replay_size = 4000;
  c.burnin = 300;
  c.learn_every = 4;
  c.sync_every = 100;
  c.exploration_steps = 800;
  c.reward_clip = false;
  c.life_loss = "none";
  c.eval_every = 0;
  c.save_every = 1'000'000;
  c.save_replay = "stop";
  c.threads = 1;
  c.precision = "fp32";
  c.seed = 5;
  return c;
}

// The episodes' figures without their wall times.
std::string episodes_without_time(const MetricHistory& h) {
  std::ostringstream s;
  for (const auto& e : h.episodes)
    s << e.episode << ',' << e.step << ',' << e.env << ',' << e.length << ',' << e.reward << ','
      << e.mean_loss << ',' << e.mean_q << ',' << e.epsilon << '\n';
  return s.str();
}

// The first line where two texts differ, both versions.
std::string first_difference(const std::string& a, const std::string& b) {
  std::istringstream ia(a), ib(b);
  std::string la, lb;
  while (true) {
    const bool ga = static_cast<bool>(std::getline(ia, la)), gb = static_cast<bool>(std::getline(ib, lb));
    if (!ga && !gb) return "(same)";
    if (!ga || !gb || la != lb) return "first difference:\n  " + la + "\n  " + lb;
  }
}

TEST(Checkpoint, ResumedRunEqualsUninterruptedRun) {
  const TempDir tmp("ckpt-resume");
  const fs::path a = tmp / "a", b = tmp / "b";  // the trainer makes each run folder
  std::ostringstream log;
  TrainRequest whole;
  whole.config = small_run();
  whole.run_dir = a;
  whole.quiet = true;
  const TrainResult ra = train(whole, log);

  TrainRequest first = whole;
  first.run_dir = b;
  first.stop_at_step = 600;  // as if interrupted there
  train(first, log);
  TrainRequest rest;
  rest.resume = b;
  rest.quiet = true;
  const TrainResult rb = train(rest, log);

  EXPECT_EQ(ra.steps, rb.steps);
  EXPECT_EQ(ra.updates, rb.updates);
  const Checkpoint ca = load_checkpoint(ra.last_checkpoint);
  const Checkpoint cb = load_checkpoint(rb.last_checkpoint);
  // Binary blobs: compared whole (gtest's diff of such strings takes GBs).
  EXPECT_TRUE(ca.nets == cb.nets) << "nets differ after resume";
  // Not compared as bytes: the optimizer archive keys Adam's state by tensor
  // addresses (LibTorch 1.13), and the env state holds RecordEpisodeStatistics'
  // wall-clock time. Equal nets after the resumed half's ~150 Adam steps, and
  // equal episodes, show both were restored.
  EXPECT_TRUE(ca.observations == cb.observations) << "observations differ after resume";
  EXPECT_EQ(std::memcmp(ca.agent.rng, cb.agent.rng, sizeof ca.agent.rng), 0);
  EXPECT_TRUE(episodes_without_time(ca.metrics) == episodes_without_time(cb.metrics))
      << first_difference(episodes_without_time(ca.metrics), episodes_without_time(cb.metrics));
  EXPECT_GT(ca.metrics.episodes.size(), 10u);
  // The CSV continues from the checkpoint: the same rows as the whole run's.
  auto rows = [](const fs::path& p) {
    std::string s = slurp(p), out;
    std::istringstream in(s);
    std::string line;
    while (std::getline(in, line)) out += line.substr(0, line.rfind(',')) + "\n";  // drop wall_time
    return out;
  };
  EXPECT_TRUE(rows(a / "episodes.csv") == rows(b / "episodes.csv"));
}

// A finished run extended on --resume (a larger total_steps) goes on as a
// run planned that long from the start: the budget's end kept the replay
// (save_replay = stop; without it the resume refills), and prioritized
// replay's beta keeps the horizon the run had (it reached 1 at the old end).
TEST(Checkpoint, ExtendedRunEqualsARunPlannedThatLong) {
  const TempDir tmp("ckpt-extend");
  Config c = small_run();
  c.prioritized = true;  // beta's schedule shapes the updates
  c.save_every = 600;    // the first budget ends on a save step: its end owes only the replay
  std::ostringstream log;
  TrainRequest planned;
  planned.config = c;
  planned.config.total_steps = 1800;
  planned.config.priority_beta_steps = c.total_steps;
  planned.run_dir = tmp / "a";
  planned.quiet = true;
  const TrainResult ra = train(planned, log);

  TrainRequest first;
  first.config = c;
  first.run_dir = tmp / "b";
  first.quiet = true;
  train(first, log);
  EXPECT_TRUE(fs::exists(tmp / "b" / "replay.bin")) << "the budget's end saved no replay";
  TrainRequest more;
  more.resume = tmp / "b";
  more.resume_overrides = {"total_steps=1800"};
  more.quiet = true;
  const TrainResult rb = train(more, log);

  EXPECT_EQ(rb.steps, 1800);
  EXPECT_EQ(ra.updates, rb.updates);
  const Checkpoint ca = load_checkpoint(ra.last_checkpoint);
  const Checkpoint cb = load_checkpoint(rb.last_checkpoint);
  EXPECT_TRUE(ca.nets == cb.nets) << "the extended run's nets differ from the planned run's";
  EXPECT_TRUE(episodes_without_time(ca.metrics) == episodes_without_time(cb.metrics))
      << first_difference(episodes_without_time(ca.metrics), episodes_without_time(cb.metrics));
  EXPECT_EQ(config_from_json(cb.config_json, "b").priority_beta_steps, 1200);
}

TEST(Checkpoint, RoundTripIsBitExact) {
  Checkpoint c;
  c.config_json = "{\"preset\": \"tuned\"}";
  c.env_id = "ALE/Pong-v5";
  c.action_dim = 6;
  c.in_channels = 4;
  c.dueling = true;
  c.trainer.step = 123;
  c.agent.rng[2] = 99;
  c.nets = std::string(1000, 'n');
  c.optimizer = "opt";
  c.metrics.episodes.resize(3);
  c.metrics.episodes[1].reward = 5;
  c.envs = {1, 2, 3};
  c.observations = {4, 5};
  const TempDir d("ckpt-rt");
  save_checkpoint(d / "a.ckpt", c);
  const Checkpoint r = load_checkpoint(d / "a.ckpt");
  save_checkpoint(d / "b.ckpt", r);
  EXPECT_EQ(slurp(d / "a.ckpt"), slurp(d / "b.ckpt"));
  EXPECT_EQ(r.env_id, "ALE/Pong-v5");
  EXPECT_EQ(r.trainer.step, 123);
  EXPECT_EQ(r.metrics.episodes[1].reward, 5);
}

std::string load_error(const fs::path& p) {
  try {
    load_checkpoint(p);
  } catch (const CheckpointError& e) {
    return e.what();
  }
  return "";
}

TEST(Checkpoint, TruncatedCorruptOrForeignFilesAreNamedErrors) {
  Checkpoint c;
  c.nets = std::string(5000, 'x');
  const TempDir d("ckpt-bad");
  save_checkpoint(d / "ok.ckpt", c);
  std::string bytes = slurp(d / "ok.ckpt");
  std::ofstream(d / "short.ckpt", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x40;
  std::ofstream(d / "flip.ckpt", std::ios::binary) << flipped;
  std::ofstream(d / "other.ckpt", std::ios::binary) << "hello, not a checkpoint";
  EXPECT_NE(load_error(d / "short.ckpt").find("short.ckpt: truncated"), std::string::npos)
      << load_error(d / "short.ckpt");
  EXPECT_NE(load_error(d / "flip.ckpt").find("corrupt"), std::string::npos) << load_error(d / "flip.ckpt");
  EXPECT_NE(load_error(d / "flip.ckpt").find("nets"), std::string::npos);
  EXPECT_NE(load_error(d / "other.ckpt").find("not an atari-gym checkpoint"), std::string::npos);
  EXPECT_NE(load_error(d / "missing.ckpt").find("cannot read"), std::string::npos);
}

TEST(Checkpoint, FindsTheNewestAndPrunesOld) {
  const TempDir d("ckpt-find");
  fs::create_directories(d / "checkpoints");
  for (int64_t s : {100, 2000, 30000}) save_checkpoint(d / "checkpoints" / checkpoint_name(s), {});
  EXPECT_EQ(find_checkpoint(d).filename(), checkpoint_name(30000));
  prune_checkpoints(d / "checkpoints", 2);
  EXPECT_FALSE(fs::exists(d / "checkpoints" / checkpoint_name(100)));
  EXPECT_TRUE(fs::exists(d / "checkpoints" / checkpoint_name(2000)));
  EXPECT_THROW(find_checkpoint(d / "nothing"), CheckpointError);
}

}  // namespace
}  // namespace ag::agent
