// The plain Nature CNN (q_network.hpp: conv 32x8x8/4, 64x4x4/2, 64x3x3/1,
// fc 3136 -> 512, fc 512 -> outputs, ReLU between, uint8 input / 255) run
// through oneDNN's fp32 (or bf16, DnnlPrecision) primitives directly: forward for inference at any
// batch, and a training forward with its backward (weights and biases of all
// five layers; input gradients of every layer but the first, whose input is
// data). ReLU is fused into the forward primitives as a post-op; its backward
// uses the saved outputs (y > 0), as LibTorch's relu backward does.
//
// The parameters stay where LibTorch keeps them (the caller's QNetwork);
// this class reads them through set_weights() and keeps copies in the
// layouts its primitives prefer, refreshed (reordered) once at their next
// use after each set_weights(), not at every call. backward() writes the
// gradients in LibTorch's layouts, so the optimizer, checkpoints and the
// export do not know this class exists.
//
// No LibTorch and no oneDNN in this header (the primitives live in the .cpp).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ag::agent {

// The ten parameter tensors in LibTorch's plain layouts and QNetwork's
// named_parameters() order: 0.weight [32, C, 8, 8], 0.bias [32], 2.weight
// [64, 32, 4, 4], 2.bias, 4.weight [64, 64, 3, 3], 4.bias, 7.weight
// [512, 3136] (= [512, 64, 7, 7]), 7.bias [512], 9.weight [outputs, 512],
// 9.bias [outputs].
constexpr int kNatureCnnTensors = 10;
using NatureCnnWeights = std::array<const float*, kNatureCnnTensors>;
using NatureCnnGrads = std::array<float*, kNatureCnnTensors>;

// Layout choices, all exact fp32; which is fastest is a matter of
// measurement (AG_ONEDNN_LAYOUT in the learner's environment, agent.cpp).
// Default: the convolutions' activations channels-last (nhwc) throughout,
// fc1 reading conv3's output as plain NCHW with LibTorch's own weights.
struct DnnlLayout {
  // conv2 and conv3 in oneDNN's blocked nChw16c (conv1 stays channels-last:
  // the only layout with a jit weight gradient for 4 input channels).
  bool blocked_convs = false;
  // fc1's weights in the layout oneDNN picks for its GEMM, a 6.4 MB copy
  // after each change of the weights (and its gradient reordered back),
  // instead of LibTorch's [512, 3136] read in place by a matmul. The
  // learner's target net has it (its weights change only at a sync).
  bool fc1_own_weights = false;
  bool operator==(const DnnlLayout&) const = default;
};

// The passes' number format. kBf16: the convolutions and fc1 read bf16
// activations and bf16 copies of the weights (made at each refresh, as the
// layout copies are) and accumulate in fp32 (AVX-512 BF16's dot products:
// 1.7-1.8x the fp32 kernels' speed on AMD Zen 5, docs/agent.md); fc2, the
// biases, the loss gradient and every weight gradient stay fp32, and the
// caller's weights (the optimizer's) are fp32 throughout.
enum class DnnlPrecision { kFp32, kBf16 };

class DnnlQNetwork {
 public:
  DnnlQNetwork(int in_channels, int outputs, DnnlLayout layout = {},
               DnnlPrecision precision = DnnlPrecision::kFp32);
  // Whether oneDNN has fast (not reference) bf16 convolutions on this CPU:
  // DnnlPrecision::kBf16 throws at its first pass where it has not.
  static bool bf16_available();
  ~DnnlQNetwork();
  DnnlQNetwork(const DnnlQNetwork&) = delete;
  DnnlQNetwork& operator=(const DnnlQNetwork&) = delete;

  int in_channels() const;
  int outputs() const;

  // Where the parameters are (read, never written, not owned), and that
  // their values may have changed since the last call: every copy in
  // oneDNN's layouts is refreshed at its next use. Call it after every
  // change of the weights (optimizer step, target sync, load).
  void set_weights(const NatureCnnWeights& weights);

  // Inference, no state kept: obs [batch, C, 84, 84] uint8 -> out [batch, outputs].
  void forward(const uint8_t* obs, int batch, float* out);
  // Two nets' inference forwards of the same observations (Double DQN's next
  // states through the online and the target net), the uint8 -> fp32
  // conversion made once (when their conv1 input layouts agree: the same
  // channels and conv layout choices; fc1's may differ).
  static void forward_both(DnnlQNetwork& a, DnnlQNetwork& b, const uint8_t* obs, int batch,
                           float* out_a, float* out_b);
  // The training forward: the same outputs, and the activations kept for
  // backward(). A forward() at the same batch in between overwrites them.
  void forward_train(const uint8_t* obs, int batch, float* out);
  // The gradient of the loss wrt the last forward_train's out, d_out [batch,
  // outputs] -> every parameter's gradient, written over `grads` (LibTorch's
  // layouts, the shapes of NatureCnnWeights).
  void backward(const float* d_out, const NatureCnnGrads& grads);

  // Per-step wall time (seconds, summed since the last reset), measured only
  // while profiling is on: forward steps, backward steps, weight refreshes.
  void set_profiling(bool on);
  std::vector<std::pair<std::string, double>> profile() const;
  void reset_profile();
  // The kernels and memory layouts oneDNN chose, one line per primitive.
  std::string describe() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ag::agent
