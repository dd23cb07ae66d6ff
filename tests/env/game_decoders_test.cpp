// Shared decoders, and the reward / lives / game-over transitions of
// representative games on scripted RAM, as ALE's games/supported/*.cpp
// compute them (hand-checked against that source).
#include "env/game_decoders.hpp"

#include <gtest/gtest.h>

#include "env/game.hpp"
#include "env/game_rules.hpp"
#include "support/fake_game_host.hpp"

using namespace ag::env;
using ag::test::FakeGameHost;

namespace {

std::unique_ptr<GameLogic> logic_for(std::string_view rom) {
  const GameSpec* g = find_game_by_rom(rom);
  if (!g) throw std::runtime_error("no game " + std::string(rom));
  return g->make_logic();
}

struct Outcome {
  int reward, lives;
  bool terminal;
  bool operator==(const Outcome&) const = default;
};
std::ostream& operator<<(std::ostream& os, const Outcome& o) {
  return os << "{reward " << o.reward << ", lives " << o.lives << ", over " << o.terminal << "}";
}
Outcome step(GameLogic& logic, FakeGameHost& host) {
  logic.step(host);
  return {logic.reward(), logic.lives(), logic.terminal()};
}

}  // namespace

// ------------------------------------------------------------- decoders --

TEST(Decoders, BcdValueReadsNibblesAsDigitsUnchecked) {
  EXPECT_EQ(bcd_value(0x00), 0);
  EXPECT_EQ(bcd_value(0x42), 42);
  EXPECT_EQ(bcd_value(0x99), 99);
  EXPECT_EQ(bcd_value(0xAB), 111);  // ALE does not check for digits
}

TEST(Decoders, BcdOverBytesLeastSignificantFirst) {
  FakeGameHost host;
  host.set(0xAA, 0x56);
  host.set(0xA9, 0x34);
  host.set(0xA8, 0x12);
  RamView ram(host);
  EXPECT_EQ(ram.bcd(0xAA), 56);
  EXPECT_EQ(ram.bcd(0xAA, 0xA9), 3456);
  EXPECT_EQ(ram.bcd(0xAA, 0xA9, 0xA8), 123456);
  EXPECT_EQ((bcd<0xAA, 0xA9, 0xA8>(ram)), 123456);
}

TEST(Decoders, RamAddressesBelow0x80MeanTheSameRiotByte) {
  FakeGameHost host;
  host.set(0xCD, 0x77);
  RamView ram(host);
  EXPECT_EQ(ram[77], 0x77);  // Breakout's 77 is $CD
  EXPECT_EQ(ram[0xCD], 0x77);
}

TEST(Decoders, LowNibbleDigitsTreatABlankAsZero) {
  FakeGameHost host;
  host.set(0x9C, 0x35);  // ones: 5 (high nibble ignored)
  host.set(0x9D, 0x0A);  // tens: blank
  host.set(0x9E, 0x07);
  host.set(0x9F, 0x0A);
  EXPECT_EQ(RamView(host).digits_low_nibble(0x9C, 4), 705);
}

TEST(Decoders, LivesFromMaskOffsetAndShift) {
  FakeGameHost host;
  host.set(0xBC, 0x4F);
  RamView ram(host);
  EXPECT_EQ((lives_at<0xBC>(ram, 0)), 0x4F);
  EXPECT_EQ((lives_at<0xBC, 0xF>(ram, 0)), 0xF);
  EXPECT_EQ((lives_at<0xBC, 0x7, 1>(ram, 0)), 8);
  EXPECT_EQ((lives_at<0xBC, 0xF, 0, 4>(ram, 0)), 4);
}

TEST(Decoders, MappedReadsGoThroughPeek) {
  FakeGameHost host;
  host.mapped[0xF0B4] = 0x42;
  EXPECT_EQ(RamView(host).mapped(0xF0B4), 0x42);
}

// ----------------------------------------------------- per-game logic --

