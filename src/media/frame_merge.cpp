#include "media/frame_merge.hpp"

#include <cstring>

namespace ag::media {

void keep_brighter(uint8_t* acc, const uint8_t* rgb, size_t pixels) {
  for (size_t i = 0; i < pixels; ++i, acc += 3, rgb += 3) {
    const int a = 299 * acc[0] + 587 * acc[1] + 114 * acc[2];
    const int b = 299 * rgb[0] + 587 * rgb[1] + 114 * rgb[2];
    if (b >= a) std::memcpy(acc, rgb, 3);
  }
}

}  // namespace ag::media
