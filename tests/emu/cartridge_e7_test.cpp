#include <gtest/gtest.h>

#include "emu/cartridge.hpp"
#include "emu/cartridge_bus.hpp"

namespace ag::emu {
namespace {

using testing::CartridgeBus;
using testing::pattern;
using testing::patterned_image;

// M Network: eight 2K slices; $1000-$17FF switchable (slice 7 = 1K RAM),
// $1800-$19FF 256-byte RAM banks, $1A00-$1FFF fixed to slice 7.
class CartridgeE7 : public ::testing::Test {
 protected:
  void SetUp() override {
    cart = make_cartridge(patterned_image(8, 2048), "E7");
    cart->reset(rng);
    bus = std::make_unique<CartridgeBus>(*cart);
  }
  EmuRng rng{4753849};
  std::unique_ptr<Cartridge> cart;
  std::unique_ptr<CartridgeBus> bus;
};

TEST_F(CartridgeE7, ResetFills2KRamFromTheRngAndShowsSlice0) {
  EmuRng expected(4753849);
  uint8_t ram[2048];
  for (auto& b : ram) b = static_cast<uint8_t>(expected());
  EXPECT_EQ(rng, expected);
  EXPECT_EQ(bus->read(0x1000), pattern(0, 0));
  EXPECT_EQ(bus->read(0x1A00), pattern(7, 0x200));
  EXPECT_EQ(bus->read(0x1FFC), pattern(7, 0x7FC));
  for (int i = 0; i < 256; ++i) EXPECT_EQ(bus->read(0x1900 + i), ram[1024 + i]);  // RAM bank 0
  bus->read(0x1FE7);
  for (int i = 0; i < 1024; ++i) EXPECT_EQ(bus->read(0x1400 + i), ram[i]);
}

TEST_F(CartridgeE7, SlicesSelectedByFE0ToFE7) {
  for (int s = 0; s < 7; ++s) {
    bus->write(0x1FE0 + s, 0);
    EXPECT_EQ(bus->read(0x1123), pattern(s, 0x123));
    EXPECT_EQ(bus->read(0x1723), pattern(s, 0x723));
  }
}

TEST_F(CartridgeE7, Slice7IsTheOneKRam) {
  bus->read(0x1FE7);
  bus->write(0x1000, 0xAB);
  bus->write(0x13FF, 0xCD);
  EXPECT_EQ(bus->read(0x1400), 0xAB);
  EXPECT_EQ(bus->read(0x17FF), 0xCD);
  EXPECT_EQ(bus->read(0x1000), pattern(7, 0x000));  // write port reads the ROM beneath
  bus->write(0x1400, 0x00);                         // read port ignores writes
  EXPECT_EQ(bus->read(0x1400), 0xAB);
}

TEST_F(CartridgeE7, RamBanksSelectedByFE8ToFEB) {
  for (int b = 0; b < 4; ++b) {
    bus->read(0x1FE8 + b);
    bus->write(0x1810, static_cast<uint8_t>(0x40 + b));
  }
  for (int b = 0; b < 4; ++b) {
    bus->write(0x1FE8 + b, 0);
    EXPECT_EQ(bus->read(0x1910), 0x40 + b);
    EXPECT_EQ(bus->read(0x1810), pattern(7, 0x010));
  }
  bus->read(0x1FEC);  // not a hotspot
  EXPECT_EQ(bus->read(0x1910), 0x43);
}

TEST_F(CartridgeE7, SaveLoadRoundTrip) {
  bus->read(0x1FE7);
  bus->read(0x1FEA);
  bus->write(0x1001, 0x11);
  bus->write(0x1801, 0x22);
  auto state = testing::saved(*cart);
  bus->read(0x1FE3);
  bus->read(0x1FE8);
  bus->write(0x1801, 0x33);
  testing::restore(*cart, state);
  EXPECT_EQ(bus->read(0x1401), 0x11);
  EXPECT_EQ(bus->read(0x1901), 0x22);
}

}  // namespace
}  // namespace ag::emu
