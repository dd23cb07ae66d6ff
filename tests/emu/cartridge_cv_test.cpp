#include <gtest/gtest.h>

#include "emu/cartridge.hpp"
#include "emu/cartridge_bus.hpp"

namespace ag::emu {
namespace {

using testing::CartridgeBus;
using testing::pattern;
using testing::patterned_image;

// CommaVid: RAM read $1000-$13FF, write $1400-$17FF; ROM $1800-$1FFF.
TEST(CartridgeCV, TwoKImageGetsRandomRam) {
  EmuRng rng(4753849), expected(4753849);
  auto cart = make_cartridge(patterned_image(1, 2048), "CV");
  cart->reset(rng);
  CartridgeBus bus(*cart);
  for (int i = 0; i < 1024; ++i) EXPECT_EQ(bus.read(0x1000 + i), static_cast<uint8_t>(expected()));
  EXPECT_EQ(rng, expected);
  EXPECT_EQ(bus.read(0x1800), pattern(0, 0));
  EXPECT_EQ(bus.read(0x1400), pattern(0, 0x400));  // write port reads ROM
  bus.write(0x1400, 0x5A);
  EXPECT_EQ(bus.read(0x1000), 0x5A);
  bus.write(0x1000, 0xA5);  // read port ignores writes
  EXPECT_EQ(bus.read(0x1000), 0x5A);
  auto state = testing::saved(*cart);
  bus.write(0x1400, 0);
  testing::restore(*cart, state);
  EXPECT_EQ(bus.read(0x1000), 0x5A);
}

TEST(CartridgeCV, FourKImageCarriesInitialRamAndRomInTheUpperHalf) {
  auto rom = patterned_image(2, 2048);
  EmuRng rng(4753849), untouched(4753849);
  auto cart = make_cartridge(rom, "CV");
  cart->reset(rng);
  EXPECT_EQ(rng, untouched);
  CartridgeBus bus(*cart);
  EXPECT_EQ(bus.read(0x1005), pattern(0, 5));
  EXPECT_EQ(bus.read(0x1805), pattern(1, 5));
  EXPECT_THROW(make_cartridge(patterned_image(2, 4096), "CV"), CartridgeError);
}

TEST(CartridgeCV, DetectedBySignature) {
  auto rom = patterned_image(1, 2048);
  rom[100] = 0x9D, rom[101] = 0xFF, rom[102] = 0xF3;  // STA $F3FF,X
  EXPECT_EQ(detect_cartridge_type(rom), "CV");
}

}  // namespace
}  // namespace ag::emu
