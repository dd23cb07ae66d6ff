// Activision's 8K scheme (Decathlon, Robotank). The real cartridge watches
// JSR/RTS stack traffic; ALE's model, which we follow, reads the bank off
// address line A13 instead (the games run their two banks at $Dxxx and $Fxxx):
// A13 clear ($1xxx, $5xxx, $9xxx, $Dxxx) shows the image's second 4K, A13 set
// ($3xxx, $7xxx, $Bxxx, $Fxxx) the first. So every access goes through
// peek(), with the CPU's full 16-bit address; there is no state.
#include "emu/cartridge_mappers.hpp"

namespace ag::emu::mappers {

namespace {

class Activision final : public Cartridge {
 public:
  explicit Activision(const std::vector<uint8_t>& rom) : rom_(rom.begin(), rom.begin() + 8192) {}

  const char* type() const override { return "FE"; }
  void reset(EmuRng&) override {}
  uint8_t peek(uint16_t addr) override {
    return rom_[(addr & 0x0FFF) + ((addr & 0x2000) ? 0 : 4096)];
  }
  void poke(uint16_t, uint8_t) override {}
  void save_state(StateWriter& w) const override { write_tag(w, type()); }
  void load_state(StateReader& r) override { read_tag(r, type()); }

 private:
  std::vector<uint8_t> rom_;
};

}  // namespace

std::unique_ptr<Cartridge> make_fe(const std::vector<uint8_t>& rom) {
  return std::make_unique<Activision>(rom);
}

}  // namespace ag::emu::mappers
