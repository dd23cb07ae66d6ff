#include "media/image.hpp"

#include <algorithm>
#include <cstring>

namespace ag::media {

Image::Image(int w, int h, Rgb fill) : width(w), height(h), rgb(static_cast<size_t>(w) * h * 3) {
  for (size_t i = 0; i < rgb.size(); i += 3) std::memcpy(&rgb[i], fill.data(), 3);
}

void fill_rect(Image& img, int x, int y, int w, int h, Rgb color) {
  const int x0 = std::max(0, x), y0 = std::max(0, y);
  const int x1 = std::min(img.width, x + w), y1 = std::min(img.height, y + h);
  for (int yy = y0; yy < y1; ++yy)
    for (int xx = x0; xx < x1; ++xx) std::memcpy(img.at(xx, yy), color.data(), 3);
}

void blit_scaled(const uint8_t* src, int src_h, int src_w, int sx, int sy, Image& dst, int x,
                 int y) {
  for (int r = 0; r < src_h; ++r) {
    const int dy = y + r * sy;
    if (dy >= dst.height) break;
    uint8_t* out = dst.at(x, dy);
    for (int c = 0; c < src_w; ++c) {
      const uint8_t* p = src + (static_cast<size_t>(r) * src_w + c) * 3;
      for (int k = 0; k < sx; ++k, out += 3) std::memcpy(out, p, 3);
    }
    // The block's other rows are copies of the first.
    for (int k = 1; k < sy && dy + k < dst.height; ++k)
      std::memcpy(dst.at(x, dy + k), dst.at(x, dy), static_cast<size_t>(src_w) * sx * 3);
  }
}

}  // namespace ag::media
