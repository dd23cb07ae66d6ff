#include "env/ale_env.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>

#include "support/ale_settings.hpp"
#include "support/paths.hpp"
#include "support/temp_files.hpp"

using namespace ag::env;

namespace {

using ag::test::no_sticky;

std::filesystem::path write_bytes(const std::filesystem::path& p,
                                  const std::vector<uint8_t>& bytes) {
  std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return p;
}

std::string error_of(const std::filesystem::path& p) {
  try {
    AleEnv env(p);
  } catch (const EnvError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(AleEnv, MissingEmptyHugeAndUnknownRomsAreClearErrors) {
  EXPECT_NE(error_of("/nonexistent/pong.bin").find("not found"), std::string::npos);
  const ag::test::TempDir dir("ale-env-roms");
  auto empty = write_bytes(dir / "ag_empty.bin", {});
  EXPECT_NE(error_of(empty).find("empty file"), std::string::npos);
  auto huge = write_bytes(dir / "ag_huge.bin", std::vector<uint8_t>(600 * 1024, 0xEA));
  EXPECT_NE(error_of(huge).find("too large"), std::string::npos);
  auto unknown = write_bytes(dir / "ag_unknown.bin", std::vector<uint8_t>(4096, 0xEA));
  std::string e = error_of(unknown);
  EXPECT_NE(e.find("unknown ROM image"), std::string::npos) << e;
  EXPECT_NE(e.find("ag_unknown.bin"), std::string::npos) << e;
}

TEST(AleEnv, SameSeedSameRunWithStickyActions) {
  auto rom = ag::test::rom_path("breakout");
  if (!std::filesystem::exists(rom)) GTEST_SKIP();
  AleSettings s;
  s.random_seed = 123;
  AleEnv a(rom, s), b(rom, s);
  auto acts = a.minimal_action_set();
  for (int i = 0; i < 2000; ++i) {
    Action act = acts[(i * 7) % acts.size()];
    ASSERT_EQ(a.act(act), b.act(act));
    ASSERT_EQ(0, std::memcmp(a.ram(), b.ram(), 128)) << "frame " << i;
    if (a.game_over()) {
      a.reset_game();
      b.reset_game();
    }
  }
}

TEST(AleEnv, CloneRestoreRoundTripReplaysIdentically) {
  auto rom = ag::test::rom_path("space_invaders");
  if (!std::filesystem::exists(rom)) GTEST_SKIP();
  AleEnv env(rom);  // sticky actions on: the RNG must be part of the state
  auto acts = env.minimal_action_set();
  for (int i = 0; i < 300; ++i) env.act(acts[i % acts.size()]);
  AleState s = env.clone_state(true);
  std::vector<std::vector<uint8_t>> first;
  for (int i = 0; i < 200; ++i) {
    env.act(acts[(i * 5) % acts.size()]);
    first.emplace_back(env.screen(), env.screen() + 210 * 160);
    first.back().insert(first.back().end(), env.ram(), env.ram() + 128);
  }
  env.restore_state(s);
  for (int i = 0; i < 200; ++i) {
    env.act(acts[(i * 5) % acts.size()]);
    std::vector<uint8_t> now(env.screen(), env.screen() + 210 * 160);
    now.insert(now.end(), env.ram(), env.ram() + 128);
    ASSERT_EQ(now, first[i]) << "diverged at frame " << i;
  }
  EXPECT_EQ(env.clone_state(true).bytes.size(), s.bytes.size());
}

TEST(AleEnv, CorruptStateIsAnErrorAndLeavesNoCrash) {
  auto rom = ag::test::rom_path("pong");
  if (!std::filesystem::exists(rom)) GTEST_SKIP();
  AleEnv env(rom, no_sticky());
  AleState s = env.clone_state();
  AleState cut{std::vector<uint8_t>(s.bytes.begin(), s.bytes.begin() + s.bytes.size() / 2)};
  EXPECT_THROW(env.restore_state(cut), EnvError);
  AleState junk{std::vector<uint8_t>(100, 0x42)};
  EXPECT_THROW(env.restore_state(junk), EnvError);
}

TEST(AleEnv, FrameLimitTruncatesAndStopsTheEpisode) {
  auto rom = ag::test::rom_path("pong");
  if (!std::filesystem::exists(rom)) GTEST_SKIP();
  AleSettings s = no_sticky();
  s.max_num_frames_per_episode = 100;
  AleEnv env(rom, s);
  for (int i = 0; i < 99; ++i) env.act(NOOP);
  EXPECT_FALSE(env.game_truncated());
  env.act(NOOP);
  EXPECT_TRUE(env.game_truncated());
  EXPECT_TRUE(env.game_over());
  EXPECT_FALSE(env.game_over(false));
  int before = env.frame_number();
  env.act(NOOP);  // ALE emulates nothing once the episode is over
  EXPECT_EQ(env.frame_number(), before);
  env.reset_game();
  EXPECT_EQ(env.episode_frame_number(), 0);
  EXPECT_FALSE(env.game_over());
}

TEST(AleEnv, FrameSkipRunsThatManyFrames) {
  auto rom = ag::test::rom_path("pong");
  if (!std::filesystem::exists(rom)) GTEST_SKIP();
  AleSettings s = no_sticky();
  s.frame_skip = 4;
  AleEnv env(rom, s);
  int f0 = env.frame_number();
  env.act(NOOP);
  EXPECT_EQ(env.frame_number() - f0, 4);
}

TEST(AleEnv, UnknownModeListsTheAvailableOnes) {
  auto rom = ag::test::rom_path("space_invaders");
  if (!std::filesystem::exists(rom)) GTEST_SKIP();
  AleEnv env(rom, no_sticky());
  try {
    env.set_mode(9999);
    FAIL();
  } catch (const EnvError& e) {
    EXPECT_NE(std::string(e.what()).find("available"), std::string::npos);
  }
}
