// RIOT interval timer as ALE's M6532 computes it: reads are one cycle late
// ("cycles - 1"), and once the timer expires the count keeps going with an
// offset frozen by the first INTIM read more than a cycle past expiry.
#include <gtest/gtest.h>

#include <random>

#include "emu/bus_state.hpp"
#include "emu/riot.hpp"

namespace ag::emu {
namespace {

constexpr uint16_t kIntim = 0x284, kTimint = 0x285;
constexpr uint16_t kTim1T = 0x294, kTim64T = 0x296, kT1024T = 0x297;

struct RiotRig {
  BusState bus;
  Riot riot{bus};
  std::mt19937 rng{4753849};
  RiotRig() { riot.reset(rng); }
  uint8_t read(uint64_t cycle, uint16_t addr) {
    bus.total_cycles = cycle;
    return riot.read_io(addr);
  }
  void write(uint64_t cycle, uint16_t addr, uint8_t v) {
    bus.total_cycles = cycle;
    riot.write_io(addr, v);
  }
};

// Reset: the timer starts at 25 + draw % 75 with the /64 prescaler, counted
// from cycle 0.
TEST(RiotTimer, ResetStartsFromARandomValue) {
  std::mt19937 rng(4753849);
  const uint32_t start = 25 + rng() % 75;
  RiotRig r;
  EXPECT_EQ(r.riot.state().timer, start);
  EXPECT_EQ(r.read(1, kIntim), start - 1);
  EXPECT_EQ(r.read(64, kIntim), start - 1);
  EXPECT_EQ(r.read(65, kIntim), start - 2);
}

TEST(RiotTimer, Tim64tCountsDownEvery64Cycles) {
  RiotRig r;
  r.write(100, kTim64T, 10);
  EXPECT_EQ(r.read(101, kIntim), 9);
  EXPECT_EQ(r.read(164, kIntim), 9);
  EXPECT_EQ(r.read(165, kIntim), 8);
  EXPECT_EQ(r.read(101 + 64 * 9, kIntim), 0);
  EXPECT_EQ(r.read(101, kTimint), 0x00);
}

// TIM1T 5 written at cycle 0: reads 5 - t at cycle t, then expires.
TEST(RiotTimer, UnderflowSetsTheFlagUntilIntimIsRead) {
  RiotRig r;
  r.write(0, kTim1T, 5);
  EXPECT_EQ(r.read(5, kIntim), 0);
  EXPECT_EQ(r.read(6, kTimint), 0x80);
  EXPECT_EQ(r.read(6, kIntim), 0xFF);  // one cycle past: not yet "read after"
  EXPECT_EQ(r.read(6, kTimint), 0x80);
  EXPECT_EQ(r.read(7, kIntim), 0xFD);  // offset 7 - 5 = 2 frozen now
  EXPECT_EQ(r.read(7, kTimint), 0x00);
  EXPECT_EQ(r.read(10, kIntim), 0xFA);  // 5 - 9 - 2
  r.write(20, kTim1T, 3);
  EXPECT_EQ(r.read(21, kIntim), 2);
  EXPECT_EQ(r.read(21, kTimint), 0x00);
}

// With a prescaler the post-expiry count still divides by it (ALE's formula).
TEST(RiotTimer, AfterExpiryTheDividedCountContinues) {
  RiotRig r;
  r.write(0, kTim64T, 2);
  EXPECT_EQ(r.read(128, kIntim), 0);
  EXPECT_EQ(r.read(129, kIntim), 0xFF);
  EXPECT_EQ(r.read(130, kIntim), 0xFE);  // offset 130 - 128 = 2
  EXPECT_EQ(r.read(131, kIntim), 0xFE);
  EXPECT_EQ(r.read(193, kIntim), 0xFD);
}

TEST(RiotTimer, T1024tPrescaler) {
  RiotRig r;
  r.write(0, kT1024T, 3);
  EXPECT_EQ(r.read(1024, kIntim), 2);
  EXPECT_EQ(r.read(1025, kIntim), 1);
}

// Rebasing the system counter (every frame) must not change what is read.
TEST(RiotTimer, CounterRebaseKeepsTheCount) {
  RiotRig r;
  r.write(1000, kTim64T, 50);
  const uint8_t before = r.read(1500, kIntim);
  r.riot.rebase(1400);
  r.bus.counter_base = 1400;
  EXPECT_EQ(r.read(1500, kIntim), before);
}

TEST(RiotPorts, DataDirectionRegisters) {
  RiotRig r;
  r.riot.inputs().swcha = 0x5A;
  r.riot.inputs().swchb = 0x0B;
  r.write(0, 0x281, 0xF0);  // SWACNT
  r.write(0, 0x283, 0xFF);  // SWBCNT: ignored by ALE
  r.write(0, 0x280, 0x00);  // SWCHA output: the controllers ignore it
  EXPECT_EQ(r.read(1, 0x281), 0xF0);
  EXPECT_EQ(r.read(1, 0x283), 0x00);
  EXPECT_EQ(r.read(1, 0x280), 0x5A);  // pins as they are, DDR not applied
  EXPECT_EQ(r.read(1, 0x282), 0x0B);
}

TEST(RiotPower, RamComesFromTheEmulatorRng) {
  std::mt19937 rng(4753849), check(4753849);
  BusState bus;
  Riot riot(bus);
  riot.power_on(rng);
  for (int i = 0; i < 128; ++i) EXPECT_EQ(riot.ram()[i], static_cast<uint8_t>(check())) << i;
}

TEST(RiotState, SaveLoadRoundTrip) {
  RiotRig r;
  r.write(10, kTim64T, 77);
  r.riot.ram()[5] = 0x99;
  StateWriter w;
  r.riot.save_state(w);
  RiotRig other;
  StateReader in(w.bytes());
  other.riot.load_state(in);
  EXPECT_TRUE(in.at_end());
  StateWriter again;
  other.riot.save_state(again);
  EXPECT_EQ(again.bytes(), w.bytes());
  EXPECT_EQ(other.read(500, kIntim), r.read(500, kIntim));
}

TEST(RiotState, MalformedStateIsRejected) {
  RiotRig r;
  StateWriter w;
  r.riot.save_state(w);
  std::vector<uint8_t> bytes = w.bytes();
  bytes.resize(bytes.size() - 1);
  StateReader truncated(bytes);
  EXPECT_THROW(r.riot.load_state(truncated), StateError);
}

}  // namespace
}  // namespace ag::emu
