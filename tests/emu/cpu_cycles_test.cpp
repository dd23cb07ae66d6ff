// Bus-level behaviour of the 6507 core with the timing of ALE's M6502Low: the
// base cycles of each opcode added right after its fetch, page-crossing and
// branch extras, the exact accesses of each addressing mode (no dummy reads,
// one write per read-modify-write), decimal-mode arithmetic and undocumented
// opcodes as ALE's core does them.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <ostream>
#include <random>
#include <tuple>
#include <vector>

#include "emu/cpu.hpp"

namespace ag::emu {
namespace {

// What the core did on the bus, in order: a read, a write, or add_cycles(n).
struct Event {
  enum Kind : uint8_t { kRead, kWrite, kCycles } kind;
  uint16_t addr;
  uint8_t value;  // checked for writes only
  uint32_t cycles = 0;
  bool operator==(const Event& o) const {
    return kind == o.kind && addr == o.addr && (kind != kWrite || value == o.value) &&
           cycles == o.cycles;
  }
};
void PrintTo(const Event& e, std::ostream* os) {
  char buf[32];
  if (e.kind == Event::kWrite)
    std::snprintf(buf, sizeof buf, "W $%04X=$%02X", e.addr, e.value);
  else if (e.kind == Event::kRead)
    std::snprintf(buf, sizeof buf, "R $%04X", e.addr);
  else
    std::snprintf(buf, sizeof buf, "+%u cycles", e.cycles);
  *os << buf;
}
Event R(uint16_t addr) {
  return {Event::kRead, addr, 0};
}
Event W(uint16_t addr, uint8_t v) {
  return {Event::kWrite, addr, v};
}
Event C(uint32_t n) {
  return {Event::kCycles, 0, 0, n};
}

// Flat 64 KiB memory that records every access and clock advance. Every
// access takes the CPU's outstanding cycles, so each one sees exact time: the
// log reads R(opcode), C(base cycles), R(operand)..., as ALE's core counts.
struct RecordingBus {
  std::array<uint8_t, 65536> mem{};
  std::vector<Event> log;
  int peeks = 0;
  int stop_after_events = -1;  // raise stop_requested once the log reaches this size
  uint8_t read(uint16_t addr, uint32_t& elapsed) {
    add_cycles(elapsed);
    elapsed = 0;
    log.push_back(R(addr));
    return mem[addr];
  }
  void write(uint16_t addr, uint8_t v, uint32_t& elapsed) {
    add_cycles(elapsed);
    elapsed = 0;
    log.push_back(W(addr, v));
    mem[addr] = v;
  }
  void add_cycles(uint32_t n) {
    if (n) log.push_back(C(n));
  }
  uint8_t peek(uint16_t addr) {
    ++peeks;
    return mem[addr];
  }
  bool stop_requested() const {
    return stop_after_events >= 0 && static_cast<int>(log.size()) >= stop_after_events;
  }
  int cycles() const {
    int n = 0;
    for (const Event& e : log) n += static_cast<int>(e.cycles);
    return n;
  }
};

constexpr uint16_t kOrg = 0x0200;
constexpr uint8_t kC = 0x01, kZ = 0x02, kI = 0x04, kD = 0x08, kB = 0x10, kV = 0x40, kN = 0x80;

class CpuBusTest : public ::testing::Test {
 protected:
  CpuBusTest() : bus_(std::make_unique<RecordingBus>()) {
    cpu_.state().pc = kOrg;
    cpu_.state().sp = 0xFD;
    cpu_.state().p = 0x30;
  }
  void code(std::initializer_list<uint8_t> bytes, uint16_t at = kOrg) {
    for (uint8_t b : bytes) bus_->mem[at++] = b;
  }
  // Runs one instruction; returns what it did on the bus.
  std::vector<Event> step() {
    bus_->log.clear();
    cpu_.step(*bus_);
    return bus_->log;
  }
  CpuState& s() { return cpu_.state(); }
  uint8_t& mem(uint16_t addr) { return bus_->mem[addr]; }

