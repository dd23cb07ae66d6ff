#include <gtest/gtest.h>

#include "emu/cartridge.hpp"
#include "emu/cartridge_bus.hpp"

namespace ag::emu {
namespace {

using testing::CartridgeBus;
using testing::pattern;
using testing::patterned_image;

// Parker Bros: eight 1K slices; segments at $1000, $1400, $1800, $1C00 (fixed to slice 7).
class CartridgeE0 : public ::testing::Test {
 protected:
  void SetUp() override {
    cart = make_cartridge(patterned_image(8, 1024), "E0");
    cart->reset(rng);
    bus = std::make_unique<CartridgeBus>(*cart);
  }
  // The slice each segment shows, read at offset 0x123 of the segment.
  int slice_in(int segment) {
    const uint8_t v = bus->read(0x1000 + segment * 0x400 + 0x123);
    for (int s = 0; s < 8; ++s)
      if (pattern(s, 0x123) == v) return s;
    return -1;
  }
  EmuRng rng{4753849};
  std::unique_ptr<Cartridge> cart;
  std::unique_ptr<CartridgeBus> bus;
};

TEST_F(CartridgeE0, ResetShowsSlices4567) {
  EXPECT_EQ(slice_in(0), 4);
  EXPECT_EQ(slice_in(1), 5);
  EXPECT_EQ(slice_in(2), 6);
  EXPECT_EQ(slice_in(3), 7);
  EXPECT_EQ(bus->read(0x1FFC), pattern(7, 0x3FC));
}

TEST_F(CartridgeE0, HotspotsSelectSlicesPerSegmentOnReadAndWrite) {
  bus->read(0x1FE2);
  EXPECT_EQ(slice_in(0), 2);
  bus->write(0x1FEB, 0);
  EXPECT_EQ(slice_in(1), 3);
  bus->read(0xFFF0);
  EXPECT_EQ(slice_in(2), 0);
  bus->read(0x1FF7);
  EXPECT_EQ(slice_in(2), 7);
  bus->read(0x1FF8);  // beyond the last hotspot
  EXPECT_EQ(slice_in(0), 2);
  EXPECT_EQ(slice_in(1), 3);
  EXPECT_EQ(slice_in(2), 7);
  EXPECT_EQ(slice_in(3), 7);
}

TEST_F(CartridgeE0, ResetRestoresDefaultSlices) {
  bus->read(0x1FE0);
  bus->read(0x1FE8);
  cart->reset(rng);
  EXPECT_EQ(slice_in(0), 4);
  EXPECT_EQ(slice_in(1), 5);
}

TEST_F(CartridgeE0, SaveLoadRoundTripShowsTheSavedSlices) {
  bus->read(0x1FE1);
  bus->read(0x1FEA);
  bus->read(0x1FF3);
  auto state = testing::saved(*cart);
  bus->read(0x1FE7);
  bus->read(0x1FEF);
  bus->read(0x1FF0);
  testing::restore(*cart, state);
  EXPECT_EQ(slice_in(0), 1);
  EXPECT_EQ(slice_in(1), 2);
  EXPECT_EQ(slice_in(2), 3);
  state.back() = 9;
  EXPECT_THROW(testing::restore(*cart, state), StateError);
}

}  // namespace
}  // namespace ag::emu
