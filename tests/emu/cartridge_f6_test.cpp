#include <gtest/gtest.h>

#include "emu/cartridge.hpp"
#include "emu/cartridge_bus.hpp"

namespace ag::emu {
namespace {

using testing::CartridgeBus;
using testing::pattern;
using testing::patterned_image;

TEST(CartridgeF6, ResetShowsBank0) {
  EmuRng rng(4753849);
  auto cart = make_cartridge(patterned_image(4, 4096), "F6");
  cart->reset(rng);
  CartridgeBus bus(*cart);
  EXPECT_EQ(bus.read(0x1000), pattern(0, 0));
  EXPECT_EQ(bus.read(0x1FFC), pattern(0, 0xFFC));
}

TEST(CartridgeF6, HotspotsFF6ToFF9SelectBanks0To3OnReadAndWrite) {
  EmuRng rng(4753849);
  auto cart = make_cartridge(patterned_image(4, 4096), "F6");
  cart->reset(rng);
  CartridgeBus bus(*cart);
  for (int bank = 0; bank < 4; ++bank) {
    EXPECT_EQ(bus.read(0x1FF6 + bank), pattern(bank, 0xFF6 + bank));
    EXPECT_EQ(bus.read(0x1400), pattern(bank, 0x400));
  }
  for (int bank = 3; bank >= 0; --bank) {
    bus.write(0xFFF6 + bank, 0);
    EXPECT_EQ(bus.read(0x1400), pattern(bank, 0x400));
  }
  bus.read(0x1FF5);
  bus.read(0x1FFA);
  EXPECT_EQ(bus.read(0x1400), pattern(0, 0x400));
}

TEST(CartridgeF6SC, SuperChipPortsAndRngDraws) {
  EmuRng rng(4753849), expected(4753849);
  auto cart = make_cartridge(patterned_image(4, 4096), "F6SC");
  cart->reset(rng);
  CartridgeBus bus(*cart);
  for (int i = 0; i < 128; ++i) EXPECT_EQ(bus.read(0x1080 + i), static_cast<uint8_t>(expected()));
  EXPECT_EQ(rng, expected);
  bus.write(0x1010, 0x77);
  EXPECT_EQ(bus.read(0x1090), 0x77);
  EXPECT_EQ(bus.read(0x1010), pattern(0, 0x010));
  bus.read(0x1FF9);
  EXPECT_EQ(bus.read(0x1090), 0x77);
  EXPECT_EQ(bus.read(0x1100), pattern(3, 0x100));
}

TEST(CartridgeF6SC, SaveLoadRoundTrip) {
  EmuRng rng(4753849);
  auto cart = make_cartridge(patterned_image(4, 4096), "F6SC");
  cart->reset(rng);
  CartridgeBus bus(*cart);
  bus.read(0x1FF8);
  bus.write(0x1000, 0x12);
  auto state = testing::saved(*cart);
  bus.read(0x1FF6);
  bus.write(0x1000, 0x34);
  testing::restore(*cart, state);
  EXPECT_EQ(bus.read(0x1080), 0x12);
  EXPECT_EQ(bus.read(0x1800), pattern(2, 0x800));
}

}  // namespace
}  // namespace ag::emu