  std::unique_ptr<RecordingBus> bus_;
  Cpu<RecordingBus> cpu_;
};

// ---------------------------------------------------------------------------
// Cycle counts. Base cycles of every opcode ALE's core implements (documented
// NMOS timings; undocumented ones as the 6502 performs them, except where
// ALE's cycle table says otherwise), and whether a read across a page
// boundary costs one more cycle.

struct Timing {
  uint8_t opcode;
  uint8_t cycles;
  bool page_penalty;
};

// clang-format off
constexpr Timing kDocumented[] = {
    // ADC AND CMP EOR LDA ORA SBC: imm zp zp,X abs abs,X abs,Y (zp,X) (zp),Y
    {0x69, 2, 0}, {0x65, 3, 0}, {0x75, 4, 0}, {0x6D, 4, 0}, {0x7D, 4, 1}, {0x79, 4, 1},
    {0x61, 6, 0}, {0x71, 5, 1}, {0x29, 2, 0}, {0x25, 3, 0}, {0x35, 4, 0}, {0x2D, 4, 0},
    {0x3D, 4, 1}, {0x39, 4, 1}, {0x21, 6, 0}, {0x31, 5, 1}, {0xC9, 2, 0}, {0xC5, 3, 0},
    {0xD5, 4, 0}, {0xCD, 4, 0}, {0xDD, 4, 1}, {0xD9, 4, 1}, {0xC1, 6, 0}, {0xD1, 5, 1},
    {0x49, 2, 0}, {0x45, 3, 0}, {0x55, 4, 0}, {0x4D, 4, 0}, {0x5D, 4, 1}, {0x59, 4, 1},
    {0x41, 6, 0}, {0x51, 5, 1}, {0xA9, 2, 0}, {0xA5, 3, 0}, {0xB5, 4, 0}, {0xAD, 4, 0},
    {0xBD, 4, 1}, {0xB9, 4, 1}, {0xA1, 6, 0}, {0xB1, 5, 1}, {0x09, 2, 0}, {0x05, 3, 0},
    {0x15, 4, 0}, {0x0D, 4, 0}, {0x1D, 4, 1}, {0x19, 4, 1}, {0x01, 6, 0}, {0x11, 5, 1},
    {0xE9, 2, 0}, {0xE5, 3, 0}, {0xF5, 4, 0}, {0xED, 4, 0}, {0xFD, 4, 1}, {0xF9, 4, 1},
    {0xE1, 6, 0}, {0xF1, 5, 1},
    // ASL LSR ROL ROR: A zp zp,X abs abs,X; DEC INC: zp zp,X abs abs,X
    {0x0A, 2, 0}, {0x06, 5, 0}, {0x16, 6, 0}, {0x0E, 6, 0}, {0x1E, 7, 0}, {0x4A, 2, 0},
    {0x46, 5, 0}, {0x56, 6, 0}, {0x4E, 6, 0}, {0x5E, 7, 0}, {0x2A, 2, 0}, {0x26, 5, 0},
    {0x36, 6, 0}, {0x2E, 6, 0}, {0x3E, 7, 0}, {0x6A, 2, 0}, {0x66, 5, 0}, {0x76, 6, 0},
    {0x6E, 6, 0}, {0x7E, 7, 0}, {0xC6, 5, 0}, {0xD6, 6, 0}, {0xCE, 6, 0}, {0xDE, 7, 0},
    {0xE6, 5, 0}, {0xF6, 6, 0}, {0xEE, 6, 0}, {0xFE, 7, 0},
    // BIT CPX CPY LDX LDY
    {0x24, 3, 0}, {0x2C, 4, 0}, {0xE0, 2, 0}, {0xE4, 3, 0}, {0xEC, 4, 0}, {0xC0, 2, 0},
    {0xC4, 3, 0}, {0xCC, 4, 0}, {0xA2, 2, 0}, {0xA6, 3, 0}, {0xB6, 4, 0}, {0xAE, 4, 0},
    {0xBE, 4, 1}, {0xA0, 2, 0}, {0xA4, 3, 0}, {0xB4, 4, 0}, {0xAC, 4, 0}, {0xBC, 4, 1},
    // Stores
    {0x85, 3, 0}, {0x95, 4, 0}, {0x8D, 4, 0}, {0x9D, 5, 0}, {0x99, 5, 0}, {0x81, 6, 0},
    {0x91, 6, 0}, {0x86, 3, 0}, {0x96, 4, 0}, {0x8E, 4, 0}, {0x84, 3, 0}, {0x94, 4, 0},
    {0x8C, 4, 0},
    // Implied, stack, control flow
    {0x18, 2, 0}, {0xD8, 2, 0}, {0x58, 2, 0}, {0xB8, 2, 0}, {0x38, 2, 0}, {0xF8, 2, 0},
    {0x78, 2, 0}, {0xCA, 2, 0}, {0x88, 2, 0}, {0xE8, 2, 0}, {0xC8, 2, 0}, {0xEA, 2, 0},
    {0xAA, 2, 0}, {0xA8, 2, 0}, {0xBA, 2, 0}, {0x8A, 2, 0}, {0x9A, 2, 0}, {0x98, 2, 0},
    {0x48, 3, 0}, {0x08, 3, 0}, {0x68, 4, 0}, {0x28, 4, 0}, {0x4C, 3, 0}, {0x6C, 5, 0},
    {0x20, 6, 0}, {0x60, 6, 0}, {0x40, 6, 0}, {0x00, 7, 0},
};

constexpr Timing kUndocumented[] = {
    // SLO RLA SRE RRA DCP ISB: zp zp,X abs abs,X abs,Y (zp,X) (zp),Y
    {0x07, 5, 0}, {0x17, 6, 0}, {0x0F, 6, 0}, {0x1F, 7, 0}, {0x1B, 7, 0}, {0x03, 8, 0},
    {0x13, 8, 0}, {0x27, 5, 0}, {0x37, 6, 0}, {0x2F, 6, 0}, {0x3F, 7, 0}, {0x3B, 7, 0},
    {0x23, 8, 0}, {0x33, 8, 0}, {0x47, 5, 0}, {0x57, 6, 0}, {0x4F, 6, 0}, {0x5F, 7, 0},
    {0x5B, 7, 0}, {0x43, 8, 0}, {0x53, 8, 0}, {0x67, 5, 0}, {0x77, 6, 0}, {0x6F, 6, 0},
    {0x7F, 7, 0}, {0x7B, 7, 0}, {0x63, 8, 0}, {0x73, 8, 0}, {0xC7, 5, 0}, {0xD7, 6, 0},
    {0xCF, 6, 0}, {0xDF, 7, 0}, {0xDB, 7, 0}, {0xC3, 8, 0}, {0xD3, 8, 0}, {0xE7, 5, 0},
    {0xF7, 6, 0}, {0xEF, 6, 0}, {0xFF, 7, 0}, {0xFB, 7, 0}, {0xE3, 8, 0}, {0xF3, 8, 0},
    // LAX: zp zp,Y abs abs,Y (zp,X) (zp),Y; SAX: zp zp,Y abs (zp,X); LAS.
    // LAX zp takes 3 cycles on a 6502, but ALE's table gives it 4.
    {0xA7, 4, 0}, {0xB7, 4, 0}, {0xAF, 4, 0}, {0xBF, 4, 1}, {0xA3, 6, 0}, {0xB3, 5, 1},
    {0x87, 3, 0}, {0x97, 4, 0}, {0x8F, 4, 0}, {0x83, 6, 0}, {0xBB, 4, 1},
    // SHA (zp),Y abs,Y; SHX; SHY; SHS
    {0x93, 6, 0}, {0x9F, 5, 0}, {0x9E, 5, 0}, {0x9C, 5, 0}, {0x9B, 5, 0},
    // Immediate: ANC ANC ALR ARR ANE LXA SBX SBC
    {0x0B, 2, 0}, {0x2B, 2, 0}, {0x4B, 2, 0}, {0x6B, 2, 0}, {0x8B, 2, 0}, {0xAB, 2, 0},
    {0xCB, 2, 0}, {0xEB, 2, 0},
    // NOPs: implied, immediate, zp, zp,X, abs, abs,X
    {0x1A, 2, 0}, {0x3A, 2, 0}, {0x5A, 2, 0}, {0x7A, 2, 0}, {0xDA, 2, 0}, {0xFA, 2, 0},
    {0x80, 2, 0}, {0x82, 2, 0}, {0x89, 2, 0}, {0xC2, 2, 0}, {0xE2, 2, 0}, {0x04, 3, 0},
    {0x44, 3, 0}, {0x64, 3, 0}, {0x14, 4, 0}, {0x34, 4, 0}, {0x54, 4, 0}, {0x74, 4, 0},
    {0xD4, 4, 0}, {0xF4, 4, 0}, {0x0C, 4, 0}, {0x1C, 4, 1}, {0x3C, 4, 1}, {0x5C, 4, 1},
    {0x7C, 4, 1}, {0xDC, 4, 1}, {0xFC, 4, 1},
};
// clang-format on

struct BranchCase {
  uint8_t opcode;
  uint8_t taken_when_p;  // a P value for which the branch is taken
  uint8_t not_taken_when_p;
};
constexpr BranchCase kBranches[] = {
    {0x10, 0x30, 0x30 | kN}, {0x30, 0x30 | kN, 0x30}, {0x50, 0x30, 0x30 | kV},
    {0x70, 0x30 | kV, 0x30}, {0x90, 0x30, 0x30 | kC}, {0xB0, 0x30 | kC, 0x30},
    {0xD0, 0x30, 0x30 | kZ}, {0xF0, 0x30 | kZ, 0x30},
};

class CpuCycleTest : public CpuBusTest {
 protected:
  // Operand bytes $F0 $20; the zero-page pointer at $F0 holds $20F0. With an
  // index of 1 nothing crosses a page; with $20 the abs,X/abs,Y/(zp),Y
  // targets cross into $21xx.
  std::vector<Event> run_with_index(uint8_t opcode, uint8_t index) {
    *bus_ = RecordingBus{};
    code({opcode, 0xF0, 0x20});
    mem(0x00F0) = 0xF0;
    mem(0x00F1) = 0x20;
    s() = CpuState{};
    s().pc = kOrg;
    s().sp = 0xFD;
    s().x = s().y = index;
    s().p = 0x30;
    cpu_.step(*bus_);
    EXPECT_FALSE(cpu_.jammed());
    return bus_->log;
  }
  void check(const Timing& t) {
    SCOPED_TRACE(::testing::Message() << "opcode $" << std::hex << int(t.opcode));
    std::vector<Event> log = run_with_index(t.opcode, 0x01);
    EXPECT_EQ(bus_->cycles(), t.cycles);
    // The whole base count comes right after the opcode fetch.
    ASSERT_GE(log.size(), 2u);
    EXPECT_EQ(log[0], R(kOrg));
    EXPECT_EQ(log[1], C(t.cycles));
    for (size_t i = 2; i < log.size(); ++i) EXPECT_NE(log[i].kind, Event::kCycles);
    log = run_with_index(t.opcode, 0x20);
    EXPECT_EQ(bus_->cycles(), t.cycles + (t.page_penalty ? 1 : 0));
  }
};

TEST_F(CpuCycleTest, DocumentedOpcodesTakeTheirCycleCounts) {
  for (const Timing& t : kDocumented) check(t);
  EXPECT_EQ(std::size(kDocumented) + std::size(kBranches), 151u);  // all documented opcodes
}

TEST_F(CpuCycleTest, UndocumentedOpcodesTakeTheirCycleCounts) {
  for (const Timing& t : kUndocumented) check(t);
}

TEST_F(CpuCycleTest, EveryOtherOpcodeJamsAfterItsFetchAndTwoCycles) {
  std::array<bool, 256> timed{};
  for (const Timing& t : kDocumented) timed[t.opcode] = true;
  for (const Timing& t : kUndocumented) timed[t.opcode] = true;
  for (const BranchCase& b : kBranches) timed[b.opcode] = true;
  int jams = 0;
  for (int op = 0; op < 256; ++op) {
    if (timed[op]) continue;
    SCOPED_TRACE(::testing::Message() << "opcode $" << std::hex << op);
    // The KIL column: $x2 except the immediate NOPs $82/$A2(LDX)/$C2/$E2.
    EXPECT_EQ(op & 0x0F, 0x02);
    *bus_ = RecordingBus{};
    code({static_cast<uint8_t>(op), 0xEA});
    s() = CpuState{};
    s().pc = kOrg;
    // ALE's core adds the table's 2 cycles before it finds the opcode illegal.
    EXPECT_EQ(step(), (std::vector<Event>{R(kOrg), C(2)}));
    EXPECT_TRUE(cpu_.jammed());
    ++jams;
  }
  EXPECT_EQ(jams, 12);
}

TEST_F(CpuCycleTest, BranchesCostOneMoreWhenTakenAndTwoMoreAcrossAPage) {
  for (const BranchCase& b : kBranches) {
    SCOPED_TRACE(::testing::Message() << "opcode $" << std::hex << int(b.opcode));
    struct {
      uint8_t p, offset;
      std::vector<Event> events;
      uint16_t pc;
    } runs[] = {{b.not_taken_when_p, 0x10, {R(kOrg), C(2), R(kOrg + 1)}, kOrg + 2},
                {b.taken_when_p, 0x10, {R(kOrg), C(2), R(kOrg + 1), C(1)}, kOrg + 0x12},
                // back into page $01
                {b.taken_when_p, 0x80, {R(kOrg), C(2), R(kOrg + 1), C(2)}, kOrg + 2 - 0x80}};
    for (const auto& r : runs) {
      code({b.opcode, r.offset});
      s().pc = kOrg;
      s().p = r.p;
      EXPECT_EQ(step(), r.events);
      EXPECT_EQ(s().pc, r.pc);
    }
  }
}

TEST_F(CpuCycleTest, BranchCrossingIsJudgedFromTheInstructionAfterTheBranch) {
  // BNE at $02FD: the next instruction is at $02FF, +1 lands on $0300.
  code({0xD0, 0x01}, 0x02FD);
  s().pc = 0x02FD;
  EXPECT_EQ(step(), (std::vector<Event>{R(0x02FD), C(2), R(0x02FE), C(2)}));
  EXPECT_EQ(s().pc, 0x0300);
  // BNE at $02FE: the next instruction is already at $0300; -1 goes back to $02FF.
  code({0xD0, 0xFF}, 0x02FE);
  s().pc = 0x02FE;
  EXPECT_EQ(step(), (std::vector<Event>{R(0x02FE), C(2), R(0x02FF), C(2)}));
  EXPECT_EQ(s().pc, 0x02FF);
}

// ---------------------------------------------------------------------------
// Access sequences.

using Seq = std::vector<Event>;

TEST_F(CpuBusTest, ImpliedInstructionsOnlyFetchTheOpcode) {
  code({0x18});  // CLC
  EXPECT_EQ(step(), (Seq{R(0x0200), C(2)}));
  EXPECT_EQ(s().pc, 0x0201);
  code({0x0A}, 0x0201);  // ASL A
  EXPECT_EQ(step(), (Seq{R(0x0201), C(2)}));
}

TEST_F(CpuBusTest, ZeroPageIndexedWrapsWithoutADummyRead) {
  code({0xB5, 0xF0});  // LDA $F0,X
  s().x = 0x20;
  mem(0x0010) = 0x42;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(4), R(0x0201), R(0x0010)}));
  EXPECT_EQ(s().a, 0x42);
}

