// A joystick made of keys: which of the game's actions a human's pressed
// directions and fire button mean. Data, no SDL: the tests pin the mapping.
#pragma once

#include <string>
#include <vector>

namespace ag::media {

struct Joystick {
  bool up = false, down = false, left = false, right = false, fire = false;
};

// The index in `meanings` (ALE's action names in action-space order: "NOOP",
// "FIRE", "UPRIGHT", "LEFTFIRE", ...) of the action the joystick means.
// Opposite directions cancel. When the game has no such action (Space
// Invaders has no UP), the closest one it has: drop the vertical direction,
// then the horizontal one, then fire; NOOP last. Returns 0 (the first
// action) when not even NOOP is in the set.
int action_for(const Joystick& js, const std::vector<std::string>& meanings);

}  // namespace ag::media
