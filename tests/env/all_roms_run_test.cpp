// Every supported ROM loads, resets and runs 10,000 random frames without error.
#include <gtest/gtest.h>

#include <random>

#include "env/ale_env.hpp"
#include "support/paths.hpp"

using namespace ag::env;

class AllRoms : public ::testing::TestWithParam<std::string> {};

TEST_P(AllRoms, LoadsResetsAndRuns10000RandomFrames) {
  auto rom = ag::test::rom_path(GetParam());
  if (!std::filesystem::exists(rom)) GTEST_SKIP() << "missing " << rom;
  AleSettings s;
  s.random_seed = 1;
  AleEnv env(rom, s);
  auto acts = env.minimal_action_set();
  ASSERT_FALSE(acts.empty());
  std::mt19937 rng(42);
  int frames = 0, episodes = 0;
  while (frames < 10000) {
    env.act(acts[rng() % acts.size()]);
    ++frames;
    if (env.game_over()) {
      env.reset_game();
      ++episodes;
    }
  }
  // The console really ran: frames were produced and the CPU is alive.
  EXPECT_GE(env.console().work().frames, 10000u);
  EXPECT_GT(env.console().work().cpu_instructions, 10000u * 100u);
}

static std::vector<std::string> all_rom_names() {
  std::vector<std::string> out;
  for (auto& g : all_games()) out.emplace_back(g.rom);
  return out;
}

INSTANTIATE_TEST_SUITE_P(Supported, AllRoms, ::testing::ValuesIn(all_rom_names()),
                         [](const auto& info) { return info.param; });
