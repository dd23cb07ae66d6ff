#include <gtest/gtest.h>

#include "emu/cartridge.hpp"
#include "emu/cartridge_bus.hpp"

namespace ag::emu {
namespace {

using testing::CartridgeBus;
using testing::pattern;
using testing::patterned_image;

TEST(Cartridge4K, FillsTheWindowAndIgnoresWrites) {
  EmuRng rng(4753849), untouched(4753849);
  auto cart = make_cartridge(patterned_image(1, 4096), "4K");
  cart->reset(rng);
  EXPECT_EQ(rng, untouched);
  CartridgeBus bus(*cart);
  for (int a = 0; a < 4096; a += 61) EXPECT_EQ(bus.read(0xF000 + a), pattern(0, a));
  bus.write(0x1000, 0x42);
  EXPECT_EQ(bus.read(0x1000), pattern(0, 0));
  for (int page = 0; page < Cartridge::kPages; ++page) EXPECT_NE(cart->read_page(page), nullptr);
}

TEST(Cartridge2K, IsMirroredTwice) {
  EmuRng rng(4753849);
  auto cart = make_cartridge(patterned_image(1, 2048), "2K");
  cart->reset(rng);
  CartridgeBus bus(*cart);
  EXPECT_EQ(bus.read(0x1123), pattern(0, 0x123));
  EXPECT_EQ(bus.read(0x1923), pattern(0, 0x123));
  EXPECT_EQ(cart->peek(0x1923), pattern(0, 0x123));
  auto state = testing::saved(*cart);
  testing::restore(*cart, state);
  EXPECT_EQ(bus.read(0x1FFC), pattern(0, 0x7FC));
}

TEST(Cartridge2K, A4KImageWithEqualHalvesIsDetectedAs2K) {
  auto rom = patterned_image(1, 2048);
  rom.insert(rom.end(), rom.begin(), rom.end());
  EXPECT_EQ(detect_cartridge_type(rom), "2K");
  rom[4095] ^= 1;
  EXPECT_EQ(detect_cartridge_type(rom), "4K");
}

}  // namespace
}  // namespace ag::emu
