#include <gtest/gtest.h>

#include "emu/cartridge.hpp"
#include "emu/cartridge_bus.hpp"

namespace ag::emu {
namespace {

using testing::CartridgeBus;
using testing::pattern;
using testing::patterned_image;

TEST(CartridgeF4, ResetShowsBank0AndHotspotsSelectBanks0To7) {
  EmuRng rng(4753849);
  auto cart = make_cartridge(patterned_image(8, 4096), "F4");
  cart->reset(rng);
  CartridgeBus bus(*cart);
  EXPECT_EQ(bus.read(0x1000), pattern(0, 0));
  for (int bank = 7; bank >= 0; --bank) {
    EXPECT_EQ(bus.read(0x1FF4 + bank), pattern(bank, 0xFF4 + bank));
    EXPECT_EQ(bus.read(0x1C00), pattern(bank, 0xC00));
  }
  bus.write(0x1FFB, 0);
  EXPECT_EQ(bus.read(0x1C00), pattern(7, 0xC00));
}

// ALE's F4SC compares the unmasked address in poke(), so writes never switch.
TEST(CartridgeF4SC, OnlyReadsSwitchBanks) {
  EmuRng rng(4753849);
  auto cart = make_cartridge(patterned_image(8, 4096), "F4SC");
  cart->reset(rng);
  CartridgeBus bus(*cart);
  EXPECT_EQ(bus.read(0x1200), pattern(0, 0x200));
  bus.write(0x1FF9, 0);
  EXPECT_EQ(bus.read(0x1200), pattern(0, 0x200));
  bus.read(0x1FF9);
  EXPECT_EQ(bus.read(0x1200), pattern(5, 0x200));
}

TEST(CartridgeF4SC, SuperChipRamAndRoundTrip) {
  EmuRng rng(4753849), expected(4753849);
  auto cart = make_cartridge(patterned_image(8, 4096), "F4SC");
  cart->reset(rng);
  CartridgeBus bus(*cart);
  EXPECT_EQ(bus.read(0x10FF), [&] {
    uint8_t last = 0;
    for (int i = 0; i < 128; ++i) last = static_cast<uint8_t>(expected());
    return last;
  }());
  bus.write(0x1040, 0x99);
  bus.read(0x1FFB);
  auto state = testing::saved(*cart);
  bus.write(0x1040, 0x00);
  bus.read(0x1FF4);
  testing::restore(*cart, state);
  EXPECT_EQ(bus.read(0x10C0), 0x99);
  EXPECT_EQ(bus.read(0x1300), pattern(7, 0x300));
}

}  // namespace
}  // namespace ag::emu
