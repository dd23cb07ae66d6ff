#include "gym/area_resize.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <numeric>
#include <string>

#include "gym/options.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define AG_HAVE_X86 1
#endif

namespace ag::gym {

namespace {

struct AxisTap {
  int dst, src;
  float weight;
};

// OpenCV's computeResizeAreaTab: the taps of every destination cell along one
// axis, destination-major, source ascending. Weights are computed in double
// and rounded to float, as OpenCV does.
std::vector<AxisTap> area_taps(int src_size, int dst_size, double scale) {
  std::vector<AxisTap> taps;
  for (int d = 0; d < dst_size; ++d) {
    const double f1 = d * scale;
    const double f2 = f1 + scale;
    const double cell = std::min(scale, src_size - f1);
    int s1 = static_cast<int>(std::ceil(f1));
    int s2 = static_cast<int>(std::floor(f2));
    s2 = std::min(s2, src_size - 1);
    s1 = std::min(s1, s2);
    if (s1 - f1 > 1e-3) taps.push_back({d, s1 - 1, static_cast<float>((s1 - f1) / cell)});
    for (int s = s1; s < s2; ++s) taps.push_back({d, s, static_cast<float>(1.0 / cell)});
    if (f2 - s2 > 1e-3)
      taps.push_back({d, s2, static_cast<float>(std::min(std::min(f2 - s2, 1.0), cell) / cell)});
  }
  return taps;
}

// cvRound for the non-negative sums here: round half to even. Adding and
// subtracting 1.5 * 2^23 rounds a float below 2^22 to an integer in the
// default rounding mode (nearest-even), like cvtss2si.
inline int round_half_even(float v) {
  constexpr float kMagic = 12582912.0f;
  const float t = v + kMagic;  // not folded away: no -ffast-math here
  return static_cast<int>(t - kMagic);
}

inline uint8_t saturate_u8(int v) {
  return static_cast<uint8_t>(std::clamp(v, 0, 255));
}

#ifdef AG_HAVE_X86
// Every source row through one block at a time (the block's shuffles and
// weights stay in registers): gather tap pairs with pshufb, multiply by the
// integer weights and add pairs with pmaddubsw, sum the pairs.
template <int kPairs>
__attribute__((target("ssse3"))) void horizontal_ssse3(const uint8_t* src, int rows, int row_len,
                                                       int num_blocks, const int* windows,
                                                       const uint8_t* shuffles,
                                                       const int8_t* weights, uint16_t* out,
                                                       int out_stride, int pairs) {
  const int n = kPairs > 0 ? kPairs : pairs;
  for (int b = 0; b < num_blocks; ++b) {
    __m128i sh[4], w[4];
    const bool in_regs = n <= 4;
    if (in_regs)
      for (int p = 0; p < n; ++p) {
        sh[p] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(shuffles + (b * n + p) * 16));
        w[p] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(weights + (b * n + p) * 16));
      }
    const uint8_t* s = src + windows[b];
    uint16_t* o = out + 8 * b;
    for (int y = 0; y < rows; ++y, s += row_len, o += out_stride) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));
      __m128i acc = _mm_setzero_si128();
      for (int p = 0; p < n; ++p) {
        const __m128i shp =
            in_regs
                ? sh[p]
                : _mm_loadu_si128(reinterpret_cast<const __m128i*>(shuffles + (b * n + p) * 16));
        const __m128i wp =
            in_regs ? w[p]
                    : _mm_loadu_si128(reinterpret_cast<const __m128i*>(weights + (b * n + p) * 16));
        acc = _mm_add_epi16(acc, _mm_maddubs_epi16(_mm_shuffle_epi8(v, shp), wp));
      }
      _mm_storeu_si128(reinterpret_cast<__m128i*>(o), acc);
    }
  }
}
#endif

}  // namespace

