// libFuzzer target for the cartridge layer on its own (no CPU, TIA or RIOT):
//  - make_cartridge() on an image of a chosen size, auto-detected or with an
//    explicit type name: a cartridge or CartridgeError, nothing else;
//  - random reads, writes and clock jumps across the whole 16-bit address
//    space, through the bus contract of emu/cartridge.hpp;
//  - save_state -> load_state into a fresh cartridge must reproduce the state
//    byte for byte and behave the same afterwards;
//  - load_state of random or corrupted bytes throws StateError or yields a
//    cartridge whose every address is still safe to access.
#include <fuzzer/FuzzedDataProvider.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "emu/cartridge.hpp"
#include "emu/cartridge_bus.hpp"  // tests/emu: the cartridge tests' bus

namespace {

using ag::emu::Cartridge;
using ag::emu::CartridgeError;
using ag::emu::EmuRng;
using ag::emu::StateError;
using ag::emu::StateReader;
using ag::emu::StateWriter;
using ag::emu::testing::CartridgeBus;

// "" = detect; then every name make_cartridge knows, the ones it refuses, and junk.
constexpr const char* kTypes[] = {"",   "2K",   "4K",   "CV",          "F8",   "F8 swapped", "F8SC",
                                  "F6", "F6SC", "F4",   "F4SC",        "FASC", "MB",         "E0",
                                  "E7", "FE",   "UA",   "3F",          "3E",   "DPC",        "AR",
                                  "MC", "4A50", "0840", "AUTO-DETECT", "f8",   "XYZ"};

// Sizes ALE's detection knows, their neighbours, and 0.
constexpr size_t kSizes[] = {0,     1,     2047,  2048,  2049,  4096,  8191,  8192,  8448,  10240,
                             10495, 10496, 12288, 16384, 16896, 32768, 65535, 65536, 131072};

std::vector<uint8_t> save(const Cartridge& cart) {
  StateWriter w;
  cart.save_state(w);
  return w.bytes();
}

// Reads every address once (ASan checks the page maps point inside the object).
void sweep(CartridgeBus& bus) {
  for (uint32_t a = 0; a < 0x10000; a += 7) bus.read(static_cast<uint16_t>(a));
}

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "cartridge fuzzer: %s\n", what);
  std::abort();
}

// A cartridge of the same image and type, restored from `state`.
// Returns nullptr when load_state refuses the bytes (StateError).
std::unique_ptr<Cartridge> restored(const std::vector<uint8_t>& rom, const std::string& type,
                                    const std::vector<uint8_t>& state, EmuRng& rng) {
  auto cart = ag::emu::make_cartridge(rom, type);
  cart->reset(rng);
  StateReader r(state);
  try {
    cart->load_state(r);
  } catch (const StateError&) {
    return nullptr;
  }
  return cart;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  const std::string type = kTypes[in.ConsumeIntegralInRange<size_t>(0, std::size(kTypes) - 1)];
  size_t rom_size = kSizes[in.ConsumeIntegralInRange<size_t>(0, std::size(kSizes) - 1)];
  if (in.ConsumeBool()) rom_size += in.ConsumeIntegralInRange<size_t>(0, 4096);
  // The image: a fuzzer-chosen block repeated (so detection signatures can appear).
  const auto block = in.ConsumeBytes<uint8_t>(in.ConsumeIntegralInRange<size_t>(0, 512));
  std::vector<uint8_t> rom(rom_size, 0);
  if (!block.empty())
    for (size_t i = 0; i < rom_size; ++i) rom[i] = block[i % block.size()];

  std::unique_ptr<Cartridge> cart;
  try {
    cart = ag::emu::make_cartridge(rom, type);
  } catch (const CartridgeError&) {
    return 0;
  }
  EmuRng rng(in.ConsumeIntegral<uint32_t>());
  CartridgeBus bus(*cart);
  cart->reset(rng);

  while (in.remaining_bytes() > 0) {
    switch (in.ConsumeIntegralInRange<int>(0, 7)) {
      case 0:
      case 1:
        bus.read(in.ConsumeIntegral<uint16_t>());
        break;
      case 2:
      case 3:
        bus.write(in.ConsumeIntegral<uint16_t>(), in.ConsumeIntegral<uint8_t>());
        break;
      case 4:  // time passes (DPC's music fetchers measure it)
        bus.cycles += in.ConsumeIntegral<uint32_t>();
        break;
      case 5:
        cart->reset(rng);
        break;
      case 6: {  // round trip: same bytes back, same behaviour afterwards
        const auto state = save(*cart);
        auto copy = restored(rom, cart->type(), state, rng);
        if (!copy) fail("load_state refused a state save_state wrote");
        if (save(*copy) != state) fail("save/load round trip changed the state");
        CartridgeBus copy_bus(*copy);
        copy_bus.cycles = bus.cycles;
        for (int i = 0; i < 64 && in.remaining_bytes() > 0; ++i) {
          const auto addr = in.ConsumeIntegral<uint16_t>();
          if (bus.read(addr) != copy_bus.read(addr)) fail("restored cartridge reads differently");
        }
        if (save(*copy) != save(*cart)) fail("restored cartridge diverged");
        break;
      }
      case 7: {  // corrupted or random state: refused, or a cartridge safe everywhere
        auto state = in.ConsumeBool()
                         ? save(*cart)
                         : in.ConsumeBytes<uint8_t>(in.ConsumeIntegralInRange<size_t>(0, 128));
        const int flips = in.ConsumeIntegralInRange<int>(1, 8);
        for (int i = 0; i < flips && !state.empty(); ++i)
          state[in.ConsumeIntegralInRange<size_t>(0, state.size() - 1)] ^=
              in.ConsumeIntegralInRange<uint8_t>(1, 255);
        if (in.ConsumeBool()) state.resize(in.ConsumeIntegralInRange<size_t>(0, state.size()));
        if (auto copy = restored(rom, cart->type(), state, rng)) {
          CartridgeBus copy_bus(*copy);
          copy_bus.cycles = bus.cycles + in.ConsumeIntegral<uint32_t>();
          sweep(copy_bus);
          for (uint16_t a = 0x1000; a < 0x1080; ++a) copy_bus.write(a, static_cast<uint8_t>(a));
          sweep(copy_bus);
        }
        break;
      }
    }
  }
  return 0;
}
