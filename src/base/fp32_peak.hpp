// This machine's fp32 multiply-add peak, measured: each of `threads` threads
// runs independent fused multiply-adds on the widest vectors the CPU has
// (AVX-512, else AVX2+FMA, else SSE), enough of them in flight to cover the
// FMA latency, for about `seconds`. What compute-bound code (the learner's
// convolutions) can reach at most; a nominal peak from the base clock is off
// by the turbo and the VM's share, so `bench train --profile` compares with
// this instead.
#pragma once

#include <string>

namespace ag::base {

struct Fp32Peak {
  double gflops = 0;  // all threads together, 1 multiply-add = 2 FLOP
  int threads = 0;
  std::string isa;  // "avx512f", "avx2+fma" or "sse2"
};

Fp32Peak measure_fp32_peak(int threads, double seconds = 0.3);

}  // namespace ag::base
