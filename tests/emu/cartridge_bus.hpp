// Test helpers for the cartridge tests: a bus that dispatches CPU accesses to
// a cartridge exactly as the console contract in emu/cartridge.hpp says
// (page maps, peek/poke for null pages, low_pages(), TIA chaining), and ROM
// images whose every byte tells which bank and offset it came from.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "emu/cartridge.hpp"

namespace ag::emu::testing {

// Records what mappers pass on to the TIA; its reads return kTiaValue.
struct FakeTia : TiaPort {
  static constexpr uint8_t kTiaValue = 0xEE;
  uint8_t peek(uint16_t addr) override {
    reads.push_back(addr);
    return kTiaValue;
  }
  void poke(uint16_t addr, uint8_t value) override { writes.emplace_back(addr, value); }
  std::vector<uint16_t> reads;
  std::vector<std::pair<uint16_t, uint8_t>> writes;
};

// Value read from non-cartridge space the cartridge does not own.
constexpr uint8_t kChipValue = 0xBB;

class CartridgeBus {
 public:
  explicit CartridgeBus(Cartridge& cart) : cart_(cart) {
    cart_.attach_tia(&tia);
    cart_.attach_clock(&cycles);
  }

  uint8_t read(uint16_t addr) {
    ++cycles;
    const uint16_t a = addr & 0x1FFF;
    if (a & 0x1000) {
      const int page = (a >> Cartridge::kPageBits) & (Cartridge::kPages - 1);
      if (const uint8_t* p = cart_.read_page(page)) return p[a & (Cartridge::kPageSize - 1)];
      return cart_.peek(addr);
    }
    if ((cart_.low_pages() >> (a >> Cartridge::kPageBits)) & 1) return cart_.peek(addr);
    return kChipValue;
  }

  void write(uint16_t addr, uint8_t value) {
    ++cycles;
    const uint16_t a = addr & 0x1FFF;
    if (a & 0x1000) {
      const int page = (a >> Cartridge::kPageBits) & (Cartridge::kPages - 1);
      if (uint8_t* p = cart_.write_page(page))
        p[a & (Cartridge::kPageSize - 1)] = value;
      else
        cart_.poke(addr, value);
      return;
    }
    if ((cart_.low_pages() >> (a >> Cartridge::kPageBits)) & 1) cart_.poke(addr, value);
  }

  FakeTia tia;
  uint64_t cycles = 0;

 private:
  Cartridge& cart_;
};

// The byte at `offset` of bank `bank` in a patterned image: distinct across
// banks (up to 256) for every offset.
inline uint8_t pattern(int bank, int offset) {
  return static_cast<uint8_t>(bank * 17 + offset * 3 + (offset >> 8));
}

inline std::vector<uint8_t> patterned_image(int banks, int bank_size) {
  std::vector<uint8_t> rom(static_cast<size_t>(banks) * bank_size);
  for (int b = 0; b < banks; ++b)
    for (int o = 0; o < bank_size; ++o) rom[static_cast<size_t>(b) * bank_size + o] = pattern(b, o);
  return rom;
}

// Saves the cartridge's state, for round-trip tests.
inline std::vector<uint8_t> saved(const Cartridge& cart) {
  StateWriter w;
  cart.save_state(w);
  return w.bytes();
}

inline void restore(Cartridge& cart, const std::vector<uint8_t>& bytes) {
  StateReader r(bytes);
  cart.load_state(r);
}

}  // namespace ag::emu::testing
