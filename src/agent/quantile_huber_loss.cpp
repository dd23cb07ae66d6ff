#include "agent/quantile_huber_loss.hpp"

#include <ATen/Parallel.h>

#include <cmath>
#include <vector>

#include "agent/simd.hpp"

namespace ag::agent {

torch::Tensor quantile_huber_loss_reference(const torch::Tensor& z, const torch::Tensor& target,
                                            double kappa) {
  const int64_t n = z.size(1);
  const torch::Tensor u = target.unsqueeze(1) - z.unsqueeze(2);  // [B, i, j]
  const torch::Tensor abs_u = u.abs();
  const torch::Tensor huber =
      torch::where(abs_u <= kappa, 0.5 * u * u, kappa * (abs_u - 0.5 * kappa));
  const torch::Tensor tau =
      (torch::arange(n, z.options()) + 0.5) / static_cast<double>(n);  // [i]
  const torch::Tensor rho =
      (tau.view({1, n, 1}) - (u.detach() < 0).to(z.scalar_type())).abs() * huber / kappa;
  return rho.mean(2).sum(1);
}

namespace {

// One row: loss_i = sum_j w_ij * Huber(u_ij) and its gradient
// g_i = sum_j w_ij * Huber'(u_ij), Huber'(u) = u for |u| <= kappa, else
// kappa * sign(u), w_ij = |tau_i - 1{u_ij < 0}|. The outer loop runs over
// the targets j and the inner one over the quantiles i, accumulating into
// per-i arrays: no reduction inside the vector loop, so GCC vectorises it
// (16 lanes with AVX-512) without reassociating floating-point sums.
AG_SIMD_CLONES
void quantile_huber_row(const float* __restrict z, const float* __restrict t,
                        const float* __restrict tau, int64_t n, float k, float* __restrict l,
                        float* __restrict g) {
  for (int64_t i = 0; i < n; ++i) l[i] = g[i] = 0;
  for (int64_t j = 0; j < n; ++j) {
    const float tj = t[j];
    for (int64_t i = 0; i < n; ++i) {
      const float u = tj - z[i];
      const float au = std::fabs(u);
      const bool quad = au <= k;
      const float w = u < 0 ? 1.0f - tau[i] : tau[i];
      l[i] += w * (quad ? 0.5f * u * u : k * (au - 0.5f * k));
      g[i] += w * (quad ? u : std::copysign(k, u));
    }
  }
}

struct QuantileHuber : torch::autograd::Function<QuantileHuber> {
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, torch::Tensor z,
                               torch::Tensor target, double kappa) {
    const torch::Tensor zc = z.detach().to(torch::kFloat32).contiguous();
    const torch::Tensor tc = target.detach().to(torch::kFloat32).contiguous();
    const int64_t rows = zc.size(0), n = zc.size(1);
    torch::Tensor loss = torch::empty({rows}, zc.options());
    torch::Tensor grad = torch::empty({rows, n}, zc.options());
    const float* zp = zc.data_ptr<float>();
    const float* tp = tc.data_ptr<float>();
    float* lp = loss.data_ptr<float>();
    float* gp = grad.data_ptr<float>();
    const float k = static_cast<float>(kappa), scale = 1.0f / (k * n);
    std::vector<float> tau(n);
    for (int64_t i = 0; i < n; ++i) tau[i] = (i + 0.5f) / n;
    at::parallel_for(0, rows, 1, [&](int64_t begin, int64_t end) {
      std::vector<float> l(n);
      for (int64_t b = begin; b < end; ++b) {
        quantile_huber_row(zp + b * n, tp + b * n, tau.data(), n, k, l.data(), gp + b * n);
        double row = 0;
        for (int64_t i = 0; i < n; ++i) {
          row += l[i];
          gp[b * n + i] *= -scale;
        }
        lp[b] = static_cast<float>(row) * scale;
      }
    });
    ctx->save_for_backward({grad});
    return loss.to(z.scalar_type());
  }
  static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* ctx,
                                               torch::autograd::tensor_list grad_out) {
    const torch::Tensor grad = ctx->get_saved_variables()[0];
    return {grad * grad_out[0].unsqueeze(1), torch::Tensor(), torch::Tensor()};
  }
};

}  // namespace

torch::Tensor quantile_huber_loss(const torch::Tensor& z, const torch::Tensor& target,
                                  double kappa) {
  return QuantileHuber::apply(z, target.detach(), kappa);
}

}  // namespace ag::agent
