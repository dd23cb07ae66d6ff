// The small wrappers: ClipReward, TimeLimit, RecordEpisodeStatistics,
// EpisodicLife, FireReset, SkipFrame, ActionSpaceWrapper, and wrapper specs.
#include <gtest/gtest.h>

#include "fake_atari_env.hpp"
#include "gym/action_space_wrapper.hpp"
#include "gym/atari_preprocessing.hpp"
#include "gym/clip_reward.hpp"
#include "gym/episodic_life.hpp"
#include "gym/fire_reset.hpp"
#include "gym/record_episode_statistics.hpp"
#include "gym/skip_frame.hpp"
#include "gym/time_limit.hpp"
#include "gym/wrapper_spec.hpp"

namespace ag::gym {
namespace {

using test::FakeAtariEnv;
using test::FakeScript;

template <class W, class... A>
std::pair<FakeAtariEnv*, std::unique_ptr<W>> wrap(FakeScript s, A&&... args) {
  auto fake = std::make_unique<FakeAtariEnv>(std::move(s));
  FakeAtariEnv* raw = fake.get();
  return {raw, std::make_unique<W>(std::move(fake), std::forward<A>(args)...)};
}

TEST(ClipReward, ClipsToMinusOneOneAndKeepsTheRawReward) {
  FakeScript s;
  s.reward = [](int, int a) { return a == 1 ? 5.0 : a == 2 ? -3.0 : a == 3 ? 0.5 : 0.0; };
  auto [fake, env] = wrap<ClipReward>(s);
  env->reset(0);
  StepResult r = env->step(1);
  EXPECT_EQ(r.reward, 1.0);
  EXPECT_EQ(r.info.raw_reward, 5.0);
  r = env->step(2);
  EXPECT_EQ(r.reward, -1.0);
  EXPECT_EQ(r.info.raw_reward, -3.0);
  EXPECT_EQ(env->step(3).reward, 0.5);
  EXPECT_EQ(env->step(0).reward, 0.0);
  EXPECT_THROW(ClipReward(std::make_unique<FakeAtariEnv>(), 1.0, -1.0), GymError);
}

TEST(TimeLimit, TruncatesAtTheStepLimitAndNotTerminates) {
  auto [fake, env] = wrap<TimeLimit>({}, 3);
  env->reset(0);
  EXPECT_FALSE(env->step(0).truncated);
  EXPECT_FALSE(env->step(0).truncated);
  const StepResult r = env->step(0);
  EXPECT_TRUE(r.truncated);
  EXPECT_FALSE(r.terminated);
  env->reset();
  EXPECT_FALSE(env->step(0).truncated) << "the count restarts at reset";
  EXPECT_THROW(TimeLimit(std::make_unique<FakeAtariEnv>(), 0), GymError);
}

TEST(RecordEpisodeStatistics, ReportsReturnAndLengthAtEpisodeEnd) {
  FakeScript s;
  s.game_over_frame = 3;
  auto [fake, env] = wrap<RecordEpisodeStatistics>(s);
  env->reset(0);
  EXPECT_FALSE(env->step(1).info.episode.has_value());
  EXPECT_FALSE(env->step(2).info.episode.has_value());
  const StepResult r = env->step(3);
  ASSERT_TRUE(r.info.episode.has_value());
  EXPECT_EQ(r.info.episode->r, 1.0 + 2 + 3);
  EXPECT_EQ(r.info.episode->l, 3);
  EXPECT_GE(r.info.episode->t, 0.0);
  env->reset();
  env->step(0);
  env->step(0);
  env->step(0);
  EXPECT_EQ(env->return_queue(), (std::deque<double>{6.0, 0.0}));
  EXPECT_EQ(env->length_queue(), (std::deque<int64_t>{3, 3}));
  EXPECT_EQ(env->episode_count(), 2);
}

TEST(EpisodicLife, LifeLossEndsTheEpisodeButResetContinuesTheGame) {
  FakeScript s;
  s.life_loss_frames = {3, 6};
  s.start_lives = 3;
  s.game_over_frame = 9;
  auto [fake, env] = wrap<EpisodicLife>(s);
  env->reset(0);
  EXPECT_FALSE(env->step(1).terminated);
  EXPECT_FALSE(env->step(1).terminated);
  StepResult r = env->step(1);  // frame 3: a life lost
  EXPECT_TRUE(r.terminated);
  EXPECT_EQ(r.info.lives, 2);
  EXPECT_FALSE(env->was_real_done());
  const ResetResult rr = env->reset();
  EXPECT_EQ(fake->resets, 1) << "the game was not reset";
  EXPECT_EQ(fake->actions.back(), 0) << "it was advanced by one NOOP";
  EXPECT_EQ(fake->episode_frame, 4);
  EXPECT_EQ(rr.info.lives, 2);
  env->step(1);
  r = env->step(1);  // frame 6: second life lost
  EXPECT_TRUE(r.terminated);
  env->reset();  // frame 7
  EXPECT_EQ(fake->resets, 1);
  env->step(1);
  r = env->step(1);  // frame 9: the game is over for real
  EXPECT_TRUE(r.terminated);
  EXPECT_TRUE(env->was_real_done());
  env->reset();
  EXPECT_EQ(fake->resets, 2) << "a real game over resets the game";
  EXPECT_EQ(fake->episode_frame, 0);
  EXPECT_EQ(fake->lives(), 3);
}

TEST(EpisodicLife, ASeededResetAlwaysResetsTheGame) {
  FakeScript s;
  s.life_loss_frames = {1};
  auto [fake, env] = wrap<EpisodicLife>(s);
  env->reset(0);
  EXPECT_TRUE(env->step(0).terminated);
  env->reset(5);
  EXPECT_EQ(fake->resets, 2);
}

TEST(EpisodicLife, LossOfTheLastLifeIsLeftToTheGame) {
  // Baselines only ends on a drop to a positive count (Qbert lingers at 0).
  FakeScript s;
  s.start_lives = 1;
  s.life_loss_frames = {2};
  s.game_over_frame = 5;
  auto [fake, env] = wrap<EpisodicLife>(s);
  env->reset(0);
  env->step(0);
  const StepResult r = env->step(0);
  EXPECT_EQ(r.info.lives, 0);
  EXPECT_TRUE(r.terminated) << "the fake ends the game at 0 lives itself";
  EXPECT_TRUE(env->was_real_done());
}

TEST(FireReset, PressesFireThenActionTwoAfterReset) {
  auto [fake, env] = wrap<FireReset>({});
  env->reset(0);
  EXPECT_EQ(fake->actions, (std::vector<int>{1, 2}));
  EXPECT_EQ(fake->episode_frame, 2);
  FakeScript no_fire;
  no_fire.meanings = {"NOOP", "UP", "DOWN"};
  EXPECT_THROW(FireReset(std::make_unique<FakeAtariEnv>(no_fire)), GymError);
  FakeScript two;
  two.meanings = {"NOOP", "FIRE"};
  EXPECT_THROW(FireReset(std::make_unique<FakeAtariEnv>(two)), GymError);
}

TEST(FireReset, ResetsAgainWhenFireEndsTheEpisode) {
  FakeScript s;
  s.game_over_frame = 1;
  auto [fake, env] = wrap<FireReset>(s);
  env->reset(0);
  EXPECT_EQ(fake->resets, 3);  // reset, FIRE ends it -> reset, action 2 ends it -> reset
}

TEST(FireReset, ASeededResetKeepsItsSeedsInTheInfo) {
  auto [fake, env] = wrap<FireReset>({});
  const ResetResult seeded = env->reset(7);
  // What Python's reset(seed=...) reads (info["seeds"]); the rest is the
  // last FIRE step's info.
  ASSERT_TRUE(seeded.info.seeds.has_value());
  EXPECT_EQ(seeded.info.seeds->np_seed, atari_seeds(7).np_seed);
  EXPECT_EQ(seeded.info.seeds->ale_seed, atari_seeds(7).ale_seed);
  EXPECT_EQ(seeded.info.episode_frame_number, 2);
  EXPECT_FALSE(env->reset(std::nullopt).info.seeds.has_value());
}

TEST(SkipFrame, RepeatsSumsAndStopsEarly) {
  FakeScript s;
  s.game_over_frame = 6;
  auto [fake, env] = wrap<SkipFrame>(s, 4);
  env->reset(0);
  StepResult r = env->step(2);
  EXPECT_EQ(r.reward, 8.0);
  EXPECT_EQ(fake->steps, 4);
  EXPECT_FALSE(r.terminated);
  r = env->step(3);
  EXPECT_TRUE(r.terminated);
  EXPECT_EQ(r.reward, 6.0) << "stopped after 2 of 4 repeats";
  EXPECT_EQ(fake->steps, 6);
  EXPECT_EQ(r.info.episode_frame_number, 6);
  EXPECT_THROW(SkipFrame(std::make_unique<FakeAtariEnv>(), 0), GymError);
}

TEST(SkipFrame, StopsOnTruncationToo) {
  FakeScript s;
  s.max_frames = 3;
  auto [fake, env] = wrap<SkipFrame>(s, 4);
  env->reset(0);
  const StepResult r = env->step(1);
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(fake->steps, 3);
}

TEST(ActionSpaceWrapper, MapsToTheAllowedActions) {
  auto [fake, env] = wrap<ActionSpaceWrapper>({}, std::vector<int>{0, 3});
  EXPECT_EQ(env->action_space().n, 2);
  EXPECT_EQ(env->action_meanings(), (std::vector<std::string>{"NOOP", "DOWN"}));
  env->reset(0);
  env->step(1);
  env->step(0);
  EXPECT_EQ(fake->actions, (std::vector<int>{3, 0}));
  EXPECT_THROW(env->step(2), GymError);
  EXPECT_THROW(ActionSpaceWrapper(std::make_unique<FakeAtariEnv>(), {}), GymError);
  EXPECT_THROW(ActionSpaceWrapper(std::make_unique<FakeAtariEnv>(), {0, 4}), GymError);
}

TEST(WrapperSpec, ParsesNamesOptionsAndListValues) {
  auto [name, opts] =
      parse_wrapper_spec("atari-preprocessing:noop_max=0,screen_size=84,84,scale_obs=true");
  EXPECT_EQ(name, "atari-preprocessing");
  ASSERT_EQ(opts.size(), 3u);
  EXPECT_EQ(opts[0].first, "noop_max");
  EXPECT_EQ(opts[1].second.text(), "84,84");
  EXPECT_EQ(opts[2].second.text(), "true");
  EXPECT_TRUE(parse_wrapper_spec("fire-reset").second.empty());
  EXPECT_THROW(parse_wrapper_spec(":x=1"), GymError);
  EXPECT_THROW(parse_wrapper_spec("frame-stack:4"), GymError);
}

TEST(WrapperSpec, AppliesWrappersWithOptions) {
  std::unique_ptr<Env> env = std::make_unique<FakeAtariEnv>();
  env = apply_wrapper(std::move(env),
                      "atari-preprocessing:noop_max=0,screen_size=64,80,grayscale_newaxis=true");
  env = apply_wrapper(std::move(env), "frame-stack:stack_size=2");
  env = apply_wrapper(std::move(env), "action-space:actions=0,2");
  EXPECT_EQ(env->observation_space().str(), "Box(0, 255, (2, 80, 64, 1), uint8)");
  EXPECT_EQ(env->action_space().n, 2);
  EXPECT_EQ(env->name(),
            "ActionSpaceWrapper<FrameStackObservation<AtariPreprocessing<FakeAtariEnv>>>");
}

TEST(WrapperSpec, UnknownNamesAndOptionsSuggestCloseMatches) {
  try {
    apply_wrapper(std::make_unique<FakeAtariEnv>(), "frame-stak");
    FAIL();
  } catch (const GymError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean frame-stack"), std::string::npos)
        << e.what();
  }
  try {
    apply_wrapper(std::make_unique<FakeAtariEnv>(), "atari-preprocessing:noop_maxx=3");
    FAIL();
  } catch (const GymError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean noop_max"), std::string::npos) << e.what();
  }
  EXPECT_THROW(apply_wrapper(std::make_unique<FakeAtariEnv>(), "frame-stack:stack_size=four"),
               GymError);
  EXPECT_THROW(apply_wrapper(std::make_unique<FakeAtariEnv>(), "time-limit"), GymError);
}

}  // namespace
}  // namespace ag::gym