TEST(GameLogic, SpaceInvadersRewardsScoreChangesAndWrapsAt10000) {
  auto logic = logic_for("space_invaders");
  FakeGameHost host;
  host.set(0xC9, 3);
  EXPECT_EQ(step(*logic, host), (Outcome{0, 3, false}));
  host.set(0xE8, 0x90);  // 9990: $E8 low BCD, $E6 high
  host.set(0xE6, 0x99);
  EXPECT_EQ(step(*logic, host), (Outcome{9990, 3, false}));
  host.set(0xE8, 0x10);  // wrapped to 0010: +20
  host.set(0xE6, 0x00);
  EXPECT_EQ(step(*logic, host), (Outcome{20, 3, false}));
  host.set(0xC9, 2);
  EXPECT_EQ(step(*logic, host), (Outcome{0, 2, false}));
  host.set(0x98, 0x80);  // game-over flag: lives() reads 0
  EXPECT_EQ(step(*logic, host), (Outcome{0, 0, true}));
}

TEST(GameLogic, AtlantisKeepsItsScoreOnTheFinalFrame) {
  auto logic = logic_for("atlantis");
  FakeGameHost host;
  host.set(0xF1, 2);
  host.set(0xA2, 0x05);  // 5 x 100
  EXPECT_EQ(step(*logic, host), (Outcome{500, 2, false}));
  host.set(0xA2, 0x00);  // the score display clears as the game ends
  host.set(0xF1, 0xFF);
  EXPECT_EQ(step(*logic, host), (Outcome{0, 0, true}));
  host.set(0xF1, 2);  // back in play with the same score: no reward
  host.set(0xA2, 0x05);
  EXPECT_EQ(step(*logic, host), (Outcome{0, 2, false}));
}

TEST(GameLogic, BreakoutEndsOnlyAfterTheGameStarted) {
  auto logic = logic_for("breakout");
  FakeGameHost host;
  EXPECT_EQ(step(*logic, host), (Outcome{0, 0, false}));  // lives 0 before the start
  host.set(0xB9, 5);
  EXPECT_EQ(step(*logic, host), (Outcome{0, 5, false}));
  host.set(0xCD, 0x07);
  host.set(0xCC, 0x01);  // 107
  host.set(0xB9, 1);
  EXPECT_EQ(step(*logic, host), (Outcome{107, 1, false}));
  host.set(0xB9, 0);
  EXPECT_EQ(step(*logic, host), (Outcome{0, 0, true}));
  logic->reset();
  EXPECT_EQ(step(*logic, host), (Outcome{107, 0, false}));  // score from 0; not started yet
}

TEST(GameLogic, AsteroidsScoresTensWithLivesInTheHighNibble) {
  auto logic = logic_for("asteroids");
  FakeGameHost host;
  host.set(0xBC, 0x40);
  host.set(0xBE, 0x99);
  host.set(0xBD, 0x99);  // 9999 x 10
  EXPECT_EQ(step(*logic, host), (Outcome{99990, 4, false}));
  host.set(0xBE, 0x02);
  host.set(0xBD, 0x00);  // wrapped to 20: 99990 -> 20 is +30
  EXPECT_EQ(step(*logic, host), (Outcome{30, 4, false}));
  host.set(0xBC, 0x00);
  EXPECT_EQ(step(*logic, host), (Outcome{0, 0, true}));
}

