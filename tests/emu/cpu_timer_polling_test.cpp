// Timer-polling loops (`wait: LDA INTIM / BNE wait` and kin, see
// Riot::quiet_polls) and delay loops (`delay: DEY / BPL delay`) are counted
// in bulk by Cpu::run() instead of run pass by pass. That must be invisible: the machine after
// run() must be the one Cpu::step() (which never skips) leaves, budget cuts in the middle of a loop
// included.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include "bare_machine.hpp"
#include "support/paths.hpp"

namespace ag::emu {
namespace {

// RIOT register addresses (the loops below also use mirrors).
constexpr uint16_t kIntim = 0x0284, kTimint = 0x0285;
constexpr uint16_t kTim1t = 0x0294, kTim8t = 0x0295, kTim64t = 0x0296, kT1024t = 0x0297;

// A bare machine driven either by Cpu::run() or by single steps.
struct Machine : BareMachine {
  using BareMachine::BareMachine;

  // Up to `max` instructions, stopping as Cpu::run() does (after the
  // instruction during which the TIA raised stop); returns how many ran.
  uint32_t run(uint32_t max, bool stepwise) {
    st.stop = false;
    if (!stepwise) return cpu.run(bus, max);
    uint32_t done = 0;
    while (done < max && !cpu.jammed()) {
      cpu.step(bus);
      ++done;
      if (st.stop) break;
    }
    return done;
  }

  // One frame as the console runs it (ALE's TIA::update).
  void frame(bool stepwise) {
    if (!tia.frame_pending()) {
      const int32_t clocks = tia.clocks_into_line();
      const uint32_t cycles = st.cycles();
      riot.rebase(cycles);
      tia.rebase(cycles);
      st.counter_base = st.total_cycles;
      tia.start_frame(clocks);
    }
    tia.mark_frame_pending();
    run(25000, stepwise);
    tia.finish_run();
  }

