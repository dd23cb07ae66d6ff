// Cartridge load_state on corrupt input: StateError, or a cartridge that is
// safe at every address; never undefined behaviour. The DPC case was found by
// fuzz/cartridge_fuzzer.cpp (run under AG_SANITIZE to see it).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "emu/cartridge.hpp"
#include "emu/cartridge_bus.hpp"

namespace ag::emu {
namespace {

using testing::CartridgeBus;
using testing::patterned_image;
using testing::restore;
using testing::saved;

const char* const kTypes[] = {"2K",   "4K", "CV",   "F8",   "F8 swapped", "F8SC", "F6",
                              "F6SC", "F4", "F4SC", "FASC", "MB",         "E0",   "E7",
                              "FE",   "UA", "3F",   "3E",   "DPC"};

// A synthetic image big enough for every type (CV takes exactly 2K or 4K).
std::vector<uint8_t> image_for(const std::string& type) {
  return patterned_image(type == "CV" ? 1 : 16, 4096);
}

// Reads across the whole address space (every page, varying offsets) and
// writes the hotspot and register pages.
void touch_everything(CartridgeBus& bus) {
  for (uint32_t a = 0; a < 0x10000; a += 7) bus.read(static_cast<uint16_t>(a));
  for (uint16_t a = 0x1000; a < 0x1100; ++a) bus.write(a, static_cast<uint8_t>(a));
  for (uint16_t a = 0x1F00; a < 0x2000; ++a) bus.read(a);
}

// Fuzz crash: a NaN or huge music clock fraction in a DPC state reached
// static_cast<int> in the music update (UB: value outside int's range).
TEST(CartridgeBadState, DpcMusicClockFractionOutOfRangeIsRefused) {
  auto cart = make_cartridge(patterned_image(5, 2048), "DPC");  // 10240 bytes
  CartridgeBus bus(*cart);
  EmuRng rng(1);
  cart->reset(rng);
  const auto good = saved(*cart);
  // Tag ("DPC" as a 4-byte length and 3 chars), then the cycle stamp (8 bytes),
  // then the fraction (a double).
  constexpr size_t kFraction = 4 + 3 + 8;
  ASSERT_GE(good.size(), kFraction + 8);
  for (double bad : {std::numeric_limits<double>::quiet_NaN(),
                     std::numeric_limits<double>::infinity(), -1.84777e+99, 1.0, -1.0, 3e9}) {
    auto state = good;
    std::memcpy(state.data() + kFraction, &bad, sizeof bad);
    auto fresh = make_cartridge(patterned_image(5, 2048), "DPC");
    EXPECT_THROW(restore(*fresh, state), StateError) << bad;
  }
  // In range: accepted, and the music fetchers (read at $1005-$1007) run.
  auto state = good;
  const double fine = -0.5;
  std::memcpy(state.data() + kFraction, &fine, sizeof fine);
  auto fresh = make_cartridge(patterned_image(5, 2048), "DPC");
  CartridgeBus fresh_bus(*fresh);
  ASSERT_NO_THROW(restore(*fresh, state));
  fresh_bus.write(0x105D, 0x10);  // fetcher 5: music mode
  fresh_bus.cycles += 1u << 30;
  fresh_bus.read(0x1005);
}

// Random bytes, and valid states with random damage, into every mapper.
TEST(CartridgeBadState, RandomOrDamagedStatesAreRefusedOrSafe) {
  std::mt19937 rng(20241123);
  for (const char* type : kTypes) {
    SCOPED_TRACE(type);
    const auto image = image_for(type);
    auto cart = make_cartridge(image, type);
    CartridgeBus bus(*cart);
    cart->reset(rng);
    for (int i = 0; i < 200; ++i) bus.write(static_cast<uint16_t>(rng()), rng() & 0xFF);
    const auto good = saved(*cart);
    for (int trial = 0; trial < 80; ++trial) {
      std::vector<uint8_t> state;
      if (trial % 4 == 0) {
        state.resize(rng() % 96);
        for (auto& b : state) b = rng() & 0xFF;
      } else {
        state = good;
        for (int flips = 1 + rng() % 4; flips > 0; --flips)
          state[rng() % state.size()] ^= 1 + rng() % 255;
        if (trial % 4 == 3) state.resize(rng() % state.size());
      }
      auto fresh = make_cartridge(image, type);
      CartridgeBus fresh_bus(*fresh);
      fresh->reset(rng);
      try {
        restore(*fresh, state);
      } catch (const StateError&) {
        continue;
      }
      fresh_bus.cycles = rng();
      touch_everything(fresh_bus);
    }
  }
}

}  // namespace
}  // namespace ag::emu
