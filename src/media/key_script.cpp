#include "media/key_script.hpp"

#include <algorithm>
#include <stdexcept>

#include "media/window.hpp"

namespace ag::media {

std::vector<KeyEvent> parse_key_script(const std::string& spec) {
  std::vector<KeyEvent> events;
  size_t start = 0;
  while (start <= spec.size() && !spec.empty()) {
    const size_t end = std::min(spec.find(',', start), spec.size());
    const std::string item = spec.substr(start, end - start);
    const auto bad = [&](const std::string& why) {
      return std::invalid_argument("--keys item '" + item + "': " + why +
                                   " (expected FRAME:+KEY or FRAME:-KEY, e.g. 0:+Right)");
    };
    const size_t colon = item.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 2 > item.size())
      throw bad("malformed");
    KeyEvent e;
    const std::string frame = item.substr(0, colon);
    if (frame.find_first_not_of("0123456789") != std::string::npos || frame.size() > 15)
      throw bad("the frame is not a number >= 0");
    e.frame = std::stoll(frame);
    const char sign = item[colon + 1];
    if (sign != '+' && sign != '-') throw bad("'+' (press) or '-' (release) must follow the ':'");
    e.down = sign == '+';
    e.key = item.substr(colon + 2);
    if (key_code(e.key) == 0) throw bad("SDL knows no key named '" + e.key + "'");
    events.push_back(e);
    start = end + 1;
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const KeyEvent& a, const KeyEvent& b) { return a.frame < b.frame; });
  return events;
}

}  // namespace ag::media
