// save_state / load_state: complete and byte-exact.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "emu/console.hpp"
#include "emu/console_rom.hpp"

namespace ag::emu {
namespace {

struct Snapshot {
  std::vector<uint8_t> ram, screen;
  bool operator==(const Snapshot&) const = default;
};

Snapshot snapshot(const Console& c) {
  return {std::vector<uint8_t>(c.ram_data(), c.ram_data() + 128),
          std::vector<uint8_t>(c.screen(), c.screen() + 160 * c.screen_height())};
}

std::vector<uint8_t> save(const Console& c) {
  StateWriter w;
  c.save_state(w);
  return w.bytes();
}

void load(Console& c, const std::vector<uint8_t>& bytes) {
  StateReader r(bytes);
  c.load_state(r);
  EXPECT_TRUE(r.at_end());
}

// Runs `frames` frames with inputs that vary, recording every frame.
std::vector<Snapshot> run(Console& c, int frames, int seed) {
  std::vector<Snapshot> out;
  for (int i = 0; i < frames; ++i) {
    auto& j = c.controls().joystick[0];
    int k = (i + seed) / 7;
    j.left = k % 3 == 0;
    j.right = k % 3 == 1;
    j.fire = k % 2 == 0;
    c.run_frame();
    out.push_back(snapshot(c));
  }
  return out;
}

void check_round_trip(Console& c, int warmup, int frames) {
  run(c, warmup, 0);
  const std::vector<uint8_t> state = save(c);
  const auto first = run(c, frames, 1);
  load(c, state);
  EXPECT_EQ(save(c), state);  // save -> load -> save gives the same bytes
  const auto second = run(c, frames, 1);
  ASSERT_EQ(first.size(), second.size());
  for (size_t i = 0; i < first.size(); ++i) EXPECT_TRUE(first[i] == second[i]) << "frame " << i;
}

TEST(ConsoleState, RoundTripWithTheTestProgram) {
  Console c(testing::frame_loop_rom(), RomProperties{});
  check_round_trip(c, 5, 10);
}

TEST(ConsoleState, RoundTripOnSpaceInvaders) {
  const std::filesystem::path rom_path =
      std::filesystem::path(AG_SOURCE_DIR) / ".." / "shared" / "roms" / "space_invaders.bin";
  std::ifstream f(rom_path, std::ios::binary);
  if (!f) GTEST_SKIP() << "no ROM at " << rom_path;
  std::vector<uint8_t> rom((std::istreambuf_iterator<char>(f)), {});
  Console c(rom, RomProperties{});
  c.controls().reset = true;
  c.run_frame();
  c.controls().reset = false;
  check_round_trip(c, 300, 100);
}

TEST(ConsoleState, LoadingIntoAnotherConsoleContinuesIdentically) {
  Console a(testing::frame_loop_rom(), RomProperties{});
  Console b(testing::frame_loop_rom(), RomProperties{});
  run(a, 4, 0);
  load(b, save(a));
  EXPECT_TRUE(run(a, 6, 3) == run(b, 6, 3));
}

TEST(ConsoleState, MalformedStatesAreRejectedAndLeaveTheConsoleAlone) {
  Console c(testing::frame_loop_rom(), RomProperties{});
  run(c, 3, 0);
  const std::vector<uint8_t> good = save(c);
  for (size_t cut : {size_t{0}, size_t{3}, good.size() / 2, good.size() - 1}) {
    std::vector<uint8_t> bad(good.begin(), good.begin() + cut);
    StateReader r(bad);
    EXPECT_THROW(c.load_state(r), StateError) << cut;
    EXPECT_EQ(save(c), good) << cut;
  }
  std::vector<uint8_t> wrong_tag = good;
  wrong_tag[0] ^= 0xFF;
  StateReader r(wrong_tag);
  EXPECT_THROW(c.load_state(r), StateError);
  EXPECT_EQ(save(c), good);
}

}  // namespace
}  // namespace ag::emu
