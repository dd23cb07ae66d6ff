// UA Ltd's 8K scheme: accessing $0220 shows bank 0, $0240 bank 1 (reads and
// writes). Those addresses are TIA mirrors; as in ALE the cartridge owns
// their pages ($0200-$027F) and passes every access there on to the TIA.
// ALE starts in bank 0. Writes to the window are ignored.
#include "emu/cartridge_mappers.hpp"

namespace ag::emu::mappers {

namespace {

class UaLtd final : public Cartridge {
 public:
  explicit UaLtd(const std::vector<uint8_t>& rom) : rom_(rom.begin(), rom.begin() + 8192) {
    low_pages_ = (uint64_t{1} << (0x0200 >> kPageBits)) | (uint64_t{1} << (0x0240 >> kPageBits));
    select(0);
  }

  const char* type() const override { return "UA"; }
  void reset(EmuRng&) override { select(0); }

  uint8_t peek(uint16_t addr) override {
    const uint16_t a = addr & 0x1FFF;
    touch(a);
    // Reads of the window never get here (all its pages are mapped); ALE returns 0.
    return (a & 0x1000) == 0 && tia_ ? tia_->peek(a) : 0;
  }
  void poke(uint16_t addr, uint8_t value) override {
    const uint16_t a = addr & 0x1FFF;
    touch(a);
    if ((a & 0x1000) == 0 && tia_) tia_->poke(a, value);
  }

  void save_state(StateWriter& w) const override { save_tagged(w, type(), bank_); }
  void load_state(StateReader& r) override {
    auto bank = load_tagged<uint8_t>(r, type());
    if (bank > 1) throw StateError("UA cartridge state selects bank " + std::to_string(bank));
    select(bank);
  }

 private:
  void touch(uint16_t a) {
    if (a == 0x0220) select(0);
    if (a == 0x0240) select(1);
  }
  void select(int bank) {
    bank_ = static_cast<uint8_t>(bank);
    map_read(0, kPages, rom_.data() + bank * 4096);
  }

  std::vector<uint8_t> rom_;
  uint8_t bank_ = 0;
};

}  // namespace

std::unique_ptr<Cartridge> make_ua(const std::vector<uint8_t>& rom) {
  return std::make_unique<UaLtd>(rom);
}

}  // namespace ag::emu::mappers
