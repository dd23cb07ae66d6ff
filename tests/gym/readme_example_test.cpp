// The C++ example in the README, as written there (keep the two in step):
// it compiles, runs, and gives what the README's comments say.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "gym/atari_preprocessing.hpp"
#include "gym/frame_stack_observation.hpp"
#include "gym/registry.hpp"

namespace ag::gym {
namespace {

TEST(ReadmeExample, RunsAsDocumented) {
  // --- README begin ---
  // gym.make("ALE/SpaceInvaders-v5", frameskip=1) + AtariPreprocessing + 4-frame stack
  std::unique_ptr<Env> env = make("ALE/SpaceInvaders-v5", {{"frameskip", 1}});
  env = std::make_unique<AtariPreprocessing>(std::move(env), AtariPreprocessingOptions{});
  env = std::make_unique<FrameStackObservation>(std::move(env), 4);  // obs (4, 84, 84) uint8

  auto [obs, info] = env->reset(42);  // reset(seed=42)
  double score = 0;
  for (int t = 0; t < 1000; ++t) {
    auto [obs, reward, terminated, truncated, info] = env->step(t % env->action_space().n);
    score += reward;
    if (terminated || truncated) env->reset();
  }

  // 8 envs on 2 threads; observations in one (8, 4, 84, 84) uint8 buffer.
  auto vec = make_vector("ALE/SpaceInvaders-v5", 8, {{"frameskip", 1}},
                         {"atari-preprocessing", "frame-stack:stack_size=4"}, {.num_threads = 2});
  vec->reset(0);  // env i seeded with 0 + i
  vec->step(std::vector<int>(8, 1));
  const uint8_t* batch = vec->observations_u8();  // wrap as a tensor, no copy
  // --- README end ---

  EXPECT_EQ(obs.u8().size(), 4u * 84 * 84);
  EXPECT_EQ(info.lives, 3);
  EXPECT_GT(score, 0);  // cycling through the actions shoots some invaders
  EXPECT_EQ(vec->observation_bytes(), 4u * 84 * 84);
  ASSERT_NE(batch, nullptr);
  EXPECT_EQ(batch, vec->observations_u8());
}

}  // namespace
}  // namespace ag::gym
