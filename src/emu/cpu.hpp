// The 6507 CPU core (a 6502 with 13 address lines), with the timing of ALE's
// CPU core: Stella's low-compatibility M6502Low (ALE's default setting
// "cpu" = "low"; the golden traces come from it).
//
// Timing: per instruction, the opcode read, then the opcode's whole base
// cycle count, then the operand and data accesses (so a chip sees the clock
// of the instruction's last cycle). A page-crossing indexed read adds one
// cycle before its data read, a taken branch one (two across a page). There
// are no dummy reads and a read-modify-write writes once: only the accesses
// ALE's core makes reach the bus (hotspots and TIA strobes depend on it).
//
// Contract with the bus (template parameter `Bus`). The CPU counts cycles in
// `elapsed` (cycles not yet added to the bus's clock) and passes it with each
// access; an access that reaches a chip or a mapper must add it to the clock
// first and zero it, one to plain memory may leave it. (The CPU relies on
// that zero: only such an access can switch banks or raise stop_requested().)
//   uint8_t read(uint16_t addr, uint32_t& elapsed);
//   void    write(uint16_t addr, uint8_t v, uint32_t& elapsed);
//   void    add_cycles(uint32_t n);       // the rest of `elapsed`, at the end of run()/step()
//   uint8_t peek(uint16_t addr);          // reset's vector fetch (no CPU access)
//   bool    stop_requested() const;       // checked after an instruction that
//                                         // reached a chip (raised on writes only:
//                                         // not checked after one that only fetched)
// and optionally, for speed (a bus without them gets single reads):
//   uint16_t read_pair(uint16_t addr, uint32_t& elapsed);  // two reads, addr first
//   const uint8_t* code_window(uint16_t addr); // the 3 bytes at addr if reading
//                                         // them has no side effect, else nullptr
//   void read_window(uint16_t addr, int count, uint8_t last); // the CPU took
//                                         // `count` bytes of that window: reads
//   const uint8_t* code_run(uint16_t pc, uint16_t& first, uint32_t& end);
//                                         // the byte at pc and the run of plain
//                                         // memory around it (the CPU caches it)
//   const uint8_t* code_page(uint16_t start); // the 64-byte page at `start` if
//                                         // plain memory
//   bool take_read_map_change();          // the read page map changed since the
//                                         // last call (without it: assumed after
//                                         // every chip access)
//   bool chip_events();                   // stop_requested() || the read map
//                                         // changed, in one test (without it:
//                                         // both asked separately)
//   uint32_t quiet_polls(addr, first, period, max, mask, want_set, last);
//                                         // timer-polling loops (Bus::quiet_polls)
//   read_after_fetch(addr, fetched, elapsed), write_after_fetch(addr, v,
//   fetched, elapsed), read_pair_after_fetch(addr, fetched, elapsed),
//   fetch_only(fetched);                  // with all four, a fetch from a code
//                                         // window is not reported: the
//                                         // instruction's first access hands
//                                         // over its last byte (`fetched`) for
//                                         // the data bus, or fetch_only() if
//                                         // it makes none (Bus::read_after_fetch)
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
  // locals while it runs: state() is only current between calls. Timer-
  // polling and delay loops are counted in bulk instead of run pass by pass
  // (same machine state, instruction count and clock; step() never does).
  uint32_t run(Bus& bus, uint32_t max_instructions);

  bool jammed() const { return s_.jammed; }

  CpuState& state() { return s_; }
  const CpuState& state() const { return s_; }

 private:
  template <bool kNextFetchFollows>
  uint32_t run_core(Bus& bus, uint32_t max_instructions, bool& ended);

  CpuState s_;
};

}  // namespace ag::emu

#include "emu/cpu_impl.hpp"
