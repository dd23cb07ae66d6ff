// What every chip on the bus shares: the system clock, the last value on the
// data bus, and the CPU's run/stop line. (ALE's System object: myCycles,
// myDataBusState; M6502's stop bit and lastAccessWasRead.)
#pragma once

#include <array>
#include <cstdint>

namespace ag::emu {

struct BusState {
  // CPU cycles since power-on. Chips time themselves against cycles(): the
  // count since the last counter reset, which ALE does at every frame start
  // and system reset (System::resetCycles) so the 32-bit count never wraps.
  uint64_t total_cycles = 0;
  uint64_t counter_base = 0;
  // The last byte read or written by anyone (ALE's data bus state): the TIA
  // drives only bits 7-6 on a read, the other bits float at this value.
  uint8_t data_bus = 0;
  // Whether the CPU's previous access was a read: TIA's WSYNC halts the CPU
  // only then (ALE: M6502::lastAccessWasRead, true after reset).
  bool last_access_read = true;
  // Raised by the TIA when a frame ends; the CPU stops after the instruction.
  bool stop = false;
  // Set by the bus when an access to the cartridge's mapper changed its read
  // page map (a bank switch): code the CPU cached from before may be stale.
  // Not machine state: the CPU takes it after the instruction. Beside
  // `stop`, so one 16-bit load tests both (Bus::chip_events()).
  bool read_map_changed = false;
  // The RIOT's 128 bytes of RAM. The RIOT owns them (power-on contents,
  // save/restore); they sit here, at a fixed offset from the bus, so the
  // CPU's zero-page and stack accesses need no pointer load.
  std::array<uint8_t, 128> ram{};

  uint32_t cycles() const { return static_cast<uint32_t>(total_cycles - counter_base); }
};

}  // namespace ag::emu
