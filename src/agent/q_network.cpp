#include "agent/q_network.hpp"

#include <ATen/autocast_mode.h>

#include <cmath>
#include <cstring>

namespace ag::agent {

namespace nn = torch::nn;

namespace {

// The output layers run in fp32 even under bf16 autocast: bf16 keeps 8
// bits of mantissa, so Q-values near 10 would be off by ~0.04, as large as
// the gaps between actions that the argmax and the TD error need.
torch::Tensor fp32_head(const std::function<torch::Tensor(torch::Tensor)>& layer, torch::Tensor x) {
  if (!at::autocast::is_cpu_enabled()) return layer(x);
  at::autocast::set_cpu_enabled(false);
  torch::Tensor y = layer(x.to(torch::kFloat32));
  at::autocast::set_cpu_enabled(true);
  return y;
}

}  // namespace

QNetworkImpl::QNetworkImpl(int in_channels, int actions, bool dueling, int quantiles)
    : in_channels_(in_channels), dueling_(dueling), actions_(actions), quantiles_(quantiles) {
  conv1_ = register_module("0", nn::Conv2d(nn::Conv2dOptions(in_channels, 32, 8).stride(4)));
  conv2_ = register_module("2", nn::Conv2d(nn::Conv2dOptions(32, 64, 4).stride(2)));
  conv3_ = register_module("4", nn::Conv2d(nn::Conv2dOptions(64, 64, 3).stride(1)));
  if (dueling) {
    value_ = register_module(
        "value", nn::Sequential(nn::Linear(kFeatureSize, 512), nn::ReLU(), nn::Linear(512, quantiles)));
    advantage_ = register_module("advantage", nn::Sequential(nn::Linear(kFeatureSize, 512),
                                                             nn::ReLU(), nn::Linear(512, actions * quantiles)));
  } else {
    fc_ = register_module("7", nn::Linear(kFeatureSize, 512));
    out_ = register_module("9", nn::Linear(512, actions * quantiles));
  }
}

torch::Tensor QNetworkImpl::forward(torch::Tensor obs) {
  torch::Tensor z = forward_quantiles(obs);
  return quantiles_ == 1 ? z.squeeze(2) : z.mean(2);
}

torch::Tensor QNetworkImpl::forward_quantiles(torch::Tensor obs) {
  const int64_t b = obs.size(0);
  torch::Tensor x = obs.scalar_type() == torch::kUInt8 ? obs.to(torch::kFloat32).div_(255.0f) : obs;
  x = torch::relu(conv1_(x));
  x = torch::relu(conv2_(x));
  x = torch::relu(conv3_(x)).flatten(1);
  if (!dueling_)
    return fp32_head([&](torch::Tensor h) { return out_(h); }, torch::relu(fc_(x)))
        .view({b, actions_, quantiles_});
  // value and advantage: [Linear, ReLU, Linear]; the last Linear in fp32.
  auto head = [&](nn::Sequential& s) {
    torch::Tensor h = torch::relu(s[0]->as<nn::Linear>()->forward(x));
    return fp32_head([&](torch::Tensor t) { return s[2]->as<nn::Linear>()->forward(t); }, h);
  };
  torch::Tensor v = head(value_).view({b, 1, quantiles_});
  torch::Tensor a = head(advantage_).view({b, actions_, quantiles_});
  return v + a - a.mean(1, /*keepdim=*/true);
}

AgentNetImpl::AgentNetImpl(int in_channels, int actions, bool dueling, int quantiles) {
  online = register_module("online", QNetwork(in_channels, actions, dueling, quantiles));
  target = register_module("target", QNetwork(in_channels, actions, dueling, quantiles));
  // The target starts as a copy and never takes gradients (the original froze it).
  sync_target();
  for (auto& p : target->parameters()) p.set_requires_grad(false);
}

void AgentNetImpl::sync_target() {
  torch::NoGradGuard no_grad;
  auto src = online->named_parameters();
  for (auto& p : target->named_parameters()) p.value().copy_(src[p.key()]);
}

void q_values(QNetwork& net, const uint8_t* obs, int batch, float* out) {
  torch::NoGradGuard no_grad;
  auto x = torch::from_blob(const_cast<uint8_t*>(obs), {batch, net->in_channels(), 84, 84},
                            torch::TensorOptions().dtype(torch::kUInt8));
  const torch::Tensor q = net->forward(x).contiguous();
  std::memcpy(out, q.data_ptr<float>(), sizeof(float) * batch * net->actions());
}

namespace {

// Every weight of the online net uniform in +-limit(weight), every bias zero;
// then online -> target.
void init_uniform_zero_biases(AgentNet& net, double (*limit_of)(const torch::Tensor&)) {
  torch::NoGradGuard no_grad;
  for (auto& p : net->online->parameters()) {
    if (p.dim() == 1) {
      p.zero_();
      continue;
    }
    const double limit = limit_of(p);
    p.uniform_(-limit, limit);
  }
  net->sync_target();
}

}  // namespace

void init_variance_scaling(AgentNet& net) {
  init_uniform_zero_biases(net, [](const torch::Tensor& w) {
    const double fan_in = static_cast<double>(w.numel() / w.size(0));
    return std::sqrt(3.0 * (1.0 / std::sqrt(3.0)) / fan_in);
  });
}

void init_xavier_uniform(AgentNet& net) {
  init_uniform_zero_biases(net, [](const torch::Tensor& w) {
    const double receptive = static_cast<double>(w.numel() / (w.size(0) * w.size(1)));
    const double fan_in = static_cast<double>(w.size(1)) * receptive;
    const double fan_out = static_cast<double>(w.size(0)) * receptive;
    return std::sqrt(6.0 / (fan_in + fan_out));
  });
}

}  // namespace ag::agent
