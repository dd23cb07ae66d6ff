// The CPU a figure was measured on, named the way `lscpu` names it: speeds
// are compared only side by side on one machine, so every timing and every
// training (re)start prints it. Read from /proc/cpuinfo (Linux).
#pragma once

#include <string>
#include <vector>

namespace ag::base {

struct CpuInfo {
  std::string model_name;  // "AMD EPYC", "Intel(R) Xeon(R) Platinum 8488C"; empty if unknown
  int family = -1, model = -1;
  int logical_cpus = 0;
  // The flags that decide the learner's speed, of those present, in this
  // order: avx2, fma, avx512f, avx512_bf16, amx_tile (oneDNN's fp32 kernels
  // need AVX2+FMA; native bf16 needs avx512_bf16 or AMX).
  std::vector<std::string> features;

  // "AMD EPYC (family 25, model 1), 2 logical CPUs, avx2 fma"; "unknown CPU"
  // when nothing was read.
  std::string str() const;
};

// Parses /proc/cpuinfo's text: the first processor's name, family, model and
// flags, and the number of "processor" entries.
CpuInfo parse_cpuinfo(const std::string& text);

// This machine's (parse_cpuinfo of /proc/cpuinfo; empty where unreadable).
CpuInfo this_cpu();

}  // namespace ag::base