AreaResize::AreaResize(int src_height, int src_width, int dst_height, int dst_width, int channels)
    : src_h_(src_height), src_w_(src_width), dst_h_(dst_height), dst_w_(dst_width), cn_(channels) {
  if (src_h_ <= 0 || src_w_ <= 0 || dst_h_ <= 0 || dst_w_ <= 0 || cn_ <= 0)
    throw GymError("area resize: sizes must be positive");
  if (dst_h_ > src_h_ || dst_w_ > src_w_)
    throw GymError("area resize: cannot enlarge " + std::to_string(src_w_) + "x" +
                   std::to_string(src_h_) + " to " + std::to_string(dst_w_) + "x" +
                   std::to_string(dst_h_) + " (only shrinking is supported)");
  const double scale_x = static_cast<double>(src_w_) / dst_w_;
  const double scale_y = static_cast<double>(src_h_) / dst_h_;
  fx_ = static_cast<int>(std::lround(scale_x));
  fy_ = static_cast<int>(std::lround(scale_y));
  integer_factors_ = std::abs(scale_x - fx_) < DBL_EPSILON && std::abs(scale_y - fy_) < DBL_EPSILON;
  if (integer_factors_) return;

  // OpenCV's taps; x at element level (element = pixel * cn + channel), each
  // output element's taps in ascending source order.
  const int ax = src_w_ / std::gcd(src_w_, dst_w_);  // weights are k / ax
  const int ay = src_h_ / std::gcd(src_h_, dst_h_);
  const int out_row = dst_w_ * cn_;
  const int in_row = src_w_ * cn_;
  const auto xt = area_taps(src_w_, dst_w_, scale_x);
  const auto yt = area_taps(src_h_, dst_h_, scale_y);
  exact_ = true;
  auto exact_k = [&](float w, int denom) {
    const double k = std::round(static_cast<double>(w) * denom);
    if (std::abs(static_cast<double>(w) * denom - k) > 1e-3 || k <= 0) exact_ = false;
    return static_cast<int>(k);
  };
  int max_x_taps = 0, max_y_taps = 0;
  for (int d = 0, t = 0; d < dst_w_; ++d) {
    const int begin = t;
    while (t < static_cast<int>(xt.size()) && xt[t].dst == d) ++t;
    max_x_taps = std::max(max_x_taps, t - begin);
    for (int c = 0; c < cn_; ++c) {
      x_first_.push_back(static_cast<int>(x_taps_.size()));
      int sum_k = 0;
      for (int i = begin; i < t; ++i) {
        const int k = exact_k(xt[i].weight, ax);
        sum_k += k;
        x_taps_.push_back({d * cn_ + c, xt[i].src * cn_ + c, xt[i].weight, k});
      }
      if (sum_k != ax) exact_ = false;
    }
  }
  x_first_.push_back(static_cast<int>(x_taps_.size()));
  for (int d = 0, t = 0; d < dst_h_; ++d) {
    y_first_.push_back(static_cast<int>(y_taps_.size()));
    const int begin = t;
    int sum_k = 0;
    for (; t < static_cast<int>(yt.size()) && yt[t].dst == d; ++t) {
      const int k = exact_k(yt[t].weight, ay);
      sum_k += k;
      y_taps_.push_back({d, yt[t].src, yt[t].weight, k});
    }
    max_y_taps = std::max(max_y_taps, t - begin);
    if (sum_k != ay) exact_ = false;
  }
  y_first_.push_back(static_cast<int>(y_taps_.size()));

  // The exact path needs: pair sums and weights within pmaddubsw's int16 and
  // int8, S within uint16, and OpenCV's float error (a few ulps of 255 per
  // operation) well below half a step of 1/(ax*ay).
  denom_ = ax * ay;
  const double float_error = 255.0 * (max_x_taps + max_y_taps + 2) * std::ldexp(1.0, -23);
  if (255 * ax > 32767 || 255 * denom_ > 65535 || 1.0 / (2.0 * denom_) < 8 * float_error)
    exact_ = false;
  for (const Tap& t : x_taps_)
    if (t.k > 127) exact_ = false;
  if (exact_) {
    pairs_ = (max_x_taps + 1) / 2;
    // Blocks of up to 8 output elements whose taps lie in one 16-byte window.
    for (int e = 0; e < out_row && exact_;) {
      int window = x_taps_[x_first_[e]].src;
      if (in_row >= 16) window = std::min(window, in_row - 16);
      int count = 0;
      while (e + count < out_row && count < 8) {
        bool fits = true;
        for (int i = x_first_[e + count]; i < x_first_[e + count + 1]; ++i)
          fits &= x_taps_[i].src >= window && x_taps_[i].src < window + 16;
        if (!fits) break;
        ++count;
      }
      if (count == 0) {
        exact_ = false;  // one element's taps span more than 16 bytes
        break;
      }
      blocks_.push_back({window, e, count});
      windows_.push_back(window);
      for (int p = 0; p < pairs_; ++p) {
        uint8_t sh[16];
        int8_t w[16];
        std::fill(sh, sh + 16, 0x80);  // pshufb: high bit set gives 0
        std::fill(w, w + 16, 0);
        for (int j = 0; j < count; ++j) {
          const int first = x_first_[e + j], n = x_first_[e + j + 1] - first;
          for (int h = 0; h < 2; ++h) {
            const int tap = 2 * p + h;
            if (tap >= n) continue;
            sh[2 * j + h] = static_cast<uint8_t>(x_taps_[first + tap].src - window);
            w[2 * j + h] = static_cast<int8_t>(x_taps_[first + tap].k);
          }
        }
        shuffles_.insert(shuffles_.end(), sh, sh + 16);
        weights_.insert(weights_.end(), w, w + 16);
      }
      e += count;
    }
  }
  if (exact_) {
    // q = (x * mult) >> shift equals floor(x / denom) for every x <= x_max
    // when mult = ceil(2^shift / denom) and x_max * (mult * denom - 2^shift)
    // < 2^shift; x * mult must also fit 32 bits.
    const uint64_t x_max = 255ull * denom_ + denom_ / 2;
    exact_ = false;
    for (int sh = 8; sh < 32 && !exact_; ++sh) {
      const uint64_t m = ((uint64_t{1} << sh) + denom_ - 1) / denom_;
      const uint64_t e = m * denom_ - (uint64_t{1} << sh);
      if (x_max * e < (uint64_t{1} << sh) && x_max * m < (uint64_t{1} << 32)) {
        recip_mult_ = static_cast<uint32_t>(m);
        recip_shift_ = sh;
        exact_ = true;
      }
    }
  }
  if (exact_) {
    lanes_ = 8 * static_cast<int>(blocks_.size());
    q_lanes_.assign(lanes_, 0);
    row_out_.assign(out_row + 8, 0);
    tie_lanes_.assign(lanes_, 0);
    h_rows_.assign(static_cast<size_t>(src_h_) * lanes_, 0);
    v_sum_.assign(lanes_, 0);
#ifdef AG_HAVE_X86
    simd_ = in_row >= 16 && __builtin_cpu_supports("ssse3");
#endif
    return;
  }

  // Float path: horizontal taps padded to taps_ per output element (padding
  // weight 0 at index 0 adds exactly nothing).
  for (int e = 0; e < out_row; ++e) taps_ = std::max(taps_, x_first_[e + 1] - x_first_[e]);
  x_index_.assign(static_cast<size_t>(taps_) * out_row, 0);
  x_weight_.assign(static_cast<size_t>(taps_) * out_row, 0.0f);
  for (int e = 0; e < out_row; ++e)
    for (int i = x_first_[e]; i < x_first_[e + 1]; ++i) {
      const size_t j = static_cast<size_t>(i - x_first_[e]) * out_row + e;
      x_index_[j] = x_taps_[i].src;
      x_weight_[j] = x_taps_[i].weight;
    }
  src_row_f_.resize(in_row);
  row_buf_.resize(out_row);
  sum_.resize(out_row);
}

