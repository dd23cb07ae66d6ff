// Corrupt states and out-of-range arguments reaching AleEnv: each is a clear
// EnvError (and a refused state changes nothing) or, where ALE defines a
// result, that result; never undefined behaviour. Most cases were found by
// fuzz/env_state_fuzzer.cpp; run these under AG_SANITIZE to see the UB ones.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "env/ale_env.hpp"
#include "support/ale_settings.hpp"
#include "support/paths.hpp"

using namespace ag::env;

namespace {

using ag::test::no_sticky;

// Pong: 2K cartridge, paddles.
std::unique_ptr<AleEnv> pong() {
  const auto rom = ag::test::rom_path("pong");
  if (!std::filesystem::exists(rom)) return nullptr;
  return std::make_unique<AleEnv>(rom, no_sticky());
}

// The environment's own fields close a state saved without the RNG; offsets
// from its end: left paddle -41, right paddle -37, frame -33, episode frame
// -29, mode -25, difficulty -21, last A -17, last B -13, strength A -9,
// strength B -5, RNG flag -1. Before them, the game logic's reward, score,
// lives (int32 each), terminal flag and 5 int32 memo values.
constexpr size_t kTail = 41;
constexpr size_t kLogic = 33;

template <class T>
AleState with_field(AleState s, size_t from_end, T value) {
  if (s.bytes.size() < from_end) throw std::logic_error("state shorter than its tail");
  std::memcpy(&s.bytes[s.bytes.size() - from_end], &value, sizeof value);
  return s;
}

// The RIOT's saved state: tag "RIO1", 128 bytes RAM, timer, interval shift,
// cycle when the timer was set, cycle of the first read past expiry, flag.
size_t riot_offset(const AleState& s) {
  const uint8_t tag[4] = {0x31, 0x4F, 0x49, 0x52};
  auto it = std::search(s.bytes.begin(), s.bytes.end(), tag, tag + 4);
  return it == s.bytes.end() ? 0 : static_cast<size_t>(it - s.bytes.begin());
}

}  // namespace

// Fuzz crash: the console was loaded before a later field was refused.
TEST(AleEnvBadInput, RefusedStateLeavesTheEnvironmentAsItWas) {
  auto env = pong();
  if (!env) GTEST_SKIP();
  AleState old = env->clone_state();
  for (int i = 0; i < 30; ++i) env->act(RIGHT);
  const AleState before = env->clone_state(true);

  AleState trailing = old;
  trailing.bytes.push_back(0);
  EXPECT_THROW(env->restore_state(trailing), EnvError);
  EXPECT_EQ(env->clone_state(true).bytes, before.bytes);

  AleState bad_mode = with_field(old, 25, int32_t{12345});
  EXPECT_THROW(env->restore_state(bad_mode), EnvError);
  EXPECT_EQ(env->clone_state(true).bytes, before.bytes);
}

TEST(AleEnvBadInput, OutOfRangeEnvironmentFieldsAreRefused) {
  auto env = pong();
  if (!env) GTEST_SKIP();
  const AleState s = env->clone_state();
  ASSERT_NO_THROW(env->restore_state(s));
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::pair<const char*, AleState> cases[] = {
      {"left paddle", with_field(s, 41, int32_t{-5})},
      {"right paddle", with_field(s, 37, int32_t{2000000})},
      {"frame number", with_field(s, 33, int32_t{-1})},
      {"episode frame", with_field(s, 29, int32_t{-1})},
      {"mode", with_field(s, 25, int32_t{99})},
      {"difficulty", with_field(s, 21, int32_t{-7})},
      {"last action A", with_field(s, 17, std::numeric_limits<int32_t>::min())},
      {"last action B", with_field(s, 13, int32_t{41})},
      {"strength A", with_field(s, 9, nan)},
      {"strength B", with_field(s, 5, nan)},
      {"RNG flag", with_field(s, 1, uint8_t{2})},
  };
  for (const auto& [what, state] : cases) {
    try {
      env->restore_state(state);
      ADD_FAILURE() << "accepted a state with a bad " << what;
    } catch (const EnvError& e) {
      EXPECT_NE(std::string(e.what()).find("corrupt environment state"), std::string::npos)
          << what << ": " << e.what();
    }
  }
}

