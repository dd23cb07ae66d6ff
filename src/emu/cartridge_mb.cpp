// Dynacom Megaboy ("MB", also called F0), 64K: sixteen 4K banks; every access
// to $1FF0 (read or write) advances to the next bank, wrapping after 15.
// ALE's reset leaves bank 1 showing.
#include "emu/cartridge_mappers.hpp"

namespace ag::emu::mappers {

namespace {

constexpr int kHotspotPage = Cartridge::kPages - 1;

class Megaboy final : public Cartridge {
 public:
  explicit Megaboy(const std::vector<uint8_t>& rom) : rom_(rom.begin(), rom.begin() + 65536) {
    select(1);
  }

  const char* type() const override { return "MB"; }
  void reset(EmuRng&) override { select(1); }

  uint8_t peek(uint16_t addr) override {
    const uint16_t a = addr & 0x0FFF;
    touch(a);
    return rom_[bank_ * 4096 + a];
  }
  void poke(uint16_t addr, uint8_t) override { touch(addr & 0x0FFF); }

  void save_state(StateWriter& w) const override { save_tagged(w, type(), bank_); }
  void load_state(StateReader& r) override {
    auto bank = load_tagged<uint8_t>(r, type());
    if (bank > 15) throw StateError("MB cartridge state selects bank " + std::to_string(bank));
    select(bank);
  }

 private:
  void touch(uint16_t a) {
    if (a == 0x0FF0) select((bank_ + 1) & 15);
  }
  void select(int bank) {
    bank_ = static_cast<uint8_t>(bank);
    map_read(0, kHotspotPage, rom_.data() + bank * 4096);
  }

  std::vector<uint8_t> rom_;
  uint8_t bank_ = 1;
};

}  // namespace

std::unique_ptr<Cartridge> make_mb(const std::vector<uint8_t>& rom) {
  return std::make_unique<Megaboy>(rom);
}

}  // namespace ag::emu::mappers
