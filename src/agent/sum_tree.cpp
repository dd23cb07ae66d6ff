#include "agent/sum_tree.hpp"

#include <stdexcept>

namespace ag::agent {

SumTree::SumTree(int64_t leaves) : leaves_(leaves), base_(1) {
  if (leaves < 1) throw std::invalid_argument("SumTree: no leaves");
  while (base_ < leaves) base_ *= 2;
  nodes_.assign(2 * base_, 0.0);
}

void SumTree::set(int64_t leaf, double priority) {
  if (leaf < 0 || leaf >= leaves_ || !(priority >= 0))
    throw std::out_of_range("SumTree::set: bad leaf or priority");
  int64_t i = base_ + leaf;
  // Each sum is recomputed from its children (not updated by a delta), so
  // rounding errors cannot accumulate over millions of updates.
  nodes_[i] = priority;
  for (i /= 2; i >= 1; i /= 2) nodes_[i] = nodes_[2 * i] + nodes_[2 * i + 1];
}

int64_t SumTree::find(double mass) const {
  int64_t i = 1;
  while (i < base_) {
    const double left = nodes_[2 * i];
    if (mass < left) {
      i = 2 * i;
    } else {
      mass -= left;
      i = 2 * i + 1;
    }
  }
  int64_t leaf = i - base_;
  // Rounding can land past the last non-empty leaf: step back to one.
  while (leaf > 0 && (leaf >= leaves_ || nodes_[base_ + leaf] == 0)) --leaf;
  return leaf;
}

}  // namespace ag::agent
