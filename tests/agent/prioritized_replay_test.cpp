// Prioritized replay: the sum tree, sampling probabilities p^alpha / sum,
// importance weights (N P)^-beta / max, and the schedules of the loop.
#include "agent/prioritized_replay.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "agent/schedules.hpp"

namespace ag::agent {
namespace {

TEST(SumTree, TotalsAndFindsByPrefixSums) {
  SumTree t(5);
  const double p[] = {1, 0, 3, 2, 4};
  for (int i = 0; i < 5; ++i) t.set(i, p[i]);
  EXPECT_DOUBLE_EQ(t.total(), 10);
  EXPECT_EQ(t.find(0.0), 0);
  EXPECT_EQ(t.find(0.99), 0);
  EXPECT_EQ(t.find(1.0), 2);  // leaf 1 has no mass
  EXPECT_EQ(t.find(3.99), 2);
  EXPECT_EQ(t.find(4.0), 3);
  EXPECT_EQ(t.find(6.0), 4);
  EXPECT_EQ(t.find(9.999), 4);
  t.set(4, 0);
  EXPECT_DOUBLE_EQ(t.total(), 6);
  EXPECT_EQ(t.find(5.999), 3);
}

ReplayConfig small() {
  ReplayConfig c;
  c.capacity = 64;
  c.stack = 1;
  c.frame_bytes = 1;
  return c;
}

void fill(ReplayBuffer& r, PrioritizedReplay& per, int steps) {
  for (int t = 0; t < steps; ++t) {
    const uint8_t s = static_cast<uint8_t>(t), n = static_cast<uint8_t>(t + 1);
    per.on_cache(r.cache(0, &s, &n, 0, 0, false, false));
  }
}

TEST(PrioritizedReplay, NewTransitionsGetTheLargestPriority) {
  ReplayBuffer r(small());
  PrioritizedReplay per(r, 0.5);
  fill(r, per, 3);
  const int64_t slots[] = {0, 1};
  const float errors[] = {3.0f, 8.0f};
  per.update_priorities(slots, errors);
  EXPECT_NEAR(per.max_priority(), std::sqrt(8.0 + 1e-6), 1e-9);
  fill(r, per, 1);
  EXPECT_NEAR(per.tree().get(3), std::sqrt(8.0 + 1e-6), 1e-9);
}

TEST(PrioritizedReplay, SamplesInProportionToPriorityAndWeighsByInverse) {
  ReplayBuffer r(small());
  PrioritizedReplay per(r, 1.0);  // alpha 1: P = |delta| / sum
  fill(r, per, 4);                // slots 0..3 valid (slot 4: next obs)
  const int64_t slots[] = {0, 1, 2, 3};
  const float errors[] = {1, 2, 3, 4};
  per.update_priorities(slots, errors);
  per.set_max_priority(1);
  // The pending slot (no action) has priority 0.
  EXPECT_EQ(per.tree().get(4), 0);
  EXPECT_NEAR(per.probability(3), 4.0 / 10.0, 1e-6);
  Rng rng(7);
  std::map<int64_t, int> count;
  ReplayBatch b;
  const int draws = 4000;
  for (int i = 0; i < draws / 4; ++i) {
    per.sample(rng, 4, 0.5, b);
    for (int j = 0; j < 4; ++j) {
      ++count[b.indices[j]];
      // w = (N P)^-beta / max over the batch
      const double w = std::pow(4 * per.probability(b.indices[j]), -0.5);
      double max_w = 0;
      for (int k = 0; k < 4; ++k) max_w = std::max(max_w, std::pow(4 * per.probability(b.indices[k]), -0.5));
      EXPECT_NEAR(b.weights[j], w / max_w, 1e-5);
    }
  }
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(count[i] / double(draws), (i + 1) / 10.0, 0.03) << i;
}

TEST(Schedules, LinearEpsilonReachesItsFloorAndStays) {
  EpsilonSchedule e;
  e.kind = EpsilonSchedule::Kind::kLinear;
  e.start = 1.0;
  e.min = 0.01;
  e.steps = 1000;
  EXPECT_DOUBLE_EQ(e.at(0), 1.0);
  EXPECT_NEAR(e.at(500), 0.505, 1e-12);
  EXPECT_NEAR(e.at(1000), 0.01, 1e-12);
  EXPECT_NEAR(e.at(5000), 0.01, 1e-12);
}

TEST(Schedules, MultiplicativeEpsilonIsTheOriginalsDecay) {
  EpsilonSchedule e;
  e.kind = EpsilonSchedule::Kind::kMultiplicative;
  e.start = 1.0;
  e.min = 0.02;
  e.decay = 0.99999975;
  // The original multiplies once per act(): after n steps, decay^n.
  double eps = 1.0;
  for (int i = 0; i < 100000; ++i) eps *= 0.99999975;
  EXPECT_NEAR(e.at(100000), eps, 1e-9);
  EXPECT_NEAR(e.at(4'000'000), std::exp(4e6 * std::log(0.99999975)), 1e-9);  // ~0.368
  EXPECT_DOUBLE_EQ(e.at(100'000'000), 0.02);
}

TEST(Schedules, BetaAnnealsToOne) {
  LinearSchedule b{0.4, 1.0, 1000};
  EXPECT_DOUBLE_EQ(b.at(0), 0.4);
  EXPECT_DOUBLE_EQ(b.at(500), 0.7);
  EXPECT_DOUBLE_EQ(b.at(2000), 1.0);
}

}  // namespace
}  // namespace ag::agent
