// The data bus the TIA sees. Cpu::run() does not store each instruction
// fetch's last byte on the bus; the instruction's first access hands it over
// when it reaches a chip (Bus::read_after_fetch), and an instruction with no
// access after its fetch stores it (Bus::fetch_only). The TIA's read
// registers drive bits 7-6 only, the others float at that byte (ALE's
// TIA::peek ORs in the data bus state), so the bits a game reads there
// tell whether the hand-over happened.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "bare_machine.hpp"

namespace ag::emu {
namespace {

// A bare machine with a 4K cartridge whose code starts at $F000.
std::vector<uint8_t> rom_with(const std::vector<uint8_t>& program) {
  std::vector<uint8_t> rom(4096, 0xEA);
  std::copy(program.begin(), program.end(), rom.begin());
  rom[0xFFC] = 0x00;
  rom[0xFFD] = 0xF0;
  return rom;
}

struct Machine : BareMachine {
  explicit Machine(const std::vector<uint8_t>& program)
      : BareMachine(rom_with(program), "4K", 2600) {}
  uint8_t ram(uint8_t addr) { return bus.read(addr); }
};

// CXM0P (no collision yet: bits 7-6 clear) read through three addressing
// modes: the undriven bits show the last byte each instruction fetched (or,
// for (zp),Y, the pointer's high byte, its last read before the data).
const std::vector<uint8_t> kProgram = {
    0xA5, 0x30,        // LDA $30      ; CXM0P: the operand $30 floats
    0x85, 0x80,        // STA $80
    0xAD, 0x30, 0x01,  // LDA $0130    ; CXM0P mirror: the high byte $01
    0x85, 0x81,        // STA $81
    0xA9, 0x30,        // LDA #$30
    0x85, 0x82,        // STA $82
    0xA9, 0x0E,        // LDA #$0E
    0x85, 0x83,        // STA $83     ; pointer $0E30: CXM0P again
    0xA0, 0x00,        // LDY #0
    0xB1, 0x82,        // LDA ($82),Y ; the pointer's high byte $0E
    0x85, 0x84,        // STA $84
    0xA2, 0x25,        // LDX #$25    ; no access after the fetch
    0xE8,              // INX         ; idem, the opcode is the last byte
    0x4C, 0x1A, 0xF0,  // JMP $F01A   ; (here: a loop on itself)
};

TEST(CpuDataBus, TiaReadsSeeTheLastByteEachInstructionFetched) {
  for (bool stepwise : {false, true}) {
    SCOPED_TRACE(stepwise ? "step()" : "run()");
    Machine m(kProgram);
    if (stepwise) {
      for (int i = 0; i < 11; ++i) m.cpu.step(m.bus);
    } else {
      ASSERT_EQ(m.cpu.run(m.bus, 11), 11u);
    }
    EXPECT_EQ(m.ram(0x80), 0x30);
    EXPECT_EQ(m.ram(0x81), 0x01);
    EXPECT_EQ(m.ram(0x84), 0x0E);
  }
}

TEST(CpuDataBus, InstructionsWithoutAccessesLeaveTheirLastByteOnTheBus) {
  Machine m(kProgram);
  ASSERT_EQ(m.cpu.run(m.bus, 12), 12u);  // ... LDX #$25
  EXPECT_EQ(m.st.data_bus, 0x25);
  EXPECT_TRUE(m.st.last_access_read);
  ASSERT_EQ(m.cpu.run(m.bus, 1), 1u);  // INX
  EXPECT_EQ(m.st.data_bus, 0xE8);
  ASSERT_EQ(m.cpu.run(m.bus, 1), 1u);  // JMP $F01A
  EXPECT_EQ(m.st.data_bus, 0xF0);
  EXPECT_EQ(m.cpu.state().pc, 0xF01A);
}

}  // namespace
}  // namespace ag::emu
