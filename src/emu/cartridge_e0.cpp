// Parker Brothers' 8K scheme: the window is four 1K segments. Touching
// $1FE0-$1FE7 puts slice 0-7 of the image in segment 0 ($1000-$13FF),
// $1FE8-$1FEF in segment 1, $1FF0-$1FF7 in segment 2 (reads and writes
// alike); segment 3 always shows slice 7. ALE's reset shows slices 4, 5, 6.
#include <array>

#include "emu/cartridge_mappers.hpp"

namespace ag::emu::mappers {

namespace {

constexpr int kSegmentPages = 1024 / Cartridge::kPageSize;

class ParkerBros final : public Cartridge {
 public:
  explicit ParkerBros(const std::vector<uint8_t>& rom) : rom_(rom.begin(), rom.begin() + 8192) {
    // Segment 3 minus the hotspot page, which goes through peek()/poke().
    map_read(3 * kSegmentPages, kSegmentPages - 1, rom_.data() + 7 * 1024);
    show_defaults();
  }

  const char* type() const override { return "E0"; }
  void reset(EmuRng&) override { show_defaults(); }

  uint8_t peek(uint16_t addr) override {
    const uint16_t offset = addr & 0x0FFF;
    touch(offset);
    const int slice = offset >= 0x0C00 ? 7 : s_.slice[offset >> 10];
    return rom_[slice * 1024 + (offset & 0x03FF)];
  }
  void poke(uint16_t addr, uint8_t) override { touch(addr & 0x0FFF); }

  void save_state(StateWriter& w) const override { save_tagged(w, type(), s_); }
  // Unlike ALE's E0, which restores the slice numbers without re-pointing its
  // pages (the old mapping stays until the game switches), we show the
  // restored slices.
  void load_state(StateReader& r) override {
    auto s = load_tagged<State>(r, type());
    for (uint8_t slice : s.slice)
      if (slice > 7) throw StateError("E0 cartridge state names slice " + std::to_string(slice));
    for (int segment = 0; segment < 3; ++segment) show(segment, s.slice[segment]);
  }

 private:
  struct State {
    std::array<uint8_t, 3> slice{};
  };

  void show_defaults() {
    show(0, 4);
    show(1, 5);
    show(2, 6);
  }
  void show(int segment, int slice) {
    s_.slice[segment] = static_cast<uint8_t>(slice);
    map_read(segment * kSegmentPages, kSegmentPages, rom_.data() + slice * 1024);
  }
  void touch(uint16_t offset) {
    if (offset >= 0x0FE0 && offset <= 0x0FF7) show((offset - 0x0FE0) >> 3, offset & 7);
  }

  std::vector<uint8_t> rom_;
  State s_;
};

}  // namespace

std::unique_ptr<Cartridge> make_e0(const std::vector<uint8_t>& rom) {
  return std::make_unique<ParkerBros>(rom);
}

}  // namespace ag::emu::mappers
