// The 6507 CPU core (a 6502 with 13 address lines), cycle-exact at the bus.
//
// Contract with the bus (template parameter `Bus`):
//   uint8_t read(uint16_t addr);          // one CPU cycle; the bus advances the clock
//   void    write(uint16_t addr, uint8_t); // one CPU cycle; the bus advances the clock
//   uint8_t peek(uint16_t addr);          // no clock (used only by reset's vector fetch)
//   bool    stop_requested() const;       // checked between instructions
// Every cycle of every instruction is a bus access, dummy reads and the double
// write of read-modify-write instructions included, in the order ALE's
// high-compatibility 6502 core (M6502Hi) performs them: bank-switching hotspots
// and TIA strobes depend on them.
#pragma once

#include <cstdint>

namespace ag::emu {

// Explicit state: save/restore of the CPU is one copy of this struct.
struct CpuState {
  uint16_t pc = 0;
  uint8_t a = 0, x = 0, y = 0;
  uint8_t sp = 0xFF;
  uint8_t p = 0x30;           // NV-BDIZC; bit 5 always 1, B always 1 (ALE's core forces it)
  uint8_t ir = 0;             // last opcode fetched
  bool jammed = false;        // hit an opcode ALE's core does not implement (KIL): stays halted
  uint64_t instructions = 0;  // instructions executed since power-on
};

template <class Bus>
class Cpu {
 public:
  // Power-on/reset: registers as ALE's core sets them, PC from $FFFC/$FFFD.
  void reset(Bus& bus);
  // Executes one instruction (no-op if jammed).
  void step(Bus& bus);
  // Executes up to `max_instructions`, stopping after the instruction during
  // which the bus raised stop_requested() (not checked before the first one:
  // the caller clears its stop flag, as ALE's execute() does). Returns
  // instructions executed, a jamming one included. The registers live in
  // locals while it runs: state() is only current between calls.
  uint32_t run(Bus& bus, uint32_t max_instructions);

  bool jammed() const { return s_.jammed; }

  CpuState& state() { return s_; }
  const CpuState& state() const { return s_; }

 private:
  CpuState s_;
};

}  // namespace ag::emu

#include "emu/cpu_impl.hpp"
