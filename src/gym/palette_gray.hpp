// Atari screens (palette indices) to ALE's grayscale, optionally max-pooled
// with the previous frame, through a 256-entry table. This is per-pixel work
// on every observed frame, so it has an AVX2 path (a 128-entry table lookup
// with byte shuffles: NTSC pixels are even, 7 significant bits) chosen at
// run time, with plain table lookups for other CPUs and odd pixels; both
// give the same bytes.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ag::gym {

// out[i] = table[pixels[i]].
void palette_to_gray(const uint8_t* pixels, const uint8_t* table, uint8_t* out, size_t n);

// older_gray[i] = table[older[i]]; pooled[i] = max(older_gray[i], table[newer[i]]).
void palette_to_gray_max(const uint8_t* older, const uint8_t* newer, const uint8_t* table,
                         uint8_t* older_gray, uint8_t* pooled, size_t n);

// Whether the AVX2 path is in use on this CPU (for tests and bench output).
bool palette_gray_uses_avx2();

}  // namespace ag::gym
