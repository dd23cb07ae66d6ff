// The CPU on the console's bus is compiled once for all the tests that drive
// it directly (tests/support/cpu_bus_instance.cpp): instantiating the
// interpreter takes ~30 s of GCC's time per unit, and three tests did it.
#pragma once

#include "emu/bus.hpp"
#include "emu/cpu.hpp"

extern template class ag::emu::Cpu<ag::emu::Bus>;