TEST(GameLogic, RewardShapes) {
  {  // Centipede: a score drop is not a penalty.
    auto logic = logic_for("centipede");
    FakeGameHost host;
    host.set(0xF6, 0x50);
    EXPECT_EQ(step(*logic, host).reward, 50);
    host.set(0xF6, 0x00);
    EXPECT_EQ(step(*logic, host).reward, 0);
  }
  {  // Freeway: at most 1 per frame, never negative.
    auto logic = logic_for("freeway");
    FakeGameHost host;
    host.set(0xE7, 0x03);
    EXPECT_EQ(step(*logic, host).reward, 1);
    host.set(0xE7, 0x00);
    EXPECT_EQ(step(*logic, host).reward, 0);
  }
  {  // Ice Hockey: at most 1, but a goal against is -1.
    auto logic = logic_for("ice_hockey");
    FakeGameHost host;
    host.set(0x87, 1);
    host.set(0x8B, 0x01);
    EXPECT_EQ(step(*logic, host), (Outcome{-1, 0, false}));
  }
  {  // Skiing: elapsed time is a penalty.
    auto logic = logic_for("skiing");
    FakeGameHost host;
    host.set(0xE8, 1);     // 1 minute
    host.set(0xEA, 0x05);  // 5 centiseconds
    EXPECT_EQ(step(*logic, host).reward, -6005);
  }
  {  // Journey Escape: the starting cash is not a reward.
    auto logic = logic_for("journey_escape");
    FakeGameHost host;
    host.set(0x95, 1);
    host.set(0x90, 0x05);  // 50000
    EXPECT_EQ(step(*logic, host).reward, 0);
    host.set(0x92, 0x10);  // 50010
    EXPECT_EQ(step(*logic, host).reward, 10);
  }
  {  // Pitfall starts at 2000 points: seeing 2000 is no reward.
    auto logic = logic_for("pitfall");
    FakeGameHost host;
    host.set(0xD6, 0x20);
    host.set(0x80, 0xA0);
    EXPECT_EQ(step(*logic, host), (Outcome{0, 3, false}));
  }
}

TEST(GameLogic, QbertCountsLivesDownAndEndsWithoutReward) {
  auto logic = logic_for("qbert");
  FakeGameHost host;
  host.set(0x88, 2);
  host.set(0xDB, 0x25);
  EXPECT_EQ(step(*logic, host), (Outcome{25, 4, false}));
  host.set(0x88, 1);  // dropped by one
  EXPECT_EQ(step(*logic, host), (Outcome{0, 3, false}));
  host.set(0x88, 0xFE);
  host.set(0xDB, 0x50);
  EXPECT_EQ(step(*logic, host), (Outcome{0, 0, true}));
}

TEST(GameLogic, RiverRaidEndsWhenTheLastLifeByteReturnsToStart) {
  auto logic = logic_for("riverraid");
  FakeGameHost host;
  host.set(0xC0, 0x58);
  EXPECT_EQ(step(*logic, host), (Outcome{0, 4, false}));
  host.set(0xC0, 0x10);
  host.set(0xD7, 8 * 5);  // ones digit 5
  host.set(0xD5, 8 * 3);  // tens digit 3
  EXPECT_EQ(step(*logic, host), (Outcome{35, 3, false}));
  host.set(0xC0, 0x59);
  EXPECT_EQ(step(*logic, host), (Outcome{0, 1, false}));
  host.set(0xC0, 0x58);
  EXPECT_EQ(step(*logic, host), (Outcome{0, 0, true}));
}

TEST(GameLogic, AdventureKeepsItsRewardAndAlwaysShowsOneLife) {
  auto logic = logic_for("adventure");
  FakeGameHost host;
  EXPECT_EQ(step(*logic, host), (Outcome{0, 1, false}));
  host.set(0xB9, 0x12);
  EXPECT_EQ(step(*logic, host), (Outcome{1, 1, true}));
  host.set(0xB9, 0x00);
  EXPECT_EQ(step(*logic, host), (Outcome{1, 1, false}));  // ALE never clears it
  logic->reset();
  EXPECT_EQ(logic->reward(), 0);
}

TEST(GameLogic, ChopperCommandEndsOnlyAfterTheGameStarted) {
  auto logic = logic_for("chopper_command");
  FakeGameHost host;
  EXPECT_EQ(step(*logic, host), (Outcome{0, 0, false}));
  host.set(0xC2, 1);  // facing right: started
  host.set(0xE4, 3);
  EXPECT_EQ(step(*logic, host), (Outcome{0, 3, false}));
  host.set(0xC2, 0);
  host.set(0xE4, 0);
  EXPECT_EQ(step(*logic, host), (Outcome{0, 0, true}));
}

