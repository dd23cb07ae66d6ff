#include "agent/prioritized_replay.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ag::agent {

PrioritizedReplay::PrioritizedReplay(ReplayBuffer& buffer, double alpha, double eps)
    : buffer_(buffer), tree_(buffer.slots()), alpha_(alpha), eps_(eps) {}

void PrioritizedReplay::on_cache(const CacheEffect& effect) {
  for (int i = 0; i < effect.num_written; ++i) tree_.set(effect.written[i], 0.0);
  if (effect.completed >= 0) tree_.set(effect.completed, max_priority_);
}

void PrioritizedReplay::sample(Rng& rng, int size, double beta, ReplayBatch& batch) {
  picked_.resize(size);
  const double total = tree_.total();
  if (!(total > 0)) throw std::logic_error("PrioritizedReplay::sample: empty");
  const double slice = total / size;
  for (int i = 0; i < size; ++i) {
    int64_t slot = -1;
    // A slot whose n-step future is not stored yet has a priority but is not
    // a valid sample: draw again in the slice, then anywhere, then uniformly.
    for (int tries = 0; tries < 64 && slot < 0; ++tries) {
      const double mass = tries < 32 ? (i + rng.uniform()) * slice : rng.uniform() * total;
      const int64_t s = tree_.find(std::min(mass, std::nextafter(total, 0.0)));
      if (tree_.get(s) > 0 && buffer_.is_valid(s)) slot = s;
    }
    if (slot < 0) slot = buffer_.sample_uniform(rng);
    if (slot < 0) throw std::logic_error("PrioritizedReplay::sample: no valid transition");
    picked_[i] = slot;
  }
  buffer_.gather(picked_, batch);
  const double n = static_cast<double>(std::max<int64_t>(buffer_.transitions(), 1));
  double max_w = 0;
  for (int i = 0; i < size; ++i) {
    const double p = std::max(tree_.get(picked_[i]) / total, 1e-300);
    const double w = std::pow(n * p, -beta);
    batch.weights[i] = static_cast<float>(w);
    max_w = std::max(max_w, w);
  }
  for (int i = 0; i < size; ++i) batch.weights[i] = static_cast<float>(batch.weights[i] / max_w);
}

void PrioritizedReplay::update_priorities(std::span<const int64_t> slots,
                                          std::span<const float> td_errors) {
  for (size_t i = 0; i < slots.size(); ++i) {
    // A slot overwritten since it was sampled keeps its new (zero or max) priority.
    if (!buffer_.is_valid(slots[i]) && tree_.get(slots[i]) == 0) continue;
    const double p = std::pow(std::fabs(static_cast<double>(td_errors[i])) + eps_, alpha_);
    tree_.set(slots[i], p);
    max_priority_ = std::max(max_priority_, p);
  }
}

}  // namespace ag::agent
