#include "agent/fused_adam.hpp"

#include <ATen/Parallel.h>

#include <cmath>

#include "agent/simd.hpp"

namespace ag::agent {

namespace {

constexpr int64_t kGrain = 1 << 15;  // elements per parallel chunk (128 KB of fp32)

// Sum of squares in 16 lanes (vectorised without reassociating a float sum).
AG_SIMD_CLONES
double sum_squares(const float* __restrict g, int64_t n) {
  float lane[16] = {};
  int64_t i = 0;
  for (; i + 16 <= n; i += 16)
    for (int q = 0; q < 16; ++q) lane[q] += g[i + q] * g[i + q];
  double s = 0;
  for (; i < n; ++i) s += static_cast<double>(g[i]) * g[i];
  for (float x : lane) s += x;
  return s;
}

struct AdamCoefficients {
  float grad_scale, beta1, beta2, step_size, sqrt_bias_correction2, eps;
};

// m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
// p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)   (PyTorch's Adam)
AG_SIMD_CLONES
void adam_kernel(float* __restrict p, const float* __restrict grad, float* __restrict m,
                 float* __restrict v, int64_t n, AdamCoefficients c) {
  for (int64_t i = 0; i < n; ++i) {
    const float g = grad[i] * c.grad_scale;
    const float mi = c.beta1 * m[i] + (1.0f - c.beta1) * g;
    const float vi = c.beta2 * v[i] + (1.0f - c.beta2) * g * g;
    m[i] = mi;
    v[i] = vi;
    p[i] -= c.step_size * mi / (std::sqrt(vi) / c.sqrt_bias_correction2 + c.eps);
  }
}

float* floats(const torch::Tensor& t) {
  TORCH_CHECK(t.scalar_type() == torch::kFloat32 && t.is_contiguous() && t.device().is_cpu(),
              "fused_adam_step: parameters must be contiguous fp32 CPU tensors");
  return t.data_ptr<float>();
}

}  // namespace

double fused_adam_step(torch::optim::Adam& adam, double max_grad_norm) {
  torch::NoGradGuard no_grad;
  double norm = 0;
  float grad_scale = 1.0f;
  if (max_grad_norm > 0) {
    double squares = 0;
    for (auto& group : adam.param_groups())
      for (auto& p : group.params()) {
        if (!p.grad().defined()) continue;
        const float* g = floats(p.grad());
        squares += at::parallel_reduce(
            0, p.numel(), kGrain, 0.0,
            [&](int64_t b, int64_t e, double s) { return s + sum_squares(g + b, e - b); },
            std::plus<double>());
      }
    norm = std::sqrt(squares);
    const double coef = max_grad_norm / (norm + 1e-6);
    if (coef < 1) grad_scale = static_cast<float>(coef);
  }
  for (auto& group : adam.param_groups()) {
    const auto& o = static_cast<const torch::optim::AdamOptions&>(group.options());
    TORCH_CHECK(o.weight_decay() == 0 && !o.amsgrad(),
                "fused_adam_step: weight decay and AMSGrad are not implemented");
    const double beta1 = std::get<0>(o.betas()), beta2 = std::get<1>(o.betas());
    for (auto& p : group.params()) {
      if (!p.grad().defined()) continue;
      // The state as Adam::step keys and creates it.
      auto& slot = adam.state()[c10::guts::to_string(p.unsafeGetTensorImpl())];
      if (!slot) {
        auto s = std::make_unique<torch::optim::AdamParamState>();
        s->step(0);
        s->exp_avg(torch::zeros_like(p, torch::MemoryFormat::Preserve));
        s->exp_avg_sq(torch::zeros_like(p, torch::MemoryFormat::Preserve));
        slot = std::move(s);
      }
      auto& s = static_cast<torch::optim::AdamParamState&>(*slot);
      s.step(s.step() + 1);
      const AdamCoefficients c{
          grad_scale, static_cast<float>(beta1), static_cast<float>(beta2),
          static_cast<float>(o.lr() / (1 - std::pow(beta1, s.step()))),
          static_cast<float>(std::sqrt(1 - std::pow(beta2, s.step()))), static_cast<float>(o.eps())};
      float* pp = floats(p);
      const float* g = floats(p.grad());
      float* m = floats(s.exp_avg());
      float* v = floats(s.exp_avg_sq());
      at::parallel_for(0, p.numel(), kGrain, [&](int64_t b, int64_t e) {
        adam_kernel(pp + b, g + b, m + b, v + b, e - b, c);
      });
    }
  }
  return norm;
}

}  // namespace ag::agent
