// The CPU line every timing and training (re)start prints: /proc/cpuinfo
// parsed into the name, family/model and the flags the learner's speed
// depends on.
#include "base/cpu_info.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace ag::base {
namespace {

// Two processors as Linux lists them (a Zen 3 VM's, trimmed).
const char* kZen3 =
    "processor\t: 0\n"
    "vendor_id\t: AuthenticAMD\n"
    "cpu family\t: 25\n"
    "model\t\t: 1\n"
    "model name\t: AMD EPYC\n"
    "flags\t\t: fpu sse sse2 fma avx avx2 sha_ni\n"
    "\n"
    "processor\t: 1\n"
    "cpu family\t: 99\n"
    "model\t\t: 99\n"
    "model name\t: not the first\n"
    "flags\t\t: avx512f avx512_bf16\n";

TEST(CpuInfo, ParsesTheFirstProcessorAndCountsThemAll) {
  const CpuInfo c = parse_cpuinfo(kZen3);
  EXPECT_EQ(c.model_name, "AMD EPYC");
  EXPECT_EQ(c.family, 25);
  EXPECT_EQ(c.model, 1);
  EXPECT_EQ(c.logical_cpus, 2);
  EXPECT_EQ(c.features, (std::vector<std::string>{"avx2", "fma"}));  // fixed order, not the file's
  EXPECT_EQ(c.str(), "AMD EPYC (family 25, model 1), 2 logical CPUs, avx2 fma");
}

TEST(CpuInfo, NamesBf16AndAmxAndSaysWhatIsMissing) {
  const CpuInfo c = parse_cpuinfo(
      "processor : 0\nmodel name : Intel(R) Xeon(R)\ncpu family : 6\nmodel : 143\n"
      "flags : avx2 fma avx512f avx512_bf16 amx_tile amx_bf16\n");
  EXPECT_EQ(c.features, (std::vector<std::string>{"avx2", "fma", "avx512f", "avx512_bf16",
                                                  "amx_tile"}));
  EXPECT_EQ(c.str(), "Intel(R) Xeon(R) (family 6, model 143), 1 logical CPU, avx2 fma avx512f "
                     "avx512_bf16 amx_tile");
  EXPECT_EQ(parse_cpuinfo("processor : 0\nmodel name : Old\nflags : sse2\n").str(),
            "Old, 1 logical CPU, no AVX2");
  EXPECT_EQ(parse_cpuinfo("").str(), "unknown CPU");
  EXPECT_EQ(parse_cpuinfo("cpu family : x\nmodel name : Odd\n").family, -1);  // not a number
}

TEST(CpuInfo, ThisMachineAgreesWithTheCompilersCpuCheck) {
  const CpuInfo c = this_cpu();
  ASSERT_GE(c.logical_cpus, 1) << "no /proc/cpuinfo?";
  const auto has = [&](const char* f) {
    return std::find(c.features.begin(), c.features.end(), f) != c.features.end();
  };
  EXPECT_EQ(has("avx2"), bool(__builtin_cpu_supports("avx2")));
  EXPECT_EQ(has("avx512f"), bool(__builtin_cpu_supports("avx512f")));
}

}  // namespace
}  // namespace ag::base
