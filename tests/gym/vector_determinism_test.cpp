// Vector envs on a real game: same seed, same results, across thread counts
// and against single envs.
#include <gtest/gtest.h>
#include <zlib.h>

#include <random>

#include "gym/registry.hpp"
#include "support/paths.hpp"

namespace ag::gym {
namespace {

const std::vector<std::string> kWrappers = {"atari-preprocessing", "frame-stack:stack_size=4"};
const Options kOptions = {{"frameskip", 1}};

std::unique_ptr<VectorEnv> make_vec(int n, int threads) {
  VectorEnvOptions o;
  o.num_threads = threads;
  return make_vector("ALE/SpaceInvaders-v5", n, kOptions, kWrappers, o,
                     {test::shared_dir() / "roms"});
}

uint32_t crc(const void* p, size_t n) {
  return static_cast<uint32_t>(crc32(0, static_cast<const Bytef*>(p), static_cast<uInt>(n)));
}

TEST(VectorDeterminism, TwoVectorEnvsWithTheSameSeedAgreeFor10000Steps) {
  constexpr int kEnvs = 4;
  auto a = make_vec(kEnvs, 2);
  auto b = make_vec(kEnvs, 1);
  a->reset(123);
  b->reset(123);
  const size_t bytes = kEnvs * a->observation_bytes();
  ASSERT_EQ(crc(a->observations(), bytes), crc(b->observations(), bytes));
  std::mt19937 rng(99);
  std::vector<int> actions(kEnvs);
  int episodes = 0;
  for (int t = 0; t < 10000; ++t) {
    for (int& x : actions) x = static_cast<int>(rng() % a->single_action_space().n);
    a->send(actions);
    b->step(actions);
    a->recv();
    ASSERT_EQ(crc(a->observations(), bytes), crc(b->observations(), bytes)) << "step " << t;
    for (int i = 0; i < kEnvs; ++i) {
      ASSERT_EQ(a->rewards()[i], b->rewards()[i]) << "step " << t << " env " << i;
      ASSERT_EQ(a->terminations()[i], b->terminations()[i]) << "step " << t << " env " << i;
      ASSERT_EQ(a->truncations()[i], b->truncations()[i]) << "step " << t << " env " << i;
      ASSERT_EQ(a->infos()[i].frame_number, b->infos()[i].frame_number);
      episodes += a->ended_last_step(i);
    }
  }
  EXPECT_GT(episodes, 0) << "autoreset was exercised";
}

TEST(VectorDeterminism, EqualsSingleEnvsSeededWithSeedPlusIndex) {
  constexpr int kEnvs = 3;
  auto vec = make_vec(kEnvs, 2);
  std::vector<std::unique_ptr<Env>> singles;
  for (int i = 0; i < kEnvs; ++i)
    singles.push_back(
        make_wrapped("ALE/SpaceInvaders-v5", kOptions, kWrappers, {test::shared_dir() / "roms"}));
  vec->reset(7);
  std::vector<uint8_t> done(kEnvs, 0);
  const size_t bytes = vec->observation_bytes();
  for (int i = 0; i < kEnvs; ++i) {
    const auto r = singles[i]->reset(7 + i);
    ASSERT_EQ(crc(r.obs.data(), bytes), crc(vec->observations_u8() + i * bytes, bytes));
  }
  std::mt19937 rng(3);
  std::vector<int> actions(kEnvs);
  int episodes = 0;
  for (int t = 0; t < 3000; ++t) {
    for (int& x : actions) x = static_cast<int>(rng() % vec->single_action_space().n);
    vec->step(actions);
    for (int i = 0; i < kEnvs; ++i) {
      double reward = 0;
      bool term = false, trunc = false;
      const void* obs;
      if (done[i]) {  // NEXT_STEP: this step is the reset
        obs = singles[i]->reset().obs.data();
        done[i] = 0;
      } else {
        const StepResult s = singles[i]->step(actions[i]);
        obs = s.obs.data();
        reward = s.reward;
        term = s.terminated;
        trunc = s.truncated;
        done[i] = term || trunc;
        episodes += done[i];
      }
      ASSERT_EQ(crc(obs, bytes), crc(vec->observations_u8() + i * bytes, bytes))
          << "step " << t << " env " << i;
      ASSERT_EQ(reward, vec->rewards()[i]);
      ASSERT_EQ(term, vec->terminations()[i] != 0);
      ASSERT_EQ(trunc, vec->truncations()[i] != 0);
    }
  }
  EXPECT_GT(episodes, 0);
}

}  // namespace
}  // namespace ag::gym
