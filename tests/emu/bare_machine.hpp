// Bus, chips and CPU wired as the console wires them, without a Console, so
// tests can drive the CPU directly (run() or step()) and poke every part.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "emu/bus.hpp"
#include "emu/cartridge.hpp"
#include "emu/cpu.hpp"
#include "emu/riot.hpp"
#include "emu/tia.hpp"
#include "support/cpu_bus_instance.hpp"

namespace ag::emu {

struct BareMachine {
  EmuRng rng;
  Bus bus;
  BusState& st = bus.state();
  Tia tia{st};
  Riot riot{st};
  std::unique_ptr<Cartridge> cart;
  Cpu<Bus> cpu;

  // `type` as make_cartridge takes it ("" = detect); `seed` for the RAM draws.
  BareMachine(const std::vector<uint8_t>& rom, const std::string& type, uint32_t seed = 4753849)
      : rng(seed) {
    cart = make_cartridge(rom, type);
    bus.connect(tia, riot);
    cart->attach_clock(&st.total_cycles);
    bus.attach_cartridge(cart.get());
    tia.configure(TiaConfig{});
    riot.power_on(rng);
    riot.reset(rng);
    tia.reset();
    cart->reset(rng);
    cpu.reset(bus);
  }
};

}  // namespace ag::emu
