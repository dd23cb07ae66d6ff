// ALE's environment reads and writes RIOT RAM through System::peek/poke, which
// leave the byte on the data bus (System.hxx: myDataBusState = result/value).
// The TIA drives only bits 7-6 of its read registers; bits 5-0 float at that
// bus byte (TIA::peek's `noise`). So when a frame ends with the PC in TIA
// space (crashed code), the next frame's first opcode fetch is the collision
// bits ORed with what the environment last read or wrote in RAM.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "emu/console.hpp"

namespace ag::emu {
namespace {

// Normal frames until RAM $F0 holds $A5; then a JSR $0200 with the stack in
// TIA space (page 1 below $80) whose PCL push writes VSYNC off and so ends the
// frame with PC = $0200 (TIA, CXM0P) and the operand's $02 on the bus: left
// there, the next fetch is $02, a jam. BRK's handler stores SP in RAM $81.
std::vector<uint8_t> jump_into_tia_rom() {
  std::vector<uint8_t> rom(4096, 0xEA);  // NOP filler
  const uint8_t program[] = {
      0xA9, 0x02,        // F000 LDA #$02        <- frame
      0x85, 0x00,        // F002 STA VSYNC
      0x85, 0x02,        // F004 STA WSYNC
      0x85, 0x02,        // F006 STA WSYNC        (VSYNC on for a full line)
      0xA5, 0xF0,        // F008 LDA $F0
      0xC9, 0xA5,        // F00A CMP #$A5
      0xF0, 0x07,        // F00C BEQ $F015
      0xA9, 0x00,        // F00E LDA #$00
      0x85, 0x00,        // F010 STA VSYNC        (ends the frame)
      0x4C, 0x00, 0xF0,  // F012 JMP $F000
      0xA2, 0x01,        // F015 LDX #$01
      0x9A,              // F017 TXS              (stack at $0101: TIA)
      0xEA, 0xEA,        // F018 NOP, NOP
      0x20, 0x00, 0x02,  // F01A JSR $0200        (PCH $F0 -> VBLANK, PCL $1C -> VSYNC off)
  };
  const uint8_t brk_handler[] = {
      0xBA,              // F020 TSX
      0x86, 0x81,        // F021 STX $81
      0xA9, 0x00,        // F023 LDA #$00
      0x85, 0xF0,        // F025 STA $F0
      0x4C, 0x00, 0xF0,  // F027 JMP $F000
  };
  for (size_t i = 0; i < sizeof program; ++i) rom[i] = program[i];
  for (size_t i = 0; i < sizeof brk_handler; ++i) rom[0x20 + i] = brk_handler[i];
  rom[0xFFC] = 0x00;  // reset vector: $F000
  rom[0xFFD] = 0xF0;
  rom[0xFFE] = 0x20;  // BRK vector: $F020
  rom[0xFFF] = 0xF0;
  return rom;
}

// The caller left $40 on the bus, whose floating bits make the fetch at $0200
// (CXM0P, no collisions) read $00: BRK, not the jam $02.
void expect_brk_from_bus(Console& c) {
  c.run_frame();
  // BRK at $0200 pushed PC $0202 and P at $01FF..$01FD (RAM $FF..$FD).
  EXPECT_EQ(c.ram(0x7F), 0x02);
  EXPECT_EQ(c.ram(0x7E), 0x02);
  EXPECT_EQ(c.ram(0x01), 0xFC);  // the handler ran: SP after BRK
  EXPECT_EQ(c.ram(0x70), 0x00);
}

TEST(ConsoleRamDataBus, SetRamLeavesTheByteOnTheBus) {
  Console c(jump_into_tia_rom(), RomProperties{});
  c.run_frame();
  c.set_ram(0x70, 0xA5);
  c.set_ram(0x01, 0);
  c.run_frame();           // ends with PC = $0200, bus = $02 (JSR's last read)
  c.set_ram(0x10, 0x40);   // ALE's System::poke: the bus now holds $40
  expect_brk_from_bus(c);
}

TEST(ConsoleRamDataBus, PeekRamLeavesTheByteOnTheBus) {
  Console c(jump_into_tia_rom(), RomProperties{});
  c.run_frame();
  c.set_ram(0x70, 0xA5);
  c.set_ram(0x01, 0);
  c.set_ram(0x10, 0x40);
  c.run_frame();
  c.set_ram(0x11, 0x02);
  EXPECT_EQ(c.peek_ram(0x10), 0x40);  // ALE's System::peek: the bus now holds $40
  expect_brk_from_bus(c);
}

}  // namespace
}  // namespace ag::emu
