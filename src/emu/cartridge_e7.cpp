// M Network's 16K scheme with 2K of RAM. The image is eight 2K slices.
// $1000-$17FF shows the slice chosen by touching $1FE0-$1FE7; choosing slice 7
// there shows the first 1K of RAM instead (writes $1000-$13FF, reads
// $1400-$17FF). $1800-$19FF is a 256-byte RAM bank chosen by touching
// $1FE8-$1FEB (writes $1800-$18FF, reads $1900-$19FF). $1A00-$1FFF shows the
// last ROM slice. Reading a RAM write port gives the ROM byte of slice 7
// beneath it, as in ALE. Reset fills the 2K of RAM from the RNG, then
// selects slice 0 and RAM bank 0.
#include <array>

#include "emu/cartridge_mappers.hpp"

namespace ag::emu::mappers {

namespace {

class MNetwork final : public Cartridge {
 public:
  explicit MNetwork(const std::vector<uint8_t>& rom) : rom_(rom.begin(), rom.begin() + 16384) {
    // $1A00 up to the hotspot page: fixed to the last slice.
    map_read(0x0A00 / kPageSize, (0x0FC0 - 0x0A00) / kPageSize, rom_.data() + 7 * 2048 + 0x0200);
    select_ram(0);
    select(0);
  }

  const char* type() const override { return "E7"; }
  void reset(EmuRng& rng) override {
    randomize(s_.ram.data(), static_cast<int>(s_.ram.size()), rng);
    select_ram(0);
    select(0);
  }

  uint8_t peek(uint16_t addr) override {
    const uint16_t a = addr & 0x0FFF;
    touch(a);
    const int slice = a < 0x0800 ? s_.slice : 7;
    return rom_[slice * 2048 + (a & 0x07FF)];
  }
  void poke(uint16_t addr, uint8_t) override { touch(addr & 0x0FFF); }

  void save_state(StateWriter& w) const override { save_tagged(w, type(), s_); }
  void load_state(StateReader& r) override {
    auto s = load_tagged<State>(r, type());
    if (s.slice > 7 || s.ram_bank > 3)
      throw StateError("E7 cartridge state selects slice " + std::to_string(s.slice) +
                       ", RAM bank " + std::to_string(s.ram_bank));
    s_ = s;
    select_ram(s_.ram_bank);
    select(s_.slice);
  }

 private:
  struct State {
    uint8_t slice = 0;
    uint8_t ram_bank = 0;
    std::array<uint8_t, 2048> ram{};  // 1K block, then four 256-byte banks
  };

  void touch(uint16_t a) {
    if (a >= 0x0FE0 && a <= 0x0FE7)
      select(a & 7);
    else if (a >= 0x0FE8 && a <= 0x0FEB)
      select_ram(a & 3);
  }
  void select(int slice) {
    s_.slice = static_cast<uint8_t>(slice);
    if (slice != 7) {
      map_read(0, 32, rom_.data() + slice * 2048);
      map_write(0, 32, nullptr);
    } else {
      map_read(0, 16, rom_.data() + 7 * 2048);
      map_write(0, 16, s_.ram.data());
      map_read(16, 16, s_.ram.data());
      map_write(16, 16, nullptr);
    }
  }
  void select_ram(int bank) {
    s_.ram_bank = static_cast<uint8_t>(bank);
    uint8_t* ram = s_.ram.data() + 1024 + bank * 256;
    map_read(32, 4, rom_.data() + 7 * 2048);
    map_write(32, 4, ram);
    map_read(36, 4, ram);
    map_write(36, 4, nullptr);
  }

  std::vector<uint8_t> rom_;
  State s_;
};

}  // namespace

std::unique_ptr<Cartridge> make_e7(const std::vector<uint8_t>& rom) {
  return std::make_unique<MNetwork>(rom);
}

}  // namespace ag::emu::mappers
