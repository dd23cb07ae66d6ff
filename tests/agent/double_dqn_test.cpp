// The learner's maths on hand-made batches: the Double DQN target (online
// net picks, target net scores), td_estimate, the SmoothL1 loss, the target
// sync, and the net's layout (the original's state_dict keys).
#include "agent/double_dqn.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>
#include <string>

namespace ag::agent {
namespace {

// Output layers with zero weights and the given biases: Q(s, .) = bias for every s.
void set_outputs(QNetwork& net, const std::vector<float>& bias) {
  torch::NoGradGuard no_grad;
  auto p = net->named_parameters();
  p["9.weight"].zero_();
  p["9.bias"].copy_(torch::tensor(bias));
}

LearnerOptions options() {
  LearnerOptions o;
  o.in_channels = 4;
  o.actions = 3;
  return o;
}

TEST(DoubleDqn, TargetTakesTheOnlineNetsActionScoredByTheTargetNet) {
  DoubleDqn learner(options());
  set_outputs(learner.net()->online, {0, 5, 1});   // online picks action 1
  set_outputs(learner.net()->target, {10, 2, 7});  // target scores it 2 (its own max is 10)
  auto next = torch::zeros({2, 4, 84, 84}, torch::kUInt8);
  auto reward = torch::tensor({1.0f, -1.0f});
  auto discount = torch::tensor({0.99f, 0.0f});  // the second terminated
  auto target = learner.td_target(reward, next, discount);
  EXPECT_FLOAT_EQ(target[0].item<float>(), 1.0f + 0.99f * 2.0f);
  EXPECT_FLOAT_EQ(target[1].item<float>(), -1.0f);
}

TEST(DoubleDqn, EstimateIsTheOnlineQOfTheTakenAction) {
  DoubleDqn learner(options());
  set_outputs(learner.net()->online, {0.5f, 5, 1});
  auto state = torch::zeros({3, 4, 84, 84}, torch::kUInt8);
  auto est = learner.td_estimate(state, torch::tensor({2, 0, 1}, torch::kInt64));
  EXPECT_FLOAT_EQ(est[0].item<float>(), 1.0f);
  EXPECT_FLOAT_EQ(est[1].item<float>(), 0.5f);
  EXPECT_FLOAT_EQ(est[2].item<float>(), 5.0f);
}

TEST(DoubleDqn, LossIsSmoothL1WithBetaOne) {
  DoubleDqn learner(options());
  auto est = torch::tensor({0.0f, 0.0f}, torch::requires_grad());
  // |d| = 0.5 -> 0.5 d^2 = 0.125; |d| = 3 -> |d| - 0.5 = 2.5; mean 1.3125
  auto loss = learner.update_Q_online(est * 1, torch::tensor({0.5f, -3.0f}));
  EXPECT_FLOAT_EQ(loss.item<float>(), 1.3125f);
  // Importance weights scale each row's loss.
  auto loss_w = learner.update_Q_online(est * 1, torch::tensor({0.5f, -3.0f}),
                                        torch::tensor({1.0f, 0.5f}));
  EXPECT_FLOAT_EQ(loss_w.item<float>(), (0.125f + 1.25f) / 2);
}

TEST(DoubleDqn, AnUpdateMovesTheEstimateTowardTheTarget) {
  LearnerOptions o = options();
  o.learning_rate = 1e-3;
  DoubleDqn learner(o);
  auto state = torch::randint(0, 255, {8, 4, 84, 84}, torch::kUInt8);
  auto action = torch::randint(0, 3, {8}, torch::kInt64);
  auto target = torch::full({8}, 3.0f);
  auto before = (learner.td_estimate(state, action).detach() - target).abs().mean().item<float>();
  for (int i = 0; i < 20; ++i) learner.update_Q_online(learner.td_estimate(state, action), target);
  auto after = (learner.td_estimate(state, action).detach() - target).abs().mean().item<float>();
  EXPECT_LT(after, before * 0.5f);
}

TEST(DoubleDqn, TargetSyncCopiesTheOnlineNetAndOnlyThen) {
  LearnerOptions o = options();
  o.learning_rate = 1e-2;
  DoubleDqn learner(o);
  auto equal = [&] {
    auto t = learner.net()->target->named_parameters();
    for (auto& p : learner.net()->online->named_parameters())
      if (!torch::equal(p.value(), t[p.key()])) return false;
    return true;
  };
  EXPECT_TRUE(equal());  // the target starts as a copy
  auto state = torch::randint(0, 255, {4, 4, 84, 84}, torch::kUInt8);
  learner.update_Q_online(learner.td_estimate(state, torch::zeros({4}, torch::kInt64)),
                          torch::ones({4}));
  EXPECT_FALSE(equal());  // learning changes only the online net
  for (auto& p : learner.net()->target->parameters()) EXPECT_FALSE(p.requires_grad());
  learner.update_target_network();
  EXPECT_TRUE(equal());
}

TEST(DoubleDqn, OptionsThatCannotGoTogetherAreRefused) {
  LearnerOptions o;
  o.actions = 4;
  o.quantiles = 8;
  o.munchausen.on = true;
  EXPECT_THROW(DoubleDqn{o}, std::invalid_argument);
  o.munchausen.on = false;
  o.loss = LearnerOptions::Loss::kMse;
  EXPECT_THROW(DoubleDqn{o}, std::invalid_argument);
  o.quantiles = 1;
  o.munchausen.on = true;
  o.munchausen.clip = 0.5;  // tau ln pi is <= 0: a positive floor is a mistake
  EXPECT_THROW(DoubleDqn{o}, std::invalid_argument);
}

TEST(QNetwork, HasTheOriginalsStateDictKeys) {
  AgentNet net(4, 6, false);
  std::vector<std::string> keys;
  for (auto& p : net->named_parameters()) keys.push_back(p.key());
  const std::vector<std::string> want = {
      "online.0.weight", "online.0.bias", "online.2.weight", "online.2.bias", "online.4.weight",
      "online.4.bias",   "online.7.weight", "online.7.bias", "online.9.weight", "online.9.bias",
      "target.0.weight", "target.0.bias", "target.2.weight", "target.2.bias", "target.4.weight",
      "target.4.bias",   "target.7.weight", "target.7.bias", "target.9.weight", "target.9.bias"};
  EXPECT_EQ(keys, want);
  auto q = net->online->forward(torch::zeros({2, 4, 84, 84}, torch::kUInt8));
  EXPECT_EQ(q.sizes(), (std::vector<int64_t>{2, 6}));
}

TEST(QNetwork, DuelingCombinesValueAndMeanCentredAdvantage) {
  QNetwork net(4, 3, true);
  {
    torch::NoGradGuard no_grad;
    auto p = net->named_parameters();
    p["value.2.weight"].zero_();
    p["value.2.bias"].fill_(2.0f);
    p["advantage.2.weight"].zero_();
    p["advantage.2.bias"].copy_(torch::tensor({1.0f, 2.0f, 6.0f}));
  }
  auto q = net->forward(torch::zeros({1, 4, 84, 84}, torch::kUInt8));
  // V + A - mean(A) = 2 + {1, 2, 6} - 3
  EXPECT_FLOAT_EQ(q[0][0].item<float>(), 0.0f);
  EXPECT_FLOAT_EQ(q[0][1].item<float>(), 1.0f);
  EXPECT_FLOAT_EQ(q[0][2].item<float>(), 5.0f);
}

TEST(DoubleDqn, Bf16UpdatesKeepFp32WeightsAndOutputs) {
  LearnerOptions o = options();
  o.bf16 = true;
  DoubleDqn learner(o);
  ReplayBatch b;
  b.size = 4;
  b.states.assign(4 * 4 * 84 * 84, 7);
  b.next_states.assign(4 * 4 * 84 * 84, 9);
  b.actions = {0, 1, 2, 0};
  b.returns = {1, 0, -1, 0.5f};
  b.discounts = {0.99f, 0.99f, 0, 0.99f};
  b.weights = {1, 1, 1, 1};
  b.indices = {0, 1, 2, 3};
  const UpdateResult r = learner.learn(b);
  EXPECT_TRUE(std::isfinite(r.loss));
  EXPECT_EQ(r.td_errors.size(), 4u);
  for (auto& p : learner.net()->parameters()) EXPECT_EQ(p.scalar_type(), torch::kFloat32);
}

// The net `init` makes: target == online, biases zero, each weight uniform in
// +-limit_of(name, weight). Returns how many weights it checked.
size_t expect_uniform_init(LearnerOptions::Init init,
                           const std::function<double(const std::string&, const torch::Tensor&)>& limit_of) {
  LearnerOptions o = options();
  o.init = init;
  DoubleDqn learner(o);
  auto target = learner.net()->target->named_parameters();
  size_t weights = 0;
  for (auto& p : learner.net()->online->named_parameters()) {
    const torch::Tensor& t = p.value();
    EXPECT_TRUE(torch::equal(t, target[p.key()])) << p.key();
    if (t.dim() == 1) {
      EXPECT_EQ(t.abs().max().item<float>(), 0.0f) << p.key();
      continue;
    }
    ++weights;
    const double limit = limit_of(p.key(), t);
    // The draw is in float: lo + (hi - lo) * u can round onto float(limit), a hair above the
    // double limit (CI saw 0.0235013 on both sides), so the bound is the float one ulp up.
    const float float_limit = std::nextafter(static_cast<float>(limit), 1.0f);
    EXPECT_LE(t.abs().max().item<float>(), float_limit) << p.key();
    // Uniform in +-limit: standard deviation limit / sqrt(3).
    EXPECT_NEAR(t.std().item<double>(), limit / std::sqrt(3.0), 0.05 * limit) << p.key();
  }
  return weights;
}

TEST(QNetwork, VarianceScalingInitHasDopaminesLimitsAndZeroBiases) {
  expect_uniform_init(LearnerOptions::Init::kVarianceScaling,
                      [](const std::string&, const torch::Tensor& w) {
                        return std::sqrt(std::sqrt(3.0) / static_cast<double>(w.numel() / w.size(0)));
                      });
}

TEST(QNetwork, XavierUniformInitHasGlorotsLimitsAndZeroBiases) {
  // The Nature CNN's fans by hand ([out, in, kh, kw]; fc [out, in]): fan_in + fan_out.
  const std::map<std::string, double> fans = {{"0.weight", 4 * 64 + 32 * 64},
                                              {"2.weight", 32 * 16 + 64 * 16},
                                              {"4.weight", 64 * 9 + 64 * 9},
                                              {"7.weight", 3136 + 512},
                                              {"9.weight", 512 + options().actions}};
  const size_t weights = expect_uniform_init(
      LearnerOptions::Init::kXavierUniform, [&](const std::string& name, const torch::Tensor&) {
        EXPECT_TRUE(fans.count(name)) << name;
        return fans.count(name) ? std::sqrt(6.0 / fans.at(name)) : 0.0;
      });
  EXPECT_EQ(weights, fans.size());
}

TEST(QNetwork, DefaultInitIsLibTorchsWithNonZeroBiases) {
  DoubleDqn learner(options());
  const torch::Tensor b = learner.net()->online->named_parameters()["0.bias"];
  EXPECT_GT(b.abs().max().item<float>(), 0.0f);  // kaiming_uniform(a=sqrt(5)) + uniform bias
  EXPECT_LE(b.abs().max().item<float>(), 1.0f / std::sqrt(4.0f * 8 * 8));
}

TEST(QuantileRegression, NetGivesQuantilesAndTheirMeanAsQ) {
  QNetwork net(4, 3, true, 5);
  auto obs = torch::randint(0, 255, {2, 4, 84, 84}, torch::kUInt8);
  auto z = net->forward_quantiles(obs);
  EXPECT_EQ(z.sizes(), (std::vector<int64_t>{2, 3, 5}));
  EXPECT_TRUE(torch::allclose(net->forward(obs), z.mean(2)));
  LearnerOptions o = options();
  o.quantiles = 5;
  o.dueling = true;
  DoubleDqn learner(o);
  ReplayBatch b;
  b.size = 2;
  b.states.assign(2 * 4 * 84 * 84, 3);
  b.next_states.assign(2 * 4 * 84 * 84, 5);
  b.actions = {0, 2};
  b.returns = {1, -1};
  b.discounts = {0.9f, 0};
  b.weights = {1, 1};
  b.indices = {0, 1};
  const UpdateResult r = learner.learn(b);
  EXPECT_TRUE(std::isfinite(r.loss));
  EXPECT_GT(r.td_errors[0], 0);
}

}  // namespace
}  // namespace ag::agent
