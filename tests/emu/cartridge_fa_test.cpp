#include <gtest/gtest.h>

#include "emu/cartridge.hpp"
#include "emu/cartridge_bus.hpp"

namespace ag::emu {
namespace {

using testing::CartridgeBus;
using testing::pattern;
using testing::patterned_image;

// CBS RAM Plus: 3 banks, hotspots $1FF8-$1FFA, 256 bytes RAM (write $1000, read $1100).
TEST(CartridgeFASC, ResetShowsBank2AndFillsAll256RamBytes) {
  EmuRng rng(4753849), expected(4753849);
  auto cart = make_cartridge(patterned_image(3, 4096), "FASC");
  cart->reset(rng);
  CartridgeBus bus(*cart);
  EXPECT_EQ(bus.read(0x1200), pattern(2, 0x200));
  for (int i = 0; i < 256; ++i) EXPECT_EQ(bus.read(0x1100 + i), static_cast<uint8_t>(expected()));
  EXPECT_EQ(rng, expected);
}

TEST(CartridgeFASC, HotspotsAndRamPorts) {
  EmuRng rng(4753849);
  auto cart = make_cartridge(patterned_image(3, 4096), "FASC");
  cart->reset(rng);
  CartridgeBus bus(*cart);
  for (int bank = 0; bank < 3; ++bank) {
    bus.write(0x1FF8 + bank, 0);
    EXPECT_EQ(bus.read(0x1200), pattern(bank, 0x200));
  }
  bus.read(0x1FFB);  // not a hotspot for three banks
  EXPECT_EQ(bus.read(0x1200), pattern(2, 0x200));
  bus.write(0x10FF, 0x31);
  EXPECT_EQ(bus.read(0x11FF), 0x31);
  EXPECT_EQ(bus.read(0x10FF), pattern(2, 0x0FF));
  bus.write(0x11FF, 0x32);
  EXPECT_EQ(bus.read(0x11FF), 0x31);
  auto state = testing::saved(*cart);
  bus.write(0x10FF, 0x00);
  testing::restore(*cart, state);
  EXPECT_EQ(bus.read(0x11FF), 0x31);
}

}  // namespace
}  // namespace ag::emu
