// Hot loops compiled three times (AVX-512, AVX2+FMA, the x86-64 baseline)
// and picked when the program loads (GCC's target_clones, an ifunc): the
// build stays portable, and this project's machines (Zen 4/5, Xeon with
// AVX-512) run the 16-wide version. Only for plain loops that GCC
// vectorises: the clones differ in instruction set, not in algorithm.
#pragma once

#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define AG_SIMD_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define AG_SIMD_CLONES
#endif
