// Cpu::run() keeps the 64-byte page it fetches from while PC stays in it
// (see code_at_pc() in cpu_impl.hpp). What it fetches must still be what the
// bus holds at that moment: after a bank switch, and in RAM the program writes.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "emu/bus.hpp"
#include "emu/cartridge.hpp"
#include "emu/cpu.hpp"
#include "emu/riot.hpp"
#include "emu/tia.hpp"

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

}  // namespace
}  // namespace ag::emu
