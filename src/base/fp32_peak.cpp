#include "base/fp32_peak.hpp"

#include <immintrin.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

namespace ag::base {

namespace {

// 12 accumulators: covers 2 FMA pipes x 4-6 cycles of latency (Zen 4/5,
// Ice Lake and later), so the pipes, not the dependency chains, limit it.
constexpr int kChains = 12;

// One body, three instruction sets (a lambda would not inherit the
// function's target attribute, so a macro). Each chain's last value goes to
// `out`, so the loop is not optimised away.
#define AG_FMA_CHAINS(V, SET, FMA, STORE)                                    \
  V acc[kChains];                                                            \
  const V a = SET(0.999999f), b = SET(1e-7f);                                \
  for (int k = 0; k < kChains; ++k) acc[k] = SET(1.0f + k * 1e-3f);          \
  for (long i = 0; i < iters; ++i) {                                         \
    _Pragma("GCC unroll 12") for (int k = 0; k < kChains; ++k) acc[k] = FMA; \
  }                                                                          \
  for (int k = 0; k < kChains; ++k) STORE(out + k * sizeof(V) / 4, acc[k]);

__attribute__((target("avx512f"))) void chains_avx512(long iters, float* out) {
  AG_FMA_CHAINS(__m512, _mm512_set1_ps, _mm512_fmadd_ps(acc[k], a, b), _mm512_storeu_ps)
}

__attribute__((target("avx2,fma"))) void chains_avx2(long iters, float* out) {
  AG_FMA_CHAINS(__m256, _mm256_set1_ps, _mm256_fmadd_ps(acc[k], a, b), _mm256_storeu_ps)
}

// No FMA: a multiply and an add, counted as one multiply-add.
void chains_sse(long iters, float* out) {
  AG_FMA_CHAINS(__m128, _mm_set1_ps, _mm_add_ps(_mm_mul_ps(acc[k], a), b), _mm_storeu_ps)
}

#undef AG_FMA_CHAINS

}  // namespace

Fp32Peak measure_fp32_peak(int threads, double seconds) {
  Fp32Peak p;
  p.threads = std::max(threads, 1);
  int lanes;
  void (*chains)(long, float*);
  if (__builtin_cpu_supports("avx512f")) {
    chains = chains_avx512, lanes = 16, p.isa = "avx512f";
  } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    chains = chains_avx2, lanes = 8, p.isa = "avx2+fma";
  } else {
    chains = chains_sse, lanes = 4, p.isa = "sse2";
  }
  using clock = std::chrono::steady_clock;
  // Calibrate on one thread (this also wakes the cores up), then time all.
  std::vector<float> out(static_cast<size_t>(kChains) * 16 * p.threads);
  long iters = 1 << 16;
  for (;;) {
    const auto t0 = clock::now();
    chains(iters, out.data());
    if (std::chrono::duration<double>(clock::now() - t0).count() > seconds / 4 ||
        iters > (1L << 40))
      break;
    iters *= 2;
  }
  iters *= 4;  // ~seconds per thread
  std::vector<std::thread> pool;
  const auto t0 = clock::now();
  try {
    for (int t = 0; t < p.threads; ++t)
      pool.emplace_back([&, t] { chains(iters, &out[static_cast<size_t>(t) * kChains * 16]); });
  } catch (...) {  // no thread to be had: join those started, then report
    for (auto& th : pool) th.join();
    throw;
  }
  for (auto& th : pool) th.join();
  const double s = std::chrono::duration<double>(clock::now() - t0).count();
  volatile float sink = out[0];  // the results are used
  (void)sink;
  p.gflops = 2.0 * kChains * lanes * static_cast<double>(iters) * p.threads / s / 1e9;
  return p;
}

}  // namespace ag::base
