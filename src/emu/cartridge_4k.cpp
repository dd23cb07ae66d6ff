// No bank switching: 4K of ROM filling the window, or 2K mirrored twice.
// Writes are ignored.
#include "emu/cartridge_mappers.hpp"

namespace ag::emu::mappers {

namespace {

class PlainRom final : public Cartridge {
 public:
  PlainRom(const char* type, const std::vector<uint8_t>& rom, size_t size)
      : type_(type), rom_(rom.begin(), rom.begin() + size) {
    for (int page = 0; page < kPages; ++page)
      map_read(page, 1, rom_.data() + (page * kPageSize) % size);
  }

  const char* type() const override { return type_; }
  void reset(EmuRng&) override {}
  uint8_t peek(uint16_t addr) override { return rom_[(addr & 0x0FFF) % rom_.size()]; }
  void poke(uint16_t, uint8_t) override {}
  void save_state(StateWriter& w) const override { write_tag(w, type_); }
  void load_state(StateReader& r) override { read_tag(r, type_); }

 private:
  const char* type_;
  std::vector<uint8_t> rom_;
};

}  // namespace

std::unique_ptr<Cartridge> make_2k(const std::vector<uint8_t>& rom) {
  return std::make_unique<PlainRom>("2K", rom, 2048);
}

std::unique_ptr<Cartridge> make_4k(const std::vector<uint8_t>& rom) {
  return std::make_unique<PlainRom>("4K", rom, 4096);
}

}  // namespace ag::emu::mappers
