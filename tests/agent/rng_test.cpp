// The agent's random numbers (agent/rng.hpp) are fixed by their seed, on any
// platform and library: a resumed run, `atari-gym eval` and its Python mirror
// (python/atari_gym/_rng.py, whose test pins the same values) draw the same.
#include "agent/rng.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace ag::agent {
namespace {

TEST(Rng, SeedZeroGivesXoshiro256PlusPlusOverSplitmix64) {
  Rng r(0);
  EXPECT_EQ(r.s[0], 0xe220a8397b1dcdafULL);  // splitmix64's first output from 0
  EXPECT_EQ(r.next(), 0x53175d61490b23dfULL);
  EXPECT_EQ(r.next(), 0x61da6f3dc380d507ULL);
  EXPECT_EQ(r.next(), 0x5c0fdf91ec9a7bfcULL);
}

TEST(Rng, UniformAndBelowAreFixedBySeed) {
  // Game seed 0's first epsilon draw (agent_game.cpp seeds it so).
  EXPECT_EQ(Rng(0 ^ 0x6a09e667f3bcc909ULL).uniform(), 0.11228190939650651);
  std::vector<uint64_t> below;
  for (uint64_t s = 0; s < 10; ++s) below.push_back(Rng(s).below(6));
  EXPECT_EQ(below, (std::vector<uint64_t>{1, 4, 4, 0, 4, 1, 4, 0, 2, 3}));
  Rng r(7);
  for (int i = 0; i < 1000; ++i) {
    const double u = r.uniform();
    ASSERT_TRUE(u >= 0.0 && u < 1.0) << u;
    ASSERT_LT(r.below(3), 3u);
  }
}

}  // namespace
}  // namespace ag::agent