TEST_F(CpuBusTest, AbsoluteIndexedReadWithoutPageCrossReadsOnce) {
  code({0xBD, 0xF0, 0x20});  // LDA $20F0,X
  s().x = 0x05;
  mem(0x20F5) = 0x11;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(4), R(0x0201), R(0x0202), R(0x20F5)}));
  EXPECT_EQ(s().a, 0x11);
}

TEST_F(CpuBusTest, AbsoluteIndexedReadAcrossAPagePaysItsCycleBeforeTheRead) {
  code({0xBD, 0xF0, 0x20});  // LDA $20F0,X
  s().x = 0x20;
  mem(0x2010) = 0x99;
  mem(0x2110) = 0x22;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(4), R(0x0201), R(0x0202), C(1), R(0x2110)}));
  EXPECT_EQ(s().a, 0x22);
}

TEST_F(CpuBusTest, AbsoluteIndexedStoreNeverPaysThePageCross) {
  code({0x9D, 0xF0, 0x20});  // STA $20F0,X
  s().a = 0x5A;
  s().x = 0x05;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(5), R(0x0201), R(0x0202), W(0x20F5, 0x5A)}));
  code({0x99, 0xF0, 0x20});  // STA $20F0,Y across a page
  s().pc = kOrg;
  s().y = 0x20;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(5), R(0x0201), R(0x0202), W(0x2110, 0x5A)}));
}

