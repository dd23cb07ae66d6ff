// OpenCV's INTER_AREA shrink for uint8 images, stated as directly as
// possible from its documented algorithm (imgproc resize.cpp): one
// destination pixel at a time, no tables shared between pixels, no caching.
//
// Per axis, destination cell d of a shrink by s = src/dst covers source
// [d*s, (d+1)*s). A source pixel partly or wholly inside it weighs (covered
// length / cell length), computed in double, stored as float; pixels whose
// coverage is under 1e-3 are skipped. Rows are reduced first, in float, in
// ascending source order (row = sum of pixel * weight), then the rows of the
// cell are combined in float (sum = sum of row * weight), and the result is
// rounded to nearest, ties to even, and clamped to 0..255.
// Integer factors take OpenCV's other path: the block sum times 1/area in
// float, rounded the same way, except 2x2 blocks, which OpenCV's SSE2 code
// rounds as (sum + 2) >> 2.
#pragma once

#include <algorithm>
#include <cfenv>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace ag::test {

// The source pixels of destination cell d along one axis, with weights.
inline std::vector<std::pair<int, float>> area_cell(int d, int src_size, int dst_size) {
  const double scale = static_cast<double>(src_size) / dst_size;
  const double begin = d * scale, end = begin + scale;
  const double cell = std::min(scale, src_size - begin);
  std::vector<std::pair<int, float>> taps;
  for (int s = static_cast<int>(std::floor(begin)); s < src_size && s < end; ++s) {
    // Overlap of [s, s+1) with [begin, end), as OpenCV bounds it.
    const double covered = std::min<double>(s + 1, end) - std::max<double>(s, begin);
    if (covered <= 1e-3) continue;
    taps.emplace_back(s, static_cast<float>(std::min(covered, cell) / cell));
  }
  return taps;
}

inline void area_resize_reference(const uint8_t* src, int sh, int sw, uint8_t* dst, int dh, int dw,
                                  int cn) {
  const double sx = static_cast<double>(sw) / dw, sy = static_cast<double>(sh) / dh;
  const bool integer = sx == std::round(sx) && sy == std::round(sy);
  std::vector<std::vector<std::pair<int, float>>> rows(dh), cols(dw);
  for (int y = 0; y < dh; ++y) rows[y] = area_cell(y, sh, dh);
  for (int x = 0; x < dw; ++x) cols[x] = area_cell(x, sw, dw);
  std::fesetround(FE_TONEAREST);
  for (int y = 0; y < dh; ++y)
    for (int x = 0; x < dw; ++x)
      for (int c = 0; c < cn; ++c) {
        float value;
        if (integer) {
          const int fx = static_cast<int>(sx), fy = static_cast<int>(sy);
          int sum = 0;
          for (int j = 0; j < fy; ++j)
            for (int i = 0; i < fx; ++i) sum += src[((y * fy + j) * sw + x * fx + i) * cn + c];
          if (fx == 2 && fy == 2) {
            dst[(y * dw + x) * cn + c] = static_cast<uint8_t>((sum + 2) >> 2);
            continue;
          }
          value = static_cast<float>(sum) * (1.0f / static_cast<float>(fx * fy));
        } else {
          bool first = true;
          value = 0;
          for (const auto& [row, beta] : rows[y]) {
            float acc = 0;
            for (const auto& [col, alpha] : cols[x])
              acc += static_cast<float>(src[(row * sw + col) * cn + c]) * alpha;
            value = first ? beta * acc : value + beta * acc;
            first = false;
          }
        }
        dst[(y * dw + x) * cn + c] =
            static_cast<uint8_t>(std::clamp<long>(std::lrint(value), 0, 255));
      }
}

}  // namespace ag::test
