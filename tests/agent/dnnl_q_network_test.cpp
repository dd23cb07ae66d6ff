// The Nature CNN through oneDNN's primitives (agent/dnnl_q_network.hpp)
// computes what LibTorch's QNetwork computes in fp32: the same outputs at
// every batch size, and, for the same loss gradient wrt the outputs, the
// same gradient of every parameter (LibTorch's autograd as the reference),
// in every layout choice. Its weight copies follow LibTorch's tensors
// after set_weights().
#include "agent/dnnl_q_network.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "agent/q_network.hpp"

namespace ag::agent {
namespace {

constexpr int kChannels = 4;

std::vector<uint8_t> observations(int batch, uint32_t seed) {
  // A bright block over noise, so the conv features differ between rows.
  std::mt19937 rng(seed);
  std::vector<uint8_t> obs(static_cast<size_t>(batch) * kChannels * 84 * 84);
  for (int b = 0; b < batch; ++b) {
    const int x0 = static_cast<int>(rng() % 70), y0 = static_cast<int>(rng() % 70);
    for (int k = 0; k < kChannels; ++k)
      for (int y = 0; y < 84; ++y)
        for (int x = 0; x < 84; ++x) {
          const bool block = x >= x0 + k && x < x0 + k + 12 && y >= y0 && y < y0 + 12;
          obs[((static_cast<size_t>(b) * kChannels + k) * 84 + y) * 84 + x] =
              static_cast<uint8_t>(block ? 200 + rng() % 56 : rng() % 40);
        }
  }
  return obs;
}

NatureCnnWeights weights_of(QNetwork& net) {
  NatureCnnWeights w;
  const auto params = net->parameters();
  for (int i = 0; i < kNatureCnnTensors; ++i) w[i] = params[i].data_ptr<float>();
  return w;
}

// max |a - b| / max |b|: the error relative to the reference's scale.
double relative_error(const float* a, const float* b, size_t n) {
  double diff = 0, scale = 0;
  for (size_t i = 0; i < n; ++i) {
    diff = std::max(diff, std::abs(static_cast<double>(a[i]) - b[i]));
    scale = std::max(scale, std::abs(static_cast<double>(b[i])));
  }
  return scale > 0 ? diff / scale : diff;
}

struct Net {
  QNetwork torch_net;
  DnnlQNetwork dnnl;
  Net(int actions, int quantiles, DnnlLayout layout, uint64_t seed)
      : torch_net((torch::manual_seed(seed), QNetwork(kChannels, actions, false, quantiles))),
        dnnl(kChannels, actions * quantiles, layout) {
    dnnl.set_weights(weights_of(torch_net));
  }
  int outputs() const { return dnnl.outputs(); }
  torch::Tensor reference(const std::vector<uint8_t>& obs, int batch) {
    auto x = torch::from_blob(const_cast<uint8_t*>(obs.data()), {batch, kChannels, 84, 84},
                              torch::kUInt8);
    return torch_net->forward_quantiles(x).reshape({batch, outputs()});
  }
};

class DnnlQNetworkTest : public ::testing::TestWithParam<DnnlLayout> {};

TEST_P(DnnlQNetworkTest, ForwardEqualsLibTorchsFp32ForwardAtBatch1And4And32) {
  Net net(6, 1, GetParam(), 7);
  for (int batch : {1, 4, 32}) {
    const auto obs = observations(batch, 100 + batch);
    std::vector<float> out(static_cast<size_t>(batch) * net.outputs());
    net.dnnl.forward(obs.data(), batch, out.data());
    torch::NoGradGuard no_grad;
    const torch::Tensor ref = net.reference(obs, batch).contiguous();
    const double e = relative_error(out.data(), ref.data_ptr<float>(), out.size());
    EXPECT_LT(e, 1e-5) << "batch " << batch;
    std::printf("forward, batch %d: relative error %.2g\n", batch, e);
  }
}

TEST_P(DnnlQNetworkTest, TrainingForwardGivesTheSameOutputs) {
  Net net(6, 1, GetParam(), 8);
  const auto obs = observations(32, 5);
  std::vector<float> out(32 * 6);
  net.dnnl.forward_train(obs.data(), 32, out.data());
  torch::NoGradGuard no_grad;
  const torch::Tensor ref = net.reference(obs, 32).contiguous();
  EXPECT_LT(relative_error(out.data(), ref.data_ptr<float>(), out.size()), 1e-5);
}

// For a loss L = sum(out * G), dL/dout = G: backward(G) must give every
// parameter the gradient LibTorch's autograd gives it.
void expect_gradients_equal(int actions, int quantiles, DnnlLayout layout, int batch) {
  Net net(actions, quantiles, layout, 9);
  const auto obs = observations(batch, 11);
  std::vector<float> out(static_cast<size_t>(batch) * net.outputs());
  net.dnnl.forward_train(obs.data(), batch, out.data());
  // The loss gradient: sparse as Double DQN's (one action per row) plus dense noise.
  std::mt19937 rng(12);
  std::normal_distribution<float> normal(0.f, 1.f);
  std::vector<float> g(out.size());
  for (auto& x : g) x = 0.1f * normal(rng);
  for (int b = 0; b < batch; ++b)
    g[static_cast<size_t>(b) * net.outputs() + b % net.outputs()] += 1.f;

  const auto params = net.torch_net->parameters();
  std::vector<torch::Tensor> grads;
  NatureCnnGrads gp;
  for (int i = 0; i < kNatureCnnTensors; ++i) {
    grads.push_back(torch::full_like(params[i], 123.f));  // overwritten, not added to
    gp[i] = grads.back().data_ptr<float>();
  }
  net.dnnl.backward(g.data(), gp);

  for (auto& p : params) p.mutable_grad() = torch::Tensor();
  const torch::Tensor ref_out = net.reference(obs, batch);
  const torch::Tensor gt = torch::from_blob(g.data(), {batch, net.outputs()}, torch::kFloat32);
  (ref_out * gt).sum().backward();
  const auto named = net.torch_net->named_parameters();
  double worst = 0;
  for (int i = 0; i < kNatureCnnTensors; ++i) {
    const torch::Tensor ref = params[i].grad().contiguous();
    ASSERT_GT(ref.abs().max().item<float>(), 0.f) << named[i].key();
    const double e = relative_error(grads[i].data_ptr<float>(), ref.data_ptr<float>(),
                                    static_cast<size_t>(ref.numel()));
    EXPECT_LT(e, 1e-4) << named[i].key() << ", outputs " << net.outputs() << ", batch " << batch;
    worst = std::max(worst, e);
  }
  std::printf("gradients, outputs %d, batch %d: worst relative error %.2g\n", net.outputs(), batch,
              worst);
}

TEST_P(DnnlQNetworkTest, EveryParametersGradientEqualsLibTorchAutograd) {
  expect_gradients_equal(6, 1, GetParam(), 32);
}

TEST_P(DnnlQNetworkTest, GradientsAtAnotherBatchAndWithQuantileOutputs) {
  expect_gradients_equal(4, 8, GetParam(), 16);
}

// The copies in oneDNN's layouts are refreshed after set_weights(), for the
// inference plans and the training plan alike.
TEST_P(DnnlQNetworkTest, ForwardFollowsTheWeightsAfterSetWeights) {
  Net net(6, 1, GetParam(), 13);
  const auto obs = observations(4, 14);
  std::vector<float> before(4 * 6), after(4 * 6), train(4 * 6);
  net.dnnl.forward(obs.data(), 4, before.data());
  {
    torch::NoGradGuard no_grad;
    for (auto& p : net.torch_net->parameters()) p.mul_(1.5f).add_(0.01f);
  }
  net.dnnl.set_weights(weights_of(net.torch_net));
  net.dnnl.forward(obs.data(), 4, after.data());
  net.dnnl.forward_train(obs.data(), 4, train.data());
  torch::NoGradGuard no_grad;
  const torch::Tensor ref = net.reference(obs, 4).contiguous();
  EXPECT_GT(relative_error(before.data(), ref.data_ptr<float>(), before.size()), 1e-2);
  EXPECT_LT(relative_error(after.data(), ref.data_ptr<float>(), after.size()), 1e-5);
  EXPECT_LT(relative_error(train.data(), ref.data_ptr<float>(), train.size()), 1e-5);
}

// Double DQN's next states through two nets, the input converted once:
// each net's own outputs, at a batch the first net trains at too.
TEST_P(DnnlQNetworkTest, TwoNetsForwardTheSameObservationsAsEachAlone) {
  Net a(6, 1, GetParam(), 17), b(6, 1, GetParam(), 18);
  const auto obs = observations(32, 19), other = observations(32, 20);
  std::vector<float> out_a(32 * 6), out_b(32 * 6), alone_a(32 * 6), alone_b(32 * 6), train(32 * 6);
  a.dnnl.forward_train(other.data(), 32, train.data());  // a's training plan serves batch 32
  DnnlQNetwork::forward_both(a.dnnl, b.dnnl, obs.data(), 32, out_a.data(), out_b.data());
  a.dnnl.forward(obs.data(), 32, alone_a.data());
  b.dnnl.forward(obs.data(), 32, alone_b.data());
  EXPECT_EQ(out_a, alone_a);
  EXPECT_EQ(out_b, alone_b);
  EXPECT_NE(out_a, out_b);
  // The learner's pair: the target with fc1's weights in oneDNN's layout.
  DnnlLayout own = GetParam();
  own.fc1_own_weights = true;
  Net c(6, 1, own, 18);
  std::vector<float> out_c(32 * 6), alone_c(32 * 6);
  DnnlQNetwork::forward_both(a.dnnl, c.dnnl, obs.data(), 32, out_a.data(), out_c.data());
  c.dnnl.forward(obs.data(), 32, alone_c.data());
  EXPECT_EQ(out_a, alone_a);
  EXPECT_EQ(out_c, alone_c);
  EXPECT_LT(relative_error(out_c.data(), out_b.data(), out_c.size()), 1e-5);  // b's weights
  // And b's own input buffer is its own again.
  b.dnnl.forward(other.data(), 32, alone_b.data());
  torch::NoGradGuard no_grad;
  const torch::Tensor ref = b.reference(other, 32).contiguous();
  EXPECT_LT(relative_error(alone_b.data(), ref.data_ptr<float>(), alone_b.size()), 1e-5);
}

// On the project's machines (AVX-512) every step has a fast kernel: a
// layout change that lands on oneDNN's reference kernel would be 10-100x
// slower and still pass the tests above.
TEST_P(DnnlQNetworkTest, NoStepFallsBackToAReferenceKernelOnAvx512) {
  if (!__builtin_cpu_supports("avx512f")) GTEST_SKIP() << "no AVX-512 on this CPU";
  Net net(6, 1, GetParam(), 15);
  const auto obs = observations(32, 16);
  std::vector<float> out(32 * 6), g(32 * 6, 0.01f);
  net.dnnl.forward(obs.data(), 4, out.data());
  net.dnnl.forward_train(obs.data(), 32, out.data());
  std::vector<torch::Tensor> grads;
  NatureCnnGrads gp;
  for (auto& p : net.torch_net->parameters()) {
    grads.push_back(torch::zeros_like(p));
    gp[grads.size() - 1] = grads.back().data_ptr<float>();
  }
  net.dnnl.backward(g.data(), gp);
  const std::string d = net.dnnl.describe();
  EXPECT_EQ(d.find("ref:"), std::string::npos) << d;
  std::printf("%s", d.c_str());
}

INSTANTIATE_TEST_SUITE_P(Layouts, DnnlQNetworkTest,
                         ::testing::Values(DnnlLayout{}, DnnlLayout{true, false},
                                           DnnlLayout{false, true}),
                         [](const auto& info) {
                           return std::string(info.param.blocked_convs ? "BlockedConvs"
                                                                       : "ChannelsLast") +
                                  (info.param.fc1_own_weights ? "Fc1OwnWeights" : "");
                         });

}  // namespace
}  // namespace ag::agent
