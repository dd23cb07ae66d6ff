#include <gtest/gtest.h>

#include "emu/cartridge.hpp"
#include "emu/cartridge_bus.hpp"

namespace ag::emu {
namespace {

using testing::CartridgeBus;
using testing::pattern;
using testing::patterned_image;

uint8_t display_byte(int i) {
  return static_cast<uint8_t>(i * 7 + 3);
}

// Pitfall II layout: 8K program (two 4K banks), then 2K of display data.
std::vector<uint8_t> dpc_image(size_t size = 10495) {
  auto rom = patterned_image(2, 4096);
  for (int i = 0; i < 2048; ++i) rom.push_back(display_byte(i));
  rom.resize(size, 0xFF);
  return rom;
}

// The DPC random generator as ALE tabulates it: input bit = table[b7 b5 b4 b3].
uint8_t next_random(uint8_t r) {
  static const uint8_t table[16] = {1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1};
  return static_cast<uint8_t>((r << 1) | table[((r >> 3) & 7) | ((r & 0x80) ? 8 : 0)]);
}

class CartridgeDPC : public ::testing::Test {
 protected:
  void SetUp() override {
    cart = make_cartridge(dpc_image(), "");
    cart->reset(rng);
    bus = std::make_unique<CartridgeBus>(*cart);
  }
  EmuRng rng{4753849};
  std::unique_ptr<Cartridge> cart;
  std::unique_ptr<CartridgeBus> bus;
};

TEST_F(CartridgeDPC, DetectedFromTheImageSizeAndStartsInBank1) {
  EXPECT_STREQ(cart->type(), "DPC");
  EXPECT_EQ(bus->read(0x1FFC), pattern(1, 0xFFC));
  EXPECT_EQ(bus->read(0x1080), pattern(1, 0x080));
  EXPECT_EQ(bus->read(0x1FF8), pattern(0, 0xFF8));
  EXPECT_EQ(bus->read(0x1500), pattern(0, 0x500));
  bus->write(0x1FF9, 0);
  EXPECT_EQ(bus->read(0x1500), pattern(1, 0x500));
}

TEST_F(CartridgeDPC, RandomNumberStepsOnEveryChipAccessOnly) {
  uint8_t r = 1;
  for (int i = 0; i < 300; ++i) {
    r = next_random(r);
    ASSERT_EQ(bus->read(0x1000 + (i & 3)), r) << i;  // fetchers 0-3, function 0
  }
  bus->read(0x1234);  // direct ROM fetch: no step
  r = next_random(r);
  EXPECT_EQ(bus->read(0x1000), r);
  bus->write(0x1234, 0);  // every write reaches the chip: one step
  bus->read(0x1FF0);      // hotspot page read: one step
  bus->read(0x1040);      // write-register page read (gives ROM): one step
  r = next_random(next_random(next_random(next_random(r))));
  EXPECT_EQ(bus->read(0x1001), r);
  bus->write(0x1070, 0);  // function 6: generator back to 1 (after this access's step)
  EXPECT_EQ(bus->read(0x1002), next_random(1));
}

TEST_F(CartridgeDPC, ReadingTheWriteRegistersGivesProgramRom) {
  EXPECT_EQ(bus->read(0x1040), pattern(1, 0x040));
  EXPECT_EQ(bus->read(0x107F), pattern(1, 0x07F));
}

TEST_F(CartridgeDPC, DataFetcherReadsDisplayDataAndCountsDown) {
  bus->write(0x1050 + 3, 0x34);  // fetcher 3 counter low
  bus->write(0x1058 + 3, 0x05);  // counter high (3 bits)
  for (int i = 0; i < 5; ++i) EXPECT_EQ(bus->read(0x1008 + 3), display_byte(2047 - (0x534 - i)));
  // Counter wraps within 11 bits.
  bus->write(0x1050 + 3, 0x00);
  bus->write(0x1058 + 3, 0x00);
  EXPECT_EQ(bus->read(0x100B), display_byte(2047));
  EXPECT_EQ(bus->read(0x100B), display_byte(0));
}

TEST_F(CartridgeDPC, FlagRisesAtTopAndFallsAtBottom) {
  bus->write(0x1040, 0x10);  // fetcher 0 top (clears the flag)
  bus->write(0x1048, 0x0E);  // bottom
  bus->write(0x1050, 0x11);  // counter 0x011
  bus->write(0x1058, 0x00);
  EXPECT_EQ(bus->read(0x1010), 0);                          // 0x11: flag 0
  EXPECT_EQ(bus->read(0x1010), display_byte(2047 - 0x10));  // 0x10 = top: flag set
  EXPECT_EQ(bus->read(0x1010), display_byte(2047 - 0x0F));  // still set
  EXPECT_EQ(bus->read(0x1010), 0);                          // 0x0E = bottom: cleared
  EXPECT_EQ(bus->read(0x1038), 0x00);                       // flag register, 0x0D
  bus->write(0x1050, 0x10);
  EXPECT_EQ(bus->read(0x1038), 0xFF);
}

TEST_F(CartridgeDPC, MusicModeFetchersFollowTheClock) {
  bus->write(0x1045, 9);     // fetcher 5 top: period 10
  bus->write(0x104D, 6);     // bottom
  bus->write(0x105D, 0x10);  // music mode on
  bus->write(0x1055, 0x77);  // in music mode the low counter loads from top
  // Low counter 9 (top: flag set), 6 (= bottom: cleared), 3, 0, then wraps to 7 (set).
  const uint8_t expected[] = {0x04, 0x00, 0x00, 0x00, 0x04};
  const uint64_t waits[] = {75759, 228, 228, 228, 228};  // 1000 clocks, then 3 at a time
  uint64_t t = 0;
  for (int i = 0; i < 5; ++i) {
    t += waits[i];
    bus->cycles = t - 1;  // the bus counts the access itself
    EXPECT_EQ(bus->read(0x1005), expected[i]) << i;
  }
  // Music-mode fetchers do not count down on reads.
  EXPECT_EQ(bus->read(0x103D), 0xFF);
}

TEST_F(CartridgeDPC, ResetKeepsRegistersButReturnsToBank1) {
  bus->write(0x1050, 0x20);
  bus->read(0x1FF8);
  cart->reset(rng);
  EXPECT_EQ(bus->read(0x1400), pattern(1, 0x400));
  EXPECT_EQ(bus->read(0x1008), display_byte(2047 - 0x20));
}

TEST_F(CartridgeDPC, SaveLoadRoundTrip) {
  bus->write(0x1050, 0x20);
  bus->read(0x1FF8);
  bus->read(0x1000);
  auto state = testing::saved(*cart);
  const uint8_t next = bus->read(0x1000);
  const uint8_t fetched = bus->read(0x1008);
  bus->read(0x1FF9);
  testing::restore(*cart, state);
  EXPECT_EQ(bus->read(0x1000), next);
  EXPECT_EQ(bus->read(0x1008), fetched);
  EXPECT_EQ(bus->read(0x1400), pattern(0, 0x400));
}

TEST(CartridgeDPCSizes, AllThreeDpcSizesAreAccepted) {
  for (size_t size : {10240u, 10495u, 10496u})
    EXPECT_EQ(detect_cartridge_type(dpc_image(size)), "DPC") << size;
  EXPECT_THROW(make_cartridge(dpc_image(10239), "DPC"), CartridgeError);
}

}  // namespace
}  // namespace ag::emu
