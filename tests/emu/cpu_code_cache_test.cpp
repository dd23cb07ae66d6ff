// Cpu::run() keeps the run of plain memory it fetches from (the cartridge
// pages whose host memory follows on, within a 256-byte page) while PC stays
// in it (see code_at_pc() in cpu_impl.hpp, Bus::code_run()). What it fetches
// must still be what the bus holds at that moment: after a bank switch, where
// the page map stops following on, and in RAM the program writes.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "emu/bus.hpp"
#include "emu/cartridge.hpp"
#include "emu/cpu.hpp"
#include "emu/riot.hpp"
#include "emu/tia.hpp"
#include "support/cpu_bus_instance.hpp"

namespace ag::emu {
namespace {

struct Machine {
  EmuRng rng{4753849};
  Bus bus;
  Tia tia{bus.state()};
  Riot riot{bus.state()};
  std::unique_ptr<Cartridge> cart;
  Cpu<Bus> cpu;

  Machine(const std::vector<uint8_t>& rom, const std::string& type) {
    cart = make_cartridge(rom, type);
    bus.connect(tia, riot);
    cart->attach_clock(&bus.state().total_cycles);
    bus.attach_cartridge(cart.get());
    tia.configure(TiaConfig{});
    riot.reset(rng);
    tia.reset();
    cart->reset(rng);
    cpu.reset(bus);
  }
};

// F8 (two 4K banks, hotspots $1FF8/$1FF9): the same addresses hold different
// code in each bank. The first instruction switches to the other bank, whose
// next instruction must run, not the one the cached page still shows.
TEST(CpuCodeCache, ABankSwitchIsSeenByTheNextFetch) {
  std::vector<uint8_t> rom(8192, 0xEA);
  for (int bank = 0; bank < 2; ++bank) {
    const uint8_t other_bank_hotspot = bank == 0 ? 0xF9 : 0xF8;
    const uint8_t mark = bank == 0 ? 0x11 : 0x22;
    // clang-format off
    const std::vector<uint8_t> program = {
        0xAD, other_bank_hotspot, 0x1F,  // F000 LDA $1FF9 / $1FF8
        0xA2, mark,                      // F003 LDX #mark
        0x4C, 0x05, 0xF0,                // F005 JMP $F005
    };
    // clang-format on
    std::copy(program.begin(), program.end(), rom.begin() + bank * 4096);
    rom[bank * 4096 + 0xFFC] = 0x00;
    rom[bank * 4096 + 0xFFD] = 0xF0;
  }
  Machine m(rom, "F8");
  // The start bank's mark, read from the page (no hotspot): the other one must win.
  const uint8_t start_mark = m.bus.code_page(0x1000)[4];
  ASSERT_TRUE(start_mark == 0x11 || start_mark == 0x22);
  EXPECT_EQ(m.cpu.run(m.bus, 3), 3u);
  EXPECT_EQ(m.cpu.state().x, start_mark == 0x11 ? 0x22 : 0x11);
  EXPECT_EQ(m.cpu.state().pc, 0xF005);
}

// Code in RIOT RAM that rewrites its own immediate operand every pass.
TEST(CpuCodeCache, CodeInRamSeesItsOwnWrites) {
  std::vector<uint8_t> rom(4096, 0xEA);
  const std::vector<uint8_t> program = {
      0xA2, 0x00,        // F000 LDX #0
      0xBD, 0x10, 0xF0,  // F002 copy: LDA $F010,X
      0x95, 0x90,        // F005 STA $90,X
      0xE8,              // F007 INX
      0xE0, 0x07,        // F008 CPX #7
      0xD0, 0xF6,        // F00A BNE copy
      0x4C, 0x90, 0x00,  // F00C JMP $0090
      0xEA,              // F00F
      0xA9, 0x05,        // F010 (RAM $90) LDA #5
      0xE6, 0x91,        // F012 (RAM $92) INC $91: the LDA's operand
      0x4C, 0x90, 0x00,  // F014 (RAM $94) JMP $0090
  };
  std::copy(program.begin(), program.end(), rom.begin());
  rom[0xFFC] = 0x00;
  rom[0xFFD] = 0xF0;
  Machine m(rom, "4K");
  const uint32_t copy_loop = 1 + 7 * 5 + 1;  // LDX, 7 passes of 5, JMP
  ASSERT_EQ(m.cpu.run(m.bus, copy_loop), copy_loop);
  ASSERT_EQ(m.cpu.state().pc, 0x0090);
  // Ten passes of LDA / INC / JMP: the last LDA read 5 + 9.
  EXPECT_EQ(m.cpu.run(m.bus, 30), 30u);
  EXPECT_EQ(m.cpu.state().a, 14);
  EXPECT_EQ(m.riot.ram()[0x11], 15);
}

// E0 (1K slices): at reset segments 0-3 show slices 4-7, one stretch of the
// image. After segment 1 is switched to slice 0, code running off the end of
// segment 0 (slice 4) must continue in slice 0, not in slice 5, which
// follows slice 4 in the image. (Inside one run: a run's last instruction
// starts with nothing cached.)
TEST(CpuCodeCache, CodeRunsOnIntoTheSliceTheNextSegmentShows) {
  std::vector<uint8_t> rom(8192, 0xEA);
  auto put = [&rom](int slice, int offset, std::vector<uint8_t> bytes) {
    std::copy(bytes.begin(), bytes.end(), rom.begin() + slice * 1024 + offset);
  };
  put(7, 0x000, {0xAD, 0xE8, 0x1F,    // FC00 LDA $1FE8  ; segment 1 <- slice 0
                 0x4C, 0xFC, 0xF3});  // FC03 JMP $F3FC  ; near segment 0's end
  put(7, 0x3FC, {0x00, 0xFC});        // reset vector $FC00
  put(4, 0x3FC, {0xEA, 0xEA, 0xEA, 0xEA});  // F3FC NOP x4, into $F400
  put(0, 0x000, {0xA2, 0xAA,          // F400 LDX #$AA (slice 0)
                 0x4C, 0x02, 0xF4});  // F402 JMP $F402
  put(5, 0x000, {0xA2, 0x55});        // (slice 5: what follows slice 4)
  for (uint32_t steps : {9u, 1u}) {
    SCOPED_TRACE(steps == 9 ? "one run()" : "single steps");
    Machine m(rom, "E0");
    for (uint32_t done = 0; done < 9; done += steps) ASSERT_EQ(m.cpu.run(m.bus, steps), steps);
    EXPECT_EQ(m.cpu.state().x, 0xAA);
    EXPECT_EQ(m.cpu.state().pc, 0xF402);
  }
}

// A taken branch whose target lies in the next 256-byte page takes its
// extra cycle also when both lie in the run the CPU has cached.
TEST(CpuCodeCache, ABranchIntoTheNextPageOfTheSameRunTakesItsExtraCycle) {
  std::vector<uint8_t> rom(4096, 0xEA);
  const std::vector<uint8_t> program = {
      0xA2, 0x01,  // F0FA LDX #1        ; Z clear
      0xD0, 0x02,  // F0FC BNE $F100    ; from $F0FE: 2 + 1 + 1 cycles
      0xEA, 0xEA,  // F0FE
      0xA2, 0x02,  // F100 LDX #2
      0xD0, 0x02,  // F102 BNE $F106    ; same page: 2 + 1 cycles
      0xEA, 0xEA,  // F104
      0xEA,        // F106 NOP
  };
  std::copy(program.begin(), program.end(), rom.begin() + 0x0FA);
  rom[0xFFC] = 0xFA;
  rom[0xFFD] = 0xF0;
  // Backwards too: F107 LDX #3 / F109 BNE $F0F0 (from $F10B), F0F0 NOP.
  const std::vector<uint8_t> back = {0xA2, 0x03, 0xD0, 0xE5};
  std::copy(back.begin(), back.end(), rom.begin() + 0x107);
  Machine m(rom, "4K");
  const uint64_t start = m.bus.state().total_cycles;
  ASSERT_EQ(m.cpu.run(m.bus, 5), 5u);
  EXPECT_EQ(m.cpu.state().pc, 0xF107);
  EXPECT_EQ(m.bus.state().total_cycles - start, 2u + 4u + 2u + 3u + 2u);
  ASSERT_EQ(m.cpu.run(m.bus, 3), 3u);
  EXPECT_EQ(m.cpu.state().pc, 0xF0F1);
  EXPECT_EQ(m.bus.state().total_cycles - start, 13u + 2u + 4u + 2u);
}

}  // namespace
}  // namespace ag::emu
