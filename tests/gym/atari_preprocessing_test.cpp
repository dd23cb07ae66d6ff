// AtariPreprocessing's semantics, pinned on a scripted env whose frames,
// lives and episode ends happen where the test says.
#include "gym/atari_preprocessing.hpp"

#include <gtest/gtest.h>

#include "fake_atari_env.hpp"

namespace ag::gym {
namespace {

using test::FakeAtariEnv;
using test::FakeScript;

struct Fixture {
  FakeAtariEnv* fake;
  std::unique_ptr<AtariPreprocessing> env;
};

Fixture make(FakeScript script, AtariPreprocessingOptions o) {
  auto fake = std::make_unique<FakeAtariEnv>(std::move(script));
  FakeAtariEnv* raw = fake.get();
  return {raw, std::make_unique<AtariPreprocessing>(std::move(fake), o)};
}

TEST(AtariPreprocessing, NoopCountsAtResetAreGymnasiumsDraws) {
  // Gymnasium draws env.unwrapped.np_random.integers(1, noop_max + 1). With
  // reset(seed=0) the np_random is seeded with SeedSequence(0)'s first word,
  // and NumPy then draws 22, 1, 1, 30, ... (checked with NumPy 1.24).
  auto [fake, env] = make({}, {});
  env->reset(0);
  EXPECT_EQ(fake->steps, 22);
  EXPECT_EQ(fake->episode_frame, 22);
  for (int a : fake->actions) EXPECT_EQ(a, 0) << "noops are action 0";
  env->reset();  // no seed: the same generator goes on
  EXPECT_EQ(fake->steps, 22 + 1);
  env->reset();
  EXPECT_EQ(fake->steps, 22 + 1 + 1);
  env->reset(42);  // NumPy: 11 for seed 42
  EXPECT_EQ(fake->steps, 22 + 1 + 1 + 11);
  EXPECT_EQ(fake->episode_frame, 11);
}

TEST(AtariPreprocessing, NoNoopsWhenNoopMaxIsZero) {
  AtariPreprocessingOptions o;
  o.noop_max = 0;
  auto [fake, env] = make({}, o);
  env->reset(0);
  EXPECT_EQ(fake->steps, 0);
}

TEST(AtariPreprocessing, EpisodeEndingDuringNoopsIsResetWithTheSameSeed) {
  FakeScript s;
  s.game_over_frame = 5;
  auto [fake, env] = make(s, {});
  const ResetResult r = env->reset(0);  // 22 noops: the game ends after noops 5, 10, 15, 20
  EXPECT_EQ(fake->steps, 22);
  EXPECT_EQ(fake->resets, 1 + 4);
  EXPECT_EQ(fake->episode_frame, 2);
  for (const auto& seed : fake->reset_seeds) EXPECT_EQ(seed, std::optional<uint64_t>(0));
  // info: the reset's, updated by the noops after it.
  EXPECT_EQ(r.info.episode_frame_number, 2);
  ASSERT_TRUE(r.info.seeds.has_value());
}

// Run the frame-grabbing tests both ways: screens read as grayscale, and as a
// raw palette screen + table (AtariEnv's case: the fused convert-and-pool).
class Pooling : public ::testing::TestWithParam<bool> {};
INSTANTIATE_TEST_SUITE_P(AtariPreprocessing, Pooling, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Fused" : "Grayscale"; });

FakeScript halves_script(bool palette = false) {
  // Left half (x < 80) brightens by 10 per frame, the right half darkens by 10.
  FakeScript s;
  s.expose_palette = palette;
  s.pixel = [](int f, int, int x, int) {
    return static_cast<uint8_t>(x < 80 ? 10 * f : 250 - 10 * f);
  };
  return s;
}

TEST_P(Pooling, ObservationIsMaxPoolOfTheLastTwoFrames) {
  AtariPreprocessingOptions o;
  o.noop_max = 0;
  auto [fake, env] = make(halves_script(GetParam()), o);
  env->reset(0);
  const StepResult s = env->step(1);  // frames 1..4; frames 3 and 4 pooled
  const auto obs = s.obs.u8();
  ASSERT_EQ(obs.size(), 84u * 84u);
  // Left: max(30, 40) = 40; right: max(220, 210) = 220. Neither frame alone has both.
  EXPECT_EQ(obs[0], 40);
  EXPECT_EQ(obs[10 * 84 + 20], 40);
  EXPECT_EQ(obs[83], 220);
  EXPECT_EQ(obs[50 * 84 + 70], 220);
  EXPECT_EQ(s.reward, 4.0) << "rewards of the 4 frames summed (1 per frame for action 1)";
  EXPECT_EQ(fake->steps, 4);
}

TEST_P(Pooling, GrabsOnlyThePooledFramesAndNeverRendersTheInnerObservation) {
  AtariPreprocessingOptions o;
  o.noop_max = 0;
  auto [fake, env] = make(halves_script(GetParam()), o);
  env->reset(0);
  EXPECT_EQ(fake->grabs, 1);  // the reset frame
  for (int i = 0; i < 5; ++i) env->step(0).obs.data();
  EXPECT_EQ(fake->grabs, 1 + 5 * 2);
  EXPECT_EQ(fake->renders, 0);
}

TEST_P(Pooling, ResetObservationIsTheResetFrameUnpooled) {
  AtariPreprocessingOptions o;
  o.noop_max = 0;
  auto [fake, env] = make(halves_script(GetParam()), o);
  const auto obs = env->reset(0).obs.u8();
  EXPECT_EQ(obs[0], 0);     // frame 0 left
  EXPECT_EQ(obs[83], 250);  // frame 0 right (the zeroed second buffer does not lower it)
}

TEST_P(Pooling, EarlyEndKeepsThePreviousPool) {
  // The game ends at frame 6: the second step stops after 2 of its 4 frames,
  // before any grab, so its observation is the first step's pool again.
  FakeScript s = halves_script(GetParam());
  s.game_over_frame = 6;
  AtariPreprocessingOptions o;
  o.noop_max = 0;
  auto [fake, env] = make(s, o);
  env->reset(0);
  StepResult a = env->step(2);
  const std::vector<uint8_t> pool1(a.obs.u8().begin(), a.obs.u8().end());
  StepResult b = env->step(2);
  EXPECT_TRUE(b.terminated);
  EXPECT_FALSE(b.truncated);
  EXPECT_EQ(b.reward, 2.0 * 2) << "two frames of reward 2";
  const std::vector<uint8_t> pool2(b.obs.u8().begin(), b.obs.u8().end());
  EXPECT_EQ(pool1, pool2);
  EXPECT_EQ(pool2[0], 40);
}

TEST_P(Pooling, EndOnTheLastFramePoolsTheOlderGrabWithThePreviousPool) {
  // The game ends at frame 8, the last of the second step: frame 7 was
  // grabbed as the older frame, frame 8 is not, and the stale pool of frames
  // 3 and 4 is pooled again with frame 7: left max(40, 70), right max(220, 180).
  FakeScript s = halves_script(GetParam());
  s.game_over_frame = 8;
  AtariPreprocessingOptions o;
  o.noop_max = 0;
  auto [fake, env] = make(s, o);
  env->reset(0);
  env->step(0);
  const StepResult r = env->step(0);
  EXPECT_TRUE(r.terminated);
  const auto obs = r.obs.u8();
  EXPECT_EQ(obs[0], 70);
  EXPECT_EQ(obs[83], 220);
}

TEST(AtariPreprocessing, LifeLossTerminatesAndResetRestartsTheGame) {
  FakeScript s;
  s.life_loss_frames = {6};
  AtariPreprocessingOptions o;
  o.noop_max = 0;
  o.terminal_on_life_loss = true;
  auto [fake, env] = make(s, o);
  env->reset(0);
  EXPECT_FALSE(env->step(0).terminated);  // frames 1-4
  const StepResult lost = env->step(0);   // frames 5, 6: life lost at 6
  EXPECT_TRUE(lost.terminated);
  EXPECT_FALSE(lost.truncated);
  EXPECT_EQ(lost.info.lives, 2);
  EXPECT_EQ(fake->steps, 6) << "stops at the frame the life was lost";
  EXPECT_TRUE(env->game_over());
  // Gymnasium's reset after a life loss restarts the game from scratch.
  env->reset();
  EXPECT_EQ(fake->resets, 2);
  EXPECT_EQ(fake->episode_frame, 0);
  EXPECT_EQ(fake->lives(), 3);
}

TEST(AtariPreprocessing, WithoutTerminalOnLifeLossALifeLossIsNotAnEnd) {
  FakeScript s;
  s.life_loss_frames = {6};
  AtariPreprocessingOptions o;
  o.noop_max = 0;
  auto [fake, env] = make(s, o);
  env->reset(0);
  env->step(0);
  const StepResult r = env->step(0);
  EXPECT_FALSE(r.terminated);
  EXPECT_EQ(r.info.lives, 2);
  EXPECT_EQ(fake->steps, 8);
}

TEST(AtariPreprocessing, ObservationSpacesAndScaling) {
  {
    auto [fake, env] = make({}, {});
    EXPECT_EQ(env->observation_space().str(), "Box(0, 255, (84, 84), uint8)");
  }
  {
    AtariPreprocessingOptions o;
    o.grayscale_newaxis = true;
    o.screen_width = 64;
    o.screen_height = 80;
    auto [fake, env] = make({}, o);
    EXPECT_EQ(env->observation_space().str(), "Box(0, 255, (80, 64, 1), uint8)");
  }
  {
    AtariPreprocessingOptions o;
    o.grayscale_obs = false;
    auto [fake, env] = make({}, o);
    EXPECT_EQ(env->observation_space().str(), "Box(0, 255, (84, 84, 3), uint8)");
  }
  {
    AtariPreprocessingOptions o;
    o.scale_obs = true;
    o.noop_max = 0;
    auto [fake, env] = make(halves_script(), o);
    EXPECT_EQ(env->observation_space().str(), "Box(0, 1, (84, 84), float32)");
    const auto obs = env->reset(0).obs.f32();
    EXPECT_FLOAT_EQ(obs[0], 0.0f);
    EXPECT_EQ(obs[83], 250.0f / 255.0f);
    EXPECT_THROW(env->observation().u8(), GymError);
  }
}

TEST(AtariPreprocessing, RejectsWhatGymnasiumRejects) {
  auto wrap = [](FakeScript s, AtariPreprocessingOptions o) {
    return AtariPreprocessing(std::make_unique<FakeAtariEnv>(std::move(s)), o);
  };
  FakeScript skipping;
  skipping.frameskip = 4;
  EXPECT_THROW(wrap(skipping, {}), GymError) << "frame skip twice";
  AtariPreprocessingOptions one;
  one.frame_skip = 1;
  EXPECT_NO_THROW(wrap(skipping, one));
  FakeScript no_noop;
  no_noop.meanings = {"FIRE", "NOOP"};
  EXPECT_THROW(wrap(no_noop, {}), GymError);
  AtariPreprocessingOptions bad;
  bad.noop_max = -1;
  EXPECT_THROW(wrap({}, bad), GymError);
  bad = {};
  bad.frame_skip = 0;
  EXPECT_THROW(wrap({}, bad), GymError);
  bad = {};
  bad.screen_width = 0;
  EXPECT_THROW(wrap({}, bad), GymError);
}

}  // namespace
}  // namespace ag::gym
