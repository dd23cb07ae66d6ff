// The reference scores behind `atari-gym eval`'s human_normalized figure (and
// atari_gym.agent's, which calls the same code): the 57-game table of the
// DQN-family papers, found by ROM name or by any registered env id.
#include "agent/human_scores.hpp"

#include <gtest/gtest.h>

namespace ag::agent {
namespace {

TEST(HumanScores, SpaceInvadersHasThePapersRandomAndHumanScores) {
  const auto s = reference_scores("space_invaders");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->random, 148.0);
  EXPECT_EQ(s->human, 1668.7);  // issue 13's target, 1,669
}

TEST(HumanScores, EveryIdOfAGameFindsItsScores) {
  for (const char* id : {"ALE/SpaceInvaders-v5", "SpaceInvadersNoFrameskip-v4", "SpaceInvaders-v4"}) {
    const auto s = reference_scores_for_env(id);
    ASSERT_TRUE(s) << id;
    EXPECT_EQ(s->human, 1668.7) << id;
  }
  const auto pong = reference_scores_for_env("ALE/Pong-v5");
  ASSERT_TRUE(pong);
  EXPECT_EQ(pong->random, -20.7);
  EXPECT_EQ(pong->human, 14.6);
}

TEST(HumanScores, GamesOutsideTheTableAndUnknownIdsHaveNone) {
  EXPECT_FALSE(reference_scores("adventure"));  // an ALE game, not among the 57
  EXPECT_FALSE(reference_scores_for_env("ALE/Adventure-v5"));
  EXPECT_FALSE(reference_scores_for_env("ALE/NoSuchGame-v5"));  // no throw
  EXPECT_FALSE(reference_scores_for_env(""));
}

}  // namespace
}  // namespace ag::agent
