// The Nature CNN (Mnih et al. 2015) as the original project's AgentNet has
// it: conv 32x8x8/4, 64x4x4/2, 64x3x3/1, dense 512, one output per action,
// ReLU between; the uint8 input is scaled by 1/255 inside the net. Its
// children are registered under the original's nn.Sequential indices (0, 2,
// 4, 7, 9: the ReLUs and the Flatten have no parameters), so a state_dict
// has the original's keys. The dueling variant (Wang et al. 2016) keeps
// 0/2/4 and replaces 7/9 by two heads: value.0, value.2 (512 -> 1) and
// advantage.0, advantage.2 (512 -> actions); Q = V + A - mean(A).
//
// With quantiles N > 1 (QR-DQN, Dabney et al. 2018) the output layers give N
// quantiles of the return per action (out: actions x N rows, value: N rows,
// advantage: actions x N), and Q is their mean; the keys stay the same.
//
// LibTorch header: include only in the agent's .cpp files.
#pragma once

#include <torch/torch.h>

namespace ag::agent {

class QNetworkImpl : public torch::nn::Module {
 public:
  QNetworkImpl(int in_channels, int actions, bool dueling, int quantiles = 1);
  // [B, C, 84, 84] uint8 (or float already scaled to [0, 1]) -> [B, actions] float.
  torch::Tensor forward(torch::Tensor obs);
  // -> [B, actions, quantiles]
  torch::Tensor forward_quantiles(torch::Tensor obs);
  bool dueling() const { return dueling_; }
  int actions() const { return actions_; }
  int quantiles() const { return quantiles_; }
  int in_channels() const { return in_channels_; }

 private:
  int in_channels_;
  bool dueling_;
  int actions_;
  int quantiles_;
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr}, conv3_{nullptr};
  torch::nn::Linear fc_{nullptr}, out_{nullptr};
  torch::nn::Sequential value_{nullptr}, advantage_{nullptr};
};
TORCH_MODULE(QNetwork);

// The original's AgentNet: an online net and its frozen target copy,
// registered as `online` and `target`.
class AgentNetImpl : public torch::nn::Module {
 public:
  AgentNetImpl(int in_channels, int actions, bool dueling, int quantiles = 1);
  QNetwork online{nullptr}, target{nullptr};
  // target <- online, every parameter (the hard copy of update_target_network).
  void sync_target();
};
TORCH_MODULE(AgentNet);

// Q-values of `batch` uint8 observations [batch, C, 84, 84] -> out[batch *
// actions], no gradient: the one inference path of acting and evaluation.
void q_values(QNetwork& net, const uint8_t* obs, int batch, float* out);

// Dopamine's initialisation of its Atari nets: every weight uniform in
// +-sqrt(3 * scale / fan_in) with scale 1/sqrt(3) (variance_scaling, fan_in,
// uniform), biases zero. LibTorch's default (the original's: kaiming_uniform
// with a = sqrt(5), weights +-1/sqrt(fan_in), biases +-1/sqrt(fan_in)) shrinks
// the signal ~0.41x per ReLU layer and lets the biases dominate: on Breakout
// the net's outputs hardly depend on the state for the first thousands of
// updates (docs/agent.md, "Presets"). Then copies online into target.
void init_variance_scaling(AgentNet& net);

// Dopamine's DQN net (jax/networks.py NatureDQNNetwork: Flax's xavier_uniform
// on every layer, Flax's zero biases): every weight uniform in
// +-sqrt(6 / (fan_in + fan_out)), fans counting the kernel's receptive field
// (a conv [out, in, kh, kw]: fan_in = in*kh*kw, fan_out = out*kh*kw), biases
// zero. Then copies online into target.
void init_xavier_uniform(AgentNet& net);

// The features' size after the three convolutions of an 84x84 input: 64 x 7 x 7.
constexpr int kFeatureSize = 3136;

}  // namespace ag::agent
