// VectorEnv on scripted envs: autoreset modes, final observations, the
// contiguous buffer, send/recv, and agreement with single envs.
#include "gym/vector_env.hpp"

#include <gtest/gtest.h>

#include <cstring>

#include "fake_atari_env.hpp"

namespace ag::gym {
namespace {

using test::FakeAtariEnv;
using test::FakeScript;

// 1x2 screens showing 100 + the episode frame; env i's game ends at frame 3 + i.
FakeScript script_for(int i) {
  FakeScript s;
  s.height = 1;
  s.width = 2;
  s.game_over_frame = 3 + i;
  s.pixel = [](int f, int, int, int) { return static_cast<uint8_t>(100 + f); };
  return s;
}

std::unique_ptr<VectorEnv> make_vec(int n, AutoresetMode mode, int threads = 2,
                                    std::vector<FakeAtariEnv*>* fakes = nullptr) {
  VectorEnvOptions o;
  o.num_threads = threads;
  o.autoreset_mode = mode;
  return std::make_unique<VectorEnv>(
      n,
      [&](int i) {
        auto e = std::make_unique<FakeAtariEnv>(script_for(i));
        if (fakes) fakes->push_back(e.get());
        return e;
      },
      o);
}

uint8_t obs_of(const VectorEnv& v, int i) {
  return v.observations_u8()[i * 2];
}
uint8_t final_obs_of(const VectorEnv& v, int i) {
  return static_cast<const uint8_t*>(v.final_observation(i))[0];
}

TEST(VectorEnv, ObservationsAreOneContiguousBufferTheEnvsWriteInto) {
  std::vector<FakeAtariEnv*> fakes;
  auto v = make_vec(3, AutoresetMode::kNextStep, 2, &fakes);
  EXPECT_EQ(v->observation_shape(), (std::vector<int>{3, 1, 2}));
  v->reset(0);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(fakes[i]->observation_data(), v->observations_u8() + i * 2);
    EXPECT_EQ(obs_of(*v, i), 100);
  }
}

TEST(VectorEnv, NextStepAutoresetKeepsTheFinalObservation) {
  std::vector<FakeAtariEnv*> fakes;
  auto v = make_vec(2, AutoresetMode::kNextStep, 2, &fakes);
  v->reset(7);
  const std::vector<int> ones = {1, 1};
  v->step(ones);
  v->step(ones);
  v->step(ones);  // env 0 ends at frame 3
  EXPECT_EQ(v->terminations()[0], 1);
  EXPECT_EQ(v->terminations()[1], 0);
  EXPECT_EQ(obs_of(*v, 0), 103) << "the final observation is the step's observation";
  EXPECT_EQ(v->rewards()[0], 1.0);
  EXPECT_TRUE(v->ended_last_step(0));
  ASSERT_TRUE(v->has_final(0));
  EXPECT_EQ(final_obs_of(*v, 0), 103);
  EXPECT_EQ(v->final_info(0).episode_frame_number, 3);

  v->step(ones);  // env 0 is reset instead of stepped; env 1 ends at frame 4
  EXPECT_EQ(fakes[0]->resets, 2);
  EXPECT_EQ(fakes[0]->steps, 3) << "the action was not applied";
  EXPECT_EQ(obs_of(*v, 0), 100);
  EXPECT_EQ(v->rewards()[0], 0.0);
  EXPECT_EQ(v->terminations()[0], 0);
  EXPECT_EQ(v->truncations()[0], 0);
  EXPECT_EQ(v->infos()[0].episode_frame_number, 0);
  EXPECT_FALSE(v->ended_last_step(0));
  EXPECT_EQ(final_obs_of(*v, 0), 103) << "kept until the next episode ends";
  EXPECT_EQ(v->terminations()[1], 1);
  EXPECT_EQ(final_obs_of(*v, 1), 104);

  v->step(ones);
  EXPECT_EQ(obs_of(*v, 0), 101);
  EXPECT_EQ(obs_of(*v, 1), 100);
}

TEST(VectorEnv, SameStepAutoresetReturnsTheResetObservationAndTheFinalOneApart) {
  std::vector<FakeAtariEnv*> fakes;
  auto v = make_vec(1, AutoresetMode::kSameStep, 1, &fakes);
  v->reset(7);
  const std::vector<int> two = {2};
  v->step(two);
  v->step(two);
  v->step(two);
  EXPECT_EQ(v->terminations()[0], 1) << "flags and reward are the final step's";
  EXPECT_EQ(v->rewards()[0], 2.0);
  EXPECT_EQ(obs_of(*v, 0), 100) << "observation is the new episode's";
  EXPECT_EQ(v->infos()[0].episode_frame_number, 0);
  EXPECT_EQ(final_obs_of(*v, 0), 103);
  EXPECT_EQ(v->final_info(0).episode_frame_number, 3);
  EXPECT_EQ(fakes[0]->resets, 2);
  v->step(two);
  EXPECT_EQ(obs_of(*v, 0), 101);
  EXPECT_EQ(v->terminations()[0], 0);
}

TEST(VectorEnv, DisabledAutoresetRequiresAMaskedReset) {
  auto v = make_vec(2, AutoresetMode::kDisabled, 2);
  v->reset(0);
  const std::vector<int> zeros = {0, 0};
  for (int k = 0; k < 3; ++k) v->step(zeros);
  EXPECT_EQ(v->terminations()[0], 1);
  const std::vector<uint8_t> mask = {1, 0};
  v->reset(std::nullopt, mask);
  EXPECT_EQ(obs_of(*v, 0), 100);
  EXPECT_EQ(obs_of(*v, 1), 103) << "masked out: untouched";
  v->step(zeros);  // env 1 ends at frame 4
  EXPECT_EQ(obs_of(*v, 0), 101);
  EXPECT_EQ(v->terminations()[1], 1);
  EXPECT_THROW(v->step(zeros), GymError) << "env 1 was not reset";
}

TEST(VectorEnv, SeedsArePerEnvSeedPlusIndex) {
  std::vector<FakeAtariEnv*> fakes;
  auto v = make_vec(3, AutoresetMode::kNextStep, 2, &fakes);
  v->reset(40);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(fakes[i]->reset_seeds.back(), std::optional<uint64_t>(40 + i));
    const auto s = atari_seeds(40 + i);
    ASSERT_TRUE(v->infos()[i].seeds.has_value());
    EXPECT_EQ(v->infos()[i].seeds->np_seed, s.np_seed);
  }
  v->reset();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(fakes[i]->reset_seeds.back(), std::nullopt);
}

