// The quantile Huber loss: its value by hand, the fused kernel against the
// op-by-op reference (loss and gradient), and what minimising it finds.
#include "agent/quantile_huber_loss.hpp"

#include <gtest/gtest.h>

namespace ag::agent {
namespace {

TEST(QuantileRegression, QuantileHuberLossByHand) {
  // N = 2: tau = {0.25, 0.75}; z = {0, 1}; target samples {0.5, 3}.
  // i=0: u = {0.5, 3}, Huber {0.125, 2.5}, weight 0.25 each -> mean 0.328125
  // i=1: u = {-0.5, 2}, Huber {0.125, 1.5}, weights {0.25, 0.75} -> mean 0.578125
  auto loss = quantile_huber_loss(torch::tensor({{0.0f, 1.0f}}), torch::tensor({{0.5f, 3.0f}}));
  EXPECT_FLOAT_EQ(loss[0].item<float>(), 0.90625f);
}

TEST(QuantileRegression, FusedLossAndGradientEqualTheReference) {
  torch::manual_seed(3);
  for (int n : {1, 7, 200}) {
    auto z1 = torch::randn({5, n}).mul(2).requires_grad_(true);
    auto z2 = z1.detach().clone().requires_grad_(true);
    auto target = torch::randn({5, n}).mul(2);
    auto w = torch::rand({5});
    auto l1 = quantile_huber_loss(z1, target);
    auto l2 = quantile_huber_loss_reference(z2, target);
    EXPECT_TRUE(torch::allclose(l1, l2, 1e-4, 1e-5)) << n;
    (l1 * w).sum().backward();
    (l2 * w).sum().backward();
    EXPECT_TRUE(torch::allclose(z1.grad(), z2.grad(), 1e-4, 1e-6)) << n;
  }
}

// Regressing 4 quantiles (tau = 1/8, 3/8, 5/8, 7/8) on samples {0, 1, 2, 3}.
std::vector<float> fitted_quantiles(double kappa, double lr, int steps) {
  auto z = torch::full({1, 4}, 1.5f, torch::requires_grad());
  torch::optim::SGD sgd({z}, lr);
  auto target = torch::tensor({{0.0f, 1.0f, 2.0f, 3.0f}});
  for (int i = 0; i < steps; ++i) {
    sgd.zero_grad();
    quantile_huber_loss(z, target, kappa).sum().backward();
    sgd.step();
  }
  std::vector<float> out;
  for (int i = 0; i < 4; ++i) out.push_back(z[0][i].item<float>());
  return out;
}

TEST(QuantileRegression, SmallKappaFindsTheDistributionsQuantiles) {
  // With kappa -> 0 the loss is the pure quantile loss: the tau-quantiles of
  // a uniform {0, 1, 2, 3} at tau = 1/8 .. 7/8 are 0, 1, 2, 3.
  const auto z = fitted_quantiles(0.02, 0.002, 20000);
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(z[i], float(i), 0.05f) << i;
}

TEST(QuantileRegression, KappaOneSettlesWhereTheHuberGradientsBalance) {
  // z0 in (0, 1): d/dz [7/16 z^2 + 1/8 (huber(1 - z) + huber(2 - z) + huber(3 - z))] / 4
  // = (7/8 z - 1/8 (1 - z) - 2/8) / 4 = 0 at z = 3/8; the top one mirrors at 3 - 3/8.
  const auto z = fitted_quantiles(1.0, 0.05, 4000);
  EXPECT_NEAR(z[0], 0.375f, 0.01f);
  EXPECT_NEAR(z[3], 2.625f, 0.01f);
}

}  // namespace
}  // namespace ag::agent
