// RIOT (6532) as ALE's M6532.cxx models it.
#include "emu/riot.hpp"

#include <algorithm>

namespace ag::emu {

namespace {

// RIOT I/O registers (A2-A0 for ports, A4 and A2-A0 for the timer).
enum : uint8_t { SWCHA = 0, SWACNT = 1, SWCHB = 2, SWBCNT = 3, INTIM = 4, TIMINT = 5 };

// ALE's M6532 computes INTIM in 32-bit int from 32-bit stamps. Its
// differences are taken here modulo 2^32 and read back as signed, which is
// what that arithmetic gives (two's complement) without its undefined
// overflow when a stamp lies ~2^31 cycles from the clock.
int32_t as_signed(uint32_t v) {
  return static_cast<int32_t>(v);
}

}  // namespace

void Riot::power_on(std::mt19937& rng) {
  for (auto& b : bus_.ram) b = static_cast<uint8_t>(rng());
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
Riot::TimerRead Riot::intim_at(uint32_t now) const {
  const uint32_t set = static_cast<uint32_t>(s_.cycles_when_set);
  const uint32_t delta = now - 1 - set;
  const uint32_t ticks = delta >> s_.interval_shift;
  int32_t timer = as_signed(s_.timer - ticks - 1);
  if (timer >= 0) return {static_cast<uint8_t>(timer), false};

  const uint32_t expiry = s_.timer << s_.interval_shift;  // cycles from the write
  timer = as_signed(expiry - delta - 1);
  const bool first = timer <= -2 && !s_.read_after_interrupt;
  if (first || s_.read_after_interrupt) {
    const uint32_t frozen = first ? now : static_cast<uint32_t>(s_.cycles_when_interrupt_read);
    const uint32_t offset = frozen - (set + expiry);
    timer = as_signed(s_.timer - ticks - offset);
  }
  return {static_cast<uint8_t>(timer), first};
}

uint8_t Riot::read_timer() {
  const uint32_t now = bus_.cycles();
  const TimerRead r = intim_at(now);
  if (r.first_after_interrupt) {
    s_.read_after_interrupt = true;
    s_.cycles_when_interrupt_read = static_cast<int32_t>(now);
  }
  return r.value;
}

// TIMINT: bit 7 set once the timer has expired, until INTIM is read past
// expiry or the timer is written.
uint8_t Riot::timint_at(uint32_t now) const {
  const uint32_t delta = now - 1 - static_cast<uint32_t>(s_.cycles_when_set);
  const int32_t timer = as_signed(s_.timer - (delta >> s_.interval_shift) - 1);
  return (timer >= 0 || s_.read_after_interrupt) ? 0x00 : 0x80;
}

// Both registers are functions of the tick count (delta >> shift) alone, so a
// value holds until the next tick boundary; the one exception, INTIM's
// per-cycle count between expiry and the first read past it, lasts one cycle
// before that read (which is not quiet). So the reads are walked a stretch of
// equal values at a time, not one by one. Before expiry INTIM counts down one
// per tick, so for the usual loops (until 0, until negative) the stretch
// runs to the tick where the loop ends, in one step.
uint32_t Riot::quiet_polls(uint16_t addr, uint32_t first, uint32_t period, uint32_t max_polls,
                           uint8_t mask, bool want_set, uint8_t& last) const {
  const bool intim = !(addr & 0x01);
  const uint32_t shift = s_.interval_shift;
  const uint32_t set = static_cast<uint32_t>(s_.cycles_when_set);
  const uint32_t start = bus_.cycles() + first;
  uint32_t polls = 0;
  while (polls < max_polls) {
    const uint32_t now = start + polls * period;
    const uint32_t delta = now - 1 - set;
    const uint32_t ticks = delta >> shift;
    uint8_t value;
    uint32_t end;  // cycles from the write (delta) at which the stretch ends
    if (intim && ticks < s_.timer) {
      value = static_cast<uint8_t>(s_.timer - 1 - ticks);
      // The tick at which a loop on this flag stops seeing `value`'s outcome.
      uint32_t end_tick = ticks + 1;
      if (mask == 0xFF && want_set) end_tick = s_.timer - 1;  // BNE: until 0
      if (mask == 0x80 && !want_set) end_tick = s_.timer;     // BPL: until expiry
      if (mask == 0x80 && want_set && value >= 0x80) end_tick = s_.timer - 0x80;  // BMI
      end = std::max(end_tick, ticks + 1) << shift;
    } else if (!intim && ticks < s_.timer) {
      value = timint_at(now);  // clear until expiry
      end = s_.timer << shift;
    } else {
      if (intim) {
        const TimerRead r = intim_at(now);
        if (r.first_after_interrupt) break;
        value = r.value;
      } else {
        value = timint_at(now);
      }
      const bool before_expiry = as_signed(s_.timer - ticks - 1) >= 0;
      // INTIM's per-cycle count after expiry holds one cycle; all else a tick.
      end = (!intim || before_expiry || s_.read_after_interrupt) ? (ticks + 1) << shift : delta + 1;
    }
    if (((value & mask) != 0) != want_set) break;
    // Reads left in this stretch (at least this one); the last one's value.
    const uint32_t reads = std::min((end - delta + period - 1) / period, max_polls - polls);
    polls += reads;
    const uint32_t last_delta = delta + (reads - 1) * period;
    last = (intim && ticks < s_.timer) ? static_cast<uint8_t>(s_.timer - 1 - (last_delta >> shift))
                                       : value;
  }
  return polls;
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
      return timint_at(bus_.cycles());  // TIMINT and its mirror
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
  w.put(bus_.ram);
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
  const auto ram = r.get<std::array<uint8_t, 128>>();
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
  bus_.ram = ram;
}

}  // namespace ag::emu
