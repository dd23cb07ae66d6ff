// The fused Adam step against LibTorch's Adam + clip_grad_norm_: same
// parameters and moments after several steps (with and without clipping),
// and the same optimizer state, so checkpoints load either way.
#include "agent/fused_adam.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace ag::agent {
namespace {

// Sizes cover the parallel chunking (1 << 15), the 16-lane loops and tails.
std::vector<torch::Tensor> make_params() {
  torch::manual_seed(5);
  std::vector<torch::Tensor> ps;
  for (int64_t n : {1, 17, 1000, 100003})
    ps.push_back(torch::randn({n}).requires_grad_(true));
  return ps;
}

std::vector<torch::Tensor> clone(const std::vector<torch::Tensor>& ps) {
  std::vector<torch::Tensor> out;
  for (auto& p : ps) out.push_back(p.detach().clone().requires_grad_(true));
  return out;
}

void set_grads(std::vector<torch::Tensor>& ps, int step, double scale) {
  torch::manual_seed(100 + step);
  for (auto& p : ps) p.mutable_grad() = torch::randn_like(p) * scale;
}

void expect_close(const torch::Tensor& a, const torch::Tensor& b, const char* what) {
  EXPECT_TRUE(torch::allclose(a, b, 1e-5, 1e-7))
      << what << ": max |diff| " << (a - b).abs().max().item<float>();
}

void compare(double max_norm, double grad_scale) {
  auto a = make_params();
  auto b = clone(a);
  auto options = torch::optim::AdamOptions(1e-3).eps(3.125e-4);
  torch::optim::Adam reference(a, options), fused(b, options);
  for (int step = 0; step < 5; ++step) {
    set_grads(a, step, grad_scale);
    set_grads(b, step, grad_scale);
    if (max_norm > 0) torch::nn::utils::clip_grad_norm_(a, max_norm);
    reference.step();
    const double norm = fused_adam_step(fused, max_norm);
    if (max_norm > 0) {
      EXPECT_GT(norm, 0);
    }
  }
  for (size_t i = 0; i < a.size(); ++i) {
    expect_close(a[i], b[i], "parameter");
    auto& sa = static_cast<torch::optim::AdamParamState&>(
        *reference.state().at(c10::guts::to_string(a[i].unsafeGetTensorImpl())));
    auto& sb = static_cast<torch::optim::AdamParamState&>(
        *fused.state().at(c10::guts::to_string(b[i].unsafeGetTensorImpl())));
    EXPECT_EQ(sa.step(), sb.step());
    expect_close(sa.exp_avg(), sb.exp_avg(), "exp_avg");
    expect_close(sa.exp_avg_sq(), sb.exp_avg_sq(), "exp_avg_sq");
  }
}

TEST(FusedAdam, EqualsLibTorchsAdam) { compare(0, 1.0); }

TEST(FusedAdam, EqualsLibTorchsAdamAfterGradientClipping) {
  compare(10.0, 1.0);  // the norm (~320) is clipped every step
}

TEST(FusedAdam, LeavesGradientsBelowTheLimitUnscaled) { compare(1e6, 1.0); }

TEST(FusedAdam, StateSavedByOneLoadsIntoTheOther) {
  auto a = make_params();
  auto b = clone(a);
  auto options = torch::optim::AdamOptions(1e-3);
  torch::optim::Adam fused(a, options), reference(b, options);
  set_grads(a, 0, 1.0);
  fused_adam_step(fused, 0);
  std::stringstream bytes;
  {
    torch::serialize::OutputArchive out;
    fused.save(out);
    out.save_to(bytes);
  }
  {
    torch::serialize::InputArchive in;
    in.load_from(bytes);
    reference.load(in);
  }
  // b takes a's values; both continue one step from the same state.
  {
    torch::NoGradGuard no_grad;
    for (size_t i = 0; i < a.size(); ++i) b[i].copy_(a[i]);
  }
  set_grads(a, 1, 1.0);
  set_grads(b, 1, 1.0);
  fused_adam_step(fused, 0);
  reference.step();
  for (size_t i = 0; i < a.size(); ++i) expect_close(a[i], b[i], "parameter");
}

}  // namespace
}  // namespace ag::agent
