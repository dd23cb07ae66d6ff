// The console driving a tiny hand-written program: frames end at VSYNC,
// the picture, RAM and ports through mirror addresses, work counters.
#include <gtest/gtest.h>

#include "emu/console.hpp"
#include "emu/console_rom.hpp"

namespace ag::emu {
namespace {

TEST(ConsoleFrame, FramesEndAtVsync) {
  Console c(testing::frame_loop_rom(), RomProperties{});
  c.run_frame();  // the rest of the frame the constructor's reset began
  const WorkCounters before = c.work();
  c.run_frame();
  const WorkCounters after = c.work();
  EXPECT_EQ(after.frames, before.frames + 1);
  const uint64_t cycles = after.cpu_cycles - before.cpu_cycles;
  EXPECT_GE(cycles, 252u * 76);  // 250 lines + 3 lines of VSYNC
  EXPECT_LE(cycles, 254u * 76);
  EXPECT_GT(after.tia_writes, before.tia_writes + 250);
}

TEST(ConsoleFrame, ScreenShowsTheBackgroundColour) {
  Console c(testing::frame_loop_rom(), RomProperties{});
  for (int i = 0; i < 3; ++i) c.run_frame();
  ASSERT_EQ(c.screen_height(), 210);
  const uint8_t* s = c.screen();
  int wrong = 0;
  for (int i = 0; i < 210 * 160; ++i) wrong += s[i] != 0x1E;
  EXPECT_EQ(wrong, 0);
}

TEST(ConsoleFrame, RamAndPortsThroughTheBus) {
  Console c(testing::frame_loop_rom(), RomProperties{});
  c.run_frame();
  const uint8_t count = c.ram(0);
  c.run_frame();
  EXPECT_EQ(c.ram(0), static_cast<uint8_t>(count + 1));
  EXPECT_EQ(c.ram(1), 0x3F);  // SWCHB: difficulties B, colour, no switch pressed
  c.controls().reset = true;
  c.run_frame();
  EXPECT_EQ(c.ram(1), 0x3E);
  c.set_ram(0, 0x70);
  c.run_frame();
  EXPECT_EQ(c.ram(0), 0x71);
}

TEST(ConsoleFrame, TwoConsolesRunIdentically) {
  Console a(testing::frame_loop_rom(), RomProperties{});
  Console b(testing::frame_loop_rom(), RomProperties{});
  for (int i = 0; i < 5; ++i) {
    a.run_frame();
    b.run_frame();
  }
  for (int i = 0; i < 128; ++i) EXPECT_EQ(a.ram(i), b.ram(i)) << i;
}

TEST(ConsoleFrame, DefaultDifficultyComesFromTheProperties) {
  RomProperties props;
  props.left_difficulty_a = true;
  Console c(testing::frame_loop_rom(), props);
  c.run_frame();
  c.run_frame();
  EXPECT_EQ(c.ram(1), 0x7F);
}

TEST(ConsoleFrame, NtscGameStaysNtsc) {
  Console c(testing::frame_loop_rom(), RomProperties{});
  EXPECT_EQ(c.tv_standard(), TvStandard::Ntsc);
}

}  // namespace
}  // namespace ag::emu
