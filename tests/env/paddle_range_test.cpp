// Games whose ALE settings change the paddle range (RomSettings::
// modifyEnvironmentSettings sets "paddle_max" before the environment is
// built): the range's top, and so the paddles' start at its middle, differ.
#include <gtest/gtest.h>

#include "env/ale_env.hpp"
#include "env/game.hpp"
#include "support/paths.hpp"

using namespace ag::env;

TEST(PaddleRange, BackgammonAndBlackjackWidenTheRangeOthersKeepAlesDefault) {
  EXPECT_EQ(find_game_by_rom("backgammon")->paddle_max, 1000000);
  EXPECT_EQ(find_game_by_rom("blackjack")->paddle_max, 795000);
  int overridden = 0;
  for (const GameSpec& g : all_games()) overridden += g.paddle_max != 0;
  EXPECT_EQ(overridden, 2);
}

// The cursor Backgammon keeps at $E8 follows the paddle. ALE 0.12.1 starts
// the paddle at (27450 + 1000000) / 2 and shows $E8 = 0x12 right after
// loading the ROM; the default range's middle (408823) showed 0x17.
TEST(PaddleRange, BackgammonStartsWithThePaddleAtTheMiddleOfItsWiderRange) {
  auto rom = ag::test::rom_path("backgammon");
  if (!std::filesystem::exists(rom)) GTEST_SKIP();
  AleEnv env(rom);
  EXPECT_EQ(env.ram()[0xE8 - 0x80], 0x12);
}
