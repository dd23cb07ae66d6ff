#include <gtest/gtest.h>

#include "emu/cartridge.hpp"
#include "emu/cartridge_bus.hpp"

namespace ag::emu {
namespace {

using testing::CartridgeBus;
using testing::pattern;
using testing::patterned_image;

TEST(CartridgeMB, ResetShowsBank1AndFF0Advances) {
  EmuRng rng(4753849);
  auto cart = make_cartridge(patterned_image(16, 4096), "MB");
  cart->reset(rng);
  CartridgeBus bus(*cart);
  EXPECT_EQ(bus.read(0x1000), pattern(1, 0));
  EXPECT_EQ(bus.read(0x1FF0), pattern(2, 0xFF0));
  bus.write(0x1FF0, 0);
  EXPECT_EQ(bus.read(0x1000), pattern(3, 0));
  for (int i = 0; i < 13; ++i) bus.read(0x1FF0);
  EXPECT_EQ(bus.read(0x1000), pattern(0, 0));  // wrapped after 15
  auto state = testing::saved(*cart);
  bus.read(0x1FF0);
  testing::restore(*cart, state);
  EXPECT_EQ(bus.read(0x1000), pattern(0, 0));
  EXPECT_EQ(detect_cartridge_type(patterned_image(16, 4096)), "MB");
}

}  // namespace
}  // namespace ag::emu
