#include "support/cpu_bus_instance.hpp"

template class ag::emu::Cpu<ag::emu::Bus>;
