// Address decoding of the 6507's 13-bit space (ALE's System page table):
// A12 cartridge, else A7 = 0 TIA, A9 = 0 RAM, A9 = 1 RIOT ports; mirrors;
// pages a cartridge claims below $1000; data bus and read/write tracking.
#include <gtest/gtest.h>

#include "emu/bus.hpp"

namespace ag::emu {
namespace {

// 4K of ROM whose bytes are their offset's low byte; claims page $0240.
class FakeCart final : public Cartridge {
 public:
  explicit FakeCart(bool claim_low_page) {
    for (int i = 0; i < 4096; ++i) rom_[i] = static_cast<uint8_t>(i);
    map_read(0, kPages, rom_);
    if (claim_low_page) low_pages_ = uint64_t{1} << (0x240 >> kPageBits);
  }
  const char* type() const override { return "test"; }
  void reset(EmuRng&) override {}
  uint8_t peek(uint16_t addr) override {
    peeks.push_back(addr);
    return 0x77;
  }
  void poke(uint16_t addr, uint8_t v) override { pokes.emplace_back(addr, v); }
  void save_state(StateWriter&) const override {}
  void load_state(StateReader&) override {}

  std::vector<uint16_t> peeks;
  std::vector<std::pair<uint16_t, uint8_t>> pokes;

 private:
  uint8_t rom_[4096];
};

struct BusRig {
  Bus bus;
  BusState& state = bus.state();
  Tia tia{state};
  Riot riot{state};
  FakeCart cart;
  explicit BusRig(bool claim = false) : cart(claim) {
    TiaConfig c;
    tia.configure(c);
    tia.reset();
    bus.connect(tia, riot);
    bus.attach_cartridge(&cart);
  }
};

TEST(BusDecoding, CartridgeIsMirroredThroughTheAddressSpace) {
  BusRig r;
  EXPECT_EQ(r.bus.read(0x1234), 0x34);
  EXPECT_EQ(r.bus.read(0xF234), 0x34);
  EXPECT_EQ(r.bus.read(0x3FFF), 0xFF);
}

TEST(BusDecoding, RamAndItsMirrors) {
  BusRig r;
  r.bus.write(0x0080, 0x11);
  EXPECT_EQ(r.riot.ram()[0], 0x11);
  r.bus.write(0x01FF, 0x22);  // stack page: same RAM
  EXPECT_EQ(r.riot.ram()[0x7F], 0x22);
  EXPECT_EQ(r.bus.read(0x00FF), 0x22);
  EXPECT_EQ(r.bus.read(0x0D80), 0x11);  // A10, A11 don't matter
}

TEST(BusDecoding, TiaAndItsMirrors) {
  BusRig r;
  r.bus.write(0x0049, 0x44);  // COLUBK through a mirror (A6 ignored)
  EXPECT_EQ(r.tia.state().colour[0], 0x44);
  r.bus.write(0x0108, 0x86);  // COLUPF through the stack page
  EXPECT_EQ(r.tia.state().colour[1], 0x86);
  EXPECT_EQ(r.bus.tia_writes(), 2u);
}

TEST(BusDecoding, RiotPortsAndTimer) {
  BusRig r;
  r.riot.inputs().swchb = 0x0B;
  EXPECT_EQ(r.bus.read(0x0282), 0x0B);
  EXPECT_EQ(r.bus.read(0x02A2), 0x0B);  // mirror
  r.bus.write(0x0281, 0x0F);            // SWACNT
  EXPECT_EQ(r.riot.state().ddra, 0x0F);
  r.bus.write(0x0296, 0x20);  // TIM64T
  EXPECT_EQ(r.riot.state().timer, 0x20u);
}

TEST(BusDecoding, ClaimedLowPagesGoToTheCartridge) {
  BusRig r(true);
  EXPECT_EQ(r.bus.read(0x0241), 0x77);
  r.bus.write(0x0250, 0x09);
  ASSERT_EQ(r.cart.peeks.size(), 1u);
  EXPECT_EQ(r.cart.peeks[0], 0x0241);
  ASSERT_EQ(r.cart.pokes.size(), 1u);
  EXPECT_EQ(r.cart.pokes[0], std::make_pair(uint16_t{0x0250}, uint8_t{0x09}));
  r.bus.write(0x0209, 0x44);  // unclaimed page: still the TIA (COLUBK)
  EXPECT_EQ(r.tia.state().colour[0], 0x44);
}

TEST(BusDecoding, TracksTheDataBusAndTheLastAccessKind) {
  BusRig r;
  r.bus.read(0x1234);
  EXPECT_EQ(r.state.data_bus, 0x34);
  EXPECT_TRUE(r.state.last_access_read);
  r.bus.write(0x0080, 0x5A);
  EXPECT_EQ(r.state.data_bus, 0x5A);
  EXPECT_FALSE(r.state.last_access_read);
}

TEST(BusDecoding, OnlyAddCyclesAdvancesTheClock) {
  // ALE's M6502Low: accesses take no time, the CPU adds each instruction's cycles.
  BusRig r;
  r.bus.read(0x1000);
  r.bus.read(0x0080);
  r.bus.write(0x0080, 0);
  r.bus.write(0x0009, 0);  // a TIA write
  EXPECT_EQ(r.state.total_cycles, 0u);
  r.bus.add_cycles(5);
  EXPECT_EQ(r.state.total_cycles, 5u);
  r.bus.peek(0x1FFC);
  EXPECT_EQ(r.state.total_cycles, 5u);
}

}  // namespace
}  // namespace ag::emu
