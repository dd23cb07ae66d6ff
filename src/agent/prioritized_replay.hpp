// Proportional prioritized replay (Schaul et al. 2016, "Prioritized
// Experience Replay", section 3.3) over a ReplayBuffer: transition i is
// sampled with P(i) = p_i^alpha / sum_k p_k^alpha, p_i = |TD error| + eps,
// new transitions get the largest priority seen so far (so each is replayed
// at least once soon), and the loss is weighted by w_i = (N P(i))^-beta / max_j w_j
// (max over the batch, as Dopamine does) to correct the bias.
#pragma once

#include <span>

#include "agent/replay_buffer.hpp"
#include "agent/sum_tree.hpp"

namespace ag::agent {

class PrioritizedReplay {
 public:
  PrioritizedReplay(ReplayBuffer& buffer, double alpha, double eps = 1e-6);

  // Keeps the tree in step with what cache() did.
  void on_cache(const CacheEffect& effect);
  // Stratified: one draw in each of `size` equal slices of the total mass.
  void sample(Rng& rng, int size, double beta, ReplayBatch& batch);
  void update_priorities(std::span<const int64_t> slots, std::span<const float> td_errors);

  double probability(int64_t slot) const { return tree_.get(slot) / tree_.total(); }
  double max_priority() const { return max_priority_; }
  SumTree& tree() { return tree_; }
  void set_max_priority(double p) { max_priority_ = p; }

 private:
  ReplayBuffer& buffer_;
  SumTree tree_;
  double alpha_, eps_;
  double max_priority_ = 1.0;  // of p^alpha
  std::vector<int64_t> picked_;
};

}  // namespace ag::agent
