// Activision's DPC (Pitfall II): an F8-style 8K program ($1FF8/$1FF9 select
// bank 0/1; ALE starts in bank 1) plus the Display Processor Chip: 2K of
// display data read through eight data fetchers, an 8-bit random number
// generator, and three fetchers that can run as square-wave music
// generators. Register reads are $1000-$103F, writes $1040-$107F.
//
// As in ALE: the random generator steps on every access that reaches the
// chip's peek()/poke() (register pages, hotspot page, and every write to the
// window), not on direct ROM fetches; music-mode fetchers advance by the
// time elapsed since their last update, at 15750 Hz against the 1.19 MHz
// CPU clock, with ALE's double-precision fractional carry. Reset selects
// bank 1 and restarts that clock but keeps every DPC register.
#include <algorithm>
#include <array>

#include "emu/cartridge_mappers.hpp"

namespace ag::emu::mappers {

namespace {

constexpr int kRegisterPages = 0x80 / Cartridge::kPageSize;  // $1000-$107F
constexpr int kHotspotPage = Cartridge::kPages - 1;

class Dpc final : public Cartridge {
 public:
  explicit Dpc(const std::vector<uint8_t>& rom) {
    std::copy(rom.begin(), rom.begin() + 8192, program_.begin());
    std::copy(rom.begin() + 8192, rom.begin() + 10240, display_.begin());
    select(1);
  }

  const char* type() const override { return "DPC"; }
  void reset(EmuRng&) override {
    s_.clock_at_update = now();
    s_.fractional_clocks = 0.0;
    select(1);
  }

  uint8_t peek(uint16_t addr) override {
    const uint16_t a = addr & 0x0FFF;
    step_random();
    if (a < 0x0040) return read_register(a & 7, (a >> 3) & 7);
    touch(a);
    return program_[s_.bank * 4096 + a];
  }

  void poke(uint16_t addr, uint8_t value) override {
    const uint16_t a = addr & 0x0FFF;
    step_random();
    if (a >= 0x0040 && a < 0x0080)
      write_register(a & 7, (a >> 3) & 7, value);
    else
      touch(a);
  }

  void save_state(StateWriter& w) const override { save_tagged(w, type(), s_); }
  void load_state(StateReader& r) override {
    auto s = load_tagged<State>(r, type());
    if (s.bank > 1) throw StateError("DPC cartridge state selects bank " + std::to_string(s.bank));
    // advance_music() keeps it in (-1, 1); anything else (NaN, huge) would
    // overflow the int conversion there.
    if (!(s.fractional_clocks > -1.0 && s.fractional_clocks < 1.0))
      throw StateError("DPC cartridge state has a bad music clock fraction");
    for (auto& c : s.counters) c &= 0x07FF;
    for (auto& m : s.music) m = m ? 1 : 0;
    s_ = s;
    select(s_.bank);
  }

 private:
  // Laid out without padding: saved as raw bytes.
  struct State {
    uint64_t clock_at_update = 0;  // CPU cycle count at the last music update
    double fractional_clocks = 0.0;
    std::array<uint16_t, 8> counters{};  // 11 bits
    std::array<uint8_t, 8> tops{};
    std::array<uint8_t, 8> bottoms{};
    std::array<uint8_t, 8> flags{};
    std::array<uint8_t, 3> music{};  // fetchers 5-7 in music mode
    uint8_t random = 1;              // never zero
    uint8_t bank = 1;
    uint8_t unused[3] = {};
  };
  static_assert(sizeof(State) == 64);

  uint64_t now() const { return cycles_ ? *cycles_ : 0; }

  void select(int bank) {
    s_.bank = static_cast<uint8_t>(bank);
    map_read(kRegisterPages, kHotspotPage - kRegisterPages,
             program_.data() + bank * 4096 + kRegisterPages * kPageSize);
  }
  void touch(uint16_t a) {
    if (a == 0x0FF8) select(0);
    if (a == 0x0FF9) select(1);
  }

