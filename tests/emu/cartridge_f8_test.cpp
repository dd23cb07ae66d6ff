#include <gtest/gtest.h>

#include "emu/cartridge.hpp"
#include "emu/cartridge_bus.hpp"

namespace ag::emu {
namespace {

using testing::CartridgeBus;
using testing::pattern;
using testing::patterned_image;

constexpr uint32_t kAleSeed = 4753849;

std::unique_ptr<Cartridge> fresh(const std::string& type, EmuRng& rng) {
  auto cart = make_cartridge(patterned_image(2, 4096), type);
  cart->reset(rng);
  return cart;
}

TEST(CartridgeF8, ResetShowsBank1) {
  EmuRng rng(kAleSeed);
  auto cart = fresh("F8", rng);
  CartridgeBus bus(*cart);
  EXPECT_STREQ(cart->type(), "F8");
  EXPECT_EQ(bus.read(0x1000), pattern(1, 0x000));
  EXPECT_EQ(bus.read(0x1ABC), pattern(1, 0xABC));
  EXPECT_EQ(bus.read(0xFFFC), pattern(1, 0xFFC));  // reset vector, through a mirror
}

TEST(CartridgeF8, HotspotReadsSwitchAndReturnTheNewBanksByte) {
  EmuRng rng(kAleSeed);
  auto cart = fresh("F8", rng);
  CartridgeBus bus(*cart);
  EXPECT_EQ(bus.read(0x1FF8), pattern(0, 0xFF8));
  EXPECT_EQ(bus.read(0x1234), pattern(0, 0x234));
  EXPECT_EQ(bus.read(0xFFF9), pattern(1, 0xFF9));  // mirrors switch too
  EXPECT_EQ(bus.read(0x1234), pattern(1, 0x234));
}

TEST(CartridgeF8, HotspotWritesSwitch) {
  EmuRng rng(kAleSeed);
  auto cart = fresh("F8", rng);
  CartridgeBus bus(*cart);
  bus.write(0x1FF8, 0x00);
  EXPECT_EQ(bus.read(0x1800), pattern(0, 0x800));
  bus.write(0x3FF9, 0x00);
  EXPECT_EQ(bus.read(0x1800), pattern(1, 0x800));
}

TEST(CartridgeF8, NeighboursOfHotspotsDoNotSwitch) {
  EmuRng rng(kAleSeed);
  auto cart = fresh("F8", rng);
  CartridgeBus bus(*cart);
  bus.read(0x1FF7);
  bus.read(0x1FFA);
  bus.write(0x1FF7, 0);
  EXPECT_EQ(bus.read(0x1000), pattern(1, 0));
}

TEST(CartridgeF8, WritesToRomAreIgnored) {
  EmuRng rng(kAleSeed);
  auto cart = fresh("F8", rng);
  CartridgeBus bus(*cart);
  bus.write(0x1010, 0x42);
  bus.write(0x1FC0, 0x42);
  EXPECT_EQ(bus.read(0x1010), pattern(1, 0x010));
  EXPECT_EQ(bus.read(0x1FC0), pattern(1, 0xFC0));
}

TEST(CartridgeF8, SwappedVariantStartsInBank0) {
  EmuRng rng(kAleSeed);
  auto cart = fresh("F8 swapped", rng);
  CartridgeBus bus(*cart);
  EXPECT_EQ(bus.read(0x1000), pattern(0, 0));
  bus.read(0x1FF9);
  EXPECT_EQ(bus.read(0x1000), pattern(1, 0));
}

TEST(CartridgeF8, ResetReturnsToBank1) {
  EmuRng rng(kAleSeed);
  auto cart = fresh("F8", rng);
  CartridgeBus bus(*cart);
  bus.read(0x1FF8);
  cart->reset(rng);
  EXPECT_EQ(bus.read(0x1000), pattern(1, 0));
}

TEST(CartridgeF8, PlainF8DrawsNothingFromTheRng) {
  EmuRng rng(kAleSeed), untouched(kAleSeed);
  fresh("F8", rng);
  EXPECT_EQ(rng, untouched);
}

TEST(CartridgeF8, SaveLoadRoundTripRestoresTheBank) {
  EmuRng rng(kAleSeed);
  auto cart = fresh("F8", rng);
  CartridgeBus bus(*cart);
  bus.read(0x1FF8);
  auto state = testing::saved(*cart);
  bus.read(0x1FF9);
  testing::restore(*cart, state);
  EXPECT_EQ(bus.read(0x1000), pattern(0, 0));
  EXPECT_EQ(testing::saved(*cart), state);
}

TEST(CartridgeF8, LoadRejectsAnotherMappersStateAndGarbage) {
  EmuRng rng(kAleSeed);
  auto f8 = fresh("F8", rng);
  auto f8sc = fresh("F8SC", rng);
  EXPECT_THROW(testing::restore(*f8, testing::saved(*f8sc)), StateError);
  auto state = testing::saved(*f8);
  state.at(4 + 2) = 7;  // after the tag (length, "F8"): bank 7 of 2
  EXPECT_THROW(testing::restore(*f8, state), StateError);
  state.pop_back();
  EXPECT_THROW(testing::restore(*f8, state), StateError);
}

// Super Chip: 128 bytes, write port $1000-$107F, read port $1080-$10FF.
TEST(CartridgeF8SC, ResetFillsRamFromTheRngInOrder) {
  EmuRng rng(kAleSeed), expected(kAleSeed);
  auto cart = fresh("F8SC", rng);
  CartridgeBus bus(*cart);
  for (int i = 0; i < 128; ++i)
    EXPECT_EQ(bus.read(0x1080 + i), static_cast<uint8_t>(expected())) << i;
  EXPECT_EQ(rng, expected);
  EXPECT_EQ(bus.read(0x1100), pattern(1, 0x100));  // ROM right after the read port
}

TEST(CartridgeF8SC, WritePortStoresAndReadPortReads) {
  EmuRng rng(kAleSeed);
  auto cart = fresh("F8SC", rng);
  CartridgeBus bus(*cart);
  bus.write(0x1005, 0x5A);
  bus.write(0x107F, 0xA5);
  EXPECT_EQ(bus.read(0x1085), 0x5A);
  EXPECT_EQ(bus.read(0x10FF), 0xA5);
}

TEST(CartridgeF8SC, ReadingTheWritePortGivesTheRomByteBeneath) {
  EmuRng rng(kAleSeed);
  auto cart = fresh("F8SC", rng);
  CartridgeBus bus(*cart);
  bus.write(0x1005, 0x5A);
  EXPECT_EQ(bus.read(0x1005), pattern(1, 0x005));
  bus.read(0x1FF8);
  EXPECT_EQ(bus.read(0x1005), pattern(0, 0x005));
}

TEST(CartridgeF8SC, WritesToTheReadPortAreLost) {
  EmuRng rng(kAleSeed);
  auto cart = fresh("F8SC", rng);
  CartridgeBus bus(*cart);
  bus.write(0x1000, 0x11);
  bus.write(0x1080, 0x22);
  EXPECT_EQ(bus.read(0x1080), 0x11);
}

TEST(CartridgeF8SC, RamSurvivesBankSwitchesAndResetRedrawsIt) {
  EmuRng rng(kAleSeed);
  auto cart = fresh("F8SC", rng);
  CartridgeBus bus(*cart);
  bus.write(0x1000, 0x11);
  bus.read(0x1FF8);
  EXPECT_EQ(bus.read(0x1080), 0x11);
  EmuRng expected = rng;
  cart->reset(rng);
  EXPECT_EQ(bus.read(0x1080), static_cast<uint8_t>(expected()));
  EXPECT_EQ(bus.read(0x1000), pattern(1, 0));
}

TEST(CartridgeF8SC, SaveLoadRoundTripRestoresRamAndBank) {
  EmuRng rng(kAleSeed);
  auto cart = fresh("F8SC", rng);
  CartridgeBus bus(*cart);
  bus.write(0x1003, 0x33);
  bus.read(0x1FF8);
  auto state = testing::saved(*cart);
  bus.write(0x1003, 0x44);
  bus.read(0x1FF9);
  testing::restore(*cart, state);
  EXPECT_EQ(bus.read(0x1083), 0x33);
  EXPECT_EQ(bus.read(0x1200), pattern(0, 0x200));
  bus.write(0x1003, 0x55);  // the restored maps point at the live RAM
  EXPECT_EQ(bus.read(0x1083), 0x55);
}

}  // namespace
}  // namespace ag::emu
