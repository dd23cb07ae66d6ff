#include <gtest/gtest.h>

#include "emu/cartridge.hpp"
#include "emu/cartridge_bus.hpp"

namespace ag::emu {
namespace {

using testing::CartridgeBus;
using testing::FakeTia;
using testing::pattern;
using testing::patterned_image;

TEST(CartridgeUA, HotspotsAt0220And0240OnReadAndWrite) {
  EmuRng rng(4753849);
  auto cart = make_cartridge(patterned_image(2, 4096), "UA");
  cart->reset(rng);
  CartridgeBus bus(*cart);
  EXPECT_EQ(bus.read(0x1FFC), pattern(0, 0xFFC));
  EXPECT_EQ(bus.read(0x0240), FakeTia::kTiaValue);  // forwarded to the TIA
  EXPECT_EQ(bus.read(0x1000), pattern(1, 0));
  bus.write(0x0220, 0x12);
  EXPECT_EQ(bus.read(0x1000), pattern(0, 0));
  bus.write(0x2240, 0x34);  // mirror
  EXPECT_EQ(bus.read(0x1000), pattern(1, 0));
  bus.read(0x0221);  // same page, not a hotspot
  EXPECT_EQ(bus.read(0x1000), pattern(1, 0));
  ASSERT_EQ(bus.tia.reads.size(), 2u);
  EXPECT_EQ(bus.tia.reads[0], 0x0240);
  ASSERT_EQ(bus.tia.writes.size(), 2u);
  EXPECT_EQ(bus.tia.writes[1], std::make_pair(uint16_t{0x0240}, uint8_t{0x34}));
  EXPECT_EQ(cart->low_pages(), (uint64_t{1} << 8) | (uint64_t{1} << 9));
}

TEST(CartridgeUA, ResetAndRoundTrip) {
  EmuRng rng(4753849);
  auto cart = make_cartridge(patterned_image(2, 4096), "UA");
  cart->reset(rng);
  CartridgeBus bus(*cart);
  bus.read(0x0240);
  auto state = testing::saved(*cart);
  cart->reset(rng);
  EXPECT_EQ(bus.read(0x1000), pattern(0, 0));
  testing::restore(*cart, state);
  EXPECT_EQ(bus.read(0x1000), pattern(1, 0));
  bus.write(0x1000, 0x00);  // window writes are ignored and not forwarded
  EXPECT_EQ(bus.tia.writes.size(), 0u);
}

}  // namespace
}  // namespace ag::emu
