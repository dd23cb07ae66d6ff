// libFuzzer target: any byte string handed to the cartridge loader either is
// refused with CartridgeError or boots and runs without crashing.
#include <cstdint>
#include <vector>

#include "emu/console.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  std::vector<uint8_t> rom(data, data + size);
  try {
    ag::emu::RomProperties props;
    ag::emu::Console console(rom, props);
    console.reset();
    for (int i = 0; i < 3; ++i) console.run_frame();
  } catch (const ag::emu::CartridgeError&) {
  }
  return 0;
}
