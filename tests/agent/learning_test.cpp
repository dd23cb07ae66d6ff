// Learning happens: on the synthetic corridor (gym/corridor_env.hpp), whose
// optimal return is 1 from every start, the whole stack (trainer, replay
// with n-step returns and priorities, Double DQN on the Nature CNN, target
// syncs, epsilon schedule) reaches it within a small budget.
//
// The same test must fail with a planted fault: scripts/planted-faults.sh
// runs it with AG_PLANT_FAULT=no_target_sync, td_sign and gamma0 and
// docs/agent.md records what each gave.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>

#include "agent/dnnl_q_network.hpp"
#include "agent/evaluator.hpp"
#include "agent/policy.hpp"
#include "agent/trainer.hpp"
#include "gym/corridor_env.hpp"
#include "support/temp_files.hpp"

namespace ag::agent {
namespace {

namespace fs = std::filesystem;

Config corridor_config() {
  Config c = preset_config("tuned");
  c.env = gym::CorridorEnv::kId;
  c.num_envs = 4;
  // Every case reaches the optimum from 3,000 steps on (~1,250 updates; session 15's eval
  // curves, every 1,000 steps, seed 3) and stays there: 6,000 is twice that.
  c.total_steps = 6000;
  c.replay_size = 20000;
  c.burnin = 500;
  c.learn_every = 2;
  c.sync_every = 200;
  c.batch_size = 32;
  c.learning_rate = 2.5e-4;
  c.exploration_steps = 3000;
  c.exploration_rate_min = 0.05;
  c.life_loss = "none";
  c.reward_clip = false;  // sign clipping would make the near prize (0.2) worth the goal (1)
  c.eval_every = 0;
  c.save_every = 1'000'000;
  c.threads = 1;  // ctest runs tests two at a time: one core each (OpenMP threads spin)
  c.seed = 3;
  if (const char* f = std::getenv("AG_PLANT_FAULT"); f && std::string(f) == "gamma0") c.gamma = 0;
  return c;
}

// The bf16 cases keep the budget they passed with (12,000 steps): they run
// only on CPUs with native bf16, the fast ones, and the halved budget was
// checked on a CPU without it (session 15).
constexpr int64_t kBf16Steps = 12000;

// The greedy policy is scored (30 games) every kCheckEvery steps from
// kFirstCheck on, and the run ends at the first check that reaches the
// optimum: every case gets there by 3,000 steps on the CPUs measured (session
// 15), so a passing case costs half its budget, and a failing one the whole
// budget, as before. Each check stops the run (a checkpoint with its replay)
// and resumes it, which continues the run exactly
// (Checkpoint.ResumedRunEqualsUninterruptedRun).
constexpr int64_t kFirstCheck = 3000, kCheckEvery = 1000;
constexpr double kOptimal = 0.99;  // mean return; the optimum is 1.0 from every start

// Trains `config` up to its total_steps and returns the first check's mean
// greedy return that reaches kOptimal, or the last one's.
double train_and_score(const Config& config, const std::string& tag) {
  const ag::test::TempDir tmp("learning-" + tag);
  const fs::path dir = tmp / "run";  // the trainer makes the run folder
  TrainRequest req;
  req.config = config;
  req.config.save_replay = "stop";  // a check's stop keeps the replay for the resume
  req.run_dir = dir;
  req.quiet = true;
  double score = 0;
  for (int64_t at = std::min(kFirstCheck, config.total_steps);; at += kCheckEvery) {
    req.stop_at_step = std::min(at, config.total_steps);
    std::ostringstream log;
    const TrainResult r = train(req, log);
    EXPECT_EQ(r.steps, req.stop_at_step);
    LoadedPolicy policy = load_policy(dir / "model.pt");
    const EvalSummary s = evaluate(*policy.q, policy.config, 30, 0.0, 100);
    score = s.mean;
    std::printf("corridor: mean return %.3f (optimal 1.0) over 30 games at step %lld, %lld updates (%s)\n",
                score, static_cast<long long>(r.steps), static_cast<long long>(r.updates),
                tag.c_str());
    if (score >= kOptimal || req.stop_at_step >= config.total_steps) break;
    req.resume = dir;  // the run folder: its newest checkpoint (the check's stop)
  }
  return score;
}

TEST(Learning, ReachesTheOptimalReturnOnTheCorridor) {
  // Optimal is 1.0 from every start; the near prize gives 0.2.
  EXPECT_GE(train_and_score(corridor_config(), "tuned"), kOptimal);
}

// The tuned preset runs the nets' passes through oneDNN (fp32); the same
// learner on LibTorch's ops with bf16 autocast (the tuned preset before
// session 11, and what the dueling head uses) learns as a whole too.
TEST(Learning, LibTorchBf16BackendReachesItToo) {
  // Without native bf16 LibTorch's autocast emulates it: this run took over
  // 15 minutes on an AVX2-only Zen 3 (session 14: the 900 s timeout). The
  // bf16 update's maths is pinned on every CPU at a smaller scale
  // (DoubleDqn.Bf16UpdatesKeepFp32WeightsAndOutputs,
  // UpdateMatchesPyTorch.Bf16UpdatesFollowTheFp32Reference).
  if (!DnnlQNetwork::bf16_available())
    GTEST_SKIP() << "no native bf16 on this CPU (AVX-512 BF16 or AMX): LibTorch's emulated bf16 "
                    "is too slow for a whole learning run";
  Config c = corridor_config();
  c.total_steps = kBf16Steps;
  c.learner_backend = "libtorch";
  c.precision = "bf16";
  EXPECT_GE(train_and_score(c, "tuned-libtorch-bf16"), kOptimal);
}

// The nets' passes in oneDNN's bf16 (convolutions and fc1; fp32 weights,
// gradients and optimizer) learn as a whole too.
TEST(Learning, OneDnnBf16BackendReachesItToo) {
  if (!DnnlQNetwork::bf16_available())
    GTEST_SKIP() << "oneDNN has no native bf16 kernels on this CPU (needs AVX-512 BF16 or AMX)";
  Config c = corridor_config();
  c.total_steps = kBf16Steps;
  c.learner_backend = "onednn_bf16";
  EXPECT_GE(train_and_score(c, "tuned-onednn-bf16"), kOptimal);
}

// The tuned preset learns DQN's expected values from one-step targets over
// uniform replay; the other branches of the learner, the net and the replay
// must learn too: QR-DQN's quantiles with the dueling head and Dopamine's
// initialisation, from 3-step returns over prioritized replay.
TEST(Learning, DuelingQuantilesFromPrioritizedNStepReplayReachItToo) {
  Config c = corridor_config();
  c.quantiles = 200;
  c.dueling = true;
  c.n_step = 3;
  c.prioritized = true;
  c.init = "variance_scaling";
  c.learning_rate = 2.5e-4;
  c.adam_eps = 3.125e-4;
  EXPECT_GE(train_and_score(c, "qr-dueling-nstep-per"), kOptimal);
}

// Munchausen DQN's target (the target net's soft value and log-policy
// bonus, no Double DQN pick) with the squared-error loss learns too.
TEST(Learning, MunchausenTargetWithMseLossReachesItToo) {
  Config c = corridor_config();
  c.munchausen = true;
  c.loss = "mse";
  EXPECT_GE(train_and_score(c, "munchausen-mse"), kOptimal);
}

}  // namespace
}  // namespace ag::agent