TEST(VectorEnv, SendReturnsBeforeRecvAndResultsMatchSyncStepping) {
  auto a = make_vec(4, AutoresetMode::kNextStep, 2);
  auto b = make_vec(4, AutoresetMode::kNextStep, 1);
  a->reset(1);
  b->reset(1);
  for (int k = 0; k < 50; ++k) {
    std::vector<int> actions = {k % 4, (k + 1) % 4, (k + 2) % 4, (k * 3) % 4};
    a->send(actions);
    a->recv();
    b->step(actions);
    ASSERT_EQ(0, std::memcmp(a->observations(), b->observations(), 4 * 2));
    for (int i = 0; i < 4; ++i) {
      ASSERT_EQ(a->rewards()[i], b->rewards()[i]);
      ASSERT_EQ(a->terminations()[i], b->terminations()[i]);
    }
  }
}

TEST(VectorEnv, MisuseIsAnError) {
  auto v = make_vec(2, AutoresetMode::kNextStep, 2);
  v->reset(0);
  EXPECT_THROW(v->recv(), GymError);
  EXPECT_THROW(v->step(std::vector<int>{0}), GymError) << "one action for two envs";
  EXPECT_THROW(v->step(std::vector<int>{0, 9}), GymError) << "action outside Discrete(4)";
  v->send(std::vector<int>{0, 0});
  EXPECT_THROW(v->send(std::vector<int>{0, 0}), GymError);
  v->recv();
  EXPECT_THROW(VectorEnv(0, [](int) { return std::make_unique<FakeAtariEnv>(); }), GymError);
  EXPECT_THROW(VectorEnv(2,
                         [](int i) {
                           FakeScript s;
                           s.width = 10 + i;
                           return std::make_unique<FakeAtariEnv>(s);
                         }),
               GymError)
      << "different spaces";
}

TEST(VectorEnv, ASubEnvErrorSurfacesInRecv) {
  VectorEnvOptions o;
  o.num_threads = 2;
  // A factory making envs whose step throws once the episode frame reaches 2.
  VectorEnv v(
      2,
      [](int) {
        FakeScript s;
        s.reward = [](int frame, int) -> double {
          if (frame == 2) throw std::runtime_error("boom");
          return 0;
        };
        return std::make_unique<FakeAtariEnv>(s);
      },
      o);
  v.reset(0);
  v.step(std::vector<int>{0, 0});
  EXPECT_THROW(v.step(std::vector<int>{0, 0}), std::runtime_error);
}

}  // namespace
}  // namespace ag::gym
