// CommaVid: 1K of RAM and 2K of ROM. RAM reads at $1000-$13FF, writes at
// $1400-$17FF (reading there gives the ROM byte beneath, as in ALE); ROM at
// $1800-$1FFF. A 4K image carries the RAM's initial contents in its first 1K
// and the ROM in its upper 2K; otherwise reset fills the RAM from the RNG.
// (ALE leaves its initial-RAM pointer uninitialised for 2K images; random
// RAM is what it means to do.)
#include <array>
#include <cstring>

#include "emu/cartridge_mappers.hpp"

namespace ag::emu::mappers {

namespace {

class CommaVid final : public Cartridge {
 public:
  explicit CommaVid(const std::vector<uint8_t>& rom) {
    const size_t rom_at = rom.size() == 4096 ? 2048 : 0;
    std::memcpy(rom_.data(), rom.data() + rom_at, rom_.size());
    if (rom.size() == 4096) {
      has_initial_ram_ = true;
      std::memcpy(initial_ram_.data(), rom.data(), initial_ram_.size());
    }
    map_read(0, 16, ram_.data());
    map_read(16, 16, rom_.data() + 0x400);
    map_write(16, 16, ram_.data());
    map_read(32, 32, rom_.data());
  }

  const char* type() const override { return "CV"; }
  void reset(EmuRng& rng) override {
    if (has_initial_ram_)
      ram_ = initial_ram_;
    else
      randomize(ram_.data(), static_cast<int>(ram_.size()), rng);
  }
  uint8_t peek(uint16_t addr) override { return rom_[addr & 0x07FF]; }
  void poke(uint16_t, uint8_t) override {}
  void save_state(StateWriter& w) const override { save_tagged(w, type(), ram_); }
  void load_state(StateReader& r) override {
    read_tag(r, type());
    r.get_into(ram_);
  }

 private:
  std::array<uint8_t, 2048> rom_{};
  std::array<uint8_t, 1024> ram_{};
  std::array<uint8_t, 1024> initial_ram_{};
  bool has_initial_ram_ = false;
};

}  // namespace

std::unique_ptr<Cartridge> make_cv(const std::vector<uint8_t>& rom) {
  return std::make_unique<CommaVid>(rom);
}

}  // namespace ag::emu::mappers
