// Keys to actions: the game's own action for what is pressed, or the
// closest one the game has.
#include "media/joystick.hpp"

#include <gtest/gtest.h>

using ag::media::action_for;
using ag::media::Joystick;

namespace {

const std::vector<std::string> kSpaceInvaders = {"NOOP", "FIRE", "RIGHT", "LEFT", "RIGHTFIRE",
                                                 "LEFTFIRE"};
const std::vector<std::string> kFull = {
    "NOOP",      "FIRE",      "UP",          "RIGHT",      "LEFT",          "DOWN",
    "UPRIGHT",   "UPLEFT",    "DOWNRIGHT",   "DOWNLEFT",   "UPFIRE",        "RIGHTFIRE",
    "LEFTFIRE",  "DOWNFIRE",  "UPRIGHTFIRE", "UPLEFTFIRE", "DOWNRIGHTFIRE", "DOWNLEFTFIRE"};

TEST(Joystick, EachCombinationIsItsAleActionInTheFullSet) {
  EXPECT_EQ(kFull[action_for({}, kFull)], "NOOP");
  EXPECT_EQ(kFull[action_for({.fire = true}, kFull)], "FIRE");
  EXPECT_EQ(kFull[action_for({.up = true, .right = true}, kFull)], "UPRIGHT");
  EXPECT_EQ(kFull[action_for({.down = true, .left = true, .fire = true}, kFull)], "DOWNLEFTFIRE");
  EXPECT_EQ(kFull[action_for({.up = true, .fire = true}, kFull)], "UPFIRE");
}

TEST(Joystick, OppositeDirectionsCancel) {
  EXPECT_EQ(kFull[action_for({.left = true, .right = true}, kFull)], "NOOP");
  EXPECT_EQ(kFull[action_for({.up = true, .down = true, .right = true, .fire = true}, kFull)],
            "RIGHTFIRE");
}

TEST(Joystick, MissingActionsFallBackToWhatTheGameHas) {
  // Space Invaders has no vertical moves: UP+RIGHT+FIRE is RIGHTFIRE, UP alone NOOP.
  EXPECT_EQ(kSpaceInvaders[action_for({.up = true, .right = true, .fire = true}, kSpaceInvaders)],
            "RIGHTFIRE");
  EXPECT_EQ(kSpaceInvaders[action_for({.up = true}, kSpaceInvaders)], "NOOP");
  EXPECT_EQ(kSpaceInvaders[action_for({.down = true, .fire = true}, kSpaceInvaders)], "FIRE");
  EXPECT_EQ(kSpaceInvaders[action_for({.left = true}, kSpaceInvaders)], "LEFT");
  // Pong-like sets without FIRE combinations keep the movement.
  const std::vector<std::string> moves = {"NOOP", "FIRE", "RIGHT", "LEFT"};
  EXPECT_EQ(moves[action_for({.right = true, .fire = true}, moves)], "FIRE");
  const std::vector<std::string> no_fire = {"NOOP", "UP", "DOWN"};
  EXPECT_EQ(no_fire[action_for({.up = true, .fire = true}, no_fire)], "UP");
}

}  // namespace
