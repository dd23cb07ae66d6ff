// The frame replay: stacks rebuilt from single frames across episode ends,
// ring wrap-around and truncation; n-step returns and discounts.
#include "agent/replay_buffer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace ag::agent {
namespace {

// Frames are 1 byte: frame value v stands for a whole picture.
constexpr int kStack = 4;

ReplayConfig config(int64_t capacity, int n_step = 1, int envs = 1) {
  ReplayConfig c;
  c.capacity = capacity;
  c.num_envs = envs;
  c.stack = kStack;
  c.frame_bytes = 1;
  c.n_step = n_step;
  c.gamma = 0.5;
  return c;
}

// An episode's observations: stack t holds frames (t-3..t), clamped at 0 as
// FrameStackObservation's reset padding repeats the first frame.
std::vector<uint8_t> stack_at(uint8_t base, int t) {
  std::vector<uint8_t> s(kStack);
  for (int i = 0; i < kStack; ++i) s[i] = static_cast<uint8_t>(base + std::max(0, t - (kStack - 1) + i));
  return s;
}

// Caches an episode of `steps` steps with frames base+0..base+steps, rewards 1,2,3,...
void episode(ReplayBuffer& r, uint8_t base, int steps, bool terminated, bool truncated,
             int env = 0) {
  for (int t = 0; t < steps; ++t) {
    const bool last = t == steps - 1;
    r.cache(env, stack_at(base, t).data(), stack_at(base, t + 1).data(), t % 3, float(t + 1),
            last && terminated, last && truncated);
  }
}

std::vector<uint8_t> state_of(const ReplayBatch& b, int row) {
  return {b.states.begin() + row * kStack, b.states.begin() + (row + 1) * kStack};
}
std::vector<uint8_t> next_of(const ReplayBatch& b, int row) {
  return {b.next_states.begin() + row * kStack, b.next_states.begin() + (row + 1) * kStack};
}

// Every valid slot, rebuilt: its stack and next stack must be the episode's.
TEST(ReplayBuffer, RebuildsStacksAcrossEpisodeEnds) {
  ReplayBuffer r(config(100));
  episode(r, 10, 5, true, false);
  episode(r, 50, 3, false, true);
  int valid = 0;
  for (int64_t s = 0; s < r.slots(); ++s) {
    if (!r.is_valid(s)) continue;
    ++valid;
    ReplayBatch b;
    const int64_t slots[] = {s};
    r.gather(slots, b);
    const uint8_t first = b.states[kStack - 1];
    const uint8_t base = first >= 50 ? 50 : 10;
    const int t = first - base;
    EXPECT_EQ(state_of(b, 0), stack_at(base, t)) << "slot " << s;
    EXPECT_EQ(next_of(b, 0), stack_at(base, t + 1)) << "slot " << s;
    EXPECT_EQ(b.actions[0], t % 3);
    EXPECT_FLOAT_EQ(b.returns[0], float(t + 1));
  }
  EXPECT_EQ(valid, 8);
  EXPECT_EQ(r.transitions(), 8);
}

TEST(ReplayBuffer, TerminalIsNotBootstrappedTruncationIs) {
  ReplayBuffer r(config(100));
  episode(r, 10, 2, true, false);   // slots 0..3 padding+first, 4, 5 final
  episode(r, 20, 2, false, true);
  std::vector<float> disc_term, disc_trunc;
  for (int64_t s = 0; s < r.slots(); ++s) {
    if (!r.is_valid(s)) continue;
    ReplayBatch b;
    const int64_t slots[] = {s};
    r.gather(slots, b);
    const bool second = b.states[kStack - 1] >= 20;
    const bool last = (b.states[kStack - 1] % 10) == 1;
    if (last) (second ? disc_trunc : disc_term).push_back(b.discounts[0]);
  }
  ASSERT_EQ(disc_term.size(), 1u);
  ASSERT_EQ(disc_trunc.size(), 1u);
  EXPECT_EQ(disc_term[0], 0.f);
  EXPECT_EQ(disc_trunc[0], 0.5f);  // gamma^1: bootstrapped from the final observation
}

TEST(ReplayBuffer, NStepReturnsStopAtTheEpisodeEnd) {
  ReplayBuffer r(config(100, 3));
  episode(r, 10, 5, true, false);  // rewards 1..5, gamma 0.5
  std::vector<std::pair<float, float>> seen(5, {-1.f, -1.f});
  std::vector<std::vector<uint8_t>> nexts(5);
  for (int64_t s = 0; s < r.slots(); ++s) {
    if (!r.is_valid(s)) continue;
    ReplayBatch b;
    const int64_t slots[] = {s};
    r.gather(slots, b);
    const int t = b.states[kStack - 1] - 10;
    seen[t] = {b.returns[0], b.discounts[0]};
    nexts[t] = next_of(b, 0);
  }
  // t=0: 1 + .5*2 + .25*3 = 2.75, discount .125, next = stack 3
  EXPECT_FLOAT_EQ(seen[0].first, 2.75f);
  EXPECT_FLOAT_EQ(seen[0].second, 0.125f);
  EXPECT_EQ(nexts[0], stack_at(10, 3));
  // t=2: 3 + .5*4 + .25*5 = 6.25, terminated within: discount 0
  EXPECT_FLOAT_EQ(seen[2].first, 6.25f);
  EXPECT_FLOAT_EQ(seen[2].second, 0.f);
  // t=4: 5, terminated
  EXPECT_FLOAT_EQ(seen[4].first, 5.f);
  EXPECT_FLOAT_EQ(seen[4].second, 0.f);
  EXPECT_EQ(nexts[4], stack_at(10, 5));
}

TEST(ReplayBuffer, AnUnfinishedNStepFutureIsNotSampled) {
  ReplayBuffer r(config(100, 3));
  // 2 steps of an episode that goes on: no slot has 3 steps of future yet.
  const auto s0 = stack_at(0, 0), s1 = stack_at(0, 1), s2 = stack_at(0, 2);
  r.cache(0, s0.data(), s1.data(), 0, 1, false, false);
  r.cache(0, s1.data(), s2.data(), 0, 1, false, false);
  for (int64_t s = 0; s < r.slots(); ++s) EXPECT_FALSE(r.is_valid(s)) << s;
  const auto s3 = stack_at(0, 3);
  r.cache(0, s2.data(), s3.data(), 0, 1, false, false);
  int valid = 0;
  for (int64_t s = 0; s < r.slots(); ++s) valid += r.is_valid(s);
  EXPECT_EQ(valid, 1);
}

TEST(ReplayBuffer, WrapAroundDropsTransitionsWhoseStackIsOverwritten) {
  ReplayBuffer r(config(12));  // 12 slots
  episode(r, 0, 20, false, false);  // 4 + 20 frames: the ring wrapped twice
  int valid = 0;
  for (int64_t s = 0; s < r.slots(); ++s) {
    if (!r.is_valid(s)) continue;
    ++valid;
    ReplayBatch b;
    const int64_t slots[] = {s};
    r.gather(slots, b);
    const int t = b.states[kStack - 1];
    EXPECT_EQ(state_of(b, 0), stack_at(0, t));
    EXPECT_EQ(next_of(b, 0), stack_at(0, t + 1));
  }
  // 12 slots hold frames t=12..23 (slots of t=0..3 padding long gone): the
  // newest (t=20) has no action yet; t=12..14 lack their oldest frames.
  EXPECT_EQ(valid, 12 - 1 - (kStack - 1));
}

TEST(ReplayBuffer, EnvsKeepTheirOwnEpisodes) {
  ReplayBuffer r(config(200, 2, 2));
  for (int t = 0; t < 6; ++t) {
    r.cache(0, stack_at(10, t).data(), stack_at(10, t + 1).data(), 1, 1, false, false);
    r.cache(1, stack_at(100, t).data(), stack_at(100, t + 1).data(), 2, 2, t == 5, false);
  }
  for (int64_t s = 0; s < r.slots(); ++s) {
    if (!r.is_valid(s)) continue;
    ReplayBatch b;
    const int64_t slots[] = {s};
    r.gather(slots, b);
    const uint8_t base = b.states[kStack - 1] >= 100 ? 100 : 10;
    const int t = b.states[kStack - 1] - base;
    EXPECT_EQ(state_of(b, 0), stack_at(base, t));
    EXPECT_EQ(b.actions[0], base == 100 ? 2 : 1);
  }
}

TEST(ReplayBuffer, UniformSamplingOnlyReturnsValidSlots) {
  ReplayBuffer r(config(64, 3));
  episode(r, 0, 40, false, false);
  Rng rng(1);
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(r.is_valid(r.sample_uniform(rng)));
}

}  // namespace
}  // namespace ag::agent
