// The RIOT (6532): 128 bytes of RAM, the interval timer, and the two I/O
// ports (A: joysticks, B: console switches), modelled on ALE's M6532.cxx.
#pragma once

#include <array>
#include <cstdint>
#include <random>

#include "emu/bus_state.hpp"
#include "emu/state_io.hpp"

namespace ag::emu {

// Pin levels the controllers and console switches put on the ports.
struct RiotInputs {
  uint8_t swcha = 0xFF;  // port A: P0 right/left/down/up in bits 7-4, P1 in bits 3-0
  uint8_t swchb = 0xFF;  // port B: difficulty, colour, select, reset switches
};

// (The RAM is in BusState::ram.)
struct RiotState {
  // The timer as ALE keeps it: the value written, the prescaler as a shift
  // (1, 8, 64, 1024 cycles per tick = shift 0, 3, 6, 10) and the cycle of the
  // write; the current count is computed when read.
  uint32_t timer = 0;
  uint32_t interval_shift = 6;
  int32_t cycles_when_set = 0;
  int32_t cycles_when_interrupt_read = 0;  // first INTIM read after expiry
  bool read_after_interrupt = false;
  uint8_t ddra = 0, ddrb = 0;
};

class Riot {
 public:
  explicit Riot(BusState& bus) : bus_(bus) {}

  // Power-on RAM contents: one RNG draw per byte (ALE's M6532 constructor).
  void power_on(std::mt19937& rng);
  // System reset: the timer starts at 25..99 (one RNG draw) with the /64
  // prescaler; data-direction registers cleared. RAM is kept.
  void reset(std::mt19937& rng);
  // The system counter is about to go back to 0.
  void rebase(uint32_t cycles);

  // RAM: A7 = 1, A9 = 0 (the bus reads and writes it directly).
  uint8_t* ram() { return bus_.ram.data(); }
  const uint8_t* ram() const { return bus_.ram.data(); }

  // I/O and timer: A7 = 1, A9 = 1.
  uint8_t read_io(uint16_t addr);
  void write_io(uint16_t addr, uint8_t value);

  // A loop that only polls a timer register (INTIM or TIMINT at `addr`, an
  // I/O address with A2 set) reads it at cycles() + first, then every
  // `period` cycles. Returns how many of the next `max_polls` reads would see
  // a value v with ((v & mask) != 0) == want_set and change nothing in the
  // RIOT (the first INTIM read past expiry does: it is never counted), and
  // in `last` the value the last of them reads. Lets the CPU skip such reads.
  uint32_t quiet_polls(uint16_t addr, uint32_t first, uint32_t period, uint32_t max_polls,
                       uint8_t mask, bool want_set, uint8_t& last) const;

  RiotInputs& inputs() { return inputs_; }
  const RiotState& state() const { return s_; }

  void save_state(StateWriter& w) const;
  void load_state(StateReader& r);

 private:
  // A timer register read at `now` (a cycles() value): the value, and
  // whether it is the first INTIM read past expiry (which freezes an offset).
  struct TimerRead {
    uint8_t value;
    bool first_after_interrupt;
  };
  TimerRead intim_at(uint32_t now) const;
  uint8_t timint_at(uint32_t now) const;
  uint8_t read_timer();

  BusState& bus_;
  RiotState s_;
  RiotInputs inputs_;
};

}  // namespace ag::emu
