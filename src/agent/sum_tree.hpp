// A sum tree over N leaf priorities (Dopamine's sum_tree.py): set a leaf and
// find the leaf where a prefix sum lands, both in O(log N); the root holds
// the total. Leaves are padded to a power of two; node i's children are 2i
// and 2i+1 (the root is node 1).
#pragma once

#include <cstdint>
#include <vector>

namespace ag::agent {

class SumTree {
 public:
  explicit SumTree(int64_t leaves);
  int64_t leaves() const { return leaves_; }
  double total() const { return nodes_[1]; }
  double get(int64_t leaf) const { return nodes_[base_ + leaf]; }
  void set(int64_t leaf, double priority);
  // The leaf i with prefix(i) <= mass < prefix(i) + p_i, for mass in [0, total).
  int64_t find(double mass) const;
  // Plain state, for checkpoints.
  std::vector<double>& nodes() { return nodes_; }

 private:
  int64_t leaves_, base_;
  std::vector<double> nodes_;
};

}  // namespace ag::agent