void AreaResize::operator()(const uint8_t* src, uint8_t* dst) {
  if (integer_factors_)
    resize_integer_factors(src, dst);
  else if (exact_)
    resize_exact(src, dst);
  else
    resize_float(src, dst);
}

void AreaResize::horizontal_exact(const uint8_t* row, uint16_t* out) const {
  for (size_t b = 0; b < blocks_.size(); ++b) {
    const Block& blk = blocks_[b];
    for (int j = 0; j < 8; ++j) {
      int s = 0;
      if (j < blk.count) {
        const int e = blk.first_out + j;
        for (int i = x_first_[e]; i < x_first_[e + 1]; ++i) s += x_taps_[i].k * row[x_taps_[i].src];
      }
      out[8 * b + j] = static_cast<uint16_t>(s);
    }
  }
}

uint8_t AreaResize::float_pixel(const uint8_t* src, int dy, int e) const {
  // OpenCV's float operations for one output element, in OpenCV's order.
  const int in_row = src_w_ * cn_;
  float sum = 0;
  for (int t = y_first_[dy]; t < y_first_[dy + 1]; ++t) {
    const uint8_t* s = src + static_cast<size_t>(y_taps_[t].src) * in_row;
    float buf = 0;
    for (int i = x_first_[e]; i < x_first_[e + 1]; ++i)
      buf = buf + static_cast<float>(s[x_taps_[i].src]) * x_taps_[i].weight;
    const float beta = y_taps_[t].weight;
    sum = t == y_first_[dy] ? beta * buf : sum + beta * buf;
  }
  return saturate_u8(round_half_even(sum));
}

