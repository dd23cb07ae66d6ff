// ALE's action ids (ale/common/Constants.h): the numbering users and traces rely on.
#pragma once

#include <array>
#include <string_view>

namespace ag::env {

enum Action : int {
  NOOP = 0, FIRE = 1, UP = 2, RIGHT = 3, LEFT = 4, DOWN = 5,
  UPRIGHT = 6, UPLEFT = 7, DOWNRIGHT = 8, DOWNLEFT = 9,
  UPFIRE = 10, RIGHTFIRE = 11, LEFTFIRE = 12, DOWNFIRE = 13,
  UPRIGHTFIRE = 14, UPLEFTFIRE = 15, DOWNRIGHTFIRE = 16, DOWNLEFTFIRE = 17,
  // Player B's actions are player A's + 18 (ALE's PLAYER_B_NOOP .. PLAYER_B_DOWNLEFTFIRE).
  PLAYER_B_NOOP = 18,
  RESET = 40,  // console RESET switch (used by the reset protocol)
};

inline constexpr int kNumActions = 18;

inline constexpr std::array<std::string_view, kNumActions> kActionNames = {
    "NOOP", "FIRE", "UP", "RIGHT", "LEFT", "DOWN", "UPRIGHT", "UPLEFT", "DOWNRIGHT",
    "DOWNLEFT", "UPFIRE", "RIGHTFIRE", "LEFTFIRE", "DOWNFIRE", "UPRIGHTFIRE",
    "UPLEFTFIRE", "DOWNRIGHTFIRE", "DOWNLEFTFIRE"};

// Direction/fire components of a player action (0..17).
struct ActionParts {
  bool up, down, left, right, fire;
};
constexpr ActionParts action_parts(int a) {
  switch (a) {
    case FIRE: return {false, false, false, false, true};
    case UP: return {true, false, false, false, false};
    case RIGHT: return {false, false, false, true, false};
    case LEFT: return {false, false, true, false, false};
    case DOWN: return {false, true, false, false, false};
    case UPRIGHT: return {true, false, false, true, false};
    case UPLEFT: return {true, false, true, false, false};
    case DOWNRIGHT: return {false, true, false, true, false};
    case DOWNLEFT: return {false, true, true, false, false};
    case UPFIRE: return {true, false, false, false, true};
    case RIGHTFIRE: return {false, false, false, true, true};
    case LEFTFIRE: return {false, false, true, false, true};
    case DOWNFIRE: return {false, true, false, false, true};
    case UPRIGHTFIRE: return {true, false, false, true, true};
    case UPLEFTFIRE: return {true, false, true, false, true};
    case DOWNRIGHTFIRE: return {false, true, false, true, true};
    case DOWNLEFTFIRE: return {false, true, true, false, true};
    default: return {false, false, false, false, false};
  }
}

}  // namespace ag::env