TEST(GameLogic, TennisRewardsPointsBeforeGames) {
  auto logic = logic_for("tennis");
  FakeGameHost host;
  host.set(0xC7, 1);  // my point
  EXPECT_EQ(step(*logic, host), (Outcome{1, 0, false}));
  host.set(0xC7, 0);  // game won: points reset, games 1-0
  host.set(0xC5, 1);
  EXPECT_EQ(step(*logic, host).reward, -1);  // the point difference changed first
  EXPECT_EQ(step(*logic, host).reward, 0);
  host.set(0xC6, 1);
  EXPECT_EQ(step(*logic, host).reward, -1);
  host.set(0xC7, 7);
  EXPECT_TRUE(step(*logic, host).terminal);
}

TEST(GameLogic, HangmanEndsWhenTheTimerRollsOver) {
  auto logic = logic_for("hangman");
  FakeGameHost host;
  host.set(0xF1, 0);
  EXPECT_FALSE(step(*logic, host).terminal);  // after reset the previous timer is -1
  host.set(0xF1, 255);
  EXPECT_FALSE(step(*logic, host).terminal);
  host.set(0xF1, 0);
  EXPECT_EQ(step(*logic, host), (Outcome{0, 0, true}));
  host.set(0xF1, 1);
  host.set(0xEB, 0x01);  // the player scores: +1 and the episode ends
  EXPECT_EQ(step(*logic, host), (Outcome{1, 0, true}));
}

TEST(GameLogic, SaveAndLoadRestoreEverythingKeptBetweenFrames) {
  auto logic = logic_for("breakout");
  FakeGameHost host;
  host.set(0xB9, 5);
  step(*logic, host);  // started
  host.set(0xCD, 0x12);
  step(*logic, host);
  ag::emu::StateWriter w;
  logic->save_state(w);

  auto other = logic_for("breakout");
  ag::emu::StateReader r(w.bytes());
  other->load_state(r);
  EXPECT_TRUE(r.at_end());
  EXPECT_EQ(other->reward(), 12);
  EXPECT_EQ(other->lives(), 5);
  host.set(0xB9, 0);
  host.set(0xCD, 0x15);
  // Same score memory (+3) and same started flag (over at lives 0).
  EXPECT_EQ(step(*other, host), (Outcome{3, 0, true}));
}

TEST(GameLogic, LoadRejectsTruncatedOrMalformedState) {
  auto logic = logic_for("pong");
  ag::emu::StateWriter w;
  logic->save_state(w);
  auto bytes = w.bytes();
  ag::emu::StateReader shortr(bytes.data(), bytes.size() - 1);
  EXPECT_THROW(logic->load_state(shortr), ag::emu::StateError);
  bytes[12] = 7;  // the terminal flag
  ag::emu::StateReader bad(bytes);
  EXPECT_THROW(logic->load_state(bad), ag::emu::StateError);
}

// ------------------------------------------------------- mode selection --

TEST(ModeSelection, PressesSelectUntilTheModeShowsThenResets) {
  auto logic = logic_for("space_invaders");
  FakeGameHost host;
  host.on_select = [](FakeGameHost& h) { h.set(0xDC, h.get(0xDC) + 1); };
  logic->set_mode(3, host);
  EXPECT_EQ(host.log, (std::vector<std::string>{"select:2", "select:2", "select:2", "reset"}));
}

