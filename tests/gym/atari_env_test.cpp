// AtariEnv and the registry on real games: ale-py's ids, defaults, seeding,
// spaces, errors, and the 108000-frame truncation.
#include "gym/atari_env.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>

#include "env/game.hpp"
#include "gym/atari_preprocessing.hpp"
#include "gym/episodic_life.hpp"
#include "gym/registry.hpp"
#include "support/paths.hpp"

namespace ag::gym {
namespace {

std::vector<std::filesystem::path> rom_dirs() {
  return {test::shared_dir() / "roms"};
}

std::unique_ptr<Env> make_env(std::string_view id, const Options& o = {}) {
  return make(id, o, rom_dirs());
}

uint32_t crc(const Observation& obs) {
  return static_cast<uint32_t>(
      crc32(0, static_cast<const Bytef*>(obs.data()), static_cast<uInt>(obs.num_bytes())));
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Registry, IdsFollowAlePysConventions) {
  const AtariEnvConfig v5 = make_config("ALE/SpaceInvaders-v5");
  EXPECT_EQ(v5.game, "space_invaders");
  EXPECT_EQ(v5.frameskip, 4);
  EXPECT_EQ(v5.frameskip_high, 0);
  EXPECT_FLOAT_EQ(v5.repeat_action_probability, 0.25f);
  EXPECT_FALSE(v5.full_action_space);
  EXPECT_EQ(v5.max_num_frames_per_episode, 108000);
  EXPECT_EQ(v5.obs_type, ObsType::kRgb);

  const AtariEnvConfig nfs = make_config("SpaceInvadersNoFrameskip-v4");
  EXPECT_EQ(nfs.frameskip, 1);
  EXPECT_FLOAT_EQ(nfs.repeat_action_probability, 0.0f);
  EXPECT_EQ(nfs.max_num_frames_per_episode, 108000);

  const AtariEnvConfig v4 = make_config("Breakout-v4");
  EXPECT_EQ(v4.frameskip, 2);
  EXPECT_EQ(v4.frameskip_high, 5);  // uniform in {2, 3, 4}
  EXPECT_FLOAT_EQ(v4.repeat_action_probability, 0.0f);

  EXPECT_EQ(make_config("SpaceInvadersDeterministic-v4").frameskip, 3);
  EXPECT_EQ(make_config("BreakoutDeterministic-v4").frameskip, 4);
  EXPECT_FLOAT_EQ(make_config("PongNoFrameskip-v0").repeat_action_probability, 0.25f);
  EXPECT_EQ(make_config("Pong-ramNoFrameskip-v4").obs_type, ObsType::kRam);
}

TEST(Registry, EveryGameHasItsIds) {
  EXPECT_EQ(game_id_name("space_invaders"), "SpaceInvaders");
  EXPECT_EQ(game_id_name("tic_tac_toe_3d"), "TicTacToe3D");
  EXPECT_EQ(game_id_name("up_n_down"), "UpNDown");
  EXPECT_EQ(game_id_name("pitfall2"), "Pitfall2");
  for (const auto& g : env::all_games()) {
    const std::string name = game_id_name(g.rom);
    for (const std::string& id :
         {"ALE/" + name + "-v5", name + "-v4", name + "NoFrameskip-v4", name + "Deterministic-v4"})
      EXPECT_NE(find_env_spec(id), nullptr) << id;
  }
}

TEST(Registry, GameTitlesAgreeWithAlePysNames) {
  for (const auto& g : env::all_games()) EXPECT_EQ(g.title, game_id_name(g.rom)) << g.rom;
}

TEST(Registry, UnknownIdsAndOptionsNameCloseMatches) {
  std::string e = error_of([] { make_config("ALE/SpaceInvader-v5"); });
  EXPECT_NE(e.find("ALE/SpaceInvaders-v5"), std::string::npos) << e;
  e = error_of([] { make_config("SpaceInvaders-v5"); });
  EXPECT_NE(e.find("ALE/SpaceInvaders-v5"), std::string::npos) << e;
  e = error_of([] { make_config("ALE/Pong-v5", {{"frame_skip", 1}}); });
  EXPECT_NE(e.find("did you mean frameskip"), std::string::npos) << e;
  e = error_of([] { make_config("ALE/Pong-v5", {{"repeat_action_prob", 0.0}}); });
  EXPECT_NE(e.find("repeat_action_probability"), std::string::npos) << e;
  EXPECT_THROW(make_config("ALE/Pong-v5", {{"obs_type", "hsv"}}), GymError);
  EXPECT_THROW(make_config("ALE/Pong-v5", {{"frameskip", "5,2"}}), GymError);
  EXPECT_THROW(make_config("ALE/Pong-v5", {{"frameskip", "x"}}), GymError);
  EXPECT_THROW(make_config("ALE/Pong-v5", {{"render_mode", "human"}}), GymError);
  EXPECT_THROW(make_env("ALE/Pong-v5", {{"mode", 99}}), GymError);
}

TEST(AtariEnv, SpacesAndActionMeaningsAreGymnasiums) {
  auto env = make_env("ALE/SpaceInvaders-v5");
  EXPECT_EQ(env->action_space().str(), "Discrete(6)");
  EXPECT_EQ(env->observation_space().str(), "Box(0, 255, (210, 160, 3), uint8)");
  EXPECT_EQ(env->action_meanings(),
            (std::vector<std::string>{"NOOP", "FIRE", "RIGHT", "LEFT", "RIGHTFIRE", "LEFTFIRE"}));
  EXPECT_EQ(make_env("ALE/SpaceInvaders-v5", {{"full_action_space", true}})->action_space().n, 18);
  EXPECT_EQ(make_env("ALE/Pong-v5", {{"obs_type", "grayscale"}})->observation_space().str(),
            "Box(0, 255, (210, 160), uint8)");
  EXPECT_EQ(make_env("ALE/Pong-v5", {{"obs_type", "ram"}})->observation_space().str(),
            "Box(0, 255, (128,), uint8)");
  EXPECT_EQ(make_env("ALE/Pong-v5", {{"max_episode_steps", 10}})->name(),
            "TimeLimit<AtariEnv<ALE/Pong-v5>>");
}

TEST(AtariEnv, SeededResetReportsAlePysSeeds) {
  auto env = make_env("ALE/Pong-v5");
  const ResetResult r = env->reset(0);
  ASSERT_TRUE(r.info.seeds.has_value());
  // NumPy: SeedSequence(0).generate_state(2)
  EXPECT_EQ(r.info.seeds->np_seed, 2968811710u);
  EXPECT_EQ(r.info.seeds->ale_seed, 3677149159u);
  EXPECT_FALSE(env->reset().info.seeds.has_value());
}

TEST(AtariEnv, SeededResetIsAFreshStartWhateverHappenedBefore) {
  auto a = make_env("ALE/Breakout-v5");
  auto b = make_env("ALE/Breakout-v5");
  a->reset(3);
  std::mt19937 rng(5);
  for (int t = 0; t < 300; ++t) {
    if (auto s = a->step(static_cast<int>(rng() % 4)); s.terminated || s.truncated) a->reset();
  }
  const uint32_t ca = crc(a->reset(3).obs), cb = crc(b->reset(3).obs);
  EXPECT_EQ(ca, cb);
  for (int t = 0; t < 500; ++t) {
    const int act = static_cast<int>(rng() % 4);
    const StepResult sa = a->step(act), sb = b->step(act);
    ASSERT_EQ(crc(sa.obs), crc(sb.obs)) << "step " << t;
    ASSERT_EQ(sa.reward, sb.reward);
    ASSERT_EQ(sa.terminated, sb.terminated);
    if (sa.terminated || sa.truncated) {
      a->reset();
      b->reset();
    }
  }
}

TEST(AtariEnv, ObservationIsTheScreenInTheChosenFormat) {
  auto rgb = make_env("ALE/Pong-v5");
  auto gray = make_env("ALE/Pong-v5", {{"obs_type", "grayscale"}});
  rgb->reset(1);
  gray->reset(1);
  auto& ale = dynamic_cast<AtariEnv&>(gray->unwrapped()).ale();
  std::vector<uint8_t> want(210 * 160);
  ale.screen_grayscale(want.data());
  const auto obs = gray->observation().u8();
  EXPECT_TRUE(std::equal(want.begin(), want.end(), obs.begin()));
  std::vector<uint8_t> want_rgb(210 * 160 * 3);
  dynamic_cast<AtariEnv&>(rgb->unwrapped()).ale().screen_rgb(want_rgb.data());
  const auto obs_rgb = rgb->observation().u8();
  EXPECT_TRUE(std::equal(want_rgb.begin(), want_rgb.end(), obs_rgb.begin()));
}

TEST(AtariEnv, TruncatedNotTerminatedAtThe108000FrameLimit) {
  // Montezuma's Revenge: standing still on the first screen is safe, so only
  // the frame limit ends the episode: 108000 frames = 27000 steps of 4.
  auto env = make_env("ALE/MontezumaRevenge-v5");
  env->reset(0);
  for (int t = 1; t < 27000; ++t) {
    const StepResult s = env->step(0);
    ASSERT_FALSE(s.terminated) << "step " << t;
    ASSERT_FALSE(s.truncated) << "step " << t;
  }
  const StepResult last = env->step(0);
  EXPECT_TRUE(last.truncated);
  EXPECT_FALSE(last.terminated);
  EXPECT_EQ(last.info.episode_frame_number, 108000);
  EXPECT_EQ(env->reset().info.episode_frame_number, 0);
}

TEST(AtariEnv, MaxNumFramesOptionTruncatesEarlier) {
  auto env = make_env("MontezumaRevengeNoFrameskip-v4", {{"max_num_frames_per_episode", 1000}});
  env->reset(0);
  for (int t = 1; t < 1000; ++t) ASSERT_FALSE(env->step(0).truncated) << t;
  EXPECT_TRUE(env->step(0).truncated);
}

TEST(AtariPreprocessingOnAle, NoopsAtResetAreGymnasiumsCount) {
  // NumPy draws 22 for reset(seed=0); each noop is one frame at frameskip 1.
  auto env = std::make_unique<AtariPreprocessing>(make_env("ALE/Pong-v5", {{"frameskip", 1}}));
  const ResetResult r = env->reset(0);
  EXPECT_EQ(r.info.episode_frame_number, 22);
  EXPECT_EQ(env->step(0).info.episode_frame_number, 26);
  EXPECT_THROW(AtariPreprocessing(make_env("ALE/Pong-v5")), GymError) << "v5 skips frames itself";
}

// Plays random actions until a life is lost (without the game ending).
template <class E>
StepResult play_until_life_lost(E& env, int start_lives) {
  std::mt19937 rng(11);
  for (int t = 0; t < 20000; ++t) {
    StepResult s = env.step(static_cast<int>(rng() % env.action_space().n));
    if (s.info.lives < start_lives) return s;
  }
  ADD_FAILURE() << "no life lost";
  return env.step(0);
}

TEST(LifeLossOnAle, GymnasiumResetRestartsEpisodicLifeContinues) {
  AtariPreprocessingOptions o;
  o.terminal_on_life_loss = true;
  AtariPreprocessing restart(make_env("ALE/SpaceInvaders-v5", {{"frameskip", 1}}), o);
  const int lives = restart.reset(0).info.lives;
  const StepResult lost = play_until_life_lost(restart, lives);
  EXPECT_TRUE(lost.terminated);
  EXPECT_EQ(restart.reset().info.lives, lives) << "a new game";

  AtariPreprocessingOptions plain;
  EpisodicLife cont(std::make_unique<AtariPreprocessing>(
      make_env("ALE/SpaceInvaders-v5", {{"frameskip", 1}}), plain));
  cont.reset(0);
  const StepResult lost2 = play_until_life_lost(cont, lives);
  EXPECT_TRUE(lost2.terminated);
  const ResetResult again = cont.reset();
  EXPECT_EQ(again.info.lives, lost2.info.lives) << "the same game goes on";
  EXPECT_GT(again.info.episode_frame_number, lost2.info.episode_frame_number);
}

}  // namespace
}  // namespace ag::gym
