#include "agent/double_dqn.hpp"

#include <ATen/autocast_mode.h>

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "agent/fused_adam.hpp"
#include "agent/nature_cnn.hpp"

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

// The first index of the row's largest value, NaN counting as the largest
// (torch.argmax's rule).
int argmax_row(const float* q, int n) {
  int best = 0;
  for (int j = 1; j < n; ++j)
    if (q[j] > q[best] || (std::isnan(q[j]) && !std::isnan(q[best]))) best = j;
  return best;
}

// QR-DQN's pieces, shared by both backends. z_all: quantiles [B, A, N].
// The quantiles of each row's action `a` [B]: [B, N].
torch::Tensor quantiles_of(const torch::Tensor& z_all, const torch::Tensor& a) {
  const int64_t n = z_all.size(2);
  return z_all.gather(1, a.view({-1, 1, 1}).expand({-1, 1, n})).squeeze(1);
}

// The target distribution R + discount * Z_target(s', best) [B, N], best
// picked by the online net's means.
torch::Tensor quantile_td_target(const BatchTensors& t, const torch::Tensor& best,
                                 const torch::Tensor& next_z_all) {
  return t.reward.unsqueeze(1) + t.discount.unsqueeze(1) * quantiles_of(next_z_all, best);
}

// The batch's loss from each row's quantile Huber loss (PER-weighted when
// the weights are not all 1); the planted fault climbs it (every TD
// error's sign flipped).
torch::Tensor quantile_batch_loss(const BatchTensors& t, const torch::Tensor& per_row,
                                  LearnerOptions::Fault fault) {
  torch::Tensor loss = t.weights.defined() ? (per_row * t.weights).mean() : per_row.mean();
  return fault == LearnerOptions::Fault::kTdSign ? -loss : loss;
}

// The row's loss stands for |TD error| in the priorities.
UpdateResult quantile_result(const torch::Tensor& loss, const torch::Tensor& z,
                             const torch::Tensor& per_row) {
  UpdateResult r;
  r.loss = loss.item<float>();
  r.q_mean = z.detach().mean().item<float>();
  const torch::Tensor err = per_row.detach().contiguous();
  r.td_errors.assign(err.data_ptr<float>(), err.data_ptr<float>() + err.numel());
  return r;
}

const char* const kNatureCnnNames[kNatureCnnTensors] = {"0.weight", "0.bias", "2.weight", "2.bias",
                                                        "4.weight", "4.bias", "7.weight", "7.bias",
                                                        "9.weight", "9.bias"};

}  // namespace

DoubleDqn::DoubleDqn(const LearnerOptions& options)
    : options_(options),
      net_(options.in_channels, options.actions, options.dueling, options.quantiles) {
  if (options.quantiles > 1 &&
      (options.munchausen.on || options.loss != LearnerOptions::Loss::kHuber))
    throw std::invalid_argument(
        "DoubleDqn: Munchausen's target and the MSE loss are for expected values (quantiles 1)");
  if (options.munchausen.on && !(options.munchausen.tau > 0 && options.munchausen.clip <= 0))
    throw std::invalid_argument("DoubleDqn: Munchausen needs tau > 0 and clip <= 0");
  if (options.init == LearnerOptions::Init::kVarianceScaling) init_variance_scaling(net_);
  if (options.init == LearnerOptions::Init::kXavierUniform) init_xavier_uniform(net_);
  optimizer_ = std::make_unique<torch::optim::Adam>(
      net_->online->parameters(),
      torch::optim::AdamOptions(options.learning_rate).eps(options.adam_eps));
  if (options.backend == LearnerOptions::Backend::kOneDnnBf16 && !options.dueling &&
      !DnnlQNetwork::bf16_available())
    throw std::runtime_error(
        "learner_backend = onednn_bf16: oneDNN has no native bf16 convolution on this CPU (it "
        "needs AVX-512 BF16 or AMX); use learner_backend = onednn");
  if (options.backend != LearnerOptions::Backend::kLibTorch && !options.dueling) {
    const auto named = net_->online->named_parameters();
    if (named.size() != kNatureCnnTensors)
      throw std::logic_error("DoubleDqn: the oneDNN backend expects the plain Nature CNN");
    for (int i = 0; i < kNatureCnnTensors; ++i)
      if (named[i].key() != kNatureCnnNames[i])
        throw std::logic_error("DoubleDqn: unexpected parameter " + named[i].key());
    const int outputs = options.actions * options.quantiles;
    const DnnlPrecision precision = options.backend == LearnerOptions::Backend::kOneDnnBf16
                                        ? DnnlPrecision::kBf16
                                        : DnnlPrecision::kFp32;
    fast_online_ = std::make_unique<DnnlQNetwork>(options.in_channels, outputs,
                                                  options.onednn_layout, precision);
    // The target's weights change only at a sync: fc1 gets them in the
    // layout oneDNN's gemm reads fastest (0.30 vs 0.71 ms per batch-32
    // forward here), reordered once per sync rather than per step.
    DnnlLayout target_layout = options.onednn_layout;
    target_layout.fc1_own_weights = true;
    fast_target_ =
        std::make_unique<DnnlQNetwork>(options.in_channels, outputs, target_layout, precision);
  }
}

