// FrameStackObservation: oldest first, padding at reset.
#include "gym/frame_stack_observation.hpp"

#include <gtest/gtest.h>

#include "fake_atari_env.hpp"
#include "gym/atari_preprocessing.hpp"

namespace ag::gym {
namespace {

using test::FakeAtariEnv;
using test::FakeScript;

// A 2x3 screen whose every pixel is 100 + the episode frame.
FakeScript tiny() {
  FakeScript s;
  s.height = 2;
  s.width = 3;
  s.pixel = [](int f, int, int, int) { return static_cast<uint8_t>(100 + f); };
  return s;
}

// The stack as one value per frame (every pixel of a frame is equal).
std::vector<int> frames_of(const Observation& obs) {
  const auto data = obs.u8();
  std::vector<int> out;
  for (size_t i = 0; i < data.size(); i += 6) {
    for (size_t k = 1; k < 6; ++k) EXPECT_EQ(data[i + k], data[i]);
    out.push_back(data[i]);
  }
  return out;
}

TEST(FrameStackObservation, StacksOldestFirstWithResetPadding) {
  FrameStackObservation env(std::make_unique<FakeAtariEnv>(tiny()), 4);
  EXPECT_EQ(env.observation_space().str(), "Box(0, 255, (4, 2, 3), uint8)");
  EXPECT_EQ(frames_of(env.reset(0).obs), (std::vector<int>{100, 100, 100, 100}));
  EXPECT_EQ(frames_of(env.step(0).obs), (std::vector<int>{100, 100, 100, 101}));
  EXPECT_EQ(frames_of(env.step(0).obs), (std::vector<int>{100, 100, 101, 102}));
  env.step(0);
  env.step(0);
  EXPECT_EQ(frames_of(env.step(0).obs), (std::vector<int>{102, 103, 104, 105}));
  // A new episode pads with its own first observation again.
  EXPECT_EQ(frames_of(env.reset().obs), (std::vector<int>{100, 100, 100, 100}));
}

TEST(FrameStackObservation, ZeroPadding) {
  FrameStackObservation env(std::make_unique<FakeAtariEnv>(tiny()), 3, StackPadding::kZero);
  EXPECT_EQ(frames_of(env.reset(0).obs), (std::vector<int>{0, 0, 100}));
  EXPECT_EQ(frames_of(env.step(0).obs), (std::vector<int>{0, 100, 101}));
  EXPECT_EQ(frames_of(env.step(0).obs), (std::vector<int>{100, 101, 102}));
  EXPECT_EQ(frames_of(env.reset().obs), (std::vector<int>{0, 0, 100}));
}

TEST(FrameStackObservation, StackOfOneIsTheObservation) {
  FrameStackObservation env(std::make_unique<FakeAtariEnv>(tiny()), 1);
  EXPECT_EQ(frames_of(env.reset(0).obs), (std::vector<int>{100}));
  EXPECT_EQ(frames_of(env.step(0).obs), (std::vector<int>{101}));
}

TEST(FrameStackObservation, OverAtariPreprocessing) {
  AtariPreprocessingOptions o;
  o.noop_max = 0;
  auto pre = std::make_unique<AtariPreprocessing>(std::make_unique<FakeAtariEnv>(), o);
  FrameStackObservation env(std::move(pre), 4);
  EXPECT_EQ(env.observation_space().str(), "Box(0, 255, (4, 84, 84), uint8)");
  env.reset(0);
  const auto obs = env.step(0).obs.u8();
  ASSERT_EQ(obs.size(), 4u * 84 * 84);
  // The newest frame is last: it differs from the three reset paddings.
  EXPECT_EQ(std::vector<uint8_t>(obs.begin(), obs.begin() + 84 * 84),
            std::vector<uint8_t>(obs.begin() + 2 * 84 * 84, obs.begin() + 3 * 84 * 84));
  EXPECT_NE(std::vector<uint8_t>(obs.begin(), obs.begin() + 84 * 84),
            std::vector<uint8_t>(obs.begin() + 3 * 84 * 84, obs.end()));
}

TEST(FrameStackObservation, RejectsNonPositiveStackSize) {
  EXPECT_THROW(FrameStackObservation(std::make_unique<FakeAtariEnv>(tiny()), 0), GymError);
}

}  // namespace
}  // namespace ag::gym
