// The 6507's bus: decodes the 13 address lines to the chips, the way ALE's
// System page table does (64-byte pages):
//   A12 = 1                 cartridge ($1000-$1FFF and mirrors)
//   A12 = 0, A7 = 0         TIA ($00-$7F and mirrors)
//   A12 = 0, A7 = 1, A9 = 0 RIOT RAM ($80-$FF and mirrors)
//   A12 = 0, A7 = 1, A9 = 1 RIOT ports and timer ($280-$29F and mirrors)
// A cartridge may own some 64-byte pages below $1000 (Cartridge::low_pages:
// 3F/3E take $0000-$003F, UA the TIA mirrors at $0200-$027F); those accesses
// go to the cartridge, which passes them on to the TIA through TiaLink.
// The CPU instantiates its template with this type.
//
// Time: reads and writes don't advance the clock; the CPU calls add_cycles()
// with each instruction's cycle count right after its opcode fetch (plus
// page-crossing and branch extras), so all other accesses of an instruction
// happen at the clock of its last cycle, as with ALE's CPU core M6502Low
// (see cpu.hpp).
#pragma once

#include <cstdint>

#include "emu/bus_state.hpp"
#include "emu/cartridge.hpp"
#include "emu/riot.hpp"
#include "emu/tia.hpp"

#define AG_BUS_INLINE inline __attribute__((always_inline))

namespace ag::emu {

// The TIA as a cartridge reaches it when it chains an access on.
class TiaLink final : public TiaPort {
 public:
  uint8_t peek(uint16_t addr) override { return tia->read(addr); }
  void poke(uint16_t addr, uint8_t value) override {
    ++writes;
    tia->write(addr, value);
  }
  Tia* tia = nullptr;
  uint64_t writes = 0;
};

class Bus {
 public:
  static constexpr int kPageBits = Cartridge::kPageBits;
  static constexpr uint16_t kPageOffset = Cartridge::kPageSize - 1;

  // The shared state lives here (the hot path reaches it without an
  // indirection); the chips get a reference to it.
  BusState& state() { return s_; }
  const BusState& state() const { return s_; }

  void connect(Tia& tia, Riot& riot) {
    tia_ = &tia;
    riot_ = &riot;
    ram_ = riot.ram();
    link_.tia = &tia;
  }
  void attach_cartridge(Cartridge* cart) {
    cart_ = cart;
    low_pages_ = cart->low_pages();
    cart->attach_tia(&link_);
  }

  // Cartridge pages mapped to memory and RIOT RAM are served inline (most
  // accesses: every opcode fetch); everything else goes out of line.
  AG_BUS_INLINE uint8_t read(uint16_t addr) {
    uint8_t v;
    if (addr & 0x1000) {
      const uint8_t* page = cart_->read_page((addr >> kPageBits) & (Cartridge::kPages - 1));
      if (!page) return read_slow(addr);
      v = page[addr & kPageOffset];
    } else if ((addr & 0x0280) == 0x0080 && !low_pages_) {
      v = ram_[addr & 0x7F];
    } else {
      return read_slow(addr);
    }
    s_.data_bus = v;
    s_.last_access_read = true;
    return v;
  }

  AG_BUS_INLINE void write(uint16_t addr, uint8_t v) {
    if ((addr & 0x1280) == 0x0080 && !low_pages_) {
      ram_[addr & 0x7F] = v;
      s_.data_bus = v;
      s_.last_access_read = false;
    } else {
      write_slow(addr, v);
    }
  }

  // The CPU's reset-vector fetch (ALE: System::peek, outside the CPU). A
  // read like any other, the CPU just doesn't count it as an access.
  uint8_t peek(uint16_t addr) { return read(addr); }

  AG_BUS_INLINE void add_cycles(uint32_t n) { s_.total_cycles += n; }
  AG_BUS_INLINE bool stop_requested() const { return s_.stop; }

  uint64_t tia_writes() const { return tia_writes_ + link_.writes; }

 private:
  __attribute__((noinline)) uint8_t read_slow(uint16_t addr) {
    uint8_t v;
    if (addr & 0x1000) {
      v = cart_->peek(addr);
    } else if (low_pages_ && ((low_pages_ >> ((addr & 0x0FFF) >> kPageBits)) & 1)) {
      v = cart_->peek(addr);
    } else if (!(addr & 0x0080)) {
      v = tia_->read(addr);
    } else if (!(addr & 0x0200)) {
      v = ram_[addr & 0x7F];
    } else {
      v = riot_->read_io(addr);
    }
    s_.data_bus = v;
    s_.last_access_read = true;
    return v;
  }

  __attribute__((noinline)) void write_slow(uint16_t addr, uint8_t v) {
    if (addr & 0x1000) {
      uint8_t* page = cart_->write_page((addr >> kPageBits) & (Cartridge::kPages - 1));
      if (page)
        page[addr & kPageOffset] = v;
      else
        cart_->poke(addr, v);
    } else if (low_pages_ && ((low_pages_ >> ((addr & 0x0FFF) >> kPageBits)) & 1)) {
      cart_->poke(addr, v);
    } else if (!(addr & 0x0080)) {
      ++tia_writes_;
      // The TIA looks at last_access_read (WSYNC), so it is updated after.
      tia_->write(addr, v);
    } else if (!(addr & 0x0200)) {
      ram_[addr & 0x7F] = v;
    } else {
      riot_->write_io(addr, v);
    }
    s_.data_bus = v;
    s_.last_access_read = false;
  }

  BusState s_;
  Tia* tia_ = nullptr;
  Riot* riot_ = nullptr;
  uint8_t* ram_ = nullptr;
  TiaLink link_;
  Cartridge* cart_ = nullptr;
  uint64_t low_pages_ = 0;
  uint64_t tia_writes_ = 0;
};

}  // namespace ag::emu

#undef AG_BUS_INLINE
