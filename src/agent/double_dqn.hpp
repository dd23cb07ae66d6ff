// The Double DQN learner (van Hasselt et al. 2016) with the original's method
// names: td_estimate = Q_online(s, a); td_target = R + discount *
// Q_target(s', argmax_a' Q_online(s', a')) (the online net picks the next
// action, the target net scores it); update_Q_online = SmoothL1 (Huber,
// beta 1) + Adam; update_target_network = hard copy.
//
// With n-step returns the replay gives R = sum_{j<m} gamma^j r and discount =
// gamma^m (0 when the episode terminated within m steps), so one formula
// serves every n. With prioritized replay each row's loss is weighted by its
// importance weight, and the update returns |td_target - td_estimate| for the
// new priorities.
//
// Options beside the original's: the MSE loss (CleanRL's and Dopamine JAX's
// DQN) instead of SmoothL1, and Munchausen DQN's target (munchausen.hpp) in
// place of Double DQN's.
//
// LibTorch header: include only in the agent's .cpp files.
#pragma once

#include <torch/torch.h>

#include <chrono>

#include "agent/dnnl_q_network.hpp"
#include "agent/munchausen.hpp"
#include "agent/q_network.hpp"
#include "agent/quantile_huber_loss.hpp"
#include "agent/replay_buffer.hpp"

namespace ag::agent {

struct LearnerOptions {
  int in_channels = 4;
  int actions = 6;
  bool dueling = false;
  double learning_rate = 0.00025;
  double adam_eps = 1e-8;
  double grad_clip_norm = 0;  // 0 = off
  // The TD loss of expected-value heads (QR-DQN has its quantile Huber
  // loss): SmoothL1 with beta 1 (the original's), or the squared error
  // (torch's mse_loss: mean of (y - q)^2).
  enum class Loss { kHuber, kMse };
  Loss loss = Loss::kHuber;
  // Munchausen DQN's target instead of Double DQN's (expected values only).
  MunchausenOptions munchausen;
  // Updates under CPU autocast to bf16 (weights kept in fp32, output layers
  // in fp32); acting and evaluation stay fp32.
  bool bf16 = false;
  // 1: expected values (DQN). N > 1: QR-DQN's N quantiles per action, learnt
  // with the quantile Huber loss (kappa 1); actions by the quantiles' mean.
  int quantiles = 1;
  // The weights' initialisation (q_network.hpp): LibTorch's default (the
  // original's), Dopamine's variance scaling (its QR-DQN, Rainbow and IQN
  // nets) or Glorot's uniform (its DQN net).
  enum class Init { kPyTorch, kVarianceScaling, kXavierUniform };
  Init init = Init::kPyTorch;
  // Test hook: a planted fault, to check that the learning test catches it
  // (scripts/planted-faults.sh; AG_PLANT_FAULT in the test's environment).
  // Both backends plant it the same way.
  enum class Fault { kNone, kNoTargetSync, kTdSign };
  Fault fault = Fault::kNone;
  // What runs the nets' passes in learn() and q_values(): LibTorch's ops, or
  // oneDNN's fp32 primitives called directly (dnnl_q_network.hpp) for the
  // plain head (any number of quantiles; the dueling head stays on LibTorch).
  // Same maths, same parameters, optimizer and checkpoints; bf16 does not
  // apply to the oneDNN passes (they are fp32).
  // kOneDnnBf16: the same with the convolutions and fc1 in bf16
  // (DnnlPrecision::kBf16; fp32 weights, gradients and optimizer).
  enum class Backend { kLibTorch, kOneDnn, kOneDnnBf16 };
  Backend backend = Backend::kLibTorch;
  DnnlLayout onednn_layout;  // (a measurement knob: AG_ONEDNN_LAYOUT)
};

struct UpdateResult {
  float loss = 0;
  float q_mean = 0;              // mean td_estimate of the batch (the original's logged Q)
  std::vector<float> td_errors;  // |td_target - td_estimate| per row
};

class DoubleDqn {
 public:
  explicit DoubleDqn(const LearnerOptions& options);

  torch::Tensor td_estimate(const torch::Tensor& state, const torch::Tensor& action);
  torch::Tensor td_target(const torch::Tensor& reward, const torch::Tensor& next_state,
                          const torch::Tensor& discount);
  // Munchausen DQN's target (options().munchausen): from the target net's
  // Q-values of the states and next states.
  torch::Tensor munchausen_td_target(const torch::Tensor& state, const torch::Tensor& action,
                                     const torch::Tensor& reward, const torch::Tensor& next_state,
                                     const torch::Tensor& discount);
  // One gradient step on the (weighted) TD loss (SmoothL1 or MSE); returns the loss.
  torch::Tensor update_Q_online(const torch::Tensor& td_estimate, const torch::Tensor& td_target,
                                const torch::Tensor& weights = {});
  void update_target_network();

  // A whole update from a replay batch (wraps its buffers without copying).
  UpdateResult learn(const ReplayBatch& batch);
  // The QR-DQN update (options().quantiles > 1): the online net's mean picks
  // the next action, the target net's quantiles for it form the target.
  UpdateResult learn_quantiles(const ReplayBatch& batch);
  // Q-values of `batch` observations [batch, C, 84, 84] uint8 -> out[batch * actions].
  void q_values(const uint8_t* obs, int batch, float* out);

  AgentNet& net() { return net_; }
  torch::optim::Adam& optimizer() { return *optimizer_; }
  const LearnerOptions& options() const { return options_; }
  // learner_backend = onednn in effect (not for the dueling head).
  bool uses_onednn() const { return fast_online_ != nullptr; }

  // Wall time of the update's parts, summed while on (bench train --profile).
  void set_profiling(bool on);
  // ms per update of each part since profiling was turned on, one per line.
  std::string profile_report() const;
  // While profiling: the FLOP rate of the updates' net passes (the three
  // forwards and the backward, nature_cnn::flops; the oneDNN backend only, else 0).
  double profiled_pass_gflops() const;
  // The oneDNN kernels and layouts in use ("" on the LibTorch backend).
  std::string describe_onednn() const;

 private:
  // One Adam step on `loss` (gradient-norm clipping when configured).
  void gradient_step(const torch::Tensor& loss);

  // The oneDNN backend: the nets with their weights current (refreshed when
  // LibTorch's tensors changed: an optimizer step, a sync, a load).
  DnnlQNetwork& fast(bool online);
  UpdateResult learn_onednn(const ReplayBatch& batch);
  UpdateResult learn_quantiles_onednn(const ReplayBatch& batch);
  // d_out -> the online parameters' .grad, then the optimizer's step.
  void backward_and_step_onednn(const float* d_out);
  void lap(const char* part);

  LearnerOptions options_;
  AgentNet net_;
  std::unique_ptr<torch::optim::Adam> optimizer_;

  std::unique_ptr<DnnlQNetwork> fast_online_, fast_target_;
  // What the oneDNN copies were made from: each tensor's storage and version.
  struct Stamp {
    std::array<const void*, kNatureCnnTensors> data{};
    std::array<int64_t, kNatureCnnTensors> version{};
    bool operator==(const Stamp&) const = default;
  };
  Stamp online_stamp_, target_stamp_;
  bool online_stepped_ = false;  // fused_adam_step wrote the weights (no version bump)
  std::vector<float> next_online_, next_target_, target_q_, q_, d_q_, act_;

  bool profiling_ = false;
  int64_t profiled_updates_ = 0, profiled_rows_ = 0;
  std::chrono::steady_clock::time_point lap_start_;
  std::vector<std::pair<std::string, double>> parts_;
};

}  // namespace ag::agent
