// An RGB picture in memory (8 bits per channel, rows top to bottom, no
// padding): what the window shows, record encodes and screenshots save.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ag::media {

using Rgb = std::array<uint8_t, 3>;

struct Image {
  int width = 0, height = 0;
  std::vector<uint8_t> rgb;  // height * width * 3

  Image() = default;
  Image(int w, int h, Rgb fill = {0, 0, 0});
  uint8_t* at(int x, int y) { return rgb.data() + (static_cast<size_t>(y) * width + x) * 3; }
  const uint8_t* at(int x, int y) const {
    return rgb.data() + (static_cast<size_t>(y) * width + x) * 3;
  }
};

// Fills the rectangle (clipped to the image).
void fill_rect(Image& img, int x, int y, int w, int h, Rgb color);

// Copies a src_h x src_w RGB screen into `dst` at (x, y), each source pixel
// becoming an sx x sy block (nearest neighbour: the game's pixels stay sharp
// and exact).
void blit_scaled(const uint8_t* src_rgb, int src_h, int src_w, int sx, int sy, Image& dst, int x,
                 int y);

}  // namespace ag::media
