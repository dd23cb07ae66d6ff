#include "gym/palette_gray.hpp"

#include <algorithm>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define AG_HAVE_X86 1
#endif

namespace ag::gym {

namespace {

void to_gray_scalar(const uint8_t* p, const uint8_t* table, uint8_t* out, size_t n) {
  for (size_t i = 0; i < n; ++i) out[i] = table[p[i]];
}

void to_gray_max_scalar(const uint8_t* older, const uint8_t* newer, const uint8_t* table,
                        uint8_t* older_gray, uint8_t* pooled, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    const uint8_t g = table[older[i]];
    older_gray[i] = g;
    pooled[i] = std::max(g, table[newer[i]]);
  }
}

#ifdef AG_HAVE_X86
// The 128 entries table[0], table[2], ..., table[254] as eight 16-byte
// shuffle tables (each repeated in both 128-bit lanes): entry 2i is table j
// = i / 16, position i % 16.
struct EvenTables {
  __m256i t[8];
};

__attribute__((target("avx2"))) EvenTables load_even_tables(const uint8_t* table) {
  EvenTables e;
  for (int j = 0; j < 8; ++j) {
    alignas(16) uint8_t row[16];
    for (int k = 0; k < 16; ++k) row[k] = table[2 * (16 * j + k)];
    e.t[j] = _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(row)));
  }
  return e;
}

// 32 even pixels to gray: the low 4 bits of p/2 pick a byte within each of
// the 8 tables (pshufb), bits 5, 6 and 7 of p pick the table (a blend tree;
// blendv tests bit 7 of each byte, so bits 5 and 6 are shifted up to it).
__attribute__((target("avx2"))) inline __m256i gray32(__m256i p, const EvenTables& e) {
  const __m256i lo = _mm256_and_si256(_mm256_srli_epi16(p, 1), _mm256_set1_epi8(0x0F));
  const __m256i sel5 = _mm256_slli_epi16(p, 2);
  const __m256i sel6 = _mm256_slli_epi16(p, 1);
  __m256i u[4];
  for (int k = 0; k < 4; ++k)
    u[k] = _mm256_blendv_epi8(_mm256_shuffle_epi8(e.t[2 * k], lo),
                              _mm256_shuffle_epi8(e.t[2 * k + 1], lo), sel5);
  const __m256i v0 = _mm256_blendv_epi8(u[0], u[1], sel6);
  const __m256i v1 = _mm256_blendv_epi8(u[2], u[3], sel6);
  return _mm256_blendv_epi8(v0, v1, p);
}

__attribute__((target("avx2"))) inline bool all_even(__m256i p) {
  return _mm256_testz_si256(p, _mm256_set1_epi8(1));
}

__attribute__((target("avx2"))) void to_gray_avx2(const uint8_t* p, const uint8_t* table,
                                                  uint8_t* out, size_t n) {
  const EvenTables e = load_even_tables(table);
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    if (all_even(v))
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i), gray32(v, e));
    else
      to_gray_scalar(p + i, table, out + i, 32);
  }
  to_gray_scalar(p + i, table, out + i, n - i);
}

__attribute__((target("avx2"))) void to_gray_max_avx2(const uint8_t* older, const uint8_t* newer,
                                                      const uint8_t* table, uint8_t* older_gray,
                                                      uint8_t* pooled, size_t n) {
  const EvenTables e = load_even_tables(table);
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(older + i));
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(newer + i));
    if (all_even(_mm256_or_si256(a, b))) {
      const __m256i ga = gray32(a, e);
      // Most of a screen does not change between two frames: one lookup then.
      const __m256i gb = _mm256_movemask_epi8(_mm256_cmpeq_epi8(a, b)) == -1 ? ga : gray32(b, e);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(older_gray + i), ga);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(pooled + i), _mm256_max_epu8(ga, gb));
    } else {
      to_gray_max_scalar(older + i, newer + i, table, older_gray + i, pooled + i, 32);
    }
  }
  to_gray_max_scalar(older + i, newer + i, table, older_gray + i, pooled + i, n - i);
}

bool detect_avx2() {
  __builtin_cpu_init();  // may run before libgcc's own initialisation
  return __builtin_cpu_supports("avx2");
}
#else
bool detect_avx2() {
  return false;
}
#endif

// Decided once per process: a property of the CPU, not mutable state.
const bool kAvx2 = detect_avx2();

}  // namespace

bool palette_gray_uses_avx2() {
  return kAvx2;
}

void palette_to_gray(const uint8_t* pixels, const uint8_t* table, uint8_t* out, size_t n) {
#ifdef AG_HAVE_X86
  if (kAvx2) return to_gray_avx2(pixels, table, out, n);
#endif
  to_gray_scalar(pixels, table, out, n);
}

void palette_to_gray_max(const uint8_t* older, const uint8_t* newer, const uint8_t* table,
                         uint8_t* older_gray, uint8_t* pooled, size_t n) {
#ifdef AG_HAVE_X86
  if (kAvx2) return to_gray_max_avx2(older, newer, table, older_gray, pooled, n);
#endif
  to_gray_max_scalar(older, newer, table, older_gray, pooled, n);
}

}  // namespace ag::gym
