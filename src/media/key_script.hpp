// Scripted key presses for play and watch (--keys): "FRAME:+KEY" presses
// KEY before frame FRAME is stepped, "FRAME:-KEY" releases it; items
// separated by commas, e.g. "0:+Right,60:-Right,61:+Space". The presses go
// through SDL's event queue (Window::push_key), the same path as the
// keyboard's: demos, and tests that drive a real window.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ag::media {

struct KeyEvent {
  int64_t frame = 0;
  std::string key;  // SDL's key name
  bool down = true;
};

// Sorted by frame (stable). Throws std::invalid_argument naming the bad item
// (malformed, negative frame, or a key SDL does not know).
std::vector<KeyEvent> parse_key_script(const std::string& spec);

}  // namespace ag::media
