// Tigervision's scheme extended with 32K of RAM (Krokodile's 3E): as 3F, but
// only a write to exactly $3F (in any mirror the cartridge sees) selects ROM
// slice n, and a write to $3E selects 1K RAM bank n % 32: RAM reads at
// $1000-$13FF, writes at $1400-$17FF (reading there also gives the RAM, as in
// ALE). $1800-$1FFF always shows the last ROM slice. As in ALE the cartridge
// owns page $0000-$003F (reads there return cartridge bytes) and passes every
// write it sees on to the TIA. Reset fills the RAM from the RNG and selects
// ROM slice 0.
#include <array>

#include "emu/cartridge_mappers.hpp"

namespace ag::emu::mappers {

namespace {

constexpr int kRamBanks = 32;
constexpr uint16_t kFirstRamBank = 256;  // ALE numbers RAM banks 256..287

class TigervisionRam final : public Cartridge {
 public:
  explicit TigervisionRam(const std::vector<uint8_t>& rom)
      : size_(static_cast<uint32_t>(rom.size())), rom_(rom) {
    rom_.resize((rom_.size() + 2047) / 2048 * 2048);
    low_pages_ = 1;
    map_read(32, 32, rom_.data() + size_ - 2048);
    select(0);
  }

  const char* type() const override { return "3E"; }
  void reset(EmuRng& rng) override {
    randomize(s_.ram.data(), static_cast<int>(s_.ram.size()), rng);
    select(0);
  }

  uint8_t peek(uint16_t addr) override {
    const uint16_t a = addr & 0x0FFF;
    if (a >= 0x0800) return rom_[size_ - 2048 + (a & 0x07FF)];
    if (s_.bank < kFirstRamBank) return rom_[s_.bank * 2048 + (a & 0x07FF)];
    return s_.ram[(s_.bank - kFirstRamBank) * 1024 + (a & 0x03FF)];
  }
  void poke(uint16_t addr, uint8_t value) override {
    const uint16_t a = addr & 0x0FFF;
    if (a == 0x003F)
      select(value);
    else if (a == 0x003E)
      select(kFirstRamBank + value);
    if (tia_) tia_->poke(a, value);
  }

  void save_state(StateWriter& w) const override { save_tagged(w, type(), s_); }
  void load_state(StateReader& r) override {
    auto s = load_tagged<State>(r, type());
    const bool valid = s.bank < kFirstRamBank ? uint32_t{s.bank} * 2048 < size_
                                              : s.bank < kFirstRamBank + kRamBanks;
    if (!valid) throw StateError("3E cartridge state selects bank " + std::to_string(s.bank));
    s_ = s;
    select(s_.bank);
  }

 private:
  struct State {
    uint16_t bank = 0;
    std::array<uint8_t, kRamBanks * 1024> ram{};
  };

  void select(uint16_t bank) {
    if (bank < kFirstRamBank) {
      if (uint32_t{bank} * 2048 >= size_) bank = static_cast<uint16_t>(bank % (size_ / 2048));
      s_.bank = bank;
      map_read(0, 32, rom_.data() + bank * 2048);
      map_write(0, 32, nullptr);
    } else {
      const int ram_bank = (bank - kFirstRamBank) % kRamBanks;
      s_.bank = static_cast<uint16_t>(kFirstRamBank + ram_bank);
      uint8_t* ram = s_.ram.data() + ram_bank * 1024;
      map_read(0, 16, ram);
      map_write(0, 16, nullptr);
      map_read(16, 16, ram);
      map_write(16, 16, ram);
    }
  }

  uint32_t size_;
  std::vector<uint8_t> rom_;
  State s_;
};

}  // namespace

std::unique_ptr<Cartridge> make_3e(const std::vector<uint8_t>& rom) {
  return std::make_unique<TigervisionRam>(rom);
}

}  // namespace ag::emu::mappers
