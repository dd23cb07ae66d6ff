// Tigervision's scheme: the image is 2K slices; $1800-$1FFF always shows the
// last one, $1000-$17FF the slice last written to $003F ("STA $3F": TIA
// address space, so the write reaches the TIA too). As in ALE the cartridge
// owns page $0000-$003F: every write there selects a slice (number taken
// modulo the slice count) and goes on to the TIA, and READS there return
// cartridge bytes (ALE's quirk, kept for exactness: TIA reads must use
// another mirror). Every write to the window also reaches the TIA.
// ALE starts with slice 0.
#include "emu/cartridge_mappers.hpp"

namespace ag::emu::mappers {

namespace {

class Tigervision final : public Cartridge {
 public:
  explicit Tigervision(const std::vector<uint8_t>& rom)
      : size_(static_cast<uint32_t>(rom.size())), rom_(rom) {
    // Pad to whole slices so that a last partial slice reads zeros, not past the end.
    rom_.resize((rom_.size() + 2047) / 2048 * 2048);
    low_pages_ = 1;
    map_read(32, 32, rom_.data() + size_ - 2048);
    select(0);
  }

  const char* type() const override { return "3F"; }
  void reset(EmuRng&) override { select(0); }

  uint8_t peek(uint16_t addr) override {
    const uint16_t a = addr & 0x0FFF;
    return a < 0x0800 ? rom_[s_.bank * 2048 + (a & 0x07FF)] : rom_[size_ - 2048 + (a & 0x07FF)];
  }
  void poke(uint16_t addr, uint8_t value) override {
    const uint16_t a = addr & 0x0FFF;
    if (a <= 0x003F) select(value);
    if (tia_) tia_->poke(a, value);
  }

  void save_state(StateWriter& w) const override { save_tagged(w, type(), s_); }
  void load_state(StateReader& r) override {
    auto s = load_tagged<State>(r, type());
    if (uint32_t{s.bank} * 2048 >= size_)
      throw StateError("3F cartridge state selects slice " + std::to_string(s.bank) + " of " +
                       std::to_string(size_ / 2048));
    select(s.bank);
  }

 private:
  struct State {
    uint16_t bank = 0;
  };

  void select(uint16_t bank) {
    if (uint32_t{bank} * 2048 >= size_) bank = static_cast<uint16_t>(bank % (size_ / 2048));
    s_.bank = bank;
    map_read(0, 32, rom_.data() + bank * 2048);
  }

  uint32_t size_;  // of the image as given (ALE's slice arithmetic uses it)
  std::vector<uint8_t> rom_;
  State s_;
};

}  // namespace

std::unique_ptr<Cartridge> make_3f(const std::vector<uint8_t>& rom) {
  return std::make_unique<Tigervision>(rom);
}

}  // namespace ag::emu::mappers
