// Shared decoders for the per-game logic: how ALE reads scores, lives and
// flags out of a game's memory (facts from ALE's games/RomUtils.cpp).
//
// Score and lives decoders are templates over their addresses so that a game's
// table entry names its facts as data: `bcd<0xAA, 0xA9, 0xA8>` is "score in
// three BCD bytes, least significant at $AA".
#pragma once

#include <cstdint>

#include "env/game.hpp"

namespace ag::env {

// ALE's decimal reading of one byte (getDecimalScore): 10 * high nibble + low
// nibble. The nibbles are not checked to be digits: 0xAB reads as 111.
constexpr int bcd_value(int byte) {
  return 10 * (byte >> 4) + (byte & 0xF);
}

// The machine's memory as a game's decoder sees it after a frame.
class RamView {
 public:
  explicit RamView(const GameHost& host) : host_(host) {}

  // A RIOT RAM byte. ALE's games address RAM both as $80-$FF and as 0-$7F
  // (Breakout's 57 is $B9): readRam keeps only the low 7 bits.
  int operator[](int addr) const {
    return host_.read_ram(static_cast<uint16_t>(0x80 | (addr & 0x7F)));
  }
  // Any address of the CPU's map (ALE's readMappedRam), e.g. cartridge RAM.
  int mapped(int addr) const { return host_.peek(static_cast<uint16_t>(addr)); }

  // ALE's getDecimalScore over 1, 2 or 3 bytes, least significant first:
  // each byte adds two decimal digits.
  int bcd(int lo) const { return bcd_value((*this)[lo]); }
  int bcd(int lo, int hi) const { return bcd(lo) + 100 * bcd(hi); }
  int bcd(int lo, int mid, int hi) const { return bcd(lo, mid) + 10000 * bcd(hi); }

  // One decimal digit per byte in the low nibble, least significant first at
  // consecutive addresses; the digit 0xA is a blank shown for a leading zero
  // and counts as 0 (Defender, Road Runner, Star Gunner).
  int digits_low_nibble(int first, int count) const {
    int value = 0, scale = 1;
    for (int i = 0; i < count; ++i, scale *= 10) {
      int d = (*this)[first + i] & 0xF;
      value += (d == 0xA ? 0 : d) * scale;
    }
    return value;
  }

 private:
  const GameHost& host_;
};

// --- Decoders named by their data, for the games table ---

// Score: BCD bytes, least significant first.
template <int... Addrs>
int bcd(const RamView& ram) {
  return ram.bcd(Addrs...);
}

// Lives: ((byte >> Shift) & Mask) + Offset. The previous value is unused.
template <int Addr, int Mask = 0xFF, int Offset = 0, int Shift = 0>
int lives_at(const RamView& ram, int /*previous*/) {
  return ((ram[Addr] >> Shift) & Mask) + Offset;
}

// Flag: the byte equals Value.
template <int Addr, int Value>
bool ram_is(const RamView& ram) {
  return ram[Addr] == Value;
}

}  // namespace ag::env
