// The whole Atari 2600: 6507 CPU, TIA, RIOT (M6532) and cartridge on one bus,
// stepped a frame at a time the way ALE's Stella core does it.
//
// No global state: any number of consoles per process, one per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "emu/cartridge.hpp"
#include "emu/palette.hpp"
#include "emu/rom_properties.hpp"
#include "emu/state_io.hpp"

namespace ag::emu {

// What the player and the console switches are doing, in controller terms.
// The console maps them onto pins (SWCHA, SWCHB, INPT0-5) according to the
// ROM's controllers (joystick or paddles, swapped ports/paddles).
struct Controls {
  struct Joystick {
    bool up = false, down = false, left = false, right = false, fire = false;
  };
  Joystick joystick[2];           // [0] = player A (left port), [1] = player B
  // Paddle resistance in ALE's units (ALE passes its paddle position straight
  // through as Stella's resistance; PADDLE_MIN 27450 .. PADDLE_MAX 790196).
  int32_t paddle_resistance[2] = {0, 0};
  bool paddle_fire[2] = {false, false};
  bool reset = false;             // console RESET switch held
  bool select = false;            // console SELECT switch held
  bool left_difficulty_a = false; // difficulty switches: true = A (pro), false = B
  bool right_difficulty_a = false;
  bool color = true;              // TV type switch: colour
};

// Counters for `bench`: how much work a frame is.
struct WorkCounters {
  uint64_t cpu_instructions = 0;
  uint64_t cpu_cycles = 0;
  uint64_t tia_writes = 0;
  uint64_t frames = 0;
};

class Console {
 public:
  static constexpr int kScreenWidth = 160;

  // Builds the machine for `rom` (cartridge type from props.cart_type or
  // detected). Power-on draws from the emulator RNG (seeded 4753849 as ALE's
  // system_random_seed) exactly as ALE's console construction does.
  // Throws CartridgeError for an unusable image.
  Console(const std::vector<uint8_t>& rom, const RomProperties& props);
  ~Console();
  Console(const Console&) = delete;
  Console& operator=(const Console&) = delete;

  // ALE's System::reset(): every chip reset (RIOT timer drawn from the RNG), CPU from the reset vector.
  void reset();
  // One frame, as ALE's mediaSource().update(): run the CPU until the TIA
  // ends the frame (VSYNC) or the instruction budget (25000) runs out.
  void run_frame();

  // The last completed frame: screen_height() rows of 160 palette indices
  // (even values 0..254; odd on PAL after colour loss), starting at the ROM's
  // display_ystart. The height is the ROM's display_height (210 unless the
  // property says otherwise), 250 for a game detected as PAL.
  const uint8_t* screen() const;
  int screen_height() const;
  // NTSC or PAL, as ALE's power-on probe decided (selects the RGB palette).
  TvStandard tv_standard() const;

  // RIOT RAM ($80-$FF), index 0..127; side-effect free.
  uint8_t ram(int index) const;
  // RIOT RAM as ALE's environment reads and writes it (System::peek/poke):
  // the byte also stays on the data bus, where the next read of an undriven
  // TIA bit (e.g. crashed code fetching from TIA space) finds it.
  uint8_t peek_ram(int index);
  void set_ram(int index, uint8_t value);
  const uint8_t* ram_data() const;

  Controls& controls();
  const RomProperties& properties() const;
  const Cartridge& cartridge() const;
  const WorkCounters& work() const;

  // Complete machine state (CPU, TIA incl. frame buffers, RIOT, cartridge,
  // clock, emulator RNG). load_state throws StateError on malformed input.
  void save_state(StateWriter& w) const;
  void load_state(StateReader& r);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ag::emu
