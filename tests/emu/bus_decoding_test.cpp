// Address decoding of the 6507's 13-bit space (ALE's System page table):
// A12 cartridge, else A7 = 0 TIA, A9 = 0 RAM, A9 = 1 RIOT ports; mirrors;
// pages a cartridge claims below $1000; data bus and read/write tracking.
#include <gtest/gtest.h>

#include <stdexcept>

#include "emu/bus.hpp"

namespace ag::emu {
namespace {

constexpr uint64_t kPage0240 = uint64_t{1} << (0x240 >> Cartridge::kPageBits);

// 4K of ROM whose bytes are their offset's low byte; claims the given pages below $1000.
class FakeCart final : public Cartridge {
 public:
  explicit FakeCart(uint64_t claimed_pages) {
    for (int i = 0; i < 4096; ++i) rom_[i] = static_cast<uint8_t>(i);
    map_read(0, kPages, rom_);
    low_pages_ = claimed_pages;
  }
  void unmap(int page) { map_read(page, 1, nullptr); }  // a hotspot page
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
  explicit BusRig(bool claim = false) : cart(claim ? kPage0240 : 0) {
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

TEST(BusDecoding, CartridgeMayNotClaimRamOrRiotPages) {
  Bus bus;
  FakeCart ram_page(uint64_t{1} << (0x0080 >> Cartridge::kPageBits));
  EXPECT_THROW(bus.attach_cartridge(&ram_page), std::logic_error);
  FakeCart riot_page(uint64_t{1} << (0x0280 >> Cartridge::kPageBits));
  EXPECT_THROW(bus.attach_cartridge(&riot_page), std::logic_error);
}

TEST(BusDecoding, ReadPairIsTwoReadsLowByteFirst) {
  BusRig r;
  uint32_t elapsed = 7;
  EXPECT_EQ(r.bus.read_pair(0x1234, elapsed), 0x3534);
  EXPECT_EQ(r.state.data_bus, 0x35);
  EXPECT_EQ(r.bus.read_pair(0x123F, elapsed), 0x403F);  // across a 64-byte page
  EXPECT_EQ(r.state.data_bus, 0x40);
  r.bus.write(0x0080, 0x11);
  r.bus.write(0x0081, 0x22);
  r.bus.write(0x00FF, 0x33);
  EXPECT_EQ(r.bus.read_pair(0x0080, elapsed), 0x2211);
  EXPECT_EQ(r.state.data_bus, 0x22);
  EXPECT_TRUE(r.state.last_access_read);
  EXPECT_EQ(elapsed, 7u);  // plain memory only so far
  EXPECT_EQ(r.state.total_cycles, 0u);
  // $00FF then $0100, a TIA mirror (A7 = 0): the same as two reads, the
  // second at the exact clock.
  r.bus.read(0x00FF);
  const uint16_t tia_hi = r.bus.read(0x0100);
  EXPECT_EQ(r.bus.read_pair(0x00FF, elapsed), (tia_hi << 8) | 0x33);
  EXPECT_EQ(elapsed, 0u);
  EXPECT_EQ(r.state.total_cycles, 7u);
  r.riot.inputs().swchb = 0x0B;
  EXPECT_EQ(r.bus.read_pair(0x0281, elapsed), 0x0B00 | r.bus.read(0x0281));  // SWACNT, SWCHB
}

TEST(BusDecoding, CodeWindowServesOnlyPlainMemory) {
  BusRig r;
  r.cart.unmap(0x0300 >> Cartridge::kPageBits);
  const uint8_t* w = r.bus.code_window(0x1234);
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w[0], 0x34);
  EXPECT_EQ(w[2], 0x36);
  w = r.bus.code_window(0x123F);  // across the end of a 64-byte page
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w[0], 0x3F);
  EXPECT_EQ(w[1], 0x40);
  EXPECT_EQ(w[2], 0x41);
  r.bus.write(0x0090, 0xEA);
  w = r.bus.code_window(0x0190);  // RAM through the stack-page mirror
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w[0], 0xEA);
  EXPECT_EQ(r.bus.code_window(0x1300), nullptr);  // unmapped (hotspot) page
  EXPECT_EQ(r.bus.code_window(0x12FF), nullptr);  // runs into it
  EXPECT_EQ(r.bus.code_window(0x1FFE), nullptr);  // runs into $2000: the TIA
  EXPECT_EQ(r.bus.code_window(0x0009), nullptr);  // TIA
  EXPECT_EQ(r.bus.code_window(0x0284), nullptr);  // RIOT
  EXPECT_TRUE(r.cart.peeks.empty());
  // Taking bytes of a window counts as reads of them.
  r.bus.read(0x0080);
  r.bus.write(0x0080, 0x00);
  r.bus.read_window(0x1234, 2, 0x35);
  EXPECT_EQ(r.state.data_bus, 0x35);
  EXPECT_TRUE(r.state.last_access_read);
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

TEST(BusDecoding, ChipAndMapperAccessesTakeTheCpusOutstandingCycles) {
  BusRig r(true);
  uint32_t elapsed = 5;
  r.bus.read(0x1234, elapsed);  // mapped cartridge page: plain memory
  r.bus.read(0x0080, elapsed);
  r.bus.write(0x00FF, 1, elapsed);
  EXPECT_EQ(elapsed, 5u);
  EXPECT_EQ(r.state.total_cycles, 0u);
  r.bus.write(0x0009, 0x44, elapsed);  // TIA (COLUBK): at the exact clock
  EXPECT_EQ(elapsed, 0u);
  EXPECT_EQ(r.state.total_cycles, 5u);
  const struct {
    uint16_t addr;
    bool write;
  } devices[] = {{0x0002, false}, {0x0284, false}, {0x0294, true}, {0x0241, false}, {0x0250, true}};
  for (const auto& d : devices) {  // TIA read, RIOT read and write, claimed low page
    SCOPED_TRACE(::testing::Message() << std::hex << d.addr);
    elapsed = 3;
    const uint64_t before = r.state.total_cycles;
    if (d.write)
      r.bus.write(d.addr, 0, elapsed);
    else
      r.bus.read(d.addr, elapsed);
    EXPECT_EQ(elapsed, 0u);
    EXPECT_EQ(r.state.total_cycles, before + 3);
  }
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
