// learner_backend = onednn is the same learner as libtorch in fp32: from the
// same weights and batches, the same losses, TD errors, Q means and new
// weights after each update (a target sync between), for Double DQN with and
// without importance weights, the MSE loss, Munchausen's target, QR-DQN,
// and with a planted fault; acting's
// Q-values follow every change of the weights (optimizer step, load).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "agent/double_dqn.hpp"
#include "agent/learner_fixtures.hpp"

namespace ag::agent {
namespace {

using fixtures::flat;

constexpr int kActions = 5, kBatch = 32;
constexpr double kLearningRate = 1e-4;

// Batches with structure (a bright block whose place varies, over noise);
// rewards in [-1, 1]; a quarter of the rows terminal.
ReplayBatch make_batch(std::mt19937& rng, bool importance_weights) {
  const size_t row = 4 * 84 * 84;
  ReplayBatch b;
  b.size = kBatch;
  b.states.resize(kBatch * row);
  b.next_states.resize(kBatch * row);
  for (int i = 0; i < kBatch; ++i) {
    const fixtures::Row r =
        fixtures::structured_row(rng, kActions, &b.states[i * row], &b.next_states[i * row]);
    b.actions.push_back(r.action);
    b.returns.push_back(r.ret);
    b.discounts.push_back(r.discount);
    b.weights.push_back(importance_weights ? 0.2f + static_cast<float>(rng() % 81) / 100.f : 1.f);
  }
  return b;
}

struct Case {
  int quantiles = 1;
  bool importance_weights = false;
  double clip = 0;
  bool bf16 = false;  // asked of the oneDNN learner: its passes stay fp32
  bool mse = false;
  bool munchausen = false;
  LearnerOptions::Fault fault = LearnerOptions::Fault::kNone;
};

LearnerOptions options(const Case& c, LearnerOptions::Backend backend) {
  LearnerOptions o;
  o.in_channels = 4;
  o.actions = kActions;
  o.quantiles = c.quantiles;
  o.learning_rate = kLearningRate;
  o.adam_eps = 1e-8;
  o.grad_clip_norm = c.clip;
  o.init = LearnerOptions::Init::kVarianceScaling;
  o.fault = c.fault;
  o.loss = c.mse ? LearnerOptions::Loss::kMse : LearnerOptions::Loss::kHuber;
  o.munchausen.on = c.munchausen;
  o.backend = backend;
  o.bf16 = backend == LearnerOptions::Backend::kOneDnn && c.bf16;
  return o;
}

std::unique_ptr<DoubleDqn> make_learner(const Case& c, LearnerOptions::Backend backend) {
  torch::manual_seed(21);
  auto learner = std::make_unique<DoubleDqn>(options(c, backend));
  // A target unlike the online net, so picking and scoring with the wrong
  // net shows.
  torch::manual_seed(22);
  torch::NoGradGuard g;
  for (auto& p : learner->net()->target->parameters())
    if (p.numel() > 1) p.add_(torch::randn_like(p) * p.std());
  return learner;
}

// What one update did on each learner: the batch, what learn() returned,
// the online weights before and after, and the gradients it left.
struct UpdatePair {
  int k;
  const ReplayBatch& batch;
  const UpdateResult& want;  // the LibTorch fp32 reference
  const UpdateResult& got;   // the backend under test
  std::vector<float> before_ref, before, after_ref, after, grads_ref, grads;
};

// Steps a LibTorch fp32 reference and a learner on `backend` from the same
// weights through three batches, a target sync after the second, and hands
// each update to `check`. Each learner goes on from its own weights (they
// differ by rounding).
template <typename Check>
void step_both(const Case& c, LearnerOptions::Backend backend, Check check) {
  auto reference = make_learner(c, LearnerOptions::Backend::kLibTorch);
  auto fast = make_learner(c, backend);
  ASSERT_FALSE(reference->uses_onednn());
  ASSERT_TRUE(fast->uses_onednn());
  ASSERT_EQ(flat(reference->net()->online), flat(fast->net()->online));
  ASSERT_EQ(flat(reference->net()->target), flat(fast->net()->target));
  std::mt19937 rng(23);
  for (int k = 0; k < 3; ++k) {
    const ReplayBatch b = make_batch(rng, c.importance_weights);
    std::vector<float> before_ref = flat(reference->net()->online);
    std::vector<float> before = flat(fast->net()->online);
    const UpdateResult want = reference->learn(b);
    const UpdateResult got = fast->learn(b);
    UpdatePair u{k,
                 b,
                 want,
                 got,
                 std::move(before_ref),
                 std::move(before),
                 flat(reference->net()->online),
                 flat(fast->net()->online),
                 fixtures::flat_grads(reference->net()->online),
                 fixtures::flat_grads(fast->net()->online)};
    ASSERT_EQ(u.grads.size(), u.grads_ref.size());
    check(u, *reference, *fast);
    if (k == 1) {
      reference->update_target_network();
      fast->update_target_network();
    }
  }
}

// Cosine between the two learners' weight steps.
double step_cosine(const UpdatePair& u) {
  double dot = 0, na = 0, nb = 0;
  for (size_t i = 0; i < u.after.size(); ++i) {
    const double s = static_cast<double>(u.after[i]) - u.before[i];
    const double r = static_cast<double>(u.after_ref[i]) - u.before_ref[i];
    dot += s * r;
    na += s * s;
    nb += r * r;
  }
  return dot / std::sqrt(na * nb);
}

// The oneDNN fp32 learner equals the LibTorch one up to rounding: everything
// an update returns, the gradients, and the weights after each.
void expect_same_updates(const Case& c) {
  double worst_gap = 0, worst_cosine = 1, worst_loss = 0;
  step_both(c, LearnerOptions::Backend::kOneDnn, [&](const UpdatePair& u, DoubleDqn&, DoubleDqn&) {
    const int k = u.k;
    // The gradients themselves: Adam's step hides a gradient scaled by a
    // constant (a lost factor 2 of the squared error's derivative, or of
    // the batch mean), the steps compared below would not show it.
    double diff2 = 0, ref2 = 0;
    for (size_t i = 0; i < u.grads.size(); ++i) {
      const double d = static_cast<double>(u.grads[i]) - u.grads_ref[i];
      diff2 += d * d;
      ref2 += static_cast<double>(u.grads_ref[i]) * u.grads_ref[i];
    }
    ASSERT_GT(ref2, 0) << "update " << k;
    EXPECT_LT(std::sqrt(diff2 / ref2), 1e-3) << "gradient, update " << k;
    EXPECT_NEAR(u.got.loss, u.want.loss, 1e-4 * std::abs(u.want.loss)) << "update " << k;
    EXPECT_NEAR(u.got.q_mean, u.want.q_mean, 1e-4 * std::abs(u.want.q_mean) + 1e-6)
        << "update " << k;
    ASSERT_EQ(u.got.td_errors.size(), u.want.td_errors.size());
    for (size_t i = 0; i < u.want.td_errors.size(); ++i)
      EXPECT_NEAR(u.got.td_errors[i], u.want.td_errors[i],
                  1e-4 * std::abs(u.want.td_errors[i]) + 1e-5)
          << "update " << k << " row " << i;
    // The step of every weight, in units of the learning rate (Adam moves
    // each by about lr): rounding only, as between LibTorch and PyTorch.
    double worst = 0;
    for (size_t i = 0; i < u.after.size(); ++i) {
      const double s = static_cast<double>(u.after[i]) - u.before[i];
      const double r = static_cast<double>(u.after_ref[i]) - u.before_ref[i];
      worst = std::max(worst, std::abs(s - r));
    }
    const double cosine = step_cosine(u);
    EXPECT_LT(worst / kLearningRate, 0.05) << "update " << k;
    EXPECT_GT(cosine, 0.9999) << "update " << k;
    worst_gap = std::max(worst_gap, worst / kLearningRate);
    worst_cosine = std::min(worst_cosine, cosine);
    worst_loss = std::max(worst_loss, static_cast<double>(std::abs(u.got.loss - u.want.loss) /
                                                          std::abs(u.want.loss)));
  });
  std::printf(
      "onednn vs libtorch fp32, 3 updates: loss rel. diff <= %.2g, weight steps <= %.3g lr "
      "apart, cosine >= %.7f\n",
      worst_loss, worst_gap, worst_cosine);
}

TEST(LearnerBackend, OneDnnUpdatesEqualLibTorchsFp32Updates) {
  expect_same_updates({});
}

TEST(LearnerBackend, WithImportanceWeightsAndClippedGradients) {
  expect_same_updates({.importance_weights = true, .clip = 0.5});
}

TEST(LearnerBackend, QuantileRegressionHeadToo) {
  expect_same_updates({.quantiles = 8, .importance_weights = true});
}

TEST(LearnerBackend, MseLossToo) {
  expect_same_updates({.mse = true});
  expect_same_updates({.importance_weights = true, .mse = true});
}

TEST(LearnerBackend, MunchausenTargetToo) {
  expect_same_updates({.munchausen = true});
  expect_same_updates({.importance_weights = true, .munchausen = true});
}

TEST(LearnerBackend, PlantedTdSignFaultActsTheSameOnBothBackends) {
  expect_same_updates({.fault = LearnerOptions::Fault::kTdSign});
}

TEST(LearnerBackend, Bf16IsIgnoredByTheOneDnnPasses) {
  expect_same_updates({.bf16 = true});
}

// learner_backend = onednn_bf16: the convolutions and fc1 in bf16 are not
// fp32, but each update must follow LibTorch's fp32 one: the same loss to
// ~1%, every layer's gradient pointing the same way, and the weights'
// steps too (Adam normalises them, so bf16's rounding shows most where a
// gradient is small).
TEST(LearnerBackend, OneDnnBf16UpdatesFollowTheFp32Ones) {
  if (!DnnlQNetwork::bf16_available())
    GTEST_SKIP() << "oneDNN has no native bf16 kernels on this CPU (needs AVX-512 BF16 or AMX)";
  for (const Case& c : {Case{}, Case{.importance_weights = true, .munchausen = true}}) {
    step_both(c, LearnerOptions::Backend::kOneDnnBf16,
              [&](const UpdatePair& u, DoubleDqn& reference, DoubleDqn& fast) {
      const int k = u.k;
      EXPECT_NEAR(u.got.loss, u.want.loss, 0.02 * std::abs(u.want.loss)) << "update " << k;
      EXPECT_NEAR(u.got.q_mean, u.want.q_mean, 0.02 * std::abs(u.want.q_mean) + 1e-4)
          << "update " << k;
      // Layer by layer: a layer left in fp32 by mistake would pass, a layer
      // whose bf16 pass is wrong (layout, relu mask) would not.
      size_t begin = 0;
      for (const auto& p : reference.net()->online->named_parameters()) {
        const size_t n = static_cast<size_t>(p.value().numel());
        double dot = 0, na = 0, nb = 0;
        for (size_t i = begin; i < begin + n; ++i) {
          dot += static_cast<double>(u.grads[i]) * u.grads_ref[i];
          na += static_cast<double>(u.grads[i]) * u.grads[i];
          nb += static_cast<double>(u.grads_ref[i]) * u.grads_ref[i];
        }
        EXPECT_GT(dot / std::sqrt(na * nb), 0.97) << p.key() << ", update " << k;
        EXPECT_NEAR(std::sqrt(na / nb), 1.0, 0.1) << p.key() << " gradient norm, update " << k;
        begin += n;
      }
      EXPECT_GT(step_cosine(u), 0.95) << "update " << k;
      // Acting's Q-values (bf16 forward) against LibTorch's fp32 forward.
      std::vector<float> q(4 * kActions), ref(4 * kActions);
      fast.q_values(u.batch.states.data(), 4, q.data());
      q_values(fast.net()->online, u.batch.states.data(), 4, ref.data());
      for (size_t i = 0; i < q.size(); ++i)
        EXPECT_NEAR(q[i], ref[i], 0.02 * std::abs(ref[i]) + 2e-3) << "acting, update " << k;
    });
  }
}

TEST(LearnerBackend, PlantedNoSyncFaultKeepsTheTargetOnBothBackends) {
  Case c;
  c.fault = LearnerOptions::Fault::kNoTargetSync;
  expect_same_updates(c);
}

// Acting's Q-values (the oneDNN forward) equal LibTorch's forward of the
// online net, after an update (the optimizer writes the weights in place)
// and after loading other weights (as --resume does).
TEST(LearnerBackend, ActingFollowsTheWeightsAfterAnUpdateAndALoad) {
  for (int quantiles : {1, 8}) {
    Case c;
    c.quantiles = quantiles;
    auto fast = make_learner(c, LearnerOptions::Backend::kOneDnn);
    std::mt19937 rng(31);
    const ReplayBatch b = make_batch(rng, false);
    auto expect_acting_matches = [&](const char* when) {
      std::vector<float> q(4 * kActions), ref(4 * kActions);
      fast->q_values(b.states.data(), 4, q.data());
      q_values(fast->net()->online, b.states.data(), 4, ref.data());
      for (size_t i = 0; i < q.size(); ++i)
        EXPECT_NEAR(q[i], ref[i], 1e-5 * std::abs(ref[i]) + 1e-6)
            << when << ", quantiles " << quantiles << ", " << i;
    };
    expect_acting_matches("at the start");
    fast->learn(b);
    fast->learn(b);
    expect_acting_matches("after two updates");
    // A checkpoint's nets from another learner, loaded as Trainer::resume_from does.
    auto other = make_learner(c, LearnerOptions::Backend::kLibTorch);
    other->learn(b);
    torch::serialize::OutputArchive out;
    other->net()->save(out);
    std::ostringstream os;
    out.save_to(os);
    const std::string bytes = os.str();
    torch::serialize::InputArchive in;
    in.load_from(bytes.data(), bytes.size());
    fast->net()->load(in);
    expect_acting_matches("after a load");
    EXPECT_EQ(flat(fast->net()->online), flat(other->net()->online));
  }
}

TEST(LearnerBackend, TheDuelingHeadStaysOnLibTorch) {
  LearnerOptions o;
  o.actions = kActions;
  o.dueling = true;
  o.backend = LearnerOptions::Backend::kOneDnn;
  DoubleDqn learner(o);
  EXPECT_FALSE(learner.uses_onednn());
}

}  // namespace
}  // namespace ag::agent
