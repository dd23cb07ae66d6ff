// RIOT (6532) as ALE's M6532.cxx models it.
#include "emu/riot.hpp"

namespace ag::emu {

namespace {

// RIOT I/O registers (A2-A0 for ports, A4 and A2-A0 for the timer).
enum : uint8_t { SWCHA = 0, SWACNT = 1, SWCHB = 2, SWBCNT = 3, INTIM = 4, TIMINT = 5 };

}  // namespace

void Riot::power_on(std::mt19937& rng) {
  for (auto& b : s_.ram) b = static_cast<uint8_t>(rng());
}

void Riot::reset(std::mt19937& rng) {
  s_.timer = 25 + (rng() % 75);
  s_.interval_shift = 6;
  s_.cycles_when_set = 0;
  s_.cycles_when_interrupt_read = 0;
  s_.read_after_interrupt = false;
  s_.ddra = 0;
  s_.ddrb = 0;
}

void Riot::rebase(uint32_t cycles) {
  s_.cycles_when_set = static_cast<int32_t>(static_cast<uint32_t>(s_.cycles_when_set) - cycles);
  s_.cycles_when_interrupt_read =
      static_cast<int32_t>(static_cast<uint32_t>(s_.cycles_when_interrupt_read) - cycles);
}

// INTIM. Before expiry: the written value minus elapsed ticks. After it,
// ALE's model counts down once per cycle from the expiry, and the first read
// more than one cycle past expiry freezes an offset that later reads keep.
// (The "- 1": the read happens on the last cycle of the instruction.)
uint8_t Riot::read_timer() {
  const uint32_t cycles = bus_.cycles() - 1;
  const uint32_t delta = cycles - static_cast<uint32_t>(s_.cycles_when_set);
  int timer = static_cast<int>(s_.timer) - static_cast<int>(delta >> s_.interval_shift) - 1;
  if (timer >= 0) return static_cast<uint8_t>(timer);

  timer = static_cast<int>(s_.timer << s_.interval_shift) - static_cast<int>(delta) - 1;
  if (timer <= -2 && !s_.read_after_interrupt) {
    s_.read_after_interrupt = true;
    s_.cycles_when_interrupt_read = static_cast<int32_t>(bus_.cycles());
  }
  if (s_.read_after_interrupt) {
    int offset = static_cast<int>(
        static_cast<uint32_t>(s_.cycles_when_interrupt_read) -
        (static_cast<uint32_t>(s_.cycles_when_set) + (s_.timer << s_.interval_shift)));
    timer = static_cast<int>(s_.timer) - static_cast<int>(delta >> s_.interval_shift) - offset;
  }
  return static_cast<uint8_t>(timer);
}

// TIMINT: bit 7 set once the timer has expired, until INTIM is read past
// expiry or the timer is written.
uint8_t Riot::read_interrupt_flag() const {
  const uint32_t cycles = bus_.cycles() - 1;
  const uint32_t delta = cycles - static_cast<uint32_t>(s_.cycles_when_set);
  int timer = static_cast<int>(s_.timer) - static_cast<int>(delta >> s_.interval_shift) - 1;
  return (timer >= 0 || s_.read_after_interrupt) ? 0x00 : 0x80;
}

uint8_t Riot::read_io(uint16_t addr) {
  switch (addr & 0x07) {
    // ALE returns the pin levels as they are, without the DDR masks.
    case SWCHA:
      return inputs_.swcha;
    case SWACNT:
      return s_.ddra;
    case SWCHB:
      return inputs_.swchb;
    case SWBCNT:
      return s_.ddrb;
    case INTIM:
    case INTIM | 2:
      return read_timer();
    default:
      return read_interrupt_flag();  // TIMINT and its mirror
  }
}

void Riot::write_io(uint16_t addr, uint8_t value) {
  switch (addr & 0x07) {
    case SWCHA:
      return;  // joysticks and paddles ignore outputs
    case SWACNT:
      s_.ddra = value;
      return;
    case SWCHB:
      return;
    case SWBCNT:
      return;  // ALE ignores SWBCNT writes (it stays 0)
    default:
      break;
  }
  if ((addr & 0x14) == 0x14) {
    // TIM1T, TIM8T, TIM64T, T1024T.
    constexpr uint32_t kShift[4] = {0, 3, 6, 10};
    s_.timer = value;
    s_.interval_shift = kShift[addr & 0x03];
    s_.cycles_when_set = static_cast<int32_t>(bus_.cycles());
    s_.read_after_interrupt = false;
  }
  // Otherwise the PA7 edge-detect control, which ALE does not model.
}

void Riot::save_state(StateWriter& w) const {
  w.put<uint32_t>(0x52494F31);  // "RIO1"
  w.put(s_.ram);
  w.put(s_.timer);
  w.put(s_.interval_shift);
  w.put(s_.cycles_when_set);
  w.put(s_.cycles_when_interrupt_read);
  w.put<uint8_t>(s_.read_after_interrupt ? 1 : 0);
  w.put(s_.ddra);
  w.put(s_.ddrb);
}

void Riot::load_state(StateReader& r) {
  if (r.get<uint32_t>() != 0x52494F31) throw StateError("RIOT state: bad tag");
  RiotState s;
  s.ram = r.get<std::array<uint8_t, 128>>();
  s.timer = r.get<uint32_t>();
  s.interval_shift = r.get<uint32_t>();
  s.cycles_when_set = r.get<int32_t>();
  s.cycles_when_interrupt_read = r.get<int32_t>();
  uint8_t flag = r.get<uint8_t>();
  s.ddra = r.get<uint8_t>();
  s.ddrb = r.get<uint8_t>();
  if (flag > 1 || s.timer > 0xFF ||
      (s.interval_shift != 0 && s.interval_shift != 3 && s.interval_shift != 6 &&
       s.interval_shift != 10))
    throw StateError("RIOT state: inconsistent values");
  s.read_after_interrupt = flag != 0;
  s_ = s;
}

}  // namespace ag::emu