TEST_F(CpuBusTest, AbsoluteIndexedReadEndingAtTheLastByteOfAPageDoesNotCross) {
  code({0xBD, 0xFE, 0x20});  // LDA $20FE,X
  s().x = 0x01;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(4), R(0x0201), R(0x0202), R(0x20FF)}));
}

TEST_F(CpuBusTest, AbsoluteIndexedAddressWrapsAtTheTopOfMemory) {
  code({0xBD, 0xFF, 0xFF});  // LDA $FFFF,X
  s().x = 0x02;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(4), R(0x0201), R(0x0202), C(1), R(0x0001)}));
}

TEST_F(CpuBusTest, ReadModifyWriteReadsOnceAndWritesOnce) {
  code({0xE6, 0x80});  // INC $80
  mem(0x0080) = 0x41;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(5), R(0x0201), R(0x0080), W(0x0080, 0x42)}));
}

TEST_F(CpuBusTest, ReadModifyWriteAbsoluteIndexedNeverPaysThePageCross) {
  code({0x1E, 0xF0, 0x30});  // ASL $30F0,X
  s().x = 0x21;
  mem(0x3111) = 0x81;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(7), R(0x0201), R(0x0202), R(0x3111), W(0x3111, 0x02)}));
  EXPECT_EQ(s().p & kC, kC);
}

TEST_F(CpuBusTest, IndexedIndirectWrapsThePointerInZeroPage) {
  code({0xA1, 0xF0});  // LDA ($F0,X)
  s().x = 0x20;        // pointer at $10/$11
  mem(0x0010) = 0x34;
  mem(0x0011) = 0x12;
  mem(0x1234) = 0x77;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(6), R(0x0201), R(0x0010), R(0x0011), R(0x1234)}));
  EXPECT_EQ(s().a, 0x77);
}

