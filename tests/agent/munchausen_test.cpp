// Munchausen DQN's target (agent/munchausen.hpp) on hand-made rows whose
// values are worked out here from the paper's formula.
#include "agent/munchausen.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace ag::agent {
namespace {

TEST(Munchausen, ScaledLogSoftmaxIsTauTimesLogSoftmaxOfQOverTau) {
  const float q[3] = {1.f, 2.f, 4.f};
  double out[3];
  scaled_log_softmax(q, 3, 0.5, out);
  // softmax(q / 0.5) = exp(2, 4, 8) / sum.
  const double sum = std::exp(2.0) + std::exp(4.0) + std::exp(8.0);
  for (int j = 0; j < 3; ++j)
    EXPECT_NEAR(out[j], 0.5 * std::log(std::exp(2.0 * q[j]) / sum), 1e-12) << j;
}

TEST(Munchausen, TargetAddsTheClippedLogPolicyBonusAndTheSoftValue) {
  MunchausenOptions m{true, 1.0, 0.5, -1.0};
  // s: tau ln pi(0|s) = -ln(1 + e) = -1.313 -> clipped to -1, bonus 0.5 * -1.
  const float q_s[2] = {0.f, 1.f};
  // s': both actions 2, pi = (1/2, 1/2): soft value = 2 - ln(1/2) = 2 + ln 2.
  const float q_next[2] = {2.f, 2.f};
  const float y = munchausen_target(q_s, q_next, 2, 0, 1.f, 0.9f, m);
  EXPECT_NEAR(y, 1.0 - 0.5 + 0.9 * (2.0 + std::log(2.0)), 1e-6);
  // Action 1: tau ln pi(1|s) = -ln(1 + 1/e) = -0.3133, not clipped.
  const float y1 = munchausen_target(q_s, q_next, 2, 1, 1.f, 0.9f, m);
  EXPECT_NEAR(y1, 1.0 - 0.5 * std::log(1.0 + std::exp(-1.0)) + 0.9 * (2.0 + std::log(2.0)), 1e-6);
}

// tau = 0.5, Q-values a few tau apart: neither clipped nor saturated, so a
// tau misplaced (clipping ln pi instead of tau ln pi, or q - ln pi in the
// soft value) shows. Worked out from the formula with pi = softmax(q / tau).
TEST(Munchausen, TauScalesTheLogPolicyInTheBonusAndTheSoftValue) {
  const double tau = 0.5, alpha = 0.9;
  MunchausenOptions m{true, tau, alpha, -1.0};
  const float q_s[3] = {1.0f, 0.8f, 0.3f}, q_next[3] = {2.0f, 1.5f, 1.9f};
  auto log_pi = [&](const float* q, int j) {
    double z = 0;
    for (int k = 0; k < 3; ++k) z += std::exp(q[k] / tau);
    return std::log(std::exp(q[j] / tau) / z);
  };
  // tau ln pi(1|s) = 0.5 * ln(e^1.6 / (e^2 + e^1.6 + e^0.6)) = -0.525: above -1.
  const double bonus = alpha * tau * log_pi(q_s, 1);
  ASSERT_GT(tau * log_pi(q_s, 1), -1.0);
  ASSERT_LT(log_pi(q_s, 1), -1.0);  // unscaled it would be clipped
  double soft = 0;
  for (int j = 0; j < 3; ++j)
    soft += std::exp(log_pi(q_next, j)) * (q_next[j] - tau * log_pi(q_next, j));
  EXPECT_NEAR(munchausen_target(q_s, q_next, 3, 1, 0.5f, 0.99f, m), 0.5 + bonus + 0.99 * soft,
              1e-6);
}

TEST(Munchausen, TerminalRowsKeepOnlyTheRewardAndTheBonus) {
  MunchausenOptions m{true, 1.0, 0.5, -1.0};
  const float q_s[2] = {0.f, 1.f}, q_next[2] = {50.f, -3.f};
  EXPECT_NEAR(munchausen_target(q_s, q_next, 2, 1, 0.25f, 0.f, m),
              0.25 - 0.5 * std::log(1.0 + std::exp(-1.0)), 1e-6);
}

// As tau -> 0 the soft value becomes the max and the greedy action's bonus
// 0: DQN's target (with the target net's own max, no Double DQN pick).
TEST(Munchausen, SmallTauGivesDqnsTargetForTheGreedyAction) {
  MunchausenOptions m{true, 1e-4, 0.9, -1.0};
  const float q_s[3] = {0.5f, 3.f, 1.f}, q_next[3] = {1.f, 7.f, 6.5f};
  EXPECT_NEAR(munchausen_target(q_s, q_next, 3, 1, 1.f, 0.99f, m), 1.0 + 0.99 * 7.0, 1e-4);
  // A non-greedy action gets the clipped penalty alpha * l0.
  EXPECT_NEAR(munchausen_target(q_s, q_next, 3, 0, 1.f, 0.99f, m), 1.0 - 0.9 + 0.99 * 7.0, 1e-4);
}

// The paper's tau = 0.03 against Q-values far apart: exp((q - max) / tau)
// underflows to 0 for the others, never overflows.
TEST(Munchausen, PapersTauWithWideQValuesStaysFinite) {
  MunchausenOptions m;  // tau 0.03, alpha 0.9, clip -1
  m.on = true;
  const float q_s[2] = {100.f, -100.f}, q_next[2] = {-80.f, 120.f};
  const float y = munchausen_target(q_s, q_next, 2, 1, 0.f, 0.99f, m);
  ASSERT_TRUE(std::isfinite(y));
  EXPECT_NEAR(y, 0.9 * -1.0 + 0.99 * 120.0, 1e-4);
}

}  // namespace
}  // namespace ag::agent
