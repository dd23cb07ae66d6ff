#include "agent/double_dqn.hpp"

#include <ATen/autocast_mode.h>

#include "agent/fused_adam.hpp"

namespace ag::agent {

namespace {

// bf16: the forward and backward passes under autocast; the loss, the
// optimizer and the weights stay fp32. Autocast's weight cache is off: it
// keeps the first bf16 copy of each weight made in a scope, and the first
// one here is made by the no-grad forward of the next states, so a cached
// copy has no autograd history and the grad-enabled forward that reuses it
// sends no gradient to the weights (LibTorch 1.13 caches casts of any leaf
// that requires grad, in no-grad mode too). With the cache on, every layer
// but the last two learned nothing under bf16 (sessions 8-10; found by
// update_matches_pytorch_test's every-weight-gets-a-gradient check).
struct Autocast {
  bool on;
  bool cache_was;
  explicit Autocast(bool on) : on(on), cache_was(at::autocast::is_autocast_cache_enabled()) {
    if (on) {
      at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
      at::autocast::set_autocast_cache_enabled(false);
      at::autocast::set_cpu_enabled(true);
    }
  }
  ~Autocast() {
    if (on) {
      at::autocast::set_cpu_enabled(false);
      at::autocast::set_autocast_cache_enabled(cache_was);
      at::autocast::clear_cache();
    }
  }
};

struct BatchTensors {
  torch::Tensor state, next_state, action, reward, discount, weights;
};

// Wraps the batch's buffers (from_blob: no copy; nothing outlives the update).
BatchTensors wrap(const ReplayBatch& b, int64_t channels) {
  const int64_t n = b.size;
  auto u8 = torch::TensorOptions().dtype(torch::kUInt8);
  auto f32 = torch::TensorOptions().dtype(torch::kFloat32);
  BatchTensors t;
  t.state = torch::from_blob(const_cast<uint8_t*>(b.states.data()), {n, channels, 84, 84}, u8);
  t.next_state =
      torch::from_blob(const_cast<uint8_t*>(b.next_states.data()), {n, channels, 84, 84}, u8);
  t.action = torch::from_blob(const_cast<int64_t*>(b.actions.data()), {n},
                              torch::TensorOptions().dtype(torch::kInt64));
  t.reward = torch::from_blob(const_cast<float*>(b.returns.data()), {n}, f32);
  t.discount = torch::from_blob(const_cast<float*>(b.discounts.data()), {n}, f32);
  bool weighted = false;
  for (float w : b.weights) weighted |= w != 1.f;
  if (weighted) t.weights = torch::from_blob(const_cast<float*>(b.weights.data()), {n}, f32);
  return t;
}

}  // namespace

DoubleDqn::DoubleDqn(const LearnerOptions& options)
    : options_(options),
      net_(options.in_channels, options.actions, options.dueling, options.quantiles) {
  if (options.variance_scaling_init) init_variance_scaling(net_);
  optimizer_ = std::make_unique<torch::optim::Adam>(
      net_->online->parameters(),
      torch::optim::AdamOptions(options.learning_rate).eps(options.adam_eps));
}

torch::Tensor DoubleDqn::td_estimate(const torch::Tensor& state, const torch::Tensor& action) {
  return net_->online->forward(state).gather(1, action.unsqueeze(1)).squeeze(1);
}

torch::Tensor DoubleDqn::td_target(const torch::Tensor& reward, const torch::Tensor& next_state,
                                   const torch::Tensor& discount) {
  torch::NoGradGuard no_grad;
  const torch::Tensor best_action = net_->online->forward(next_state).argmax(1, true);
  const torch::Tensor next_q = net_->target->forward(next_state).gather(1, best_action).squeeze(1);
  return reward + discount * next_q;
}

torch::Tensor DoubleDqn::update_Q_online(const torch::Tensor& td_estimate,
                                         const torch::Tensor& td_target,
                                         const torch::Tensor& weights) {
  // The planted fault flips the TD error: the step moves away from the target.
  const torch::Tensor aim = options_.fault == LearnerOptions::Fault::kTdSign
                                ? 2 * td_estimate.detach() - td_target
                                : td_target;
  torch::Tensor loss;
  if (weights.defined()) {
    loss = (torch::smooth_l1_loss(td_estimate, aim, at::Reduction::None) * weights).mean();
  } else {
    loss = torch::smooth_l1_loss(td_estimate, aim);
  }
  gradient_step(loss);
  return loss.detach();
}

void DoubleDqn::gradient_step(const torch::Tensor& loss) {
  optimizer_->zero_grad();
  loss.backward();
  fused_adam_step(*optimizer_, options_.grad_clip_norm);
}

void DoubleDqn::update_target_network() {
  if (options_.fault == LearnerOptions::Fault::kNoTargetSync) return;
  net_->sync_target();
}

UpdateResult DoubleDqn::learn(const ReplayBatch& b) {
  if (options_.quantiles > 1) return learn_quantiles(b);
  const BatchTensors t = wrap(b, options_.in_channels);
  torch::Tensor target, estimate;
  {
    Autocast autocast(options_.bf16);
    target = td_target(t.reward, t.next_state, t.discount).to(torch::kFloat32);
    estimate = td_estimate(t.state, t.action).to(torch::kFloat32);
  }
  const torch::Tensor loss = update_Q_online(estimate, target, t.weights);

  UpdateResult r;
  r.loss = loss.item<float>();
  const torch::Tensor est = estimate.detach();
  r.q_mean = est.mean().item<float>();
  const torch::Tensor err = (target - est).abs().contiguous();
  r.td_errors.assign(err.data_ptr<float>(), err.data_ptr<float>() + b.size);
  return r;
}

UpdateResult DoubleDqn::learn_quantiles(const ReplayBatch& b) {
  const BatchTensors t = wrap(b, options_.in_channels);
  const int64_t n = options_.quantiles;
  torch::Tensor target, z;
  {
    Autocast autocast(options_.bf16);
    {
      torch::NoGradGuard no_grad;
      const torch::Tensor best = net_->online->forward(t.next_state).argmax(1);  // [B]
      const torch::Tensor next_z = net_->target->forward_quantiles(t.next_state)
                                       .to(torch::kFloat32)
                                       .gather(1, best.view({-1, 1, 1}).expand({-1, 1, n}))
                                       .squeeze(1);  // [B, N]
      target = t.reward.unsqueeze(1) + t.discount.unsqueeze(1) * next_z;
    }
    z = net_->online->forward_quantiles(t.state)
            .to(torch::kFloat32)
            .gather(1, t.action.view({-1, 1, 1}).expand({-1, 1, n}))
            .squeeze(1);  // [B, N]
  }
  const torch::Tensor per_row = quantile_huber_loss(z, target);
  torch::Tensor loss = t.weights.defined() ? (per_row * t.weights).mean() : per_row.mean();
  // The planted fault: the step climbs the loss (every TD error's sign flipped).
  if (options_.fault == LearnerOptions::Fault::kTdSign) loss = -loss;
  gradient_step(loss);

  UpdateResult r;
  r.loss = loss.item<float>();
  r.q_mean = z.detach().mean().item<float>();
  // The row's loss stands for |TD error| in the priorities.
  const torch::Tensor err = per_row.detach().contiguous();
  r.td_errors.assign(err.data_ptr<float>(), err.data_ptr<float>() + b.size);
  return r;
}

void DoubleDqn::q_values(const uint8_t* obs, int batch, float* out) {
  agent::q_values(net_->online, obs, batch, out);
}

}  // namespace ag::agent