// ALE's core computes the pointer's high-byte address as (pointer + 1) in int:
// a pointer at $FF takes its high byte from $0100 (on the 2600 a TIA mirror),
// not from $00 as a real 6502 would.
TEST_F(CpuBusTest, IndexedIndirectPointerAtFFTakesItsHighByteFrom0100) {
  code({0xA1, 0xF0});  // LDA ($F0,X)
  s().x = 0x0F;        // pointer at $FF
  mem(0x00FF) = 0x34;
  mem(0x0100) = 0x12;
  mem(0x0000) = 0x56;
  mem(0x1234) = 0x77;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(6), R(0x0201), R(0x00FF), R(0x0100), R(0x1234)}));
  EXPECT_EQ(s().a, 0x77);
}

TEST_F(CpuBusTest, IndirectIndexedPointerAtFFTakesItsHighByteFrom0100) {
  code({0xB1, 0xFF});  // LDA ($FF),Y
  mem(0x00FF) = 0xF0;
  mem(0x0100) = 0x20;
  mem(0x0000) = 0x56;
  s().y = 0x01;
  mem(0x20F1) = 0x3C;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(5), R(0x0201), R(0x00FF), R(0x0100), R(0x20F1)}));
  EXPECT_EQ(s().a, 0x3C);
}

TEST_F(CpuBusTest, IndirectIndexedReadPaysThePageCrossAndStoreDoesNot) {
  code({0xB1, 0x80});  // LDA ($80),Y
  mem(0x0080) = 0xF0;
  mem(0x0081) = 0x20;
  s().y = 0x20;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(5), R(0x0201), R(0x0080), R(0x0081), C(1), R(0x2110)}));
  code({0x91, 0x80});  // STA ($80),Y across the same page
  s().pc = kOrg;
  s().a = 0x66;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(6), R(0x0201), R(0x0080), R(0x0081), W(0x2110, 0x66)}));
}

TEST_F(CpuBusTest, JmpIndirectDoesNotCarryIntoThePointersHighByte) {
  code({0x6C, 0xFF, 0x30});  // JMP ($30FF)
  mem(0x30FF) = 0x80;
  mem(0x3000) = 0x12;
  mem(0x3100) = 0x99;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(5), R(0x0201), R(0x0202), R(0x30FF), R(0x3000)}));
  EXPECT_EQ(s().pc, 0x1280);
}

TEST_F(CpuBusTest, JsrReadsTheStackAndPushesTheAddressOfItsLastByte) {
  code({0x20, 0x34, 0x12});  // JSR $1234
  EXPECT_EQ(step(), (Seq{R(0x0200), C(6), R(0x0201), R(0x01FD), W(0x01FD, 0x02), W(0x01FC, 0x02),
                         R(0x0202)}));
  EXPECT_EQ(s().pc, 0x1234);
  EXPECT_EQ(s().sp, 0xFB);
}

TEST_F(CpuBusTest, RtsPullsAndReadsTheReturnAddressBeforeIncrementingIt) {
  code({0x60});
  s().sp = 0xFB;
  mem(0x01FC) = 0x02;
  mem(0x01FD) = 0x12;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(6), R(0x01FB), R(0x01FC), R(0x01FD), R(0x1202)}));
  EXPECT_EQ(s().pc, 0x1203);
  EXPECT_EQ(s().sp, 0xFD);
}

TEST_F(CpuBusTest, RtiPullsStatusThenPc) {
  code({0x40});
  s().sp = 0xFA;
  mem(0x01FB) = 0x00 | kC | kN;  // B pulled as 0: ALE's core forces it back on
  mem(0x01FC) = 0x78;
  mem(0x01FD) = 0x56;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(6), R(0x01FA), R(0x01FB), R(0x01FC), R(0x01FD)}));
  EXPECT_EQ(s().pc, 0x5678);
  EXPECT_EQ(s().sp, 0xFD);
  EXPECT_EQ(s().p, 0x30 | kC | kN);
}

TEST_F(CpuBusTest, BrkSkipsAByteAndPushesPcAndStatusWithB) {
  code({0x00});
  mem(0xFFFE) = 0x00;
  mem(0xFFFF) = 0x40;
  s().p = 0x30 | kD | kC;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(7), R(0x0201), W(0x01FD, 0x02), W(0x01FC, 0x02),
                         W(0x01FB, 0x30 | kD | kC), R(0xFFFE), R(0xFFFF)}));
  EXPECT_EQ(s().pc, 0x4000);
  EXPECT_EQ(s().p, 0x30 | kD | kC | kI);  // NMOS: D not cleared
}

TEST_F(CpuBusTest, StackPushesAndPulls) {
  code({0x48, 0x68, 0x08, 0x28});  // PHA PLA PHP PLP
  s().a = 0x80;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(3), W(0x01FD, 0x80)}));
  s().a = 0;
  EXPECT_EQ(step(), (Seq{R(0x0201), C(4), R(0x01FC), R(0x01FD)}));
  EXPECT_EQ(s().a, 0x80);
  EXPECT_EQ(s().p & (kN | kZ), kN);
  s().p = 0x20 | kV;  // B clear in P: PHP pushes what P holds
  EXPECT_EQ(step(), (Seq{R(0x0202), C(3), W(0x01FD, 0x20 | kV)}));
  mem(0x01FD) = 0x00;
  EXPECT_EQ(step(), (Seq{R(0x0203), C(4), R(0x01FC), R(0x01FD)}));
  EXPECT_EQ(s().p, 0x30);  // PLP: bit 5 and B always set
}

TEST_F(CpuBusTest, ResetReadsTheVectorUnclockedAndSetsAlesRegisters) {
  mem(0xFFFC) = 0x00;
  mem(0xFFFD) = 0xF0;
  s().a = s().x = s().y = 0x55;
  s().sp = 0x10;
  s().p = 0xFF;
  s().jammed = true;
  cpu_.reset(*bus_);
  EXPECT_TRUE(bus_->log.empty());
  EXPECT_EQ(bus_->peeks, 2);
  EXPECT_EQ(s().pc, 0xF000);
  EXPECT_EQ(s().a, 0);
  EXPECT_EQ(s().x, 0);
  EXPECT_EQ(s().y, 0);
  EXPECT_EQ(s().sp, 0xFF);
  EXPECT_EQ(s().p, 0x30);
  EXPECT_FALSE(s().jammed);
}