DnnlQNetwork& DoubleDqn::fast(bool online) {
  QNetwork& net = online ? net_->online : net_->target;
  DnnlQNetwork& d = online ? *fast_online_ : *fast_target_;
  Stamp& stamp = online ? online_stamp_ : target_stamp_;
  const std::vector<torch::Tensor> params = net->parameters();
  Stamp now;
  NatureCnnWeights w;
  for (int i = 0; i < kNatureCnnTensors; ++i) {
    const torch::Tensor& p = params[i];
    TORCH_CHECK(p.scalar_type() == torch::kFloat32 && p.is_contiguous() && p.device().is_cpu(),
                "the oneDNN backend needs contiguous fp32 CPU parameters");
    now.data[i] = w[i] = p.data_ptr<float>();
    now.version[i] = p._version();
  }
  // The optimizer writes the online weights through raw pointers, which
  // bumps no version: it sets online_stepped_ instead.
  if (!(now == stamp) || (online && online_stepped_)) {
    d.set_weights(w);
    stamp = now;
    if (online) online_stepped_ = false;
  }
  return d;
}

void DoubleDqn::lap(const char* part) {
  if (!profiling_) return;
  const auto t = std::chrono::steady_clock::now();
  const double s = std::chrono::duration<double>(t - lap_start_).count();
  lap_start_ = t;
  for (auto& [name, total] : parts_)
    if (name == part) {
      total += s;
      return;
    }
  parts_.emplace_back(part, s);
}

void DoubleDqn::set_profiling(bool on) {
  profiling_ = on;
  profiled_updates_ = 0;
  profiled_rows_ = 0;
  parts_.clear();
  for (auto* d : {fast_online_.get(), fast_target_.get()})
    if (d) {
      d->set_profiling(on);
      d->reset_profile();
    }
}

std::string DoubleDqn::profile_report() const {
  std::ostringstream s;
  const double n = static_cast<double>(std::max<int64_t>(profiled_updates_, 1));
  s.setf(std::ios::fixed);
  s.precision(3);
  s << "learner ("
    << (!fast_online_                                                     ? "libtorch"
        : options_.backend == LearnerOptions::Backend::kOneDnnBf16 ? "onednn_bf16"
                                                                    : "onednn")
    << "), ms per update over "
    << profiled_updates_ << " updates:\n";
  double total = 0;
  for (const auto& [name, t] : parts_) {
    s << "  " << name << ": " << 1e3 * t / n << "\n";
    total += t;
  }
  s << "  (sum: " << 1e3 * total / n << ")\n";
  if (const double rate = profiled_pass_gflops(); rate > 0) {
    const auto f = nature_cnn::flops(options_.in_channels, options_.actions * options_.quantiles);
    s.precision(0);
    s << "  net passes (three forwards, one backward): "
      << (3 * f.forward + f.backward) * profiled_rows_ / n / 1e6 << " MFLOP per update, " << rate
      << " GFLOP/s\n";
    s.precision(3);
  }
  auto steps = [&](const char* what, const DnnlQNetwork* d) {
    if (!d) return;
    s << "oneDNN steps of the " << what << " net, ms per update (acting's forwards included):\n";
    for (const auto& [name, t] : d->profile()) s << "  " << name << ": " << 1e3 * t / n << "\n";
  };
  steps("online", fast_online_.get());
  steps("target", fast_target_.get());
  return s.str();
}