  // Everything a skip could disturb.
  struct Snapshot {
    std::tuple<uint16_t, uint8_t, uint8_t, uint8_t, uint8_t, uint8_t, uint8_t, bool, uint64_t> cpu;
    std::tuple<uint64_t, uint64_t, uint8_t, bool, bool> bus;
    std::vector<uint8_t> chips;  // RIOT, TIA (frame buffer included) and cartridge states
    bool operator==(const Snapshot&) const = default;
  };
  // The TIA's state is large (frame buffers): `with_tia` = false leaves it out.
  Snapshot snapshot(bool with_tia = true) const {
    const CpuState& c = cpu.state();
    StateWriter w;
    riot.save_state(w);
    if (with_tia) tia.save_state(w);
    cart->save_state(w);
    return {{c.pc, c.a, c.x, c.y, c.sp, c.p, c.ir, c.jammed, c.instructions},
            {st.total_cycles, st.counter_base, st.data_bus, st.last_access_read, st.stop},
            w.bytes()};
  }
};

void PrintTo(const Machine::Snapshot& s, std::ostream* os) {
  const auto& [pc, a, x, y, sp, p, ir, jammed, instructions] = s.cpu;
  const auto& [cycles, base, data_bus, last_read, stop] = s.bus;
  *os << "pc=" << pc << " a=" << +a << " x=" << +x << " y=" << +y << " sp=" << +sp << " p=" << +p
      << " ir=" << +ir << " jammed=" << jammed << " instructions=" << instructions
      << " cycles=" << cycles << " base=" << base << " data_bus=" << +data_bus
      << " last_read=" << last_read << " stop=" << stop << " (+" << s.chips.size()
      << " bytes of chip state)";
}

// A 4K image: `program` at $F000, reset vector to it, NOP filler.
std::vector<uint8_t> image(const std::vector<uint8_t>& program) {
  std::vector<uint8_t> rom(4096, 0xEA);
  std::copy(program.begin(), program.end(), rom.begin());
  rom[0xFFC] = 0x00;
  rom[0xFFD] = 0xF0;
  return rom;
}

uint8_t lo(uint16_t a) {
  return static_cast<uint8_t>(a);
}
uint8_t hi(uint16_t a) {
  return static_cast<uint8_t>(a >> 8);
}

// Runs both machines in chunks of varying size (so budgets end anywhere in
// the loops) and compares them after every chunk.
void expect_same_in_chunks(const std::vector<uint8_t>& rom, const std::string& type,
                           uint32_t instructions) {
  Machine skipping(rom, type), stepping(rom, type);
  static constexpr uint32_t kChunks[] = {1, 2, 3, 5, 7, 11, 64, 250, 999, 4000};
  uint32_t total = 0;
  for (int i = 0; total < instructions; ++i) {
    const uint32_t chunk = kChunks[i % std::size(kChunks)];
    const uint32_t done = skipping.run(chunk, false);
    ASSERT_EQ(stepping.run(done, true), done);
    const bool with_tia = i % 16 == 15 || total + done >= instructions;
    ASSERT_EQ(skipping.snapshot(with_tia), stepping.snapshot(with_tia))
        << "after " << total << " + " << done << " instructions, pc $" << std::hex
        << skipping.cpu.state().pc;
    total += done == 0 ? chunk : done;
  }
}

// Every read instruction and branch the loop shape allows, against each
// timer register and prescaler: set the timer, poll it, store what the
// poll left in A/X/Y and P to RAM, and start over with a new timer value.
TEST(CpuTimerPolling, SkippedLoopsLeaveTheSameMachineAsSteppedOnes) {
  struct Read {
    uint8_t opcode;
    uint16_t addr;
  };
  const Read reads[] = {{0xAD, kIntim},          {0xAE, kIntim},           {0xAC, kIntim},
                        {0x2C, kIntim},          {0xAD, kTimint},          {0x2C, kTimint},
                        {0xAD, kIntim | 0x0002}, {0xAE, kTimint | 0x0002}, {0xAD, kIntim + 0x0800},
                        {0xAC, 0x0F8C}};  // $0F8C: an INTIM mirror (A12 = 0, A9 = A7 = A2 = 1)
  const uint8_t branches[] = {0x10, 0x30, 0x50, 0x70, 0xD0, 0xF0};
  const uint16_t timers[] = {kTim1t, kTim8t, kTim64t, kT1024t};
  for (const Read& read : reads) {
    for (uint8_t branch : branches) {
      for (uint16_t timer : timers) {
        SCOPED_TRACE(::testing::Message()
                     << std::hex << "read $" << int{read.opcode} << " $" << read.addr
                     << ", branch $" << int{branch} << ", timer $" << timer);
        const std::vector<uint8_t> program = {
            0xE6,        0x80,                          // F000 INC $80   <- again
            0xA5,        0x80,                          // F002 LDA $80
            0x29,        0x8F,                          // F004 AND #$8F
            0x8D,        lo(timer),     hi(timer),      // F006 STA timer (0..15, 128..143)
            0xA9,        0x8A,                          // F009 LDA #$8A  (BIT's mask)
            read.opcode, lo(read.addr), hi(read.addr),  // F00B wait: read
            branch,      0xFB,                          // F00E branch wait
            0x85,        0x81,          0x86,          0x82,
            0x84,        0x83,                                // F010 STA $81 / STX $82 / STY $83
            0x08,        0x68,          0x85,          0x84,  // F016 PHP / PLA / STA $84
            0x4C,        0x00,          0xF0,                 // F01A JMP again
        };
        expect_same_in_chunks(image(program), "4K", 20000);
      }
    }
  }
}

// Delay loops (`delay: DEX / BPL delay` and kin) are counted in bulk too:
// every start value of the register, each branch, entered at the decrement
// or straight at the branch with flags that have nothing to do with it.
TEST(CpuTimerPolling, SkippedDelayLoopsLeaveTheSameMachineAsSteppedOnes) {
  for (uint8_t decrement : {uint8_t{0xCA}, uint8_t{0x88}}) {  // DEX, DEY
    for (uint8_t branch : {uint8_t{0xD0}, uint8_t{0x10}, uint8_t{0x30}}) {
      for (uint8_t entry : {uint8_t{0x0D}, uint8_t{0x0E}}) {
        SCOPED_TRACE(::testing::Message()
                     << std::hex << "decrement $" << int{decrement} << ", branch $" << int{branch}
                     << ", entry $F0" << int{entry});
        const std::vector<uint8_t> program = {
            0xE6,      0x80,               // F000 INC $80   <- again
            0xA6,      0x80,               // F002 LDX $80
            0xA4,      0x80,               // F004 LDY $80
            0xA5,      0x80,               // F006 LDA $80
            0x49,      0xA5,               // F008 EOR #$A5  (flags unrelated to X and Y)
            0x4C,      entry, 0xF0,        // F00A JMP delay or the branch
            decrement,                     // F00D delay: DEX or DEY
            branch,    0xFD,               // F00E branch delay
            0x86,      0x81,  0x84, 0x82,  // F010 STX $81 / STY $82
            0x08,      0x68,  0x85, 0x83,  // F014 PHP / PLA / STA $83
            0x4C,      0x00,  0xF0,        // F018 JMP again
        };
        expect_same_in_chunks(image(program), "4K", 140000);
      }
    }
  }
}

// The skip must actually happen for the loops above: the bus reports the
// quiet passes of an `LDA INTIM / BNE` loop on a freshly set timer.
TEST(CpuTimerPolling, BusCountsTheQuietPassesOfAnIntimLoop) {
  Machine m(image({0xEA}), "4K");
  m.bus.write(kTim64t, 10);  // INTIM reads 9 on the cycle after the write, ... 0 after 576
  uint8_t last = 0;
  // First read 4 cycles from now, one every 7 cycles, looping while INTIM != 0.
  const uint32_t polls = m.bus.quiet_polls(kIntim, 4, 7, 1000, 0xFF, true, last);
  uint32_t expected = 0;
  uint8_t expected_last = 0;
  Riot copy = m.riot;
  const uint32_t base_cycles = m.st.cycles();
  for (;; ++expected) {
    m.st.total_cycles = m.st.counter_base + base_cycles + 4 + 7 * expected;
    const uint8_t v = copy.read_io(kIntim);
    if (v == 0) break;
    expected_last = v;
  }
  EXPECT_GT(polls, 70u);
  EXPECT_EQ(polls, expected);
  EXPECT_EQ(last, expected_last);
  // Not a timer register: never skipped.
  EXPECT_EQ(m.bus.quiet_polls(0x0280, 4, 7, 1000, 0xFF, false, last), 0u);  // SWCHA
  EXPECT_EQ(m.bus.quiet_polls(0x0080, 4, 7, 1000, 0xFF, false, last), 0u);  // RAM
  EXPECT_EQ(m.bus.quiet_polls(0x1284, 4, 7, 1000, 0xFF, false, last), 0u);  // cartridge
}

// The first INTIM read past expiry freezes an offset in the RIOT: that read
// is never skipped, and reads after it are.
TEST(CpuTimerPolling, TheReadThatLatchesTheInterruptIsNotSkipped) {
  Machine m(image({0xEA}), "4K");
  m.bus.write(kTim8t, 2);  // expires 16 cycles after the write
  uint8_t last = 0;
  // Looping while INTIM >= 0 (BPL), a read every cycle: 8 reads of 1, 8 of
  // 0; the read of $FF on the expiry cycle leaves the loop.
  const uint32_t polls = m.bus.quiet_polls(kIntim, 1, 1, 1000, 0x80, false, last);
  EXPECT_EQ(polls, 16u);
  EXPECT_EQ(last, 0x00);
  EXPECT_FALSE(m.riot.state().read_after_interrupt);
  // Looping while negative (BMI) from the expiry cycle: the $FF read, then stop.
  EXPECT_EQ(m.bus.quiet_polls(kIntim, 17, 1, 1000, 0x80, true, last), 1u);
  EXPECT_EQ(last, 0xFF);
  m.st.total_cycles += 30;
  m.bus.read(kIntim);  // latches
  ASSERT_TRUE(m.riot.state().read_after_interrupt);
  EXPECT_GT(m.bus.quiet_polls(kIntim, 4, 7, 1000, 0x80, true, last), 0u);
}

std::vector<uint8_t> load_rom(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Real games, each polling the timer its own way (LDA/LDX/LDY/BIT of INTIM
// or TIMINT with BNE/BPL/BMI): whole frames, then runs cut at arbitrary
// instruction budgets.
TEST(CpuTimerPolling, RealGamesRunTheSameWithAndWithoutSkipping) {
  const char* games[] = {"space_invaders", "ms_pacman",  "seaquest",  "frogger",
                         "atlantis",       "beam_rider", "king_kong", "solaris"};
  int found = 0;
  for (const char* game : games) {
    const auto path = test::rom_path(game);
    if (!std::filesystem::exists(path)) continue;
    ++found;
    SCOPED_TRACE(game);
    const std::vector<uint8_t> rom = load_rom(path);
    Machine skipping(rom, ""), stepping(rom, "");
    for (int f = 0; f < 60; ++f) {
      skipping.frame(false);
      stepping.frame(true);
      ASSERT_EQ(skipping.snapshot(), stepping.snapshot()) << "frame " << f;
    }
    expect_same_in_chunks(rom, "", 20000);
  }
  if (found == 0) GTEST_SKIP() << "no ROMs under " << test::shared_dir();
}

}  // namespace
}  // namespace ag::emu