TEST_F(CpuBusTest, KilOpcodeJamsForever) {
  code({0x02, 0xEA});
  EXPECT_EQ(step(), (Seq{R(0x0200), C(2)}));
  EXPECT_TRUE(cpu_.jammed());
  EXPECT_EQ(s().pc, 0x0201);
  EXPECT_EQ(s().instructions, 1u);
  EXPECT_TRUE(step().empty());
  bus_->log.clear();
  EXPECT_EQ(cpu_.run(*bus_, 100), 0u);
  EXPECT_TRUE(bus_->log.empty());
  EXPECT_EQ(s().pc, 0x0201);
}

TEST_F(CpuBusTest, RunStopsAfterTheInstructionDuringWhichStopWasRequested) {
  code({0xEA, 0x8D, 0x02, 0x00, 0xEA, 0xEA});  // NOP; STA $0002; NOP; NOP
  bus_->stop_after_events = 4;                 // raised during the STA (events 3..7)
  EXPECT_EQ(cpu_.run(*bus_, 100), 2u);
  EXPECT_EQ(s().pc, 0x0204);
  EXPECT_EQ(s().instructions, 2u);
  bus_->stop_after_events = -1;
  EXPECT_EQ(cpu_.run(*bus_, 2), 2u);
  EXPECT_EQ(s().pc, 0x0206);
  EXPECT_EQ(s().instructions, 4u);
}

TEST_F(CpuBusTest, RunJamsMidBatchAndCountsTheJammingInstruction) {
  code({0xEA, 0xEA, 0x22, 0xEA});
  EXPECT_EQ(cpu_.run(*bus_, 100), 3u);
  EXPECT_TRUE(cpu_.jammed());
  EXPECT_EQ(s().pc, 0x0203);
  EXPECT_EQ(bus_->cycles(), 6);
}

// ---------------------------------------------------------------------------
// Decimal mode, as ALE computes it (N, Z, V from the BCD result).

struct Arith {
  uint8_t opcode, a, operand, p_in;
  uint8_t a_out, flags_out;  // flags among N V Z C
};

TEST_F(CpuBusTest, DecimalModeAdcAndSbcFollowAle) {
  const Arith cases[] = {
      {0x69, 0x09, 0x01, kD, 0x10, 0},
      {0x69, 0x58, 0x46, kD | kC, 0x05, kC},
      {0x69, 0x99, 0x01, kD, 0x00, kZ | kC},  // Z from the BCD result (NMOS would not set it)
      {0x69, 0x79, 0x00, kD | kC, 0x80, kN | kV},
      {0x69, 0x0F, 0x01, kD, 0x16, 0},  // invalid digit counts as 15
      {0xE9, 0x46, 0x12, kD | kC, 0x34, kC},
      {0xE9, 0x40, 0x13, kD | kC, 0x27, kC},
      {0xE9, 0x46, 0x46, kD | kC, 0x00, kZ | kC},  // equal: no borrow
      {0xE9, 0x00, 0x01, kD | kC, 0x99, kN | kV},  // V from the BCD result's sign
      {0xE9, 0x00, 0x00, kD, 0x99, kN | kV},
      // Difference below -100 with invalid BCD: ALE's table lookup lands in its
      // BCD-to-binary half ($BE -> 124 = $7C).
      {0xE9, 0x00, 0xFF, kD, 0x7C, 0},
      // Binary mode for comparison.
      {0x69, 0x7F, 0x01, 0, 0x80, kN | kV},
      {0xE9, 0x00, 0x01, kC, 0xFF, kN},
  };
  for (const Arith& c : cases) {
    SCOPED_TRACE(::testing::Message() << std::hex << "op $" << int(c.opcode) << " A=$" << int(c.a)
                                      << " M=$" << int(c.operand) << " P=$" << int(c.p_in));
    code({c.opcode, c.operand});
    s().pc = kOrg;
    s().a = c.a;
    s().p = 0x30 | c.p_in;
    step();
    EXPECT_EQ(s().a, c.a_out);
    EXPECT_EQ(s().p & (kN | kV | kZ | kC), c.flags_out);
    EXPECT_EQ(s().p & kD, c.p_in & kD);
  }
}

// ---------------------------------------------------------------------------
// Undocumented opcodes, with the semantics of ALE's core.

TEST_F(CpuBusTest, ImmediateUndocumentedOpcodes) {
  struct Case {
    uint8_t opcode, a, x, operand, p_in;
    uint8_t a_out, x_out, flags_out;
  };
  const Case cases[] = {
      {0x0B, 0xC3, 0, 0x81, 0, 0x81, 0, kN | kC},    // ANC: C = N
      {0x2B, 0x43, 0, 0x81, kC, 0x01, 0, 0},         // ANC
      {0x4B, 0xFF, 0, 0x03, 0, 0x01, 0, kC},         // ALR: (A & M) >> 1
      {0x6B, 0xFF, 0, 0xFF, kC, 0xFF, 0, kN | kC},   // ARR: C = bit 6, V = bit 6 ^ bit 5
      {0x6B, 0x80, 0, 0xFF, 0, 0x40, 0, kV | kC},    // ARR
      {0x6B, 0xFF, 0, 0xFF, kD, 0xD5, 0, kC},        // ARR decimal: N = old C, fix-ups
      {0x8B, 0x00, 0x0F, 0xFF, 0, 0x0E, 0x0F, 0},    // ANE: (A | $EE) & X & M
      {0xAB, 0x00, 0x00, 0xF3, 0, 0xE2, 0xE2, kN},   // LXA: A = X = (A | $EE) & M
      {0xCB, 0xF0, 0x3C, 0x10, 0, 0xF0, 0x20, kC},   // SBX: X = (A & X) - M
      {0xCB, 0xF0, 0x3C, 0x31, kC, 0xF0, 0xFF, kN},  // SBX borrow
      {0xEB, 0x10, 0, 0x01, kC, 0x0F, 0, kC},        // SBC alias
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(::testing::Message() << "opcode $" << std::hex << int(c.opcode));
    code({c.opcode, c.operand});
    s().pc = kOrg;
    s().a = c.a;
    s().x = c.x;
    s().p = 0x30 | c.p_in;
    EXPECT_EQ(step(), (Seq{R(0x0200), C(2), R(0x0201)}));
    EXPECT_EQ(s().a, c.a_out);
    EXPECT_EQ(s().x, c.x_out);
    EXPECT_EQ(s().p & (kN | kV | kZ | kC), c.flags_out);
  }
}