// Game logic values far out of range would overflow reward = score - previous.
TEST(AleEnvBadInput, OutOfRangeGameLogicValuesAreRefused) {
  auto env = pong();
  if (!env) GTEST_SKIP();
  const AleState s = env->clone_state();
  const size_t logic = kTail + kLogic;  // from the end: reward, score, lives, ...
  EXPECT_THROW(env->restore_state(with_field(s, logic - 4, std::numeric_limits<int32_t>::min())),
               EnvError);
  EXPECT_THROW(env->restore_state(with_field(s, logic, int32_t{1} << 30)), EnvError);
  EXPECT_THROW(env->restore_state(with_field(s, logic - 13, int32_t{-(1 << 30)})), EnvError);
}

// Fuzz crashes (UB under AG_SANITIZE, in Riot::read_timer): a RIOT state whose
// cycle stamps are ~2^31 cycles away from the clock makes INTIM's int
// arithmetic overflow when the game reads it. Such a state must be refused or
// run. The overflow needs the distance within timer << shift of 2^31, and the
// clock at the read is unknown here (0..~30000 into the frame): sweep it.
TEST(AleEnvBadInput, RiotTimerStampsFarFromTheClockDoNotOverflow) {
  const auto rom = ag::test::rom_path("space_invaders");  // reads INTIM every frame
  if (!std::filesystem::exists(rom)) GTEST_SKIP();
  AleEnv env(rom, no_sticky());
  const AleState s = env.clone_state();
  const size_t riot = riot_offset(s);
  ASSERT_NE(riot, 0u);
  const size_t timer_set = riot + 4 + 128 + 8, interrupt_read = timer_set + 4,
               flag = interrupt_read + 4;
  auto run = [&](int32_t set_at, int32_t read_at, bool read_after_interrupt) {
    AleState t = s;
    std::memcpy(t.bytes.data() + timer_set, &set_at, 4);
    std::memcpy(t.bytes.data() + interrupt_read, &read_at, 4);
    t.bytes[flag] = read_after_interrupt ? 1 : 0;
    try {
      env.restore_state(t);
    } catch (const EnvError&) {
      return;
    }
    for (int i = 0; i < 3; ++i) env.act(NOOP);
  };
  constexpr int32_t kFar = std::numeric_limits<int32_t>::min();
  for (int32_t m = 0; m <= 32000; m += 1000) run(kFar + m, 0, false);
  run(kFar + 20000, kFar + 20000 + 0x7F000000, true);
}

TEST(AleEnvBadInput, ActionIdsOutsideAlesRangeAreErrors) {
  auto env = pong();
  if (!env) GTEST_SKIP();
  for (int bad : {-1, 41, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()}) {
    EXPECT_THROW(env->act(static_cast<Action>(bad)), EnvError) << bad;
    EXPECT_THROW(env->act(NOOP, static_cast<Action>(bad)), EnvError) << bad;
  }
  EXPECT_NO_THROW(env->act(RESET));
  EXPECT_NO_THROW(env->act(NOOP, static_cast<Action>(35)));
}

// 23000 * strength was cast to int unchecked (UB beyond ~93000, or NaN).
// Any strength above 34 moves the paddle across its whole range, so a huge one
// must act exactly as 34 does; NaN is an error.
TEST(AleEnvBadInput, HugePaddleStrengthSaturatesAndNanIsAnError) {
  auto a = pong(), b = pong();
  if (!a) GTEST_SKIP();
  for (int i = 0; i < 3; ++i) {
    a->act(RIGHT, 1e30f);
    b->act(RIGHT, 34.0f);
    a->act(LEFT, -std::numeric_limits<float>::infinity());
    b->act(LEFT, 34.0f);
  }
  // Everything but the remembered strengths (sticky-action memory) must match.
  auto without_strengths = [](AleState s) {
    return with_field(with_field(s, 9, 0.0f), 5, 0.0f).bytes;
  };
  EXPECT_EQ(without_strengths(a->clone_state()), without_strengths(b->clone_state()));
  EXPECT_THROW(a->act(RIGHT, std::numeric_limits<float>::quiet_NaN()), EnvError);
}

TEST(AleEnvBadInput, NanRepeatActionProbabilityIsAnError) {
  const auto rom = ag::test::rom_path("pong");
  if (!std::filesystem::exists(rom)) GTEST_SKIP();
  AleSettings s;
  s.repeat_action_probability = std::numeric_limits<float>::quiet_NaN();
  EXPECT_THROW({ AleEnv env(rom, s); }, EnvError);
}