void AreaResize::resize_exact(const uint8_t* src, uint8_t* dst) {
  const int in_row = src_w_ * cn_;
  const int out_row = dst_w_ * cn_;
  const int nb = static_cast<int>(blocks_.size());
  const int lanes = lanes_;  // a local: the loops below must not reload it
  // Horizontal sums of every source row, once each.
#ifdef AG_HAVE_X86
  if (simd_) {
    auto* h = h_rows_.data();
    const int* win = windows_.data();
    if (pairs_ == 2)
      horizontal_ssse3<2>(src, src_h_, in_row, nb, win, shuffles_.data(), weights_.data(), h,
                          lanes_, pairs_);
    else
      horizontal_ssse3<0>(src, src_h_, in_row, nb, win, shuffles_.data(), weights_.data(), h,
                          lanes_, pairs_);
  } else
#endif
  {
    for (int y = 0; y < src_h_; ++y)
      horizontal_exact(src + static_cast<size_t>(y) * in_row,
                       h_rows_.data() + static_cast<size_t>(y) * lanes_);
  }
  // Exact rounding of S / denom: q = floor((S + half) / denom) by a
  // multiply-shift reciprocal, exact over S's range (chosen at construction);
  // ties (exact x.5, only for even denominators) are redone in float.
  const uint32_t half = static_cast<uint32_t>(denom_ / 2);
  const uint32_t d = static_cast<uint32_t>(denom_);
  const uint32_t mult = recip_mult_;
  const int shift = recip_shift_;
  const bool even = denom_ % 2 == 0;
  uint16_t* sum = v_sum_.data();
  uint8_t* q8 = q_lanes_.data();
  uint8_t* tie = tie_lanes_.data();
  for (int dy = 0; dy < dst_h_; ++dy) {
    const int t0 = y_first_[dy], t1 = y_first_[dy + 1];
    {
      const uint16_t* h = h_rows_.data() + static_cast<size_t>(y_taps_[t0].src) * lanes;
      const uint16_t k = static_cast<uint16_t>(y_taps_[t0].k);
      for (int l = 0; l < lanes; ++l) sum[l] = static_cast<uint16_t>(k * h[l]);
    }
    for (int t = t0 + 1; t < t1; ++t) {
      const uint16_t* h = h_rows_.data() + static_cast<size_t>(y_taps_[t].src) * lanes;
      const uint16_t k = static_cast<uint16_t>(y_taps_[t].k);
      for (int l = 0; l < lanes; ++l) sum[l] = static_cast<uint16_t>(sum[l] + k * h[l]);
    }
    uint8_t any_tie = 0;
    for (int l = 0; l < lanes; ++l) {
      const uint32_t x = sum[l] + half;
      const uint32_t q = (x * mult) >> shift;
      q8[l] = static_cast<uint8_t>(q);
      tie[l] = even & (q * d == x);
      any_tie |= tie[l];
    }
    // Lanes to output elements: each block stores all 8 lanes; the next block
    // overwrites the unused ones (row_out_ has 8 bytes of slack at the end).
    uint8_t* staged = row_out_.data();
    for (int b = 0; b < nb; ++b) std::memcpy(staged + blocks_[b].first_out, q8 + 8 * b, 8);
    uint8_t* out = dst + static_cast<size_t>(dy) * out_row;
    std::memcpy(out, staged, out_row);
    if (any_tie)
      for (int b = 0; b < nb; ++b)
        for (int j = 0; j < blocks_[b].count; ++j)
          if (tie[8 * b + j])
            out[blocks_[b].first_out + j] = float_pixel(src, dy, blocks_[b].first_out + j);
  }
}