double DoubleDqn::profiled_pass_gflops() const {
  // The oneDNN fp32 passes only: LibTorch's "loss + backward" lap holds the
  // loss too, and bf16 would be set against an fp32 peak.
  if (!fast_online_ || profiled_rows_ == 0) return 0;
  double seconds = 0;
  for (const auto& [name, t] : parts_)
    if (name.find("forward") != std::string::npos || name.find("backward") != std::string::npos)
      seconds += t;
  const auto f = nature_cnn::flops(options_.in_channels, options_.actions * options_.quantiles);
  return seconds > 0 ? (3 * f.forward + f.backward) * profiled_rows_ / seconds / 1e9 : 0;
}

std::string DoubleDqn::describe_onednn() const {
  if (!fast_online_) return "";
  return "online net:\n" + fast_online_->describe() + "target net:\n" + fast_target_->describe();
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

torch::Tensor DoubleDqn::munchausen_td_target(const torch::Tensor& state,
                                              const torch::Tensor& action,
                                              const torch::Tensor& reward,
                                              const torch::Tensor& next_state,
                                              const torch::Tensor& discount) {
  torch::NoGradGuard no_grad;
  const torch::Tensor q_s = net_->target->forward(state).to(torch::kFloat32).contiguous();
  const torch::Tensor q_next =
      net_->target->forward(next_state).to(torch::kFloat32).contiguous();
  const int64_t n = q_s.size(0), a = q_s.size(1);
  const torch::Tensor act = action.contiguous(), r = reward.to(torch::kFloat32).contiguous(),
                      d = discount.to(torch::kFloat32).contiguous();
  torch::Tensor y = torch::empty({n}, torch::TensorOptions().dtype(torch::kFloat32));
  for (int64_t i = 0; i < n; ++i)
    y.data_ptr<float>()[i] = munchausen_target(
        q_s.data_ptr<float>() + i * a, q_next.data_ptr<float>() + i * a, static_cast<int>(a),
        static_cast<int>(act.data_ptr<int64_t>()[i]), r.data_ptr<float>()[i],
        d.data_ptr<float>()[i], options_.munchausen);
  return y;
}

torch::Tensor DoubleDqn::update_Q_online(const torch::Tensor& td_estimate,
                                         const torch::Tensor& td_target,
                                         const torch::Tensor& weights) {
  // The planted fault flips the TD error: the step moves away from the target.
  const torch::Tensor aim = options_.fault == LearnerOptions::Fault::kTdSign
                                ? 2 * td_estimate.detach() - td_target
                                : td_target;
  const bool mse = options_.loss == LearnerOptions::Loss::kMse;
  torch::Tensor loss;
  if (weights.defined()) {
    const torch::Tensor per_row = mse ? torch::mse_loss(td_estimate, aim, at::Reduction::None)
                                      : torch::smooth_l1_loss(td_estimate, aim, at::Reduction::None);
    loss = (per_row * weights).mean();
  } else {
    loss = mse ? torch::mse_loss(td_estimate, aim) : torch::smooth_l1_loss(td_estimate, aim);
  }
  gradient_step(loss);
  return loss.detach();
}

void DoubleDqn::gradient_step(const torch::Tensor& loss) {
  optimizer_->zero_grad();
  loss.backward();
  lap("loss + backward");
  fused_adam_step(*optimizer_, options_.grad_clip_norm);
  online_stepped_ = true;
  lap("optimizer step (fused Adam)");
}

void DoubleDqn::update_target_network() {
  if (options_.fault == LearnerOptions::Fault::kNoTargetSync) return;
  net_->sync_target();
}

UpdateResult DoubleDqn::learn(const ReplayBatch& b) {
  if (profiling_) {
    lap_start_ = std::chrono::steady_clock::now();
    ++profiled_updates_;
    profiled_rows_ += b.size;
  }
  if (fast_online_) return options_.quantiles > 1 ? learn_quantiles_onednn(b) : learn_onednn(b);
  if (options_.quantiles > 1) return learn_quantiles(b);
  const BatchTensors t = wrap(b, options_.in_channels);
  torch::Tensor target, estimate;
  {
    Autocast autocast(options_.bf16);
    if (options_.munchausen.on) {
      target = munchausen_td_target(t.state, t.action, t.reward, t.next_state, t.discount);
      lap("target forwards of states and next states");
    } else {
      target = td_target(t.reward, t.next_state, t.discount).to(torch::kFloat32);
      lap("next-state forwards (online picks, target scores)");
    }
    estimate = td_estimate(t.state, t.action).to(torch::kFloat32);
    lap("training forward");
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
  torch::Tensor target, z;
  {
    Autocast autocast(options_.bf16);
    {
      torch::NoGradGuard no_grad;
      const torch::Tensor best = net_->online->forward(t.next_state).argmax(1);  // [B]
      target = quantile_td_target(
          t, best, net_->target->forward_quantiles(t.next_state).to(torch::kFloat32));
    }
    lap("next-state forwards (online picks, target scores)");
    z = quantiles_of(net_->online->forward_quantiles(t.state).to(torch::kFloat32), t.action);
  }
  lap("training forward");
  const torch::Tensor per_row = quantile_huber_loss(z, target);
  const torch::Tensor loss = quantile_batch_loss(t, per_row, options_.fault);
  gradient_step(loss);
  return quantile_result(loss, z, per_row);
}

void DoubleDqn::q_values(const uint8_t* obs, int batch, float* out) {
  if (!fast_online_) {
    agent::q_values(net_->online, obs, batch, out);
    return;
  }
  DnnlQNetwork& net = fast(true);
  const int a = options_.actions, n = options_.quantiles;
  if (n == 1) {
    net.forward(obs, batch, out);
    return;
  }
  // QR: the quantiles' mean per action (as QNetwork::forward).
  act_.resize(static_cast<size_t>(batch) * a * n);
  net.forward(obs, batch, act_.data());
  for (int i = 0; i < batch * a; ++i) {
    float sum = 0;
    for (int k = 0; k < n; ++k) sum += act_[static_cast<size_t>(i) * n + k];
    out[i] = sum / static_cast<float>(n);
  }
}

// ---------------------------------------------------------------------------
// The oneDNN backend. The nets' passes run in oneDNN (fp32); the loss and
// its gradient wrt the [B, outputs] output are computed here on the small
// output (Double DQN's or Munchausen's target and SmoothL1 or MSE by hand,
// QR-DQN's through the same LibTorch
// loss as above); the gradients land in the online parameters' .grad and the
// same fused Adam step follows.

void DoubleDqn::backward_and_step_onednn(const float* d_out) {
  NatureCnnGrads grads;
  const std::vector<torch::Tensor> params = net_->online->parameters();
  for (int i = 0; i < kNatureCnnTensors; ++i) {
    torch::Tensor p = params[i];
    if (!p.grad().defined() || !p.grad().is_contiguous() || p.grad().sizes() != p.sizes())
      p.mutable_grad() = torch::zeros_like(p, torch::MemoryFormat::Contiguous);
    grads[i] = p.grad().data_ptr<float>();
  }
  fast_online_->backward(d_out, grads);
  lap("backward");
  fused_adam_step(*optimizer_, options_.grad_clip_norm);
  online_stepped_ = true;
  lap("optimizer step (fused Adam)");
}

UpdateResult DoubleDqn::learn_onednn(const ReplayBatch& b) {
  const int n = b.size, a = options_.actions;
  const size_t size = static_cast<size_t>(n) * a;
  next_online_.resize(size);
  next_target_.resize(size);
  q_.resize(size);
  d_q_.assign(size, 0.f);
  DnnlQNetwork& online = fast(true);
  DnnlQNetwork& target = fast(false);
  const bool munchausen = options_.munchausen.on;
  if (munchausen) {
    target_q_.resize(size);
    target.forward(b.next_states.data(), n, next_target_.data());
    target.forward(b.states.data(), n, target_q_.data());
    lap("target forwards of states and next states");
  } else {
    DnnlQNetwork::forward_both(online, target, b.next_states.data(), n, next_online_.data(),
                               next_target_.data());
    lap("next-state forwards (online picks, target scores)");
  }
  online.forward_train(b.states.data(), n, q_.data());
  lap("training forward");

  // td_target = R + discount * Q_target(s', argmax_a Q_online(s', a)) (or
  // Munchausen's); td_estimate = Q_online(s, a); SmoothL1 (beta 1) or the
  // squared error, mean over the batch (weighted by PER's importance weights
  // when they are not all 1), and its gradient as LibTorch's smooth_l1_loss
  // or mse_loss backward forms it.
  const bool mse = options_.loss == LearnerOptions::Loss::kMse;
  bool weighted = false;
  for (float w : b.weights) weighted |= w != 1.f;
  const float norm = static_cast<float>(1.0 / n);
  UpdateResult r;
  r.td_errors.resize(n);
  double loss_sum = 0, q_sum = 0;
  for (int i = 0; i < n; ++i) {
    const size_t row = static_cast<size_t>(i) * a;
    const float tgt =
        munchausen
            ? munchausen_target(&target_q_[row], &next_target_[row], a,
                                static_cast<int>(b.actions[i]), b.returns[i], b.discounts[i],
                                options_.munchausen)
            : b.returns[i] +
                  b.discounts[i] * next_target_[row + argmax_row(&next_online_[row], a)];
    const size_t at = static_cast<size_t>(i) * a + static_cast<size_t>(b.actions[i]);
    const float est = q_[at];
    // The planted fault flips the TD error: the step moves away from the target.
    const float aim = options_.fault == LearnerOptions::Fault::kTdSign ? 2 * est - tgt : tgt;
    const float x = est - aim;
    const float ax = std::abs(x);
    // d/dx of mse_loss's x^2 is 2x; SmoothL1's is x clamped to [-1, 1].
    const float loss = mse ? x * x : ax < 1.f ? 0.5f * x * x : ax - 0.5f;
    const float g = mse ? 2.f * x : x <= -1.f ? -1.f : x >= 1.f ? 1.f : x;
    if (weighted) {
      loss_sum += static_cast<double>(loss * b.weights[i]);
      d_q_[at] = g * (b.weights[i] * norm);
    } else {
      loss_sum += loss;
      d_q_[at] = norm * g;
    }
    q_sum += est;
    r.td_errors[i] = std::abs(tgt - est);
  }
  r.loss = static_cast<float>(loss_sum / n);
  r.q_mean = static_cast<float>(q_sum / n);
  lap("loss and its gradient");
  backward_and_step_onednn(d_q_.data());
  return r;
}

UpdateResult DoubleDqn::learn_quantiles_onednn(const ReplayBatch& b) {
  const int64_t n = b.size, a = options_.actions, nq = options_.quantiles;
  const size_t size = static_cast<size_t>(n * a * nq);
  next_online_.resize(size);
  next_target_.resize(size);
  q_.resize(size);
  DnnlQNetwork& online = fast(true);
  DnnlQNetwork& target_net = fast(false);
  DnnlQNetwork::forward_both(online, target_net, b.next_states.data(), static_cast<int>(n),
                             next_online_.data(), next_target_.data());
  lap("next-state forwards (online picks, target scores)");
  online.forward_train(b.states.data(), static_cast<int>(n), q_.data());
  lap("training forward");

  // The loss as learn_quantiles() forms it, on the outputs wrapped as tensors.
  const BatchTensors t = wrap(b, options_.in_channels);
  const auto f32 = torch::TensorOptions().dtype(torch::kFloat32);
  torch::Tensor target;
  {
    torch::NoGradGuard no_grad;
    const torch::Tensor best =
        torch::from_blob(next_online_.data(), {n, a, nq}, f32).mean(2).argmax(1);  // [B]
    target = quantile_td_target(t, best, torch::from_blob(next_target_.data(), {n, a, nq}, f32));
  }
  const torch::Tensor out = torch::from_blob(q_.data(), {n, a, nq}, f32).requires_grad_(true);
  const torch::Tensor z = quantiles_of(out, t.action);
  const torch::Tensor per_row = quantile_huber_loss(z, target);
  const torch::Tensor loss = quantile_batch_loss(t, per_row, options_.fault);
  loss.backward();
  const torch::Tensor d_out = out.grad().contiguous();
  lap("loss and its gradient");
  backward_and_step_onednn(d_out.data_ptr<float>());
  return quantile_result(loss, z, per_row);
}

}  // namespace ag::agent
