// step() allocates nothing: the DQN pipeline (AtariPreprocessing +
// FrameStackObservation) and a VectorEnv with autoreset, counted by a
// replaced global operator new.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "fake_atari_env.hpp"
#include "gym/atari_preprocessing.hpp"
#include "gym/clip_reward.hpp"
#include "gym/frame_stack_observation.hpp"
#include "gym/registry.hpp"
#include "gym/vector_env.hpp"
#include "support/paths.hpp"

namespace {
std::atomic<long> g_allocations{0};
}

void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

namespace ag::gym {
namespace {

std::unique_ptr<Env> pipeline(std::unique_ptr<Env> base) {
  AtariPreprocessingOptions o;
  auto env = std::make_unique<AtariPreprocessing>(std::move(base), o);
  return std::make_unique<FrameStackObservation>(std::make_unique<ClipReward>(std::move(env)), 4);
}

TEST(NoAllocation, PipelineStepAllocatesNothing) {
  for (bool palette : {false, true}) {
    test::FakeScript s;
    s.expose_palette = palette;
    s.game_over_frame = 50;
    auto env = pipeline(std::make_unique<test::FakeAtariEnv>(s));
    env->reset(0);
    env->step(0).obs.data();  // first use of lazily sized buffers
    const long before = g_allocations.load();
    for (int t = 0; t < 200; ++t) {
      auto r = env->step(t % 4);
      r.obs.data();
      if (r.terminated || r.truncated) break;
    }
    EXPECT_EQ(g_allocations.load() - before, 0) << (palette ? "fused" : "grayscale");
  }
}

TEST(NoAllocation, VectorStepWithAutoresetAllocatesNothing) {
  VectorEnvOptions vo;
  vo.num_threads = 2;
  VectorEnv vec(
      4,
      [](int i) {
        test::FakeScript s;
        s.game_over_frame = 20 + 4 * i;  // episodes end and autoreset during the count
        return pipeline(std::make_unique<test::FakeAtariEnv>(s));
      },
      vo);
  vec.reset(1);
  std::vector<int> actions(4, 1);
  vec.step(actions);
  const long before = g_allocations.load();
  int ended = 0;
  for (int t = 0; t < 100; ++t) {
    vec.step(actions);
    for (int i = 0; i < 4; ++i) ended += vec.ended_last_step(i);
  }
  EXPECT_GT(ended, 0);
  EXPECT_EQ(g_allocations.load() - before, 0);
}

TEST(NoAllocation, AleEnvPipelineStepAllocatesNothing) {
  auto env = pipeline(make("ALE/Breakout-v5", {{"frameskip", 1}}, {test::shared_dir() / "roms"}));
  env->reset(0);
  env->step(0).obs.data();
  const long before = g_allocations.load();
  for (int t = 0; t < 300; ++t) {
    auto r = env->step(t % 4);
    r.obs.data();
    if (r.terminated || r.truncated) break;
  }
  EXPECT_EQ(g_allocations.load() - before, 0);
}

}  // namespace
}  // namespace ag::gym