TEST(ModeSelection, FirstPressAndMappedModeValues) {
  {  // Air Raid: one 20-frame press before looking, then 10-frame presses.
    auto logic = logic_for("air_raid");
    FakeGameHost host;
    host.on_select = [](FakeGameHost& h) { h.set(0xAA, h.get(0xAA) + 1); };
    logic->set_mode(2, host);
    EXPECT_EQ(host.log, (std::vector<std::string>{"select:20", "select:10", "reset"}));
  }
  {  // Frogger: mode m shows as 2m + 1.
    auto logic = logic_for("frogger");
    FakeGameHost host;
    host.set(0xDD, 1);
    host.on_select = [](FakeGameHost& h) { h.set(0xDD, h.get(0xDD) + 2); };
    logic->set_mode(2, host);
    EXPECT_EQ(host.get(0xDD), 5);
  }
}

TEST(ModeSelection, GamesWithOnlyModeZeroDoNothing) {
  auto logic = logic_for("pitfall");
  FakeGameHost host;
  logic->set_mode(0, host);
  EXPECT_TRUE(host.log.empty());
}

TEST(ModeSelection, AdventureDrawsPressLengthsFromTheEnvironmentRng) {
  auto logic = logic_for("adventure");
  FakeGameHost host;
  host.rng.seed(7);
  EnvRng expected(7);
  host.on_act = [](FakeGameHost& h, Action) { h.set(0xDD, h.get(0xDD) + 2); };
  logic->set_mode(2, host);
  std::vector<std::string> want;
  for (int i = 0; i < 2; ++i) {
    want.push_back("select:" + std::to_string(2 + expected() % 256));
    want.push_back("act:0");
  }
  want.push_back("reset");
  EXPECT_EQ(host.log, want);
}

TEST(ModeSelection, DemonAttackSparesTheFrameAfterAModeChange) {
  auto logic = logic_for("demon_attack");
  FakeGameHost host;
  host.set(0xEA, 1);
  logic->reset();
  logic->set_mode(1, host);
  host.set(0xF1, 0xBD);  // "no lives shown" screen
  EXPECT_FALSE(step(*logic, host).terminal);
  EXPECT_TRUE(step(*logic, host).terminal);
}

TEST(ModeSelection, VideoCheckersGiveAwayModesFlipTheReward) {
  auto logic = logic_for("video_checkers");
  FakeGameHost host;
  host.on_select = [](FakeGameHost& h) { h.set(0xF6, h.get(0xF6) + 1); };
  logic->set_mode(11, host);
  EXPECT_EQ(host.get(0xF6), 17);
  logic->reset();        // ALE's reset keeps the give-away flag
  host.set(0x80, 0x90);  // one white piece, no black: black lost
  EXPECT_EQ(step(*logic, host), (Outcome{1, 0, true}));
}

TEST(ModeSelection, GravitarSetsLivesByMode) {
  auto logic = logic_for("gravitar");
  FakeGameHost host;
  host.set(0x80, 3);
  logic->set_mode(3, host);
  EXPECT_EQ(logic->lives(), 100);
}

TEST(ModeSelection, KlaxReadsCartridgeRam) {
  auto logic = logic_for("klax");
  FakeGameHost host;
  host.mapped[0xF0EA] = 0;
  host.on_select = [](FakeGameHost& h) { ++h.mapped[0xF0EA]; };
  logic->set_mode(2, host);
  EXPECT_EQ(host.log.size(), 3u);
  host.mapped[0xF0B4] = 0x50;
  host.mapped[0xF0B5] = 0x01;
  host.mapped[0xF0B6] = 0x00;
  host.mapped[0xF0EE] = 0;
  host.mapped[0xF0E9] = 3;
  host.mapped[0xF09D] = 1;
  EXPECT_EQ(step(*logic, host), (Outcome{150, 1, false}));
  host.mapped[0xF0EE] = 3;  // all misses used
  EXPECT_TRUE(step(*logic, host).terminal);
}

TEST(ModeSelection, AModeThatNeverShowsFailsInsteadOfHanging) {
  auto logic = logic_for("space_invaders");
  FakeGameHost host;  // SELECT never changes the mode byte
  EXPECT_THROW(logic->set_mode(5, host), std::runtime_error);
}