  // Shift register fed with NOT(b7 ^ b5 ^ b4 ^ b3).
  void step_random() {
    const uint8_t r = s_.random;
    const uint8_t bit = 1 ^ (((r >> 7) ^ (r >> 5) ^ (r >> 4) ^ (r >> 3)) & 1);
    s_.random = static_cast<uint8_t>((r << 1) | bit);
  }

  uint8_t read_register(int index, int function) {
    const int low = s_.counters[index] & 0x00FF;
    if (low == s_.tops[index])
      s_.flags[index] = 0xFF;
    else if (low == s_.bottoms[index])
      s_.flags[index] = 0x00;

    uint8_t result = 0;
    switch (function) {
      case 0:
        result = index < 4 ? s_.random : music_amplitude();
        break;
      case 1:  // display data
        result = display_[2047 - s_.counters[index]];
        break;
      case 2:  // display data masked by the flag
        result = display_[2047 - s_.counters[index]] & s_.flags[index];
        break;
      case 7:
        result = s_.flags[index];
        break;
      default:
        break;
    }
    if (index < 5 || !s_.music[index - 5]) s_.counters[index] = (s_.counters[index] - 1) & 0x07FF;
    return result;
  }

  void write_register(int index, int function, uint8_t value) {
    uint16_t& counter = s_.counters[index];
    const bool music = index >= 5 && s_.music[index - 5];
    switch (function) {
      case 0:
        s_.tops[index] = value;
        s_.flags[index] = 0x00;
        break;
      case 1:
        s_.bottoms[index] = value;
        break;
      case 2:  // a music-mode fetcher reloads its low counter from its top register
        counter = (counter & 0x0700) | (music ? s_.tops[index] : value);
        break;
      case 3:
        counter = static_cast<uint16_t>(((value & 0x07) << 8) | (counter & 0x00FF));
        if (index >= 5) s_.music[index - 5] = (value & 0x10) ? 1 : 0;
        break;
      case 6:
        s_.random = 1;
        break;
      default:
        break;
    }
  }

  uint8_t music_amplitude() {
    static constexpr uint8_t kAmplitudes[8] = {0x00, 0x04, 0x05, 0x09, 0x06, 0x0A, 0x0B, 0x0F};
    advance_music();
    int i = 0;
    for (int m = 0; m < 3; ++m)
      if (s_.music[m] && s_.flags[5 + m]) i |= 1 << m;
    return kAmplitudes[i];
  }

  void advance_music() {
    const uint64_t t = now();
    // ALE keeps a 32-bit cycle count and an int difference.
    const int cycles = static_cast<int>(static_cast<uint32_t>(t - s_.clock_at_update));
    s_.clock_at_update = t;
    const double clocks = ((15750.0 * cycles) / 1193191.66666667) + s_.fractional_clocks;
    const int whole = static_cast<int>(clocks);
    s_.fractional_clocks = clocks - static_cast<double>(whole);
    if (whole <= 0) return;

    for (int x = 5; x <= 7; ++x) {
      if (!s_.music[x - 5]) continue;
      const int top = s_.tops[x] + 1;
      int low = s_.counters[x] & 0x00FF;
      if (s_.tops[x] != 0) {
        low -= whole % top;
        if (low < 0) low += top;
      } else {
        low = 0;
      }
      if (low <= s_.bottoms[x])
        s_.flags[x] = 0x00;
      else if (low <= s_.tops[x])
        s_.flags[x] = 0xFF;
      s_.counters[x] = static_cast<uint16_t>((s_.counters[x] & 0x0700) | low);
    }
  }

  std::array<uint8_t, 8192> program_{};
  std::array<uint8_t, 2048> display_{};
  State s_;
};

}  // namespace

std::unique_ptr<Cartridge> make_dpc(const std::vector<uint8_t>& rom) {
  return std::make_unique<Dpc>(rom);
}

}  // namespace ag::emu::mappers
