// A cartridge: ROM banks plus the mapper that decides which bank the CPU sees.
//
// Interface changes from the first draft (cartridge helper), all forced by
// what ALE's mappers do:
//  - reset(EmuRng&) replaces power_on() + reset(): ALE draws cartridge RAM from
//    the emulator RNG in the mapper's reset(), i.e. at every System::reset()
//    (the console constructor resets twice: before and after its 60-frame
//    NTSC/PAL probe), never at construction.
//  - observe()/watches_bus() are gone; low_pages() + attach_tia() replace them.
//    ALE installs the cartridge after the TIA and RIOT, so a mapper can own
//    64-byte pages below $1000: 3F/3E own $0000-$003F (reads there return
//    cartridge bytes, not TIA registers) and pass every poke() on to the TIA;
//    UA owns $0200-$027F (TIA mirrors) and forwards to the TIA.
//  - ALE's FE mapper needs no bus watching: its bank is address line A13, so
//    peek() must get the CPU's full 16-bit address (also for the reset-vector
//    fetch at $FFFC/$FFFD).
//
// The CPU's 4 KiB cartridge window ($1000-$1FFF, A12 set; the 6507 mirrors it
// through the 8 KiB address space) is cut into 64 pages of 64 bytes. A page
// whose map entry is non-null is plain memory and the bus reads/writes it
// directly (the fast path: most fetches never leave it). A null entry sends
// the access to peek()/poke(), where the mapper sees hotspots and registers.
// Every bank switch re-points the map.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "emu/state_io.hpp"

namespace ag::emu {

// The emulator's own RNG: ALE's is std::mt19937 seeded with 4753849
// (system_random_seed); it fills RAM at power-on and picks the RIOT timer at reset.
using EmuRng = std::mt19937;

struct CartridgeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The TIA as a mapper reaches it when it chains an access on (implemented by the console).
class TiaPort {
 public:
  virtual uint8_t peek(uint16_t addr) = 0;
  virtual void poke(uint16_t addr, uint8_t value) = 0;

 protected:
  ~TiaPort() = default;
};

class Cartridge {
 public:
  static constexpr int kPageBits = 6;
  static constexpr int kPageSize = 1 << kPageBits;
  static constexpr int kPages = 4096 >> kPageBits;

  Cartridge() = default;
  virtual ~Cartridge() = default;
  // The page maps point into the object itself.
  Cartridge(const Cartridge&) = delete;
  Cartridge& operator=(const Cartridge&) = delete;

  // Mapper name as ALE spells it ("2K", "4K", "F8", "F8SC", "E0", "FE", "DPC", ...).
  virtual const char* type() const = 0;

  // ALE's Cartridge::reset(), called by System::reset() after the RIOT and TIA
  // resets: start bank, and cartridge RAM drawn from `rng` (one draw per byte,
  // low 8 bits) on the mappers that have RAM. DPC's data fetchers and random
  // generator survive it, as in ALE.
  virtual void reset(EmuRng& rng) = 0;

  // Accesses whose page map entry is null, and accesses to low_pages().
  // `addr` is the CPU's address as issued (16 bits; FE decodes A13).
  virtual uint8_t peek(uint16_t addr) = 0;
  virtual void poke(uint16_t addr, uint8_t value) = 0;

  // Pages below $1000 the mapper owns: bit p set means accesses with
  // ((addr & 0x1FFF) >> 6) == p go to peek()/poke() instead of TIA/RIOT.
  // Fixed for the life of the cartridge.
  uint64_t low_pages() const { return low_pages_; }

  // The console points these at its TIA and at its CPU cycle counter: a count
  // that only grows and advances as ALE's System::cycles() does (WSYNC stalls
  // included). DPC measures time by its differences.
  void attach_tia(TiaPort* tia) { tia_ = tia; }
  void attach_clock(const uint64_t* cycles) { cycles_ = cycles; }

  // Complete mapper state (bank registers, cartridge RAM, ...). load_state
  // throws StateError on malformed input or a state of another mapper, and
  // re-points the page maps.
  virtual void save_state(StateWriter& w) const = 0;
  virtual void load_state(StateReader& r) = 0;

  const uint8_t* read_page(int page) const { return read_map_[page]; }
  // How many times a read page has been re-pointed (a count that wraps):
  // the bus compares it around each mapper access.
  uint32_t read_map_changes() const { return read_map_changes_; }
  uint8_t* write_page(int page) const { return write_map_[page]; }

 protected:
  // Points pages [first, first + count) at consecutive 64-byte blocks of `base`
  // (nullptr: route them to peek()/poke()).
  void map_read(int first, int count, const uint8_t* base);
  void map_write(int first, int count, uint8_t* base);

  std::array<const uint8_t*, kPages> read_map_{};
  uint32_t read_map_changes_ = 0;
  std::array<uint8_t*, kPages> write_map_{};
  uint64_t low_pages_ = 0;
  TiaPort* tia_ = nullptr;
  const uint64_t* cycles_ = nullptr;
};

// Builds the mapper for a ROM image: `type` as a property states it, or "" to
// detect it from size and content as ALE does. Accepts ALE's type names
// (plus "F8 swapped", ALE's F8 starting in bank 0). Throws CartridgeError
// naming the problem (image too small for the type, unknown or unsupported type).
std::unique_ptr<Cartridge> make_cartridge(const std::vector<uint8_t>& rom, const std::string& type);

// The detection alone (what make_cartridge picks for type ""): ALE's
// Cartridge::autodetectType. May name a type make_cartridge does not support
// ("AR", "MC"); throws CartridgeError for a size ALE does not recognise.
std::string detect_cartridge_type(const std::vector<uint8_t>& rom);

}  // namespace ag::emu
