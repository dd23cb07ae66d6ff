// Env::save_state / load_state and VectorEnv's: a restored env (the same one
// rewound, or a freshly made one) continues exactly as the saved one did,
// across episode ends, sticky actions and stochastic frame skips; bad states
// give a GymError that says what is wrong and change nothing.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "fake_atari_env.hpp"
#include "gym/record_episode_statistics.hpp"
#include "gym/registry.hpp"
#include "gym/time_limit.hpp"
#include "support/paths.hpp"

namespace ag::gym {
namespace {

using Bytes = std::vector<uint8_t>;

const std::vector<std::string> kDqn = {"atari-preprocessing:terminal_on_life_loss=true,noop_max=30",
                                       "frame-stack:stack_size=4"};

std::unique_ptr<Env> make_env(const std::string& id, const Options& options,
                              const std::vector<std::string>& wrappers) {
  return make_wrapped(id, options, wrappers, {test::shared_dir() / "roms"});
}

Bytes save(const Env& env) {
  emu::StateWriter w;
  env.save_state(w);
  return w.bytes();
}

void load(Env& env, const Bytes& state) {
  emu::StateReader r(state);
  env.load_state(r);
  EXPECT_TRUE(r.at_end()) << "load_state reads the whole state";
}

// The message of the GymError `f` throws ("" and a test failure if none).
template <class F>
std::string gym_error(F&& f) {
  try {
    f();
  } catch (const GymError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no GymError";
  return "";
}

Bytes obs_bytes(const Observation& obs) {
  const auto* p = static_cast<const uint8_t*>(obs.data());
  return Bytes(p, p + obs.num_bytes());
}

// FNV-1a: runs are compared by observation hashes (float RGB stacks are big).
uint64_t hash(const void* data, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; ++i) h = (h ^ static_cast<const uint8_t*>(data)[i]) * 1099511628211ull;
  return h;
}

// Everything a step or reset hands back; episode.t is wall time, left out.
struct Record {
  uint64_t obs = 0;
  double reward = 0;
  bool terminated = false, truncated = false, reset = false;
  int lives = 0, episode_frame = 0, frame = 0;
  std::optional<double> raw_reward;
  std::optional<double> episode_r;
  std::optional<int64_t> episode_l;
  bool operator==(const Record&) const = default;
};

Record record(const Observation& obs, const Info& info) {
  Record r;
  r.obs = hash(obs.data(), obs.num_bytes());
  r.lives = info.lives;
  r.episode_frame = info.episode_frame_number;
  r.frame = info.frame_number;
  r.raw_reward = info.raw_reward;
  if (info.episode) r.episode_r = info.episode->r, r.episode_l = info.episode->l;
  return r;
}

// Steps through `actions`, resetting (without a seed) after an episode end.
std::vector<Record> run(Env& env, const std::vector<int>& actions) {
  std::vector<Record> out;
  for (int a : actions) {
    StepResult s = env.step(a);
    Record r = record(s.obs, s.info);
    r.reward = s.reward;
    r.terminated = s.terminated;
    r.truncated = s.truncated;
    out.push_back(std::move(r));
    if (s.terminated || s.truncated) {
      ResetResult rr = env.reset();
      Record rec = record(rr.obs, rr.info);
      rec.reset = true;
      out.push_back(std::move(rec));
    }
  }
  return out;
}

std::vector<int> random_actions(int n, int num_actions, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<int> a(n);
  for (int& x : a) x = static_cast<int>(rng() % num_actions);
  return a;
}

int episode_ends(const std::vector<Record>& rs) {
  int n = 0;
  for (const auto& r : rs) n += r.reset;
  return n;
}

void expect_same_runs(const std::vector<Record>& want, const std::vector<Record>& got,
                      const std::string& what) {
  ASSERT_EQ(want.size(), got.size()) << what;
  for (size_t t = 0; t < want.size(); ++t) {
    ASSERT_EQ(want[t].obs, got[t].obs) << what << ": observation differs at record " << t;
    ASSERT_TRUE(want[t] == got[t])
        << what << ": record " << t << " differs (reward " << want[t].reward << " vs "
        << got[t].reward << ", lives " << want[t].lives << " vs " << got[t].lives << ")";
  }
}

// reset(seed), 300 random steps, save; K steps recorded; then the same K
// actions from the loaded state, in the same env (rewound) and in a fresh one.
void check_round_trip(const std::string& id, const Options& options,
                      const std::vector<std::string>& wrappers, int min_episode_ends,
                      bool state_bytes_stable = true) {
  SCOPED_TRACE(id + " with " + std::to_string(wrappers.size()) + " wrappers");
  constexpr int kWarmup = 300, kSteps = 500;
  auto env = make_env(id, options, wrappers);
  env->reset(11);
  const int n = env->action_space().n;
  run(*env, random_actions(kWarmup, n, 1));
  const Bytes state = save(*env);
  const Bytes obs_at_save = obs_bytes(env->observation());
  const auto actions = random_actions(kSteps, n, 2);
  const auto first = run(*env, actions);
  EXPECT_GE(episode_ends(first), min_episode_ends) << "episode ends are exercised";

  load(*env, state);
  EXPECT_TRUE(obs_bytes(env->observation()) == obs_at_save)
      << "the observation after a load is the one at save time";
  if (state_bytes_stable) {
    EXPECT_TRUE(save(*env) == state) << "save after load gives the same bytes";
  }
  expect_same_runs(first, run(*env, actions), "the same env, rewound");

  auto fresh = make_env(id, options, wrappers);  // never reset, seeded from the OS
  load(*fresh, state);
  if (state_bytes_stable) {
    EXPECT_TRUE(save(*fresh) == state) << "a fresh env takes every saved field";
  }
  expect_same_runs(first, run(*fresh, actions), "a fresh env");
}

TEST(EnvState, DqnStackOnSpaceInvadersContinuesExactly) {
  // v5: sticky actions (0.25); life loss ends episodes: several in 500 steps.
  check_round_trip("ALE/SpaceInvaders-v5", {{"frameskip", 1}}, kDqn, 2);
}

TEST(EnvState, PlainAtariEnvContinuesExactly) {
  check_round_trip("ALE/SpaceInvaders-v5", {{"max_num_frames_per_episode", 400}}, {}, 2);
  // Stochastic frame skip from np_random, sticky actions, grayscale.
  check_round_trip("SpaceInvaders-v0", {{"obs_type", "grayscale"}},
                   {"time-limit:max_episode_steps=150"}, 2);
  check_round_trip("Pong-ramNoFrameskip-v4", {}, {"time-limit:max_episode_steps=200"}, 2);
}

TEST(EnvState, EveryWrapperContinuesExactly) {
  // Each small wrapper with its state mid-episode; TimeLimit makes episodes end.
  check_round_trip("ALE/SpaceInvaders-v5", {{"frameskip", 1}},
                   {"episodic-life", "fire-reset", "skip-frame:skip=4", "clip-reward",
                    "time-limit:max_episode_steps=120", "action-space:actions=0,1,3"},
                   2);
  // RecordEpisodeStatistics' clock continues from the saved elapsed time, so
  // its state bytes are not stable; its returns and lengths are exact.
  check_round_trip("ALE/Breakout-v5", {{"frameskip", 1}},
                   {"atari-preprocessing:noop_max=10", "fire-reset", "clip-reward",
                    "time-limit:max_episode_steps=90", "record-episode-statistics:buffer_length=3"},
                   2, /*state_bytes_stable=*/false);
  // RGB, unfused pooling, float observations, zero padding.
  check_round_trip(
      "ALE/Pong-v5", {{"frameskip", 1}},
      {"atari-preprocessing:grayscale_obs=false,scale_obs=true,frame_skip=3",
       "frame-stack:stack_size=3,padding_type=zero", "time-limit:max_episode_steps=60"},
      2);
}

TEST(EnvState, RecordEpisodeStatisticsKeepsItsQueues) {
  const std::vector<std::string> wrappers = {"time-limit:max_episode_steps=40",
                                             "record-episode-statistics:buffer_length=3"};
  auto env = make_env("ALE/Breakout-v5", {}, wrappers);
  env->reset(1);
  run(*env, random_actions(100, env->action_space().n, 1));  // 2 episodes: queues not full
  const Bytes state = save(*env);
  auto stats = [](Env& e) {
    auto& r = dynamic_cast<RecordEpisodeStatistics&>(e);
    return std::tuple(r.episode_count(), r.return_queue(), r.length_queue());
  };
  const auto at_save = stats(*env);
  EXPECT_EQ(std::get<0>(at_save), 2);
  const auto actions = random_actions(150, env->action_space().n, 2);
  const auto first = run(*env, actions);
  const auto after = stats(*env);
  auto fresh = make_env("ALE/Breakout-v5", {}, wrappers);
  load(*fresh, state);
  EXPECT_EQ(stats(*fresh), at_save);
  expect_same_runs(first, run(*fresh, actions), "a fresh env");
  EXPECT_EQ(stats(*fresh), after);
}

TEST(EnvState, BadStatesAreRefusedWithAClearMessageAndChangeNothing) {
  auto env = make_env("ALE/SpaceInvaders-v5", {{"frameskip", 1}}, kDqn);
  env->reset(3);
  run(*env, random_actions(100, env->action_space().n, 4));
  const Bytes state = save(*env);
  const auto actions = random_actions(200, env->action_space().n, 5);
  const auto want = run(*env, actions);
  load(*env, state);

  for (size_t keep : {size_t{0}, size_t{10}, state.size() / 2, state.size() - 1}) {
    const Bytes cut(state.begin(), state.begin() + keep);
    const std::string msg = gym_error([&] { load(*env, cut); });
    EXPECT_NE(msg.find("truncated"), std::string::npos) << keep << " bytes: " << msg;
  }
  Bytes garbage(state.size(), 0x5a);
  EXPECT_NE(gym_error([&] { load(*env, garbage); }).find("not an atari-gym env state"),
            std::string::npos);

  // Another wrapper stack: AtariPreprocessing's state where FrameStack's belongs.
  auto no_stack = make_env("ALE/SpaceInvaders-v5", {{"frameskip", 1}}, {kDqn[0]});
  no_stack->reset(3);
  std::string msg = gym_error([&] { load(*env, save(*no_stack)); });
  EXPECT_NE(msg.find("expected FrameStackObservation's state here, found AtariPreprocessing's"),
            std::string::npos)
      << msg;
  // The same stack with another setting.
  auto three =
      make_env("ALE/SpaceInvaders-v5", {{"frameskip", 1}}, {kDqn[0], "frame-stack:stack_size=3"});
  msg = gym_error([&] { load(*env, save(*three)); });
  EXPECT_NE(msg.find("stack_size 3, this env has 4"), std::string::npos) << msg;
  // Another game under the same stack.
  auto pong = make_env("ALE/Pong-v5", {{"frameskip", 1}}, kDqn);
  pong->reset(3);
  msg = gym_error([&] { load(*env, save(*pong)); });
  EXPECT_NE(msg.find("saved from ALE/Pong-v5 (game pong), this env is ALE/SpaceInvaders-v5"),
            std::string::npos)
      << msg;
  // Sticky actions are a setting, not state: a state of another probability is refused.
  auto unsticky = make_env("ALE/SpaceInvaders-v5",
                           {{"frameskip", 1}, {"repeat_action_probability", 0.0}}, kDqn);
  msg = gym_error([&] { load(*env, save(*unsticky)); });
  EXPECT_NE(msg.find("repeat_action_probability"), std::string::npos) << msg;

  // None of the refused loads changed the env (the last one failed deep
  // inside, after the wrappers had read their parts).
  expect_same_runs(want, run(*env, actions), "after refused loads");
}

TEST(EnvState, NpRandomStateRoundTrips) {
  NpRandom a(42);
  a.integers(0, 7);  // leaves half of a 64-bit draw buffered
  const Pcg64State saved = a.state();
  EXPECT_TRUE(saved.has_u32);
  std::vector<int64_t> want;
  for (int i = 0; i < 50; ++i) want.push_back(a.integers(0, 1000));
  NpRandom b(7);
  b.set_state(saved);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(b.integers(0, 1000), want[i]) << i;
  Pcg64State even = saved;
  even.inc_low &= ~uint64_t{1};
  EXPECT_THROW(b.set_state(even), std::invalid_argument);
}

TEST(EnvState, EnvsWithoutSaveStateSayWhich) {
  TimeLimit env(std::make_unique<test::FakeAtariEnv>(), 10);
  const std::string msg = gym_error([&] { save(env); });
  EXPECT_NE(msg.find("cannot save its state"), std::string::npos) << msg;
}

// ---- VectorEnv ----

struct VecRecord {
  uint64_t obs = 0;
  std::vector<double> rewards;
  std::vector<uint8_t> terminations, truncations, ended, has_final;
  std::vector<int> lives, frames;
  std::vector<uint64_t> final_obs;
  std::vector<int> final_frames;
  bool operator==(const VecRecord&) const = default;
};

VecRecord vec_record(const VectorEnv& v) {
  VecRecord r;
  const size_t n = static_cast<size_t>(v.num_envs());
  r.obs = hash(v.observations(), n * v.observation_bytes());
  r.rewards.assign(v.rewards().begin(), v.rewards().end());
  r.terminations.assign(v.terminations().begin(), v.terminations().end());
  r.truncations.assign(v.truncations().begin(), v.truncations().end());
  for (int i = 0; i < v.num_envs(); ++i) {
    r.ended.push_back(v.ended_last_step(i));
    r.has_final.push_back(v.has_final(i));
    r.lives.push_back(v.infos()[i].lives);
    r.frames.push_back(v.infos()[i].frame_number);
    r.final_obs.push_back(hash(v.final_observation(i), v.observation_bytes()));
    r.final_frames.push_back(v.final_info(i).frame_number);
  }
  return r;
}

std::vector<VecRecord> vec_run(VectorEnv& v, const std::vector<std::vector<int>>& actions) {
  std::vector<VecRecord> out;
  for (const auto& a : actions) {
    v.step(a);
    out.push_back(vec_record(v));
  }
  return out;
}

std::unique_ptr<VectorEnv> make_vec(int n, AutoresetMode mode, int threads = 2) {
  VectorEnvOptions o;
  o.num_threads = threads;
  o.autoreset_mode = mode;
  return make_vector("ALE/SpaceInvaders-v5", n, {{"frameskip", 1}}, kDqn, o,
                     {test::shared_dir() / "roms"});
}

Bytes save(const VectorEnv& v) {
  emu::StateWriter w;
  v.save_state(w);
  return w.bytes();
}

void load(VectorEnv& v, const Bytes& state) {
  emu::StateReader r(state);
  v.load_state(r);
  EXPECT_TRUE(r.at_end());
}

void check_vector_round_trip(AutoresetMode mode) {
  constexpr int kEnvs = 3, kWarmup = 300, kSteps = 500;
  auto vec = make_vec(kEnvs, mode);
  vec->reset(21);
  const int n = vec->single_action_space().n;
  std::vector<std::vector<int>> warmup, actions;
  for (int t = 0; t < kWarmup; ++t) warmup.push_back(random_actions(kEnvs, n, 100 + t));
  for (int t = 0; t < kSteps; ++t) actions.push_back(random_actions(kEnvs, n, 1000 + t));
  vec_run(*vec, warmup);
  // Save right after an episode end, with a NEXT_STEP reset pending.
  int extra = 0;
  auto ended_any = [&] {
    for (int i = 0; i < kEnvs; ++i)
      if (vec->ended_last_step(i)) return true;
    return false;
  };
  while (!ended_any()) {
    vec->step(random_actions(kEnvs, n, 500 + extra++));
    ASSERT_LT(extra, 2000) << "no episode ended";
  }
  const Bytes state = save(*vec);
  const VecRecord at_save = vec_record(*vec);
  const auto first = vec_run(*vec, actions);
  int ends = 0;
  for (const auto& r : first)
    for (uint8_t e : r.ended) ends += e;
  EXPECT_GE(ends, 3) << "autoresets are exercised";

  auto check = [&](VectorEnv& v, const char* what) {
    load(v, state);
    EXPECT_TRUE(vec_record(v) == at_save) << what << ": the last step's results after a load";
    EXPECT_TRUE(save(v) == state) << what << ": save after load gives the same bytes";
    const auto again = vec_run(v, actions);
    ASSERT_EQ(first.size(), again.size());
    for (size_t t = 0; t < first.size(); ++t)
      ASSERT_TRUE(first[t] == again[t]) << what << ": vector step " << t << " differs";
  };
  check(*vec, "the same vector, rewound");
  auto fresh = make_vec(kEnvs, mode, /*threads=*/1);  // never reset
  check(*fresh, "a fresh vector");
  EXPECT_TRUE(save(*fresh) == save(*vec)) << "both ended in the same state";
}

TEST(VectorEnvState, NextStepAutoresetContinuesExactly) {
  check_vector_round_trip(AutoresetMode::kNextStep);
}

TEST(VectorEnvState, SameStepAutoresetContinuesExactly) {
  check_vector_round_trip(AutoresetMode::kSameStep);
}

TEST(VectorEnvState, BadStatesAreRefusedAndChangeNothing) {
  auto vec = make_vec(3, AutoresetMode::kNextStep);
  vec->reset(5);
  std::vector<std::vector<int>> actions;
  for (int t = 0; t < 100; ++t) actions.push_back(random_actions(3, 6, 7 + t));
  vec_run(*vec, actions);
  const Bytes state = save(*vec);
  const VecRecord at_save = vec_record(*vec);

  auto two = make_vec(2, AutoresetMode::kNextStep);
  std::string msg = gym_error([&] { load(*two, state); });
  EXPECT_NE(msg.find("saved from a vector of 3 envs, this one has 2"), std::string::npos) << msg;

  auto same_step = make_vec(3, AutoresetMode::kSameStep);
  msg = gym_error([&] { load(*same_step, state); });
  EXPECT_NE(msg.find("autoreset mode"), std::string::npos) << msg;

  // Cut inside env 2's state: envs 0 and 1 have loaded by then and must go back.
  const size_t env2_middle =
      12 + save(vec->env(0)).size() + save(vec->env(1)).size() + save(vec->env(2)).size() / 2;
  const Bytes cut(state.begin(), state.begin() + env2_middle);
  msg = gym_error([&] { load(*vec, cut); });
  EXPECT_NE(msg.find("truncated"), std::string::npos) << msg;
  EXPECT_TRUE(vec_record(*vec) == at_save);
  EXPECT_TRUE(save(*vec) == state) << "a refused load leaves the vector as it was";

  vec->send(actions[0]);
  EXPECT_THROW(save(*vec), GymError) << "no save while a step is in flight";
  vec->recv();
}

}  // namespace
}  // namespace ag::gym