TEST_F(CpuBusTest, LaxLoadsBothRegisters) {
  code({0xA7, 0x80});
  mem(0x0080) = 0x9C;
  step();
  EXPECT_EQ(s().a, 0x9C);
  EXPECT_EQ(s().x, 0x9C);
  EXPECT_EQ(s().p & (kN | kZ), kN);
}

TEST_F(CpuBusTest, SaxStoresAAndXWithoutTouchingFlags) {
  code({0x87, 0x80});
  s().a = 0xF0;
  s().x = 0x3C;
  s().p = 0x30 | kZ;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(3), R(0x0201), W(0x0080, 0x30)}));
  EXPECT_EQ(s().p, 0x30 | kZ);
}

TEST_F(CpuBusTest, ReadModifyWriteCombinations) {
  struct Case {
    uint8_t opcode, a, m, p_in;
    uint8_t m_out, a_out, flags_out;
  };
  const Case cases[] = {
      {0xC7, 0x10, 0x11, 0, 0x10, 0x10, kZ | kC},   // DCP: M-1, CMP
      {0xC7, 0x10, 0x20, 0, 0x1F, 0x10, kN},        // DCP
      {0xE7, 0x10, 0x0F, kC, 0x10, 0x00, kZ | kC},  // ISB: M+1, SBC
      {0xE7, 0x10, 0x10, 0, 0x11, 0xFE, kN},        // ISB with borrow
      {0x07, 0x01, 0x81, 0, 0x02, 0x03, kC},        // SLO: ASL M, ORA
      {0x27, 0xFF, 0x81, kC, 0x03, 0x03, kC},       // RLA: ROL M, AND
      {0x47, 0xFF, 0x03, 0, 0x01, 0xFE, kN | kC},   // SRE: LSR M, EOR
      {0x67, 0x10, 0x03, kC, 0x81, 0x92, kN},       // RRA: ROR M, ADC (C from ROR)
      {0x67, 0x10, 0x02, 0, 0x01, 0x11, 0},         // RRA
      {0x67, 0x09, 0x03, kD, 0x01, 0x11, 0},        // RRA decimal: $09 + $01 + 1
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(::testing::Message()
                 << "opcode $" << std::hex << int(c.opcode) << " M=$" << int(c.m));
    code({c.opcode, 0x80});
    s().pc = kOrg;
    s().a = c.a;
    s().p = 0x30 | c.p_in;
    mem(0x0080) = c.m;
    EXPECT_EQ(step(), (Seq{R(0x0200), C(5), R(0x0201), R(0x0080), W(0x0080, c.m_out)}));
    EXPECT_EQ(s().a, c.a_out);
    EXPECT_EQ(s().p & (kN | kV | kZ | kC), c.flags_out);
  }
}

TEST_F(CpuBusTest, IndirectIndexedRmwCombinationReadsOnceAndWritesOnce) {
  code({0xD3, 0x80});  // DCP ($80),Y
  mem(0x0080) = 0xF0;
  mem(0x0081) = 0x20;
  mem(0x2110) = 0x05;
  s().y = 0x20;
  EXPECT_EQ(step(),
            (Seq{R(0x0200), C(8), R(0x0201), R(0x0080), R(0x0081), R(0x2110), W(0x2110, 0x04)}));
}

TEST_F(CpuBusTest, NopsWithOperandsReadThem) {
  code({0x04, 0x80});  // NOP zp
  s().a = 0x12;
  s().p = 0x30;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(3), R(0x0201), R(0x0080)}));
  code({0x0C, 0x34, 0x12}, 0x0202);  // NOP abs
  EXPECT_EQ(step(), (Seq{R(0x0202), C(4), R(0x0203), R(0x0204), R(0x1234)}));
  code({0x1C, 0xF0, 0x20}, 0x0205);  // NOP abs,X across a page: a read, so it pays
  s().x = 0x20;
  EXPECT_EQ(step(), (Seq{R(0x0205), C(4), R(0x0206), R(0x0207), C(1), R(0x2110)}));
  code({0x80, 0xFF}, 0x0208);  // NOP #imm
  EXPECT_EQ(step(), (Seq{R(0x0208), C(2), R(0x0209)}));
  code({0x14, 0xF0}, 0x020A);  // NOP zp,X
  EXPECT_EQ(step(), (Seq{R(0x020A), C(4), R(0x020B), R(0x0010)}));
  EXPECT_EQ(s().a, 0x12);
  EXPECT_EQ(s().p, 0x30);
  EXPECT_EQ(s().pc, 0x020C);
}

