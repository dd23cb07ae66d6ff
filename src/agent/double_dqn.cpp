#include "agent/double_dqn.hpp"

#include <ATen/autocast_mode.h>

namespace ag::agent {

DoubleDqn::DoubleDqn(const LearnerOptions& options)
    : options_(options), net_(options.in_channels, options.actions, options.dueling) {
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
  optimizer_->zero_grad();
  loss.backward();
  if (options_.grad_clip_norm > 0)
    torch::nn::utils::clip_grad_norm_(net_->online->parameters(), options_.grad_clip_norm);
  optimizer_->step();
  return loss.detach();
}

void DoubleDqn::update_target_network() {
  if (options_.fault == LearnerOptions::Fault::kNoTargetSync) return;
  torch::NoGradGuard no_grad;
  auto src = net_->online->named_parameters();
  for (auto& p : net_->target->named_parameters()) p.value().copy_(src[p.key()]);
}

UpdateResult DoubleDqn::learn(const ReplayBatch& b) {
  const int64_t n = b.size;
  const int64_t c = options_.in_channels;
  auto u8 = torch::TensorOptions().dtype(torch::kUInt8);
  auto f32 = torch::TensorOptions().dtype(torch::kFloat32);
  // from_blob wraps the batch's buffers; nothing here outlives this call.
  auto state = torch::from_blob(const_cast<uint8_t*>(b.states.data()), {n, c, 84, 84}, u8);
  auto next_state =
      torch::from_blob(const_cast<uint8_t*>(b.next_states.data()), {n, c, 84, 84}, u8);
  auto action =
      torch::from_blob(const_cast<int64_t*>(b.actions.data()), {n}, torch::TensorOptions().dtype(torch::kInt64));
  auto reward = torch::from_blob(const_cast<float*>(b.returns.data()), {n}, f32);
  auto discount = torch::from_blob(const_cast<float*>(b.discounts.data()), {n}, f32);
  bool weighted = false;
  for (float w : b.weights) weighted |= w != 1.f;
  auto weights = weighted ? torch::from_blob(const_cast<float*>(b.weights.data()), {n}, f32)
                          : torch::Tensor();

  // bf16: the forward and backward passes under autocast; the loss, the
  // optimizer and the weights stay fp32. The autocast cache holds bf16 copies
  // of the weights, stale after the step: cleared every update.
  struct Autocast {
    bool on;
    explicit Autocast(bool on) : on(on) {
      if (on) {
        at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
        at::autocast::set_cpu_enabled(true);
      }
    }
    ~Autocast() {
      if (on) {
        at::autocast::set_cpu_enabled(false);
        at::autocast::clear_cache();
      }
    }
  };
  torch::Tensor target, estimate;
  {
    Autocast autocast(options_.bf16);
    target = td_target(reward, next_state, discount).to(torch::kFloat32);
    estimate = td_estimate(state, action).to(torch::kFloat32);
  }
  const torch::Tensor loss = update_Q_online(estimate, target, weights);

  UpdateResult r;
  r.loss = loss.item<float>();
  const torch::Tensor est = estimate.detach();
  r.q_mean = est.mean().item<float>();
  const torch::Tensor err = (target - est).abs().contiguous();
  r.td_errors.assign(err.data_ptr<float>(), err.data_ptr<float>() + n);
  return r;
}

void DoubleDqn::q_values(const uint8_t* obs, int batch, float* out) {
  torch::NoGradGuard no_grad;
  auto x = torch::from_blob(const_cast<uint8_t*>(obs), {batch, options_.in_channels, 84, 84},
                            torch::TensorOptions().dtype(torch::kUInt8));
  const torch::Tensor q = net_->online->forward(x).contiguous();
  std::memcpy(out, q.data_ptr<float>(), sizeof(float) * batch * options_.actions);
}

}  // namespace ag::agent
