// The observations as the Nature CNN's first layer reads them: uint8
// frames [B, C, 84, 84] (the replay's and the env's layout) -> fp32 x / 255,
// channels-last [B, 84, 84, C] (the layout oneDNN's convolutions run
// fastest on), the values LibTorch's `obs.to(float).div_(255)` gives,
// bit for bit.
#pragma once

#include <cstdint>

namespace ag::agent {

// x / 255.f for n bytes (a division, as LibTorch rounds it).
void bytes_to_unit(const uint8_t* in, float* out, int64_t n);

// One observation's c planes [c, pixels] -> channels-last bytes [pixels, c].
void planes_to_channels_last(const uint8_t* in, uint8_t* out, int c, int pixels);

// obs [batch, c, 84, 84] -> x [batch, 84, 84, c], / 255.
void observations_to_input(const uint8_t* obs, float* x, int batch, int c);

// The same as bf16 bits: each byte's fp32 value above rounded to the
// nearest bf16 (ties to even, as oneDNN's f32 -> bf16 reorder rounds).
void observations_to_input_bf16(const uint8_t* obs, uint16_t* x, int batch, int c);

// fp32 -> bf16, round to nearest, ties to even (no NaN inputs here).
inline uint16_t to_bf16(float f) {
  uint32_t u;
  __builtin_memcpy(&u, &f, sizeof u);
  return static_cast<uint16_t>((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
}

}  // namespace ag::agent
