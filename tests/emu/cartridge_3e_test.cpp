#include <gtest/gtest.h>

#include "emu/cartridge.hpp"
#include "emu/cartridge_bus.hpp"

namespace ag::emu {
namespace {

using testing::CartridgeBus;
using testing::pattern;
using testing::patterned_image;

class Cartridge3E : public ::testing::Test {
 protected:
  void SetUp() override {
    cart = make_cartridge(patterned_image(8, 2048), "3E");
    cart->reset(rng);
    bus = std::make_unique<CartridgeBus>(*cart);
  }
  EmuRng rng{4753849};
  std::unique_ptr<Cartridge> cart;
  std::unique_ptr<CartridgeBus> bus;
};

TEST_F(Cartridge3E, ResetFills32KRamFromTheRngAndShowsRomSlice0) {
  EmuRng expected(4753849);
  uint8_t first = static_cast<uint8_t>(expected());
  expected.discard(32767);
  EXPECT_EQ(rng, expected);
  EXPECT_EQ(bus->read(0x1000), pattern(0, 0));
  EXPECT_EQ(bus->read(0x1800), pattern(7, 0));
  bus->write(0x3E, 0);
  EXPECT_EQ(bus->read(0x1000), first);
}

TEST_F(Cartridge3E, Only3FSelectsRomAnd3ESelectsRam) {
  bus->write(0x3F, 5);
  EXPECT_EQ(bus->read(0x1100), pattern(5, 0x100));
  bus->write(0x02, 1);  // unlike 3F, other page-zero writes do not select
  EXPECT_EQ(bus->read(0x1100), pattern(5, 0x100));
  bus->write(0x3E, 33);  // RAM bank 33 % 32 = 1
  bus->write(0x1400, 0x99);
  EXPECT_EQ(bus->read(0x1000), 0x99);
  EXPECT_EQ(bus->read(0x1400), 0x99);  // the write port reads the RAM too
  bus->write(0x3E, 0);
  EXPECT_NE(bus->read(0x1000), 0x99);
  bus->write(0x3E, 1);
  EXPECT_EQ(bus->read(0x1000), 0x99);
  bus->write(0x1000, 0x42);  // the read port ignores writes
  EXPECT_EQ(bus->read(0x1000), 0x99);
  EXPECT_EQ(bus->tia.writes.size(), 6u);  // every write that reached poke()
  bus->write(0x3F, 9);                    // 9 % 8
  EXPECT_EQ(bus->read(0x1000), pattern(1, 0));
}

TEST_F(Cartridge3E, PageZeroReadsReturnTheSelectedBank) {
  EXPECT_EQ(bus->read(0x0005), pattern(0, 5));
  bus->write(0x3E, 2);
  bus->write(0x1405, 0x77);
  EXPECT_EQ(bus->read(0x0005), 0x77);
}

TEST_F(Cartridge3E, SaveLoadRoundTrip) {
  bus->write(0x3E, 4);
  bus->write(0x1404, 0x44);
  auto state = testing::saved(*cart);
  bus->write(0x1404, 0x00);
  bus->write(0x3F, 3);
  testing::restore(*cart, state);
  EXPECT_EQ(bus->read(0x1004), 0x44);
}

}  // namespace
}  // namespace ag::emu
