#include <gtest/gtest.h>

#include "emu/cartridge.hpp"
#include "emu/cartridge_bus.hpp"

namespace ag::emu {
namespace {

using testing::CartridgeBus;
using testing::pattern;
using testing::patterned_image;

// ALE's FE: the bank is address line A13 (clear: second 4K, set: first 4K).
TEST(CartridgeFE, BankFollowsAddressLineA13) {
  EmuRng rng(4753849), untouched(4753849);
  auto cart = make_cartridge(patterned_image(2, 4096), "FE");
  cart->reset(rng);
  EXPECT_EQ(rng, untouched);
  CartridgeBus bus(*cart);
  EXPECT_EQ(bus.read(0xFFFC), pattern(0, 0xFFC));  // reset vector: A13 set
  EXPECT_EQ(bus.read(0xF123), pattern(0, 0x123));
  EXPECT_EQ(bus.read(0xD123), pattern(1, 0x123));
  EXPECT_EQ(bus.read(0x1123), pattern(1, 0x123));
  EXPECT_EQ(bus.read(0x3123), pattern(0, 0x123));
  for (int page = 0; page < Cartridge::kPages; ++page) EXPECT_EQ(cart->read_page(page), nullptr);
}

TEST(CartridgeFE, WritesAndStackTrafficChangeNothing) {
  EmuRng rng(4753849);
  auto cart = make_cartridge(patterned_image(2, 4096), "FE");
  cart->reset(rng);
  CartridgeBus bus(*cart);
  bus.write(0x01FE, 0xD0);
  bus.write(0xF000, 0x12);
  EXPECT_EQ(bus.read(0xF000), pattern(0, 0));
  EXPECT_EQ(bus.read(0xD000), pattern(1, 0));
  EXPECT_EQ(cart->low_pages(), 0u);
  auto state = testing::saved(*cart);
  testing::restore(*cart, state);
  EXPECT_EQ(bus.read(0xD000), pattern(1, 0));
}

}  // namespace
}  // namespace ag::emu
