// Tables for the TIA, derived from the hardware facts ALE's TIA encodes
// (playfield pixel order, collision latch layout, player stretching).
#include "emu/tia_tables.hpp"

#include <cstring>

namespace ag::emu::tia_detail {

namespace {

using namespace tia_obj;

uint8_t reverse_bits(uint8_t v) {
  uint8_t r = 0;
  for (int i = 0; i < 8; ++i) r |= ((v >> i) & 1) << (7 - i);
  return r;
}

// Collision latches: bit of TiaState::collisions set when the two objects
// overlap (ALE's layout; CXxx reads return them in pairs).
struct CollisionPair {
  uint8_t a, b;
  uint16_t bit;
};
constexpr CollisionPair kCollisionPairs[15] = {
    {M0, P1, 0x0001}, {M0, P0, 0x0002}, {M1, P0, 0x0004}, {M1, P1, 0x0008}, {P0, PF, 0x0010},
    {P0, BL, 0x0020}, {P1, PF, 0x0040}, {P1, BL, 0x0080}, {M0, PF, 0x0100}, {M0, BL, 0x0200},
    {M1, PF, 0x0400}, {M1, BL, 0x0800}, {BL, PF, 0x1000}, {P0, P1, 0x2000}, {M0, M1, 0x4000},
};

int bit_number(uint8_t bit) {
  int n = 0;
  while (!(bit & 1)) bit >>= 1, ++n;
  return n;
}

}  // namespace

// PF0 bits 4-7, PF1 bits 7-0, PF2 bits 0-7 across the left half; the right
// half repeats them, or mirrors them when CTRLPF reflects.
uint32_t playfield_bit_at(bool reflect, int x) {
  if (x >= 80 && !reflect) x -= 80;
  if (x < 16) return 0x00001u << (x / 4);
  if (x < 48) return 0x00800u >> ((x - 16) / 4);
  if (x < 80) return 0x01000u << ((x - 48) / 4);
  if (x < 112) return 0x80000u >> ((x - 80) / 4);
  if (x < 144) return 0x00010u << ((x - 112) / 4);
  return 0x00008u >> ((x - 144) / 4);
}

Tables::Tables() {
  for (int v = 0; v < 256; ++v) {
    reversed[v] = reverse_bits(static_cast<uint8_t>(v));
    stretch2[v] = 0;
    stretch4[v] = 0;
    for (int i = 0; i < 8; ++i) {
      if (v & (1 << i)) {
        stretch2[v] |= static_cast<uint16_t>(3u << (2 * i));
        stretch4[v] |= 0xFu << (4 * i);
      }
    }
  }
  constexpr int kShift[3] = {0, 4, 12};
  constexpr int kValues[3] = {16, 256, 256};
  for (int r = 0; r < 2; ++r)
    for (int f = 0; f < 3; ++f)
      for (int v = 0; v < 256; ++v) {
        PixelLine& line = pf_lines[r][f][v];
        line = PixelLine{};
        if (v >= kValues[f]) continue;
        uint32_t pf = static_cast<uint32_t>(v) << kShift[f];
        for (int x = 0; x < Tia::kWidth; ++x)
          if (pf & playfield_bit_at(r != 0, x)) line.w[x >> 6] |= uint64_t{1} << (x & 63);
      }
  for (int v = 0; v < 256; ++v) {
    uint8_t bytes[8];
    for (int i = 0; i < 8; ++i) bytes[i] = (v >> i) & 1 ? 0xFF : 0x00;
    std::memcpy(&byte_mask[v], bytes, 8);
  }
  for (int x = 0; x <= Tia::kWidth; ++x) {
    PixelLine& l = from_pixel[x];
    l = PixelLine{};
    for (int i = x; i < Tia::kWidth; ++i) l.w[i >> 6] |= uint64_t{1} << (i & 63);
  }
  for (auto& row : collision_bit)
    for (auto& b : row) b = 0;
  for (const CollisionPair& p : kCollisionPairs) {
    collision_bit[bit_number(p.a)][bit_number(p.b)] = p.bit;
    collision_bit[bit_number(p.b)][bit_number(p.a)] = p.bit;
  }
}

const Tables& tables() {
  static const Tables t;
  return t;
}

}  // namespace ag::emu::tia_detail
