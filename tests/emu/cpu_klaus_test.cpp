// Klaus Dormann's 6502 functional test (every documented opcode, addressing
// mode, flag and decimal-mode ADC/SBC) on a flat 64 KiB RAM bus.
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include "emu/cpu.hpp"

namespace ag::emu {
namespace {

// Full 16-bit bus: the test image spans 64 KiB (the console's bus masks to 13 bits).
struct FlatBus {
  std::array<uint8_t, 65536> mem{};
  uint64_t cycles = 0;
  // Nothing here looks at the clock: the CPU's cycles arrive with add_cycles().
  uint8_t read(uint16_t addr, uint32_t&) { return mem[addr]; }
  void write(uint16_t addr, uint8_t v, uint32_t&) { mem[addr] = v; }
  void add_cycles(uint32_t n) { cycles += n; }
  uint8_t peek(uint16_t addr) { return mem[addr]; }
  bool stop_requested() const { return false; }
};

std::string shared_dir() {
  if (const char* env = std::getenv("ATARI_SHARED_DIR"); env && *env) return env;
  return AG_SOURCE_DIR "/../shared";
}

constexpr uint16_t kStart = 0x0400;
constexpr uint16_t kSuccessTrap = 0x3469;
constexpr uint64_t kCycleBudget = 200'000'000;

TEST(CpuKlausFunctionalTest, TrapsAtSuccessAddress) {
  const std::string path = shared_dir() + "/cpu-tests/6502_functional_test.bin";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "cannot open " << path << " (set ATARI_SHARED_DIR)";
  auto bus = std::make_unique<FlatBus>();
  in.read(reinterpret_cast<char*>(bus->mem.data()), bus->mem.size());
  ASSERT_EQ(in.gcount(), 65536) << path << " is not a 64 KiB image";

  Cpu<FlatBus> cpu;
  cpu.reset(*bus);
  cpu.state().pc = kStart;

  const auto t0 = std::chrono::steady_clock::now();
  uint16_t last_pc = 0xFFFF;
  bool trapped = false;
  // Batches of instructions; a `jmp *` trap leaves PC unchanged over one step.
  while (bus->cycles < kCycleBudget && !cpu.jammed()) {
    cpu.run(*bus, 1000);
    const uint16_t pc = cpu.state().pc;
    cpu.step(*bus);
    if (cpu.state().pc == pc) {
      trapped = true;
      last_pc = pc;
      break;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const uint64_t instructions = cpu.state().instructions;
  std::printf("[ klaus    ] %llu instructions, %llu cycles in %.3f s: %.1f M instructions/s\n",
              static_cast<unsigned long long>(instructions),
              static_cast<unsigned long long>(bus->cycles), seconds, instructions / seconds / 1e6);

  ASSERT_FALSE(cpu.jammed()) << "jammed on opcode $" << std::hex << int(cpu.state().ir)
                             << " at PC $" << cpu.state().pc;
  ASSERT_TRUE(trapped) << "no trap within " << kCycleBudget << " cycles; PC $" << std::hex
                       << cpu.state().pc;
  EXPECT_EQ(last_pc, kSuccessTrap) << "trapped at $" << std::hex << last_pc
                                   << " (see the test's listing for which check failed)";
}

}  // namespace
}  // namespace ag::emu
