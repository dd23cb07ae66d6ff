// Test helper: a TIA on its own, driven by setting the system clock and
// writing registers at chosen (scanline, CPU cycle) points of a frame that
// stores every scanline from line 0.
#pragma once

#include <cstdint>

#include "emu/bus_state.hpp"
#include "emu/tia.hpp"
#include "emu/tia_registers.hpp"

namespace ag::emu::testing {

struct TiaRig {
  BusState bus;
  Tia tia{bus};

  explicit TiaRig(TiaConfig config = {}) {
    config.ystart = 0;
    config.height = 200;
    tia.configure(config);
    tia.reset();
    tia.start_frame(0);
    tia.mark_frame_pending();
  }
  // A rig set up by `setup` (the TIA refers to this rig's bus: not copied).
  explicit TiaRig(void (*setup)(TiaRig&)) : TiaRig() { setup(*this); }
  TiaRig(const TiaRig&) = delete;
  TiaRig& operator=(const TiaRig&) = delete;

  // The clock as it is during CPU cycle `cycle` (0..75) of scanline `line`
  // of the current frame.
  void at(int line, int cycle) {
    bus.total_cycles = frame_base + static_cast<uint64_t>(line) * 76 + cycle;
  }
  void write(int line, int cycle, uint8_t reg, uint8_t value) {
    at(line, cycle);
    tia.write(reg, value);
  }
  uint8_t read(int line, int cycle, uint8_t reg) {
    at(line, cycle);
    return tia.read(reg);
  }
  // Renders everything before scanline `line` (a collision read brings the
  // picture up to date: the latches depend on it).
  void draw_until(int line) { read(line, 0, tia_reg::CXM0P); }
  uint8_t pixel(int line, int x) const { return tia.frame()[line * Tia::kWidth + x]; }

  // Starts the next frame now (call at the start of a line), as the console
  // does: counters rebased, buffers swapped.
  void next_frame() {
    const int32_t clocks = tia.clocks_into_line();
    tia.rebase(bus.cycles());
    bus.counter_base = bus.total_cycles;
    tia.start_frame(clocks);
    tia.mark_frame_pending();
    frame_base = bus.total_cycles;
  }

  uint64_t frame_base = 0;
};

}  // namespace ag::emu::testing
