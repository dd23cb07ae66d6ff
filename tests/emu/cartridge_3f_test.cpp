#include <gtest/gtest.h>

#include "emu/cartridge.hpp"
#include "emu/cartridge_bus.hpp"

namespace ag::emu {
namespace {

using testing::CartridgeBus;
using testing::FakeTia;
using testing::pattern;
using testing::patterned_image;

// Tigervision: 2K slices; a write to $00-$3F selects the slice at $1000-$17FF.
class Cartridge3F : public ::testing::Test {
 protected:
  void SetUp() override {
    cart = make_cartridge(patterned_image(4, 2048), "3F");
    cart->reset(rng);
    bus = std::make_unique<CartridgeBus>(*cart);
  }
  EmuRng rng{4753849};
  std::unique_ptr<Cartridge> cart;
  std::unique_ptr<CartridgeBus> bus;
};

TEST_F(Cartridge3F, ResetShowsSlice0AndTheLastSliceOnTop) {
  EXPECT_EQ(bus->read(0x1000), pattern(0, 0));
  EXPECT_EQ(bus->read(0x1800), pattern(3, 0));
  EXPECT_EQ(bus->read(0x1FFC), pattern(3, 0x7FC));
  EXPECT_EQ(cart->low_pages(), 1u);
}

TEST_F(Cartridge3F, WritesToPageZeroSelectAndReachTheTia) {
  bus->write(0x003F, 2);
  EXPECT_EQ(bus->read(0x1234), pattern(2, 0x234));
  bus->write(0x0002, 1);  // WSYNC selects too: any address in $00-$3F
  EXPECT_EQ(bus->read(0x1234), pattern(1, 0x234));
  bus->write(0x203F, 6);  // mirror; 6 wraps to 6 % 4
  EXPECT_EQ(bus->read(0x1234), pattern(2, 0x234));
  ASSERT_EQ(bus->tia.writes.size(), 3u);
  EXPECT_EQ(bus->tia.writes[0], std::make_pair(uint16_t{0x3F}, uint8_t{2}));
  EXPECT_EQ(bus->tia.writes[1], std::make_pair(uint16_t{0x02}, uint8_t{1}));
  EXPECT_EQ(bus->tia.writes[2], std::make_pair(uint16_t{0x3F}, uint8_t{6}));
}

TEST_F(Cartridge3F, WritesOutsidePageZeroAreNotTheCartridges) {
  bus->write(0x0040, 2);
  bus->write(0x007F, 2);
  EXPECT_EQ(bus->read(0x1234), pattern(0, 0x234));
  EXPECT_TRUE(bus->tia.writes.empty());
}

// ALE's quirk: the cartridge owns page $00-$3F, so reads there give ROM bytes.
TEST_F(Cartridge3F, ReadsOfPageZeroReturnCartridgeBytes) {
  bus->write(0x003F, 1);
  EXPECT_EQ(bus->read(0x000C), pattern(1, 0x00C));
  EXPECT_EQ(bus->read(0x004C), testing::kChipValue);
  EXPECT_TRUE(bus->tia.reads.empty());
}

// ALE passes every write the cartridge sees on to the TIA, window writes included.
TEST_F(Cartridge3F, WindowWritesAlsoReachTheTiaAndLowOnesSelect) {
  bus->write(0x1810, 0x55);
  bus->write(0x1001, 3);
  ASSERT_EQ(bus->tia.writes.size(), 2u);
  EXPECT_EQ(bus->tia.writes[0], std::make_pair(uint16_t{0x810}, uint8_t{0x55}));
  EXPECT_EQ(bus->read(0x1234), pattern(3, 0x234));
}

TEST_F(Cartridge3F, SaveLoadRoundTrip) {
  bus->write(0x3F, 2);
  auto state = testing::saved(*cart);
  bus->write(0x3F, 1);
  testing::restore(*cart, state);
  EXPECT_EQ(bus->read(0x1000), pattern(2, 0));
}

TEST(Cartridge3FOddSize, PartialLastSliceReadsInsideTheImage) {
  // 5000 bytes: slices 0, 1 whole, slice 2 partial; ALE's arithmetic kept.
  std::vector<uint8_t> rom(5000, 0x11);
  auto cart = make_cartridge(rom, "3F");
  EmuRng rng(1);
  cart->reset(rng);
  CartridgeBus bus(*cart);
  bus.write(0x3F, 2);
  for (int a = 0x1000; a < 0x2000; ++a) bus.read(static_cast<uint16_t>(a));
  EXPECT_EQ(bus.read(0x1000), 0x11);
  EXPECT_EQ(bus.read(0x17FF), 0x00);  // past the image end: padding
}

}  // namespace
}  // namespace ag::emu
