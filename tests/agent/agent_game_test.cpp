// play_game: the game eval, watch and record share. Watching or recording
// (a FrameTap on the env, hooks called) must not change the game, and the
// tap must see every emulator frame.
#include "agent/agent_game.hpp"

#include <gtest/gtest.h>

#include <cstring>

#include "agent/config.hpp"

using namespace ag::agent;

namespace {

// A deterministic stand-in for a net: Q depends on the observation's bytes,
// so the actions depend on what the env shows.
class HashQ : public QFunction {
 public:
  int actions() const override { return 6; }
  void q_values(const uint8_t* obs, int n, float* out) override {
    for (int i = 0; i < n; ++i) {
      uint32_t h = 2166136261u;
      for (int k = 0; k < 4 * 84 * 84; k += 7) h = (h ^ obs[i * 4 * 84 * 84 + k]) * 16777619u;
      for (int a = 0; a < 6; ++a) out[i * 6 + a] = static_cast<float>((h >> (4 * a)) & 15);
    }
  }
};

Config space_invaders() {
  Config c;
  c.env = "ALE/SpaceInvaders-v5";
  c.max_episode_frames = 3000;  // a short game is enough
  return c;
}

TEST(AgentGame, HooksDoNotChangeTheGame) {
  HashQ q;
  const Config c = space_invaders();
  const EvalGame plain = play_game(q, c, 2, 10, 0.05);
  int64_t frames = 0, decisions = 0, random = 0;
  double last_score = -1;
  GameHooks hooks;
  hooks.on_frame = [&](const Frame& f) {
    ++frames;
    EXPECT_EQ(f.height, 210);
    EXPECT_EQ(f.width, 160);
    last_score = f.score;
  };
  hooks.on_decision = [&](const AgentDecision& d) {
    EXPECT_EQ(d.step, decisions);
    ++decisions;
    random += d.random;
    EXPECT_EQ(d.q == nullptr, d.random);
  };
  const EvalGame watched = play_game(q, c, 2, 10, 0.05, {}, hooks);
  EXPECT_EQ(watched.seed, 12u);
  EXPECT_EQ(watched.score, plain.score);
  EXPECT_EQ(watched.steps, plain.steps);
  EXPECT_EQ(watched.frames, plain.frames);
  EXPECT_EQ(watched.action_counts, plain.action_counts);
  EXPECT_EQ(decisions, watched.steps);
  EXPECT_GT(random, 0);
  EXPECT_EQ(last_score, watched.score);
  // Every frame: the game's frames, the reset's first and its no-op frames.
  EXPECT_GE(frames, watched.frames + 1);
  EXPECT_LE(frames, watched.frames + 1 + 30);
}

TEST(AgentGame, EvaluateScoresTheSameGames) {
  HashQ q;
  const Config c = space_invaders();
  const EvalSummary s = evaluate(q, c, 2, 0.05, 10);
  ASSERT_EQ(s.games.size(), 2u);
  EXPECT_EQ(s.games[1].score, play_game(q, c, 1, 10, 0.05).score);
  EXPECT_EQ(s.games[1].action_counts, play_game(q, c, 1, 10, 0.05).action_counts);
}

TEST(AgentGame, ShouldStopEndsTheGameEarly) {
  HashQ q;
  GameHooks hooks;
  int steps = 0;
  hooks.on_decision = [&](const AgentDecision&) { ++steps; };
  hooks.should_stop = [&] { return steps >= 5; };
  const EvalGame g = play_game(q, space_invaders(), 0, 0, 0.0, {}, hooks);
  EXPECT_TRUE(g.stopped);
  EXPECT_EQ(g.steps, 5);
}

}  // namespace
