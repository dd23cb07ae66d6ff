#include "agent/net_input.hpp"

#include <array>

#include <emmintrin.h>

#include <cmath>
#include <cstddef>
#include <vector>

#include "agent/nature_cnn.hpp"

namespace ag::agent {

namespace {

// x / 255.f as LibTorch's div_(255.0f) rounds it. Where the CPU has FMA:
// the product by the reciprocal with one FMA correction, exact for all 256
// bytes (the test checks every one), two FMAs and a multiply per value
// where a vector division has several times less throughput (~2.7M values
// per update); elsewhere the division itself (std::fma without an FMA unit
// would be a libm call per value).
inline __attribute__((always_inline)) void unit_by_fma(const uint8_t* __restrict in,
                                                       float* __restrict out, int64_t n) {
  const float r = 1.f / 255.f;
  for (int64_t i = 0; i < n; ++i) {
    const float v = in[i];
    const float q = v * r;
    out[i] = std::fma(std::fma(-q, 255.f, v), r, q);
  }
}
__attribute__((target("avx512f,fma"))) void unit_avx512(const uint8_t* in, float* out, int64_t n) {
  unit_by_fma(in, out, n);
}
__attribute__((target("avx2,fma"))) void unit_avx2(const uint8_t* in, float* out, int64_t n) {
  unit_by_fma(in, out, n);
}
void unit_by_division(const uint8_t* __restrict in, float* __restrict out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) out[i] = static_cast<float>(in[i]) / 255.f;
}

}  // namespace

void bytes_to_unit(const uint8_t* in, float* out, int64_t n) {
  static const auto impl =
      __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma") ? unit_avx512
      : __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")  ? unit_avx2
                                                                         : unit_by_division;
  impl(in, out, n);
}

// One observation's C planes [C, P] -> channels-last [P, C] bytes. C = 4
// (the frame stack) by SSE2 unpacks, 16 pixels at a time; else one by one.
void planes_to_channels_last(const uint8_t* __restrict in, uint8_t* __restrict out, int c,
                             int pixels) {
  int p = 0;
  if (c == 4) {
    for (; p + 16 <= pixels; p += 16) {
      const __m128i c0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + p));
      const __m128i c1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + pixels + p));
      const __m128i c2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + 2 * pixels + p));
      const __m128i c3 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + 3 * pixels + p));
      const __m128i lo01 = _mm_unpacklo_epi8(c0, c1), hi01 = _mm_unpackhi_epi8(c0, c1);
      const __m128i lo23 = _mm_unpacklo_epi8(c2, c3), hi23 = _mm_unpackhi_epi8(c2, c3);
      __m128i* o = reinterpret_cast<__m128i*>(out + 4 * p);
      _mm_storeu_si128(o, _mm_unpacklo_epi16(lo01, lo23));      // pixels 0-3
      _mm_storeu_si128(o + 1, _mm_unpackhi_epi16(lo01, lo23));  // 4-7
      _mm_storeu_si128(o + 2, _mm_unpacklo_epi16(hi01, hi23));  // 8-11
      _mm_storeu_si128(o + 3, _mm_unpackhi_epi16(hi01, hi23));  // 12-15
    }
  }
  for (; p < pixels; ++p)
    for (int k = 0; k < c; ++k) out[p * c + k] = in[k * pixels + p];
}

// Each observation of obs [B, C, 84, 84] made channels-last in a small
// buffer that stays in L1/L2, handed to convert(bytes, count, offset of the
// observation in the output).
template <class Convert>
void each_channels_last(const uint8_t* obs, int batch, int c, Convert convert) {
  constexpr int kPixels = nature_cnn::kSide * nature_cnn::kSide;
  const size_t per = static_cast<size_t>(kPixels) * c;
  thread_local std::vector<uint8_t> interleaved;
  interleaved.resize(per);
  for (int b = 0; b < batch; ++b) {
    planes_to_channels_last(obs + b * per, interleaved.data(), c, kPixels);
    convert(interleaved.data(), per, b * per);
  }
}

// obs u8 [B, C, 84, 84] -> bf16 bits [B, 84, 84, C], through a table.
void observations_to_input_bf16(const uint8_t* obs, uint16_t* x, int batch, int c) {
  // 256 values: a table of the bytes' bf16 images, made from the fp32 ones.
  static const std::array<uint16_t, 256> table = [] {
    std::array<uint8_t, 256> bytes;
    std::array<float, 256> unit;
    for (int i = 0; i < 256; ++i) bytes[i] = static_cast<uint8_t>(i);
    bytes_to_unit(bytes.data(), unit.data(), 256);
    std::array<uint16_t, 256> t;
    for (int i = 0; i < 256; ++i) t[i] = to_bf16(unit[i]);
    return t;
  }();
  each_channels_last(obs, batch, c, [&](const uint8_t* in, size_t per, size_t at) {
    uint16_t* out = x + at;
    for (size_t i = 0; i < per; ++i) out[i] = table[in[i]];
  });
}

// obs u8 [B, C, 84, 84] -> conv1's input f32 [B, 84, 84, C] (nhwc), / 255.
void observations_to_input(const uint8_t* obs, float* x, int batch, int c) {
  each_channels_last(obs, batch, c, [&](const uint8_t* in, size_t per, size_t at) {
    bytes_to_unit(in, x + at, static_cast<int64_t>(per));
  });
}

}  // namespace ag::agent