void AreaResize::resize_float(const uint8_t* src, uint8_t* dst) {
  const int in_row = src_w_ * cn_;
  const int out_row = dst_w_ * cn_;
  float* row_f = src_row_f_.data();
  float* buf = row_buf_.data();
  float* sum = sum_.data();
  int reduced_row = -1;  // the source row `buf` holds
  for (int dy = 0; dy < dst_h_; ++dy) {
    for (int t = y_first_[dy]; t < y_first_[dy + 1]; ++t) {
      const Tap& yt = y_taps_[t];
      // The boundary source row of two destination rows is reduced once:
      // the reduction is deterministic, so reuse gives OpenCV's exact floats.
      if (yt.src != reduced_row) {
        const uint8_t* s = src + static_cast<size_t>(yt.src) * in_row;
        for (int x = 0; x < in_row; ++x) row_f[x] = s[x];
        // Tap k of every output element: buf = ((0 + p0*w0) + p1*w1) + ...;
        // padded taps add 0 * p, which leaves buf unchanged.
        const int32_t* idx = x_index_.data();
        const float* w = x_weight_.data();
        for (int x = 0; x < out_row; ++x) buf[x] = row_f[idx[x]] * w[x];
        for (int k = 1; k < taps_; ++k) {
          idx += out_row;
          w += out_row;
          for (int x = 0; x < out_row; ++x) buf[x] = buf[x] + row_f[idx[x]] * w[x];
        }
        reduced_row = yt.src;
      }
      const float beta = yt.weight;
      if (t == y_first_[dy]) {
        for (int x = 0; x < out_row; ++x) sum[x] = beta * buf[x];
      } else {
        for (int x = 0; x < out_row; ++x) sum[x] = sum[x] + beta * buf[x];
      }
    }
    uint8_t* d = dst + static_cast<size_t>(dy) * out_row;
    for (int x = 0; x < out_row; ++x) d[x] = saturate_u8(round_half_even(sum[x]));
  }
}

void AreaResize::resize_integer_factors(const uint8_t* src, uint8_t* dst) {
  const int in_row = src_w_ * cn_;
  const int out_row = dst_w_ * cn_;
  const int area = fx_ * fy_;
  const float scale = 1.0f / static_cast<float>(area);
  // OpenCV's 2x2 case (ResizeAreaFastVec) rounds half up in integers; other
  // factors multiply the block sum by 1/area in float and round half to even.
  const bool two_by_two = fx_ == 2 && fy_ == 2;
  for (int dy = 0; dy < dst_h_; ++dy) {
    const uint8_t* s0 = src + static_cast<size_t>(dy) * fy_ * in_row;
    uint8_t* d = dst + static_cast<size_t>(dy) * out_row;
    for (int dx = 0; dx < dst_w_; ++dx) {
      for (int c = 0; c < cn_; ++c) {
        int sum = 0;
        for (int sy = 0; sy < fy_; ++sy) {
          const uint8_t* s = s0 + static_cast<size_t>(sy) * in_row + dx * fx_ * cn_ + c;
          for (int sx = 0; sx < fx_; ++sx) sum += s[sx * cn_];
        }
        d[dx * cn_ + c] = two_by_two
                              ? static_cast<uint8_t>((sum + 2) >> 2)
                              : saturate_u8(round_half_even(static_cast<float>(sum) * scale));
      }
    }
  }
}

}  // namespace ag::gym
