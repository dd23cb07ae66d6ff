#include "media/joystick.hpp"

#include <algorithm>

namespace ag::media {

namespace {

// ALE's names: vertical, then horizontal, then FIRE ("UPRIGHTFIRE"); none is "NOOP".
std::string name_of(bool up, bool down, bool left, bool right, bool fire) {
  std::string n = up ? "UP" : down ? "DOWN" : "";
  n += left ? "LEFT" : right ? "RIGHT" : "";
  if (fire) n += "FIRE";
  return n.empty() ? "NOOP" : n;
}

}  // namespace

int action_for(const Joystick& js, const std::vector<std::string>& meanings) {
  const bool up = js.up && !js.down, down = js.down && !js.up;
  const bool left = js.left && !js.right, right = js.right && !js.left;
  const bool v = up || down, h = left || right, f = js.fire;
  // Keep as much of what was pressed as the game allows, fire and horizontal
  // movement first: they are what most games' smaller action sets keep.
  const bool keep[][3] = {{v, h, f}, {false, h, f}, {v, false, f}, {v, h, false},
                          {false, false, f}, {false, h, false}, {v, false, false}};
  for (const auto& k : keep) {
    const std::string n = name_of(k[0] && up, k[0] && down, k[1] && left, k[1] && right, k[2]);
    const auto it = std::find(meanings.begin(), meanings.end(), n);
    if (it != meanings.end()) return static_cast<int>(it - meanings.begin());
  }
  const auto noop = std::find(meanings.begin(), meanings.end(), "NOOP");
  return noop != meanings.end() ? static_cast<int>(noop - meanings.begin()) : 0;
}

}  // namespace ag::media
