// Test helper: a tiny 4K cartridge image whose program makes 253-line frames
// (VSYNC, then 250 WSYNC lines) with a background colour, counts frames in
// RAM $80 and copies SWCHB to RAM $81 through a mirror address.
#pragma once

#include <cstdint>
#include <vector>

namespace ag::emu::testing {

inline std::vector<uint8_t> frame_loop_rom() {
  std::vector<uint8_t> rom(4096, 0xEA);  // NOP filler
  const uint8_t program[] = {
      0xA9, 0x1E,        // F000 LDA #$1E
      0x85, 0x09,        // F002 STA COLUBK
      0xA9, 0x00,        // F004 LDA #$00
      0x85, 0x01,        // F006 STA VBLANK
      0xA9, 0x02,        // F008 LDA #$02        <- frame
      0x85, 0x00,        // F00A STA VSYNC
      0x85, 0x02,        // F00C STA WSYNC
      0x85, 0x02,        // F00E STA WSYNC
      0x85, 0x02,        // F010 STA WSYNC
      0xA9, 0x00,        // F012 LDA #$00
      0x85, 0x00,        // F014 STA VSYNC        (ends the frame)
      0xA2, 0xFA,        // F016 LDX #250
      0x85, 0x02,        // F018 STA WSYNC        <- line
      0xCA,              // F01A DEX
      0xD0, 0xFB,        // F01B BNE $F018
      0xE6, 0x80,        // F01D INC $80
      0xAD, 0x82, 0x02,  // F01F LDA SWCHB
      0x8D, 0x81, 0x01,  // F022 STA $0181        (RAM $81 through a mirror)
      0x4C, 0x08, 0xF0,  // F025 JMP $F008
  };
  for (size_t i = 0; i < sizeof program; ++i) rom[i] = program[i];
  rom[0xFFC] = 0x00;  // reset vector: $F000
  rom[0xFFD] = 0xF0;
  return rom;
}

}  // namespace ag::emu::testing