TEST_F(CpuBusTest, HighByteAndStores) {
  // SHA abs,Y: A & X & (high byte of target + 1)
  code({0x9F, 0x00, 0x12});
  s().a = 0xFF;
  s().x = 0x3F;
  s().y = 0x01;
  EXPECT_EQ(step(), (Seq{R(0x0200), C(5), R(0x0201), R(0x0202), W(0x1201, 0x13)}));
  // SHX abs,Y: X & (H + 1); the carried high byte counts.
  code({0x9E, 0xFF, 0x12}, 0x0203);
  s().x = 0xFF;
  s().y = 0x01;
  EXPECT_EQ(step(), (Seq{R(0x0203), C(5), R(0x0204), R(0x0205), W(0x1300, 0x14)}));
  // SHY abs,X
  code({0x9C, 0x00, 0x40}, 0x0206);
  s().y = 0xFF;
  s().x = 0x00;
  EXPECT_EQ(step(), (Seq{R(0x0206), C(5), R(0x0207), R(0x0208), W(0x4000, 0x41)}));
  // SHS abs,Y: SP = A & X, then stores SP & (H + 1)
  code({0x9B, 0x00, 0x70}, 0x0209);
  s().a = 0xF3;
  s().x = 0x7E;
  s().y = 0x00;
  EXPECT_EQ(step(), (Seq{R(0x0209), C(5), R(0x020A), R(0x020B), W(0x7000, 0x72 & 0x71)}));
  EXPECT_EQ(s().sp, 0x72);
  // LAS abs,Y: A = X = SP = SP & M
  code({0xBB, 0x00, 0x70}, 0x020C);
  mem(0x7000) = 0xC6;
  EXPECT_EQ(step(), (Seq{R(0x020C), C(4), R(0x020D), R(0x020E), R(0x7000)}));
  EXPECT_EQ(s().a, 0x42);
  EXPECT_EQ(s().x, 0x42);
  EXPECT_EQ(s().sp, 0x42);
}

// ---------------------------------------------------------------------------
// The fast fetch path: a bus with a code window (and paired reads) must see
// the same accesses, each at the same clock, as one served a byte at a time.
// (The instruction's own bytes may be taken at any time: they are plain
// memory.)

struct WindowRecordingBus : RecordingBus {
  const uint8_t* code_window(uint16_t addr) const {
    return (addr & 0x3F) > 0x3D ? nullptr : &mem[addr];
  }
  void read_window(uint16_t addr, int count, uint8_t last) {
    for (int i = 0; i < count; ++i) log.push_back(R(static_cast<uint16_t>(addr + i)));
    EXPECT_EQ(last, mem[static_cast<uint16_t>(addr + count - 1)]);
  }
  uint16_t read_pair(uint16_t addr, uint32_t& elapsed) {
    uint16_t lo = read(addr, elapsed);
    return static_cast<uint16_t>(lo | (read(static_cast<uint16_t>(addr + 1), elapsed) << 8));
  }
};

// The accesses of one instruction with the clock at each (0 for the fetch of
// the opcode and operand bytes), and the clock at the end.
struct Timed {
  std::vector<std::pair<Event, int>> accesses;
  int end_clock = 0;
  bool operator==(const Timed&) const = default;
};
void PrintTo(const Timed& t, std::ostream* os) {
  for (const auto& [e, clock] : t.accesses) {
    PrintTo(e, os);
    *os << " @" << clock << ", ";
  }
  *os << "end @" << t.end_clock;
}
Timed timed(const std::vector<Event>& log, uint8_t opcode) {
  Timed t;
  const int fetched = 1 + cpu_detail::kOperandBytes[opcode];
  for (const Event& e : log) {
    if (e.kind == Event::kCycles) {
      t.end_clock += static_cast<int>(e.cycles);
    } else {
      const bool fetch = static_cast<int>(t.accesses.size()) < fetched;
      t.accesses.emplace_back(e, fetch ? 0 : t.end_clock);
    }
  }
  return t;
}

TEST(CpuFetchPath, CodeWindowGivesTheSameAccessesAsSingleReads) {
  std::mt19937 rng(2600);
  auto plain = std::make_unique<RecordingBus>();
  auto windowed = std::make_unique<WindowRecordingBus>();
  Cpu<RecordingBus> a;
  Cpu<WindowRecordingBus> b;
  int windowed_fetches = 0;
  for (int round = 0; round < 16; ++round) {
    for (auto& byte : plain->mem) byte = static_cast<uint8_t>(rng());
    for (int op = 0; op < 256; ++op) {
      SCOPED_TRACE(::testing::Message() << "opcode $" << std::hex << op);
      CpuState s;
      s.pc = static_cast<uint16_t>(rng());
      s.a = static_cast<uint8_t>(rng());
      s.x = static_cast<uint8_t>(rng());
      s.y = static_cast<uint8_t>(rng());
      s.sp = static_cast<uint8_t>(rng());
      s.p = static_cast<uint8_t>(rng() | 0x30);
      plain->mem[s.pc] = static_cast<uint8_t>(op);
      windowed->mem = plain->mem;
      plain->log.clear();
      windowed->log.clear();
      a.state() = s;
      b.state() = s;
      a.step(*plain);
      b.step(*windowed);
      windowed_fetches += (s.pc & 0x3F) <= 0x3D;
      EXPECT_EQ(timed(windowed->log, op), timed(plain->log, op));
      const CpuState &sa = a.state(), &sb = b.state();
      EXPECT_EQ(std::make_tuple(sa.pc, sa.a, sa.x, sa.y, sa.sp, sa.p, sa.jammed),
                std::make_tuple(sb.pc, sb.a, sb.x, sb.y, sb.sp, sb.p, sb.jammed));
      EXPECT_TRUE(windowed->mem == plain->mem);
    }
  }
  EXPECT_GT(windowed_fetches, 3000);  // most fetches went through the window
}

}  // namespace
}  // namespace ag::emu
