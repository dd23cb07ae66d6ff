// From what the player does (Controls) to the levels on the console's input
// pins: RIOT ports A/B and TIA INPT0-5, as ALE's Stella wires its
// controllers (Joystick.cxx, Paddles.cxx, Switches.cxx, Console.cxx).
#pragma once

#include "emu/console.hpp"
#include "emu/riot.hpp"
#include "emu/rom_properties.hpp"
#include "emu/tia.hpp"

namespace ag::emu {

struct PinLevels {
  RiotInputs riot;
  TiaInputs tia;
};

PinLevels map_controls(const Controls& controls, const RomProperties& props);

}  // namespace ag::emu
