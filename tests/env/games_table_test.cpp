// The games table: one spec per supported ROM, with ALE's action sets, modes
// and difficulties (spot checks hand-checked against ALE's
// games/supported/*.cpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "env/game.hpp"
#include "support/paths.hpp"

using namespace ag::env;

namespace {

std::vector<int> ints(const std::vector<Action>& v) {
  return {v.begin(), v.end()};
}

const GameSpec& game(std::string_view rom) {
  const GameSpec* g = find_game_by_rom(rom);
  if (!g) throw std::runtime_error("no game " + std::string(rom));
  return *g;
}

}  // namespace

TEST(GamesTable, HasOneSpecPerSupportedRomWithItsMd5) {
  auto path = ag::test::shared_dir() / "roms" / "md5.json";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "missing " << path;
  nlohmann::json md5s = nlohmann::json::parse(std::ifstream(path));
  ASSERT_EQ(md5s.size(), 104u);
  EXPECT_EQ(all_games().size(), md5s.size());
  for (auto& [file, md5] : md5s.items()) {
    const std::string stem = file.substr(0, file.rfind('.'));
    const GameSpec* by_md5 = find_game_by_md5(md5.get<std::string>());
    ASSERT_NE(by_md5, nullptr) << file;
    EXPECT_EQ(by_md5->rom, stem);
    EXPECT_EQ(find_game_by_rom(stem), by_md5);
  }
}

TEST(GamesTable, NamesAndChecksumsAreUnique) {
  std::set<std::string_view> roms, titles, md5s;
  for (const auto& g : all_games()) {
    EXPECT_TRUE(roms.insert(g.rom).second) << g.rom;
    EXPECT_TRUE(titles.insert(g.title).second) << g.title;
    EXPECT_TRUE(md5s.insert(g.md5).second) << g.rom;
    EXPECT_EQ(g.md5.size(), 32u) << g.rom;
    EXPECT_EQ(find_game_by_title(g.title), &g);
  }
}

TEST(GamesTable, UnknownNamesAreNotFound) {
  EXPECT_EQ(find_game_by_md5("00000000000000000000000000000000"), nullptr);
  EXPECT_EQ(find_game_by_rom("combat"), nullptr);
  EXPECT_EQ(find_game_by_title("space_invaders"), nullptr);
}

TEST(GamesTable, ActionSetsAreAscendingValidAndMinimalIsLegal) {
  for (const auto& g : all_games()) {
    SCOPED_TRACE(std::string(g.rom));
    ASSERT_FALSE(g.minimal_actions.empty());
    // ALE lists both sets by action id; strictly ascending also means no duplicates.
    EXPECT_TRUE(
        std::is_sorted(g.minimal_actions.begin(), g.minimal_actions.end(), std::less_equal<>()));
    EXPECT_TRUE(
        std::is_sorted(g.legal_actions.begin(), g.legal_actions.end(), std::less_equal<>()));
    for (Action a : g.minimal_actions) {
      EXPECT_GE(a, 0);
      EXPECT_LT(a, kNumActions);
      EXPECT_TRUE(std::count(g.legal_actions.begin(), g.legal_actions.end(), a)) << a;
    }
    for (Action a : g.starting_actions) EXPECT_TRUE((a >= 0 && a < kNumActions) || a == RESET);
  }
}

TEST(GamesTable, ModesAndDifficultiesAreWellFormed) {
  for (const auto& g : all_games()) {
    SCOPED_TRACE(std::string(g.rom));
    ASSERT_FALSE(g.modes.empty());
    EXPECT_EQ(g.default_mode, g.modes.front());
    EXPECT_EQ(std::set<int>(g.modes.begin(), g.modes.end()).size(), g.modes.size());
    ASSERT_FALSE(g.difficulties.empty());
    EXPECT_EQ(g.default_difficulty, 0);  // ALE's, whatever the game lists
  }
}

TEST(GamesTable, LogicStartsResetAndRejectsUnknownModes) {
  for (const auto& g : all_games()) {
    SCOPED_TRACE(std::string(g.rom));
    auto logic = g.make_logic();
    ASSERT_NE(logic, nullptr);
    EXPECT_EQ(logic->reward(), 0);
    EXPECT_FALSE(logic->terminal());
    struct NoHost final : GameHost {
      uint8_t read_ram(uint16_t) const override { throw std::logic_error("read"); }
      void write_ram(uint16_t, uint8_t) override {}
      void press_select(int) override { throw std::logic_error("select"); }
      void soft_reset() override { throw std::logic_error("reset"); }
      void act(Action, Action) override { throw std::logic_error("act"); }
      EnvRng& env_rng() override { return rng; }
      EnvRng rng;
    } host;
    EXPECT_THROW(logic->set_mode(-1, host), std::invalid_argument);
    EXPECT_THROW(logic->set_mode(100000, host), std::invalid_argument);
  }
}

