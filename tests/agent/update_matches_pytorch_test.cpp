// Whole updates of the learner against PyTorch (Debian's python3-torch): the
// same weights, batches and Adam settings give the same losses and the same
// new weights as reference_update.py, which writes Double DQN, Munchausen DQN
// and QR-DQN from the papers with PyTorch's own SmoothL1 / MSE,
// clip_grad_norm_ and Adam. This pins
// everything between a replay batch and the weights: the gathers, the Double
// DQN action choice (online picks, target scores), the discounts, the loss's
// reduction, the custom loss kernel, the fused Adam step, the target sync.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "agent/dnnl_q_network.hpp"
#include "agent/double_dqn.hpp"
#include "agent/learner_fixtures.hpp"
#include "support/temp_files.hpp"

namespace ag::agent {
namespace {

namespace fs = std::filesystem;
using fixtures::flat;
using fixtures::python_has_torch;

template <class T>
void write(const fs::path& file, const std::vector<T>& v) {
  std::ofstream(file, std::ios::binary)
      .write(reinterpret_cast<const char*>(v.data()),
             static_cast<std::streamsize>(v.size() * sizeof(T)));
}

std::vector<float> read_floats(const fs::path& file) {
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  std::vector<float> v(static_cast<size_t>(in.tellg()) / sizeof(float));
  in.seekg(0);
  in.read(reinterpret_cast<char*>(v.data()),
          static_cast<std::streamsize>(v.size() * sizeof(float)));
  return v;
}

struct Case {
  int quantiles;
  double adam_eps;
  double clip;
  bool variance_scaling;
  bool mse = false;
  bool munchausen = false;  // with the paper's tau, alpha and clip
};

struct Outcome {
  std::vector<float> losses, reference_losses;
  std::vector<float> step, reference_step;              // online weights after - before
  std::vector<std::pair<std::string, size_t>> tensors;  // name, size: the layout of `step`
  std::string log;
};

constexpr int kActions = 4, kBatch = 16, kUpdates = 3, kSyncAfter = 2;
constexpr double kLearningRate = 1e-4;

// Runs kUpdates updates (a target sync after the second) here and in PyTorch.
Outcome run_both(const Case& c, bool bf16 = false,
                 LearnerOptions::Backend backend = LearnerOptions::Backend::kLibTorch) {
  LearnerOptions o;
  o.in_channels = 4;
  o.actions = kActions;
  o.quantiles = c.quantiles;
  o.learning_rate = kLearningRate;
  o.adam_eps = c.adam_eps;
  o.grad_clip_norm = c.clip;
  if (c.variance_scaling) o.init = LearnerOptions::Init::kVarianceScaling;
  o.bf16 = bf16;
  o.loss = c.mse ? LearnerOptions::Loss::kMse : LearnerOptions::Loss::kHuber;
  o.munchausen.on = c.munchausen;
  o.backend = backend;
  torch::manual_seed(11);
  DoubleDqn learner(o);
  EXPECT_EQ(learner.uses_onednn(), backend == LearnerOptions::Backend::kOneDnn);
  {
    // A target unlike the online net, so picking and scoring the next action
    // with the wrong net shows.
    torch::NoGradGuard g;
    for (auto& p : learner.net()->target->parameters())
      if (p.numel() > 1) p.add_(torch::randn_like(p) * p.std());
  }

  const ag::test::TempDir dir("update");
  const std::vector<float> before = flat(learner.net()->online);
  write(dir / "online.f32", before);
  write(dir / "target.f32", flat(learner.net()->target));

  // Batches: frames with structure (a bright block whose place varies, over
  // noise) so the conv features differ between states; rewards in [-1, 1];
  // a quarter of the rows terminal (discount 0), the others 0.99 or 0.99^3.
  std::mt19937 rng(5);
  const size_t row = 4 * 84 * 84;
  std::vector<uint8_t> states(kUpdates * kBatch * row), next_states(states.size());
  std::vector<int64_t> actions(kUpdates * kBatch);
  std::vector<float> returns(actions.size()), discounts(actions.size());
  for (size_t i = 0; i < actions.size(); ++i) {
    const fixtures::Row r = fixtures::structured_row(rng, kActions, states.data() + i * row,
                                                     next_states.data() + i * row);
    actions[i] = r.action;
    returns[i] = r.ret;
    discounts[i] = r.discount;
  }
  write(dir / "states.u8", states);
  write(dir / "next_states.u8", next_states);
  write(dir / "actions.i64", actions);
  write(dir / "returns.f32", returns);
  write(dir / "discounts.f32", discounts);

  Outcome out;
  for (int k = 0; k < kUpdates; ++k) {
    ReplayBatch b;
    b.size = kBatch;
    b.states.assign(states.begin() + k * kBatch * row, states.begin() + (k + 1) * kBatch * row);
    b.next_states.assign(next_states.begin() + k * kBatch * row,
                         next_states.begin() + (k + 1) * kBatch * row);
    b.actions.assign(actions.begin() + k * kBatch, actions.begin() + (k + 1) * kBatch);
    b.returns.assign(returns.begin() + k * kBatch, returns.begin() + (k + 1) * kBatch);
    b.discounts.assign(discounts.begin() + k * kBatch, discounts.begin() + (k + 1) * kBatch);
    b.weights.assign(kBatch, 1.f);
    out.losses.push_back(learner.learn(b).loss);
    if (k + 1 == kSyncAfter) learner.update_target_network();
  }
  for (const auto& p : learner.net()->online->named_parameters())
    out.tensors.emplace_back(p.key(), static_cast<size_t>(p.value().numel()));
  const std::vector<float> after = flat(learner.net()->online);
  for (size_t i = 0; i < after.size(); ++i) out.step.push_back(after[i] - before[i]);

  char args[256];
  std::snprintf(args, sizeof args, " %d %d %d %d %d %.9g %.9g %.9g %s", kActions, c.quantiles,
                kBatch, kUpdates, kSyncAfter, kLearningRate, c.adam_eps, c.clip,
                c.mse ? "mse" : "huber");
  std::string all_args = args;
  if (c.munchausen) {
    const MunchausenOptions& m = o.munchausen;
    char more[128];
    std::snprintf(more, sizeof more, " %.9g %.9g %.9g", m.tau, m.alpha, m.clip);
    all_args += more;
  }
  const std::string cmd = "/usr/bin/python3 '" + std::string(AG_SOURCE_DIR) +
                          "/tests/agent/reference_update.py' '" + dir.string() + "'" + all_args +
                          " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  char buf[512];
  while (fgets(buf, sizeof buf, p)) out.log += buf;
  if (pclose(p) != 0) {
    ADD_FAILURE() << "reference_update.py failed:\n" << out.log;
    return out;
  }
  out.reference_losses = read_floats(dir / "losses.f32");
  const std::vector<float> ref_after = read_floats(dir / "online_after.f32");
  if (ref_after.size() != before.size()) {
    ADD_FAILURE() << "reference wrote " << ref_after.size() << " weights, expected "
                  << before.size();
    return out;
  }
  for (size_t i = 0; i < ref_after.size(); ++i)
    out.reference_step.push_back(ref_after[i] - before[i]);
  return out;
}

// Largest difference between the two weight steps, in units of the learning
// rate (Adam moves each weight by about lr per step, whatever its gradient).
double worst_step_gap(const Outcome& o) {
  double worst = 0;
  for (size_t i = 0; i < o.step.size(); ++i)
    worst = std::max(worst, std::abs(static_cast<double>(o.step[i]) - o.reference_step[i]));
  return worst / kLearningRate;
}

// Cosine between the two steps over weights [begin, end) (all by default).
double step_cosine(const Outcome& o, size_t begin = 0, size_t end = SIZE_MAX) {
  double dot = 0, a = 0, b = 0;
  const float *step = o.step.data(), *ref = o.reference_step.data();
  for (size_t i = begin, n = std::min(end, o.step.size()); i < n; ++i) {
    dot += static_cast<double>(step[i]) * ref[i];
    a += static_cast<double>(step[i]) * step[i];
    b += static_cast<double>(ref[i]) * ref[i];
  }
  return dot / std::sqrt(a * b);
}

void expect_same_updates(const Case& c,
                         LearnerOptions::Backend backend = LearnerOptions::Backend::kLibTorch) {
  const Outcome o = run_both(c, false, backend);
  ASSERT_EQ(o.reference_losses.size(), o.losses.size()) << o.log;
  for (size_t k = 0; k < o.losses.size(); ++k)
    EXPECT_NEAR(o.losses[k], o.reference_losses[k], 1e-4 * std::abs(o.reference_losses[k]))
        << "update " << k << "\n"
        << o.log;
  // fp32 on both sides, different conv kernels: rounding only. A wrong
  // gather, target or sync moves some weights by ~lr the other way.
  EXPECT_LT(worst_step_gap(o), 0.05) << o.log;
  EXPECT_GT(step_cosine(o), 0.9999) << o.log;
  std::printf("against PyTorch: weight steps <= %.3g lr apart, cosine %.7f\n", worst_step_gap(o),
              step_cosine(o));
}

TEST(UpdateMatchesPyTorch, DoubleDqnWithSmoothL1ClippedGradientsAndATargetSync) {
  if (!python_has_torch())
    GTEST_SKIP() << "needs /usr/bin/python3 with torch (Debian: python3-torch)";
  expect_same_updates({1, 1e-8, 0.5, true});
}

TEST(UpdateMatchesPyTorch, QuantileRegressionDqnWithTheTunedPresetsAdam) {
  if (!python_has_torch())
    GTEST_SKIP() << "needs /usr/bin/python3 with torch (Debian: python3-torch)";
  expect_same_updates({200, 3.125e-4, 0, true});
}

TEST(UpdateMatchesPyTorch, QuantileRegressionDqnWithClippedGradients) {
  if (!python_has_torch())
    GTEST_SKIP() << "needs /usr/bin/python3 with torch (Debian: python3-torch)";
  expect_same_updates({8, 1e-8, 0.1, true});
}

// Dopamine JAX's and CleanRL's squared error, and Munchausen DQN's target
// (the paper's tau 0.03, alpha 0.9, clip -1) written in PyTorch ops from the
// paper, on both backends.
TEST(UpdateMatchesPyTorch, MseLossAndMunchausenTarget) {
  if (!python_has_torch())
    GTEST_SKIP() << "needs /usr/bin/python3 with torch (Debian: python3-torch)";
  for (auto backend : {LearnerOptions::Backend::kLibTorch, LearnerOptions::Backend::kOneDnn}) {
    expect_same_updates({1, 3.125e-4, 0, true, /*mse=*/true}, backend);
    expect_same_updates({1, 3.125e-4, 0, true, /*mse=*/false, /*munchausen=*/true}, backend);
    expect_same_updates({1, 1e-8, 0.5, true, /*mse=*/true, /*munchausen=*/true}, backend);
  }
}

// learner_backend = onednn: the nets' passes through oneDNN's fp32
// primitives, the loss by hand (Double DQN) or through the same LibTorch
// loss on the outputs (QR-DQN): PyTorch's updates too.
TEST(UpdateMatchesPyTorch, OneDnnBackendDoubleDqnWithClippedGradientsAndATargetSync) {
  if (!python_has_torch())
    GTEST_SKIP() << "needs /usr/bin/python3 with torch (Debian: python3-torch)";
  expect_same_updates({1, 1e-8, 0.5, true}, LearnerOptions::Backend::kOneDnn);
}

TEST(UpdateMatchesPyTorch, OneDnnBackendQuantileRegressionDqn) {
  if (!python_has_torch())
    GTEST_SKIP() << "needs /usr/bin/python3 with torch (Debian: python3-torch)";
  expect_same_updates({8, 1e-8, 0.1, true}, LearnerOptions::Backend::kOneDnn);
}

// bf16 autocast is not fp32: the same loss to ~1% and a step pointing the
// same way in every layer (session 10: 0.9994 over all weights). Where the
// CPU has no native bf16, LibTorch's bf16 kernels are other, less exact
// ones (session 14, AVX2-only Zen 3: 0.989 over all weights, 0.906-0.937
// in three layers), so the bounds there are looser, still far above the planted
// fault below (conv layers' steps 0: ~0 per layer, 0.958 overall).
TEST(UpdateMatchesPyTorch, Bf16UpdatesFollowTheFp32Reference) {
  if (!python_has_torch())
    GTEST_SKIP() << "needs /usr/bin/python3 with torch (Debian: python3-torch)";
  const Outcome o = run_both({200, 3.125e-4, 0, true}, /*bf16=*/true);
  ASSERT_EQ(o.reference_losses.size(), o.losses.size()) << o.log;
  for (size_t k = 0; k < o.losses.size(); ++k)
    EXPECT_NEAR(o.losses[k], o.reference_losses[k], 0.02 * std::abs(o.reference_losses[k]))
        << "update " << k << "\n"
        << o.log;
  const bool native = DnnlQNetwork::bf16_available();
  const double whole = native ? 0.995 : 0.98, per_layer = native ? 0.95 : 0.85;
  EXPECT_GT(step_cosine(o), whole) << o.log;
  // Layer by layer (session 10: 0.989-1.000): with autocast's weight cache
  // on, the conv layers' steps were 0 (no gradient) while the whole step's
  // cosine, dominated by fc1's 1.6M weights, still read 0.958.
  size_t begin = 0;
  for (const auto& [name, size] : o.tensors) {
    EXPECT_GT(step_cosine(o, begin, begin + size), per_layer) << name << "\n" << o.log;
    begin += size;
  }
}

// Every weight of the online net gets a gradient from a bf16 update, in
// both heads (no Python needed: this runs wherever the tests do). The
// update's first forward is a no-grad one (the next states); autocast's
// weight cache used to hand its history-less bf16 weights to the
// grad-enabled forward, and only the last two layers learned.
TEST(UpdateMatchesPyTorch, EveryWeightGetsAGradientUnderBf16) {
  for (int quantiles : {1, 200}) {
    LearnerOptions o;
    o.in_channels = 4;
    o.actions = kActions;
    o.quantiles = quantiles;
    o.bf16 = true;
    torch::manual_seed(3);
    DoubleDqn learner(o);
    ReplayBatch b;
    b.size = 8;
    std::mt19937 rng(1);
    b.states.resize(8 * 4 * 84 * 84);
    b.next_states.resize(b.states.size());
    for (auto& x : b.states) x = static_cast<uint8_t>(rng());
    for (auto& x : b.next_states) x = static_cast<uint8_t>(rng());
    b.actions = {0, 1, 2, 3, 0, 1, 2, 3};
    b.returns.assign(8, 1.f);
    b.discounts.assign(8, 0.99f);
    b.weights.assign(8, 1.f);
    for (int k = 0; k < 2; ++k) {  // the second update too (nothing cached across)
      learner.learn(b);
      for (const auto& p : learner.net()->online->named_parameters()) {
        const torch::Tensor g = p.value().grad();
        ASSERT_TRUE(g.defined()) << p.key() << ", quantiles " << quantiles << ", update " << k;
        EXPECT_GT(g.abs().max().item<float>(), 0.f) << p.key() << ", quantiles " << quantiles;
      }
    }
  }
}

}  // namespace
}  // namespace ag::agent
