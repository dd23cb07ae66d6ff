// Learning happens: on the synthetic corridor (gym/corridor_env.hpp), whose
// optimal return is 1 from every start, the whole stack (trainer, replay
// with n-step returns and priorities, Double DQN on the Nature CNN, target
// syncs, epsilon schedule) reaches it within a small budget, with the
// greedy path's values near the ones known (gamma^k, k steps from the goal).
//
// The same test must fail with a planted fault: scripts/planted-faults.sh
// runs it with AG_PLANT_FAULT=no_target_sync, td_sign and gamma0 and
// docs/agent.md records what each gave.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

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
  // On an AMD Zen 3 every case reaches the optimum by 3,000 steps (~1,250
  // updates; session 15's eval curves, seed 3). On an Intel Sapphire Rapids
  // the tuned case fell first into "stay" (the greedy policy idles out the
  // 30 steps; training returns 0.01-0.22 from 3,000 to 7,000) and reached
  // the optimum at the 7,000-step check (session 21): 6,000 failed it. A
  // passing case ends at its first optimal check, so the budget costs only
  // the failing ones.
  c.total_steps = 12000;
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

// The greedy policy is scored (30 games) every kCheckEvery steps from
// kFirstCheck on, and the run ends at the first check that reaches the
// optimum (most cases by 3,000 steps, a quarter of the budget); a failing
// case costs the whole budget. Each check stops the run (a checkpoint with
// its replay) and resumes it, which continues the run exactly
// (Checkpoint.ResumedRunEqualsUninterruptedRun).
constexpr int64_t kFirstCheck = 3000, kCheckEvery = 1000;
constexpr double kOptimal = 0.99;  // mean return; the optimum is 1.0 from every start
// The greedy path's values: on the optimal path k steps before the goal,
// max_a Q = gamma^k (the goal's 1, discounted). The greedy return alone
// can be right by luck: with the TD error's sign flipped (climbing the
// loss) the tuned case still ranked "right" first at 7,000 steps on a
// Sapphire Rapids (session 21), its values off by 2e13. Passing cases were
// off by 0.004-0.098 at their first optimal check: 0.2 is twice the most.
constexpr double kValueTolerance = 0.2;

struct Score {
  double mean_return = 0;
  double value_error = 0;  // max |max_a Q - gamma^k| over the steps of the games that scored 1
  bool reached() const { return mean_return >= kOptimal && value_error <= kValueTolerance; }
};

// Passes Q-values through, recording the greedy value max_a Q(s, a) of each
// row: a greedy game makes one forward per step, in order.
class GreedyValueRecorder final : public QFunction {
 public:
  explicit GreedyValueRecorder(QFunction& q) : q_(q) {}
  int actions() const override { return q_.actions(); }
  void q_values(const uint8_t* obs, int n, float* out) override {
    q_.q_values(obs, n, out);
    for (int i = 0; i < n; ++i)
      values.push_back(*std::max_element(out + i * actions(), out + (i + 1) * actions()));
  }
  std::vector<float> values;

 private:
  QFunction& q_;
};

Score score_policy(const fs::path& model) {
  LoadedPolicy policy = load_policy(model);
  GreedyValueRecorder q(*policy.q);
  const EvalSummary s = evaluate(q, policy.config, 30, 0.0, 100);
  Score score{s.mean, 0};
  size_t at = 0;  // the first value of game g
  for (const EvalGame& g : s.games) {
    if (g.score == 1)
      for (int64_t k = 0; k < g.steps; ++k)
        score.value_error =
            std::max(score.value_error,
                     std::abs(q.values[at + k] - std::pow(policy.config.gamma, g.steps - 1 - k)));
    at += g.steps;
  }
  return score;
}

// Trains `config` up to its total_steps and returns the first check that
// reaches the optimum (Score::reached), or the last one.
Score train_and_score(const Config& config, const std::string& tag) {
  const ag::test::TempDir tmp("learning-" + tag);
  const fs::path dir = tmp / "run";  // the trainer makes the run folder
  TrainRequest req;
  req.config = config;
  req.config.save_replay = "stop";  // a check's stop keeps the replay for the resume
  req.run_dir = dir;
  req.quiet = true;
  Score score;
  for (int64_t at = std::min(kFirstCheck, config.total_steps);; at += kCheckEvery) {
    req.stop_at_step = std::min(at, config.total_steps);
    std::ostringstream log;
    const TrainResult r = train(req, log);
    EXPECT_EQ(r.steps, req.stop_at_step);
    score = score_policy(dir / "model.pt");
    std::printf(
        "corridor: mean return %.3f (optimal 1.0), greedy values off by %.3f, over 30 games at "
        "step %lld, %lld updates (%s)\n",
        score.mean_return, score.value_error, static_cast<long long>(r.steps),
        static_cast<long long>(r.updates), tag.c_str());
    if (score.reached() || req.stop_at_step >= config.total_steps) break;
    req.resume = dir;  // the run folder: its newest checkpoint (the check's stop)
  }
  return score;
}

void expect_reached(const Score& s) {
  EXPECT_GE(s.mean_return, kOptimal);
  EXPECT_LE(s.value_error, kValueTolerance);
}

TEST(Learning, ReachesTheOptimalReturnOnTheCorridor) {
  // Optimal is 1.0 from every start; the near prize gives 0.2.
  expect_reached(train_and_score(corridor_config(), "tuned"));
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
  c.learner_backend = "libtorch";
  c.precision = "bf16";
  expect_reached(train_and_score(c, "tuned-libtorch-bf16"));
}

// The nets' passes in oneDNN's bf16 (convolutions and fc1; fp32 weights,
// gradients and optimizer) learn as a whole too.
TEST(Learning, OneDnnBf16BackendReachesItToo) {
  if (!DnnlQNetwork::bf16_available())
    GTEST_SKIP() << "oneDNN has no native bf16 kernels on this CPU (needs AVX-512 BF16 or AMX)";
  Config c = corridor_config();
  c.learner_backend = "onednn_bf16";
  expect_reached(train_and_score(c, "tuned-onednn-bf16"));
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
  expect_reached(train_and_score(c, "qr-dueling-nstep-per"));
}

// Munchausen DQN's target (the target net's soft value and log-policy
// bonus, no Double DQN pick) with the squared-error loss learns too.
TEST(Learning, MunchausenTargetWithMseLossReachesItToo) {
  Config c = corridor_config();
  c.munchausen = true;
  c.loss = "mse";
  expect_reached(train_and_score(c, "munchausen-mse"));
}

}  // namespace
}  // namespace ag::agent
