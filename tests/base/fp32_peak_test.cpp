// The measured fp32 peak is a rate this CPU can plausibly do: more than one
// scalar multiply-add per nanosecond per thread, less than 64 FLOP per cycle
// at 10 GHz, on the widest instruction set it has.
#include "base/fp32_peak.hpp"

#include <gtest/gtest.h>

namespace ag::base {
namespace {

TEST(Fp32Peak, MeasuresAPlausibleRateOnTheWidestVectors) {
  const Fp32Peak p = measure_fp32_peak(1, 0.05);
  EXPECT_EQ(p.threads, 1);
  EXPECT_GT(p.gflops, 2.0);
  EXPECT_LT(p.gflops, 640.0);
  if (__builtin_cpu_supports("avx512f"))
    EXPECT_EQ(p.isa, "avx512f");
  else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
    EXPECT_EQ(p.isa, "avx2+fma");
  else
    EXPECT_EQ(p.isa, "sse2");
}

}  // namespace
}  // namespace ag::base
