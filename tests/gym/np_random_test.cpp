// NumPy's seeding, bit for bit. Expected values were produced by NumPy 1.24.2:
//   ss = np.random.SeedSequence(s); np_seed, ale_seed = ss.generate_state(2)
//   g = np.random.Generator(np.random.PCG64(np.random.SeedSequence(int(np_seed))))
//   [g.integers(1, 31) for _ in range(8)]      # AtariPreprocessing's noop counts
//   np.random.PCG64(np.random.SeedSequence(s)).random_raw(3)
#include "gym/np_random.hpp"

#include <gtest/gtest.h>

namespace ag::gym {
namespace {

struct Golden {
  uint64_t seed;
  uint32_t np_seed, ale_seed;
  int32_t ale_random_seed;
  int noops[8];      // integers(1, 31)
  int frameskip[8];  // integers(2, 5) from a fresh generator
  uint64_t raw[3];   // PCG64(SeedSequence(seed)).random_raw(3)
};

const Golden kGolden[] = {
    {0,
     2968811710u,
     3677149159u,
     -617818137,
     {22, 1, 1, 30, 12, 24, 3, 3},
     {4, 2, 2, 4, 3, 4, 2, 2},
     {11749869230777074271ull, 4976686463289251617ull, 755828109848996024ull}},
    {1,
     1835504127u,
     1731038949u,
     1731038949,
     {5, 23, 30, 5, 2, 13, 13, 8},
     {2, 4, 4, 2, 2, 3, 3, 2},
     {9441442522235856127ull, 17532960557476522086ull, 2659275481604167885ull}},
    {42,
     3444837047u,
     2669555309u,
     -1625411987,
     {11, 29, 18, 22, 1, 15, 11, 27},
     {3, 4, 3, 4, 2, 3, 3, 4},
     {14276969152011380360ull, 8095878257575067585ull, 15838336090824644132ull}},
    {123456789,
     1315320158u,
     1391606125u,
     1391606125,
     {1, 4, 1, 5, 23, 1, 27, 28},
     {2, 2, 2, 2, 4, 2, 4, 4},
     {511209809126027580ull, 16725663875132018381ull, 16258841331763118777ull}},
    {4294967295ull,
     1992424968u,
     705021410u,
     705021410,
     {11, 6, 7, 20, 6, 9, 24, 17},
     {3, 2, 2, 3, 2, 2, 4, 3},
     {4647538520743280031ull, 4041050679407036418ull, 5299467714154781845ull}},
    // Seeds of more than 32 bits have two entropy words.
    {4294967296ull,
     3964924996u,
     1358922860u,
     1358922860,
     {6, 29, 26, 15, 8, 2, 25, 7},
     {2, 4, 4, 3, 2, 2, 4, 2},
     {16412783775159424549ull, 10277383025879800780ull, 14774146505460541886ull}},
    {1099511627781ull,
     3767146251u,
     3672381269u,
     -622586027,
     {16, 3, 20, 3, 25, 25, 28, 25},
     {3, 2, 3, 2, 4, 4, 4, 4},
     {87427594128977387ull, 6872972437549564694ull, 10832470946844950135ull}},
};

TEST(NpRandom, SeedSequenceGivesAlePysSeeds) {
  for (const auto& g : kGolden) {
    const AtariSeeds s = atari_seeds(g.seed);
    EXPECT_EQ(s.np_seed, g.np_seed) << "seed " << g.seed;
    EXPECT_EQ(s.ale_seed, g.ale_seed) << "seed " << g.seed;
    EXPECT_EQ(s.ale_random_seed(), g.ale_random_seed) << "seed " << g.seed;
  }
}

TEST(NpRandom, Pcg64RawOutputMatchesNumpy) {
  for (const auto& g : kGolden) {
    Pcg64 bits{SeedSequence(g.seed)};
    for (uint64_t want : g.raw) EXPECT_EQ(bits.next_u64(), want) << "seed " << g.seed;
  }
}

TEST(NpRandom, IntegersMatchNumpyIncludingHalfWordBuffering) {
  for (const auto& g : kGolden) {
    NpRandom noop_rng(g.np_seed);
    for (int want : g.noops) EXPECT_EQ(noop_rng.integers(1, 31), want) << "seed " << g.seed;
    NpRandom skip_rng(g.np_seed);
    for (int want : g.frameskip) EXPECT_EQ(skip_rng.integers(2, 5), want) << "seed " << g.seed;
  }
}

TEST(NpRandom, IntegersStayInRange) {
  NpRandom r(7);
  for (int i = 0; i < 10000; ++i) {
    const auto v = r.integers(-3, 4);
    EXPECT_GE(v, -3);
    EXPECT_LT(v, 4);
  }
  EXPECT_EQ(r.integers(5, 6), 5);
  EXPECT_THROW(r.integers(3, 3), std::invalid_argument);
}

TEST(NpRandom, UnseededDrawsFromEntropy) {
  // Two entropy-seeded sequences agree with negligible probability.
  EXPECT_NE(atari_seeds(std::nullopt).np_seed, atari_seeds(std::nullopt).np_seed);
}

}  // namespace
}  // namespace ag::gym