// Lives before any frame (ALE's max lives for truncate_on_loss_of_life).
TEST(GamesTable, StartingLivesAreAles) {
  EXPECT_EQ(game("breakout").make_logic()->lives(), 5);
  EXPECT_EQ(game("space_invaders").make_logic()->lives(), 3);
  EXPECT_EQ(game("jamesbond").make_logic()->lives(), 6);
  EXPECT_EQ(game("riverraid").make_logic()->lives(), 4);
  EXPECT_EQ(game("pong").make_logic()->lives(), 0);
  EXPECT_EQ(game("adventure").make_logic()->lives(), 1);
  EXPECT_EQ(game("air_raid").make_logic()->lives(), 1);  // RomSettings' default
  EXPECT_EQ(game("mario_bros").make_logic()->lives(), 0);
  EXPECT_EQ(game("tetris").make_logic()->lives(), 0);
}

TEST(GamesTable, SpotChecksAgainstAle) {
  EXPECT_EQ(ints(game("space_invaders").minimal_actions), (std::vector<int>{0, 1, 3, 4, 11, 12}));
  EXPECT_EQ(game("space_invaders").modes.size(), 16u);
  EXPECT_EQ(game("space_invaders").difficulties, (std::vector<int>{0, 1}));

  EXPECT_EQ(ints(game("pong").minimal_actions), (std::vector<int>{0, 1, 3, 4, 11, 12}));
  EXPECT_EQ(game("pong").modes, (std::vector<int>{0, 1}));
  EXPECT_EQ(game("pong").difficulties, (std::vector<int>{0, 1, 2, 3}));

  EXPECT_EQ(ints(game("breakout").minimal_actions), (std::vector<int>{0, 1, 3, 4}));
  EXPECT_EQ(game("breakout").modes,
            (std::vector<int>{0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44}));

  EXPECT_EQ(ints(game("freeway").minimal_actions), (std::vector<int>{0, 2, 5}));
  EXPECT_EQ(ints(game("ms_pacman").minimal_actions), (std::vector<int>{0, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_EQ(ints(game("enduro").minimal_actions), (std::vector<int>{0, 1, 3, 4, 5, 8, 9, 11, 12}));
  EXPECT_EQ(ints(game("kung_fu_master").minimal_actions),
            (std::vector<int>{0, 2, 3, 4, 5, 8, 9, 11, 12, 13, 14, 15, 16, 17}));
  EXPECT_EQ(ints(game("video_checkers").minimal_actions), (std::vector<int>{1, 6, 7, 8, 9}));
  EXPECT_EQ(ints(game("seaquest").minimal_actions).size(), 18u);

  // Skiing and Lost Luggage declare the FIRE actions illegal.
  EXPECT_EQ(ints(game("skiing").minimal_actions), (std::vector<int>{0, 3, 4}));
  EXPECT_EQ(ints(game("skiing").legal_actions), (std::vector<int>{0, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_EQ(ints(game("lost_luggage").legal_actions), ints(game("skiing").legal_actions));
  EXPECT_EQ(game("pong").legal_actions.size(), 18u);

  std::vector<int> asteroids_modes;
  for (int m = 0; m < 32; ++m) asteroids_modes.push_back(m);
  asteroids_modes.push_back(0x80);
  EXPECT_EQ(game("asteroids").modes, asteroids_modes);
  EXPECT_EQ(game("asteroids").difficulties, (std::vector<int>{0, 3}));
  EXPECT_EQ(game("berzerk").modes, (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 17, 18}));
  EXPECT_EQ(game("berzerk").default_mode, 1);
  EXPECT_EQ(game("centipede").modes, (std::vector<int>{0x16, 0x56}));
  EXPECT_EQ(game("video_checkers").modes,
            (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19}));
  EXPECT_EQ(game("video_cube").modes.size(), 153u);
  EXPECT_EQ(game("video_cube").modes.back(), 5002);
  EXPECT_EQ(game("backgammon").difficulties, (std::vector<int>{3}));

  EXPECT_EQ(ints(game("casino").starting_actions).size(), 62u);
  EXPECT_EQ(game("keystone_kapers").starting_actions, (std::vector<Action>{RESET}));
  EXPECT_EQ(game("sir_lancelot").starting_actions, (std::vector<Action>{RESET, LEFT}));

  // Gymnasium ids: Python's str.title() of the rom name, underscores dropped.
  EXPECT_EQ(game("tic_tac_toe_3d").title, "TicTacToe3D");
  EXPECT_EQ(game("jamesbond").title, "Jamesbond");
  EXPECT_EQ(game("up_n_down").title, "UpNDown");
  EXPECT_EQ(game("pitfall2").title, "Pitfall2");
}
