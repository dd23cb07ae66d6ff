// The common bank-switching shape (Atari F8/F6/F4, CBS FA): N banks of 4 KiB,
// one visible at a time, selected by touching a hotspot near the top of the
// window; optionally RAM at the bottom of the window with a write port
// followed by a read port of the same size (Super Chip: 128 bytes, write
// $1000-$107F, read $1080-$10FF; CBS RAM Plus: 256 bytes, $1000/$1100).
// Each scheme's file only states its BankScheme.
#pragma once

#include <array>

#include "emu/cartridge_mappers.hpp"

namespace ag::emu::mappers {

struct BankScheme {
  const char* type;        // ALE's name
  int banks;               // 4 KiB banks in the image
  uint16_t first_hotspot;  // window offset: touching first_hotspot + i selects bank i
  int start_bank;          // selected by reset
  int ram_bytes = 0;       // 0, 128 or 256
  // ALE's F4SC tests the unmasked address in poke(), which in cartridge space
  // is never below $1000: writes to its hotspots do not switch banks.
  bool writes_switch = true;
};

class BankedCartridge final : public Cartridge {
 public:
  BankedCartridge(const BankScheme& scheme, const std::vector<uint8_t>& rom);

  const char* type() const override { return scheme_.type; }
  void reset(EmuRng& rng) override;
  uint8_t peek(uint16_t addr) override;
  void poke(uint16_t addr, uint8_t value) override;
  void save_state(StateWriter& w) const override;
  void load_state(StateReader& r) override;

 private:
  struct State {
    uint8_t bank = 0;
    std::array<uint8_t, 256> ram{};
  };

  void touch(uint16_t offset);  // bank switch if `offset` is a hotspot
  void select(int bank);

  BankScheme scheme_;
  std::vector<uint8_t> rom_;
  State s_;
};

}  // namespace ag::emu::mappers
