// The data bus the TIA sees. Cpu::run() does not store each instruction
// fetch's last byte on the bus; the instruction's first access hands it over
// when it reaches a chip (Bus::read_after_fetch), and an instruction with no
// access after its fetch stores it (Bus::fetch_only). Nor does it record
// whether an instruction's last access to plain memory was a read when
// another instruction follows in the run (its fetch, a read, comes first;
// Bus::read_last): the run's last instruction does, so between runs the bus
// is exact. The data bus value itself is always stored. The TIA's read
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
  // `n` instructions, by one run() or by single steps.
  void execute(uint32_t n, bool stepwise) {
    if (stepwise) {
      for (uint32_t i = 0; i < n; ++i) cpu.step(bus);
    } else {
      ASSERT_EQ(cpu.run(bus, n), n);
    }
  }
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
    m.execute(11, stepwise);
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

// Each kind of last access, as a run's last instruction and inside a run:
// the bus after run(n) is the one n single steps leave, and the byte the
// access moved.
TEST(CpuDataBus, ARunLeavesTheLastAccessOfItsLastInstructionOnTheBus) {
  const std::vector<uint8_t> program = {
      0xA9, 0x5C,        // F000 LDA #$5C     ; bus: $5C (operand)
      0x85, 0x90,        // F002 STA $90      ; write $5C
      0xE6, 0x90,        // F004 INC $90      ; read $5C, write $5D
      0xA6, 0x90,        // F006 LDX $90      ; read $5D
      0xAD, 0xFF, 0xF0,  // F008 LDA $F0FF    ; ROM byte $C3 (below)
      0xA9, 0x90,        // F00B LDA #$90
      0x85, 0x91,        // F00D STA $91
      0xA9, 0x00,        // F00F LDA #$00
      0x85, 0x92,        // F011 STA $92      ; pointer $0090
      0xA0, 0x01,        // F013 LDY #1
      0xB1, 0x91,        // F015 LDA ($91),Y  ; pointer, then $0091 = $90
      0x91, 0x91,        // F017 STA ($91),Y  ; pointer, then write $90
      0x4C, 0x00, 0xF0,  // F019 JMP $F000
  };
  std::vector<uint8_t> code(0x100, 0xEA);  // NOPs after the program
  std::copy(program.begin(), program.end(), code.begin());
  code[0xFF] = 0xC3;
  struct Expected {
    uint32_t instructions;
    uint8_t bus;
    bool read;
  };
  const Expected expected[] = {{1, 0x5C, true},  {2, 0x5C, false}, {3, 0x5D, false},
                               {4, 0x5D, true},  {5, 0xC3, true},  {11, 0x90, true},
                               {12, 0x90, false}, {13, 0xF0, true}};
  for (const Expected& e : expected) {
    SCOPED_TRACE(::testing::Message() << "after " << e.instructions << " instructions");
    Machine run(code), stepped(code);
    run.execute(e.instructions, false);
    stepped.execute(e.instructions, true);
    EXPECT_EQ(run.st.data_bus, e.bus);
    EXPECT_EQ(run.st.last_access_read, e.read);
    EXPECT_EQ(stepped.st.data_bus, e.bus);
    EXPECT_EQ(stepped.st.last_access_read, e.read);
  }
}

// Code that runs into TIA space fetches its opcode from a TIA read: bits
// 7-6 from the collision latches, the rest floating at the data bus, i.e.
// what the previous instruction's last access left there, inside a run too.
// (RAM code at $FE falls through to $0100, a CXM0P mirror.)
TEST(CpuDataBus, AnOpcodeFetchedFromTiaSpaceFloatsAtThePreviousAccess) {
  const std::vector<uint8_t> program = {
      0xA9, 0xA5,        // F000 LDA #$A5
      0x85, 0xFE,        // F002 STA $FE     ; RAM code: LDA $90
      0xA9, 0x90,        // F004 LDA #$90
      0x85, 0xFF,        // F006 STA $FF
      0xA9, 0x2A,        // F008 LDA #$2A
      0x85, 0x90,        // F00A STA $90     ; the byte LDA $90 loads: ROL A as an opcode
      0x4C, 0xFE, 0x00,  // F00C JMP $00FE
  };
  for (bool stepwise : {false, true}) {
    SCOPED_TRACE(stepwise ? "step()" : "run()");
    Machine m(program);
    m.execute(9, stepwise);  // ..., JMP, LDA $90, then the fetch at $0100
    EXPECT_EQ(m.cpu.state().ir, 0x2A);
  }
}

// WSYNC halts the CPU only when the access before the write was a read
// (ALE's stand-in for the RDY line). An instruction's first access follows
// its fetch, a read: the bus then tells the TIA so (Tia::write_after_read)
// instead of storing the flag; a later write of the same instruction looks
// at what the access before it stored. The stack at $0103/$0102 mirrors
// RSYNC/WSYNC: JSR writes WSYNC right after another write (no halt), PHA
// right after its fetch (halt to the end of the line).
TEST(CpuDataBus, WsyncHaltsAfterAFetchButNotAfterAWrite) {
  const std::vector<uint8_t> main_code = {
      0xA2, 0x03,        // F000 LDX #$03
      0x9A,              // F002 TXS         ; pushes go to $0103, $0102
      0x20, 0x00, 0xF1,  // F003 JSR $F100   ; PCH to RSYNC, then PCL to WSYNC
  };
  std::vector<uint8_t> program(0x100, 0xEA);  // NOPs after the main code
  std::copy(main_code.begin(), main_code.end(), program.begin());
  const std::vector<uint8_t> sub = {
      0xA2, 0x02,  // F100 LDX #$02
      0x9A,        // F102 TXS
      0x85, 0x80,  // F103 STA $80     ; a write last
      0x48,        // F105 PHA         ; to $0102 = WSYNC, after its fetch
      0xEA,        // F106 NOP
  };
  program.insert(program.end(), sub.begin(), sub.end());
  for (bool stepwise : {false, true}) {
    SCOPED_TRACE(stepwise ? "step()" : "run()");
    Machine m(program);
    m.execute(2, stepwise);
    const uint64_t before_jsr = m.st.total_cycles;
    m.execute(1, stepwise);  // JSR: its 6 cycles, no halt
    EXPECT_EQ(m.st.total_cycles - before_jsr, 6u);
    EXPECT_EQ(m.cpu.state().pc, 0xF100);
    m.execute(3, stepwise);
    const uint64_t before_pha = m.st.total_cycles;
    const uint32_t to_line_end = 76 - static_cast<uint32_t>((before_pha + 3) % 76);
    m.execute(1, stepwise);  // PHA: 3 cycles, then halted to the line's end
    ASSERT_LT(to_line_end, 76u);
    EXPECT_EQ(m.st.total_cycles - before_pha, 3u + to_line_end);
    // Inside a run as well: all of it in one run().
    if (!stepwise) {
      Machine r(program);
      r.execute(7, false);
      EXPECT_EQ(r.st.total_cycles, m.st.total_cycles);
    }
  }
}

}  // namespace
}  // namespace ag::emu
