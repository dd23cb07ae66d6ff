// The 104 games ALE supports, as data: facts from ALE's
// games/supported/<Game>.cpp (rom name, md5, isMinimal/isLegal,
// getStartingActions, getAvailableModes/setMode, getAvailableDifficulties,
// step, reset, lives). Games of their own shape are in games_special.cpp.
//
// Reading an entry: RAM addresses are the CPU's ($80-$FF) even where ALE
// writes them as 0-$7F offsets (noted); `bcd<lo, ..., hi>` is a score in BCD
// bytes, least significant first; `lives_at<addr, mask, offset, shift>` is
// ((byte >> shift) & mask) + offset. Unless stated, the reward is the score's
// change, lives() is 0 once the game is over, lives start at 1 after reset,
// the default mode is the first listed and the default difficulty is 0
// (ALE's, for every game).
#include <algorithm>
#include <initializer_list>
#include <utility>

#include "env/game.hpp"
#include "env/game_rules.hpp"
#include "env/games_special.hpp"

namespace ag::env {

namespace {

using R = const RamView&;
using LS = LivesShown;
using RR = RewardRule;

// What a table row says about one game.
struct Entry {
  std::string_view rom, title, md5;
  std::vector<Action> minimal;  // ascending, as ALE lists it
  std::vector<Action> starting = {};
  std::vector<int> modes = {0};
  std::vector<int> difficulties = {0};
  std::vector<Action> illegal = {};  // ALE's isLegal() == false
  int paddle_max = 0;                // 0: ALE's default range
  GameRules rules;
};

const std::vector<Action> kAll = {NOOP,       FIRE,          UP,          RIGHT,     LEFT,
                                  DOWN,       UPRIGHT,       UPLEFT,      DOWNRIGHT, DOWNLEFT,
                                  UPFIRE,     RIGHTFIRE,     LEFTFIRE,    DOWNFIRE,  UPRIGHTFIRE,
                                  UPLEFTFIRE, DOWNRIGHTFIRE, DOWNLEFTFIRE};
const std::vector<Action> kFireActions = {FIRE,       UPFIRE,        RIGHTFIRE,
                                          LEFTFIRE,   DOWNFIRE,      UPRIGHTFIRE,
                                          UPLEFTFIRE, DOWNRIGHTFIRE, DOWNLEFTFIRE};

// Starting actions: each action held for its number of frames, in order.
std::vector<Action> hold(std::initializer_list<std::pair<Action, int>> runs) {
  std::vector<Action> out;
  for (auto [a, n] : runs) out.insert(out.end(), n, a);
  return out;
}

// Modes first, first + step, ..., up to last.
std::vector<int> mode_range(int first, int last, int step = 1) {
  std::vector<int> out;
  for (int m = first; m <= last; m += step) out.push_back(m);
  return out;
}
std::vector<int> join(std::vector<int> a, const std::vector<int>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// Video Cube: 100 * cube (0-50) + variation (0-2).
std::vector<int> video_cube_modes() {
  std::vector<int> out;
  for (int cube = 0; cube <= 50; ++cube) {
    for (int v = 0; v < 3; ++v) out.push_back(cube * 100 + v);
  }
  return out;
}

// One entry per game, its facts kept on a few lines (clang-format would put
// every field on its own line and spread the table over 1400 lines).
// clang-format off
std::vector<Entry> make_entries() {
  return {
      // Reward 1 (kept) once the chalice is home; lives() is always 1. Mode
      // selection draws press lengths from the environment RNG.
      {.rom = "adventure", .title = "Adventure", .md5 = "4b27f5397c442d25f0c418ccdacf1926",
       .minimal = kAll, .modes = {0, 1, 2}, .difficulties = {0, 1, 2, 3},
       .rules = {.shown = LS::kOne, .step = games::adventure_step,
                 .select = games::adventure_select}},
      // No lives counter: $A7 = 0xFF is game over. First SELECT press 20 frames.
      {.rom = "air_raid", .title = "AirRaid", .md5 = "35be55426c1fec32dfb503b4f0651572",
       .minimal = {NOOP, FIRE, RIGHT, LEFT, RIGHTFIRE, LEFTFIRE}, .starting = {FIRE},
       .modes = mode_range(1, 8),
       .rules = {.score = bcd<0xAA, 0xA9, 0xA8>, .terminal = ram_is<0xA7, 0xFF>,
                 .mode_switch = ModeSwitch{.addr = 0xAA, .press_frames = 10, .first_press = 20}}},
      // lives() reports the lives even when over; setMode re-reads them.
      {.rom = "alien", .title = "Alien", .md5 = "f1a0a23e6464d954e3a9579c4ccd01c8",
       .minimal = kAll, .modes = mode_range(0, 3), .difficulties = {0, 1, 2, 3},
       .rules = {.score = games::alien_score,
                 .terminal = [](R r) { return (r[0xC0] & 0xF) == 0; },
                 .lives = lives_at<0xC0, 0xF>, .start_lives = 3, .shown = LS::kKept,
                 .select = games::alien_select}},
      {.rom = "amidar", .title = "Amidar", .md5 = "acb7750b4d0c4bd34969802a7deb2990",
       .minimal = {NOOP, FIRE, UP, RIGHT, LEFT, DOWN, UPFIRE, RIGHTFIRE, LEFTFIRE, DOWNFIRE},
       .difficulties = {0, 3},
       .rules = {.score = bcd<0xD9, 0xDA, 0xDB>, .terminal = ram_is<0xD6, 0x80>,
                 .lives = lives_at<0xD6, 0xF>, .start_lives = 3}},
      {.rom = "assault", .title = "Assault", .md5 = "de78b3a064d374390ac0710f95edde92",
       .minimal = {NOOP, FIRE, UP, RIGHT, LEFT, RIGHTFIRE, LEFTFIRE},
       .rules = {.score = bcd<0x82, 0x81, 0x80>, .terminal = ram_is<0xE5, 0>,
                 .lives = lives_at<0xE5>, .start_lives = 4}},
      // Over when the death counter $C7 is 1 on the last life.
      {.rom = "asterix", .title = "Asterix", .md5 = "89a68746eff7f266bbf08de2483abe55",
       .minimal = {NOOP, UP, RIGHT, LEFT, DOWN, UPRIGHT, UPLEFT, DOWNRIGHT, DOWNLEFT},
       .starting = {FIRE},
       .rules = {.score = bcd<0xE0, 0xDF, 0xDE>,
                 .terminal = [](R r) { return r[0xC7] == 0x01 && (r[0xD3] & 0xF) == 1; },
                 .lives = lives_at<0xD3, 0xF>, .start_lives = 3}},
      // Score x10 wraps at 100000 (a negative change gets 100000 added).
      // Mode 0x80 is the children's game.
      {.rom = "asteroids", .title = "Asteroids", .md5 = "ccbd36746ed4525821a8083b0d6d2c2c",
       .minimal = {NOOP, FIRE, UP, RIGHT, LEFT, DOWN, UPRIGHT, UPLEFT, UPFIRE, RIGHTFIRE,
                   LEFTFIRE, DOWNFIRE, UPRIGHTFIRE, UPLEFTFIRE},
       .modes = join(mode_range(0, 31), {0x80}), .difficulties = {0, 3},
       .rules = {.score = bcd<0xBE, 0xBD>, .score_scale = 10, .reward = RR::kWrapped,
                 .score_wrap = 100000, .terminal = [](R r) { return (r[0xBC] >> 4) == 0; },
                 .lives = lives_at<0xBC, 0xF, 0, 4>, .start_lives = 4,
                 .mode_switch = ModeSwitch{.addr = 0x80, .press_frames = 2}}},
      // Score x100; the frame that ends the game gives 0 and keeps the score.
      {.rom = "atlantis", .title = "Atlantis", .md5 = "9ad36e699ef6f45d9eb6c4cf90475c9f",
       .minimal = {NOOP, FIRE, RIGHTFIRE, LEFTFIRE}, .modes = mode_range(0, 3),
       .rules = {.score = bcd<0xA2, 0xA3, 0xA1>, .score_scale = 100, .keep_score_at_end = true,
                 .terminal = ram_is<0xF1, 0xFF>, .lives = lives_at<0xF1>, .start_lives = 6,
                 .mode_switch = ModeSwitch{.addr = 0x8D, .press_frames = 2}}},
      // As Atlantis without the x100. ALE never initialises the lives here
      // (only the first frame sets them): 0 before any frame.
      {.rom = "atlantis2", .title = "Atlantis2", .md5 = "826481f6fc53ea47c9f272f7050eedf7",
       .minimal = {NOOP, FIRE, RIGHTFIRE, LEFTFIRE},
       .rules = {.score = bcd<0xA1, 0xA2, 0xA3>, .keep_score_at_end = true,
                 .terminal = ram_is<0xF1, 0xFF>, .lives = lives_at<0xF1>, .start_lives = 0}},
      // Only difficulty 3 is listed, yet ALE's default difficulty is 0. ALE
      // widens its paddle range to 1000000 (modifyEnvironmentSettings, applied
      // before the environment is built), which also moves the paddles' start.
      // Mode 0 waits for $DC = 3.
      {.rom = "backgammon", .title = "Backgammon", .md5 = "8556b42aa05f94bc29ff39c39b11bff4",
       .minimal = {FIRE, RIGHT, LEFT}, .difficulties = {3}, .paddle_max = 1000000,
       .rules = {.step = games::backgammon_step,
                 .mode_switch = ModeSwitch{.addr = 0xDC, .press_frames = 1, .add = 3}}},
      // Over when the death timer $CE is 1 with no lives left.
      {.rom = "bank_heist", .title = "BankHeist", .md5 = "00ce0bdd43aed84a983bef38fe7f5ee3",
       .minimal = kAll, .modes = mode_range(0, 28, 4), .difficulties = {0, 1, 2, 3},
       .rules = {.score = bcd<0xDA, 0xD9, 0xD8>,
                 .terminal = [](R r) { return r[0xCE] == 0x01 && r[0xD5] == 0; },
                 .lives = lives_at<0xD5>, .start_lives = 5,
                 .mode_switch = ModeSwitch{.addr = 0x80, .press_frames = 1}}},
      // Over when $86 (BCD) is nonzero.
      {.rom = "basic_math", .title = "BasicMath", .md5 = "819aeeb9a2e11deb54e6de334f843894",
       .minimal = {NOOP, FIRE, UP, RIGHT, LEFT, DOWN}, .modes = {5, 6, 7, 8},
       .difficulties = {0, 2, 3},
       .rules = {.score = bcd<0x84>, .terminal = [](R r) { return r.bcd(0x86) != 0; },
                 .mode_switch = ModeSwitch{.addr = 0xC5, .press_frames = 2}}},
      {.rom = "battle_zone", .title = "BattleZone", .md5 = "41f252a66c6301f1e8ab3612c19bc5d4",
       .minimal = kAll, .modes = mode_range(1, 3),
       .rules = {.score = games::battle_zone_score,
                 .terminal = [](R r) { return (r[0xBA] & 0xF) == 0; },
                 .lives = lives_at<0xBA, 0xF>, .start_lives = 5,
                 .mode_switch = ModeSwitch{.addr = 0xA1, .press_frames = 2}}},
      // ALE addresses: score 9, 10, 11; game over 5.
      {.rom = "beam_rider", .title = "BeamRider", .md5 = "79ab4123a83dc11d468fb2108ea09e2e",
       .minimal = {NOOP, FIRE, UP, RIGHT, LEFT, UPRIGHT, UPLEFT, RIGHTFIRE, LEFTFIRE},
       .starting = {RIGHT}, .difficulties = {0, 1},
       .rules = {.score = bcd<0x89, 0x8A, 0x8B>, .terminal = ram_is<0x85, 0xFF>,
                 .lives = games::beam_rider_lives, .start_lives = 3}},
      // ALE addresses: score 95, 94, 93. setMode first acts NOOP 20 times.
      {.rom = "berzerk", .title = "Berzerk", .md5 = "136f75c4dd02c29283752b7e5799f978",
       .minimal = kAll, .modes = join(mode_range(1, 9), {0x10, 0x11, 0x12}),
       .rules = {.score = bcd<0xDF, 0xDE, 0xDD>, .terminal = ram_is<0xDA, 0xFF>,
                 .lives = lives_at<0xDA, 0xFF, 1>, .start_lives = 3,
                 .select = games::berzerk_select}},
      // ALE sets its paddle range top to 795000 (modifyEnvironmentSettings).
      {.rom = "blackjack", .title = "Blackjack", .md5 = "0a981c03204ac2b278ba392674682560",
       .minimal = {NOOP, FIRE, UP, DOWN}, .difficulties = {0, 1, 2, 3}, .paddle_max = 795000,
       .rules = {.score = games::blackjack_score, .terminal = games::blackjack_over}},
      // ALE address 2 for the mode. Over after the 10th frame ($A4 > 0x10).
      {.rom = "bowling", .title = "Bowling", .md5 = "c9b7afad3bfd922e006a6bfc1d4f3fe7",
       .minimal = {NOOP, FIRE, UP, DOWN, UPFIRE, DOWNFIRE}, .modes = {0, 2, 4},
       .difficulties = {0, 1},
       .rules = {.score = bcd<0xA1, 0xA6>, .terminal = [](R r) { return r[0xA4] > 0x10; },
                 .shown = LS::kZero,
                 .mode_switch = ModeSwitch{.addr = 0x82, .press_frames = 2}}},
      // Score is my points minus the opponent's.
      {.rom = "boxing", .title = "Boxing", .md5 = "c3ef5c4653212088eda54dc91d787870",
       .minimal = kAll, .difficulties = {0, 1, 2, 3},
       .rules = {.score = games::boxing_score, .terminal = games::boxing_over,
                 .shown = LS::kZero}},
      {.rom = "breakout", .title = "Breakout", .md5 = "f34f08e5eb96e500e851a80be3277a56",
       .minimal = {NOOP, FIRE, RIGHT, LEFT}, .modes = mode_range(0, 44, 4),
       .difficulties = {0, 1},
       .rules = {.start_lives = 5, .step = games::breakout_step,
                 .mode_switch = ModeSwitch{.addr = 0xB2, .press_frames = 1}}},
      // Over when out of ammunition ($83 = 0).
      {.rom = "carnival", .title = "Carnival", .md5 = "028024fb8e5e5f18ea586652f9799c96",
       .minimal = {NOOP, FIRE, RIGHT, LEFT, RIGHTFIRE, LEFTFIRE},
       .rules = {.score = bcd<0xAE, 0xAD>, .score_scale = 10, .terminal = ram_is<0x83, 0>,
                 .shown = LS::kZero}},
      {.rom = "casino", .title = "Casino", .md5 = "b816296311019ab69a21cb9e9e235d12",
       .minimal = {NOOP, FIRE, UP, DOWN}, .starting = hold({{NOOP, 60}, {FIRE, 2}}),
       .modes = {0, 2, 3}, .difficulties = {0, 1, 2, 3},
       .rules = {.step = games::casino_step,
                 .mode_switch = ModeSwitch{.addr = 0xD4, .press_frames = 2}}},
      // ALE addresses: score 118, 117, 116. A score drop gives 0.
      {.rom = "centipede", .title = "Centipede", .md5 = "91c2098e88a6b13f977af8c003e0bca5",
       .minimal = kAll, .modes = {0x16, 0x56},
       .rules = {.score = bcd<0xF6, 0xF5, 0xF4>, .reward = RR::kNonNegative,
                 .terminal = [](R r) { return (r[0xA6] & 0x40) != 0; },
                 .lives = lives_at<0xED, 0x7, 1, 4>, .start_lives = 3,
                 .mode_switch = ModeSwitch{.addr = 0xA7, .press_frames = 2}}},
      // lives() reports the lives even when over.
      {.rom = "chopper_command", .title = "ChopperCommand",
       .md5 = "c1cb228470a87beb5f36e90ac745da26", .minimal = kAll, .modes = {0, 2},
       .difficulties = {0, 1},
       .rules = {.start_lives = 3, .shown = LS::kKept, .step = games::chopper_command_step,
                 .mode_switch = ModeSwitch{.addr = 0xE0, .press_frames = 2}}},
      // Score digits one per byte (binary), x100; a drop gives 0.
      {.rom = "crazy_climber", .title = "CrazyClimber",
       .md5 = "55ef7b65066428367844342ed59f956c",
       .minimal = {NOOP, UP, RIGHT, LEFT, DOWN, UPRIGHT, UPLEFT, DOWNRIGHT, DOWNLEFT},
       .modes = mode_range(0, 3), .difficulties = {0, 1},
       .rules = {.score = [](R r) {
                   return r[0x82] + 10 * r[0x83] + 100 * r[0x84] + 1000 * r[0x85];
                 },
                 .score_scale = 100, .reward = RR::kNonNegative, .terminal = ram_is<0xAA, 0>,
                 .lives = lives_at<0xAA>, .start_lives = 5,
                 .mode_switch = ModeSwitch{.addr = 0x80, .press_frames = 2}}},
      // Mode shown as mode + 1 in $8D (also the score's high byte).
      {.rom = "crossbow", .title = "Crossbow", .md5 = "8cd26dcf249456fe4aeb8db42d49df74",
       .minimal = kAll, .modes = {0, 2, 4, 6}, .difficulties = {0, 1},
       .rules = {.score = bcd<0x8D, 0x8C, 0x8B>, .terminal = ram_is<0xE7, 0x82>,
                 .mode_switch = ModeSwitch{.addr = 0x8D, .press_frames = 2, .add = 1}}},
      {.rom = "darkchambers", .title = "Darkchambers",
       .md5 = "106855474c69d08c8ffa308d47337269", .minimal = kAll,
       .starting = hold({{NOOP, 486}}), .rules = {.step = games::dark_chambers_step}},
      // Six score digits in the low nibbles of $9C-$A1 (0xA blank).
      {.rom = "defender", .title = "Defender", .md5 = "0f643c34e40e3f1daafd9c524d3ffe64",
       .minimal = kAll, .modes = join(mode_range(1, 9), {16}), .difficulties = {0, 1},
       .rules = {.score = [](R r) { return r.digits_low_nibble(0x9C, 6); },
                 .terminal = ram_is<0xC2, 0>, .lives = lives_at<0xC2>, .start_lives = 3,
                 .mode_switch = ModeSwitch{.addr = 0x9B, .press_frames = 2}}},
      {.rom = "demon_attack", .title = "DemonAttack", .md5 = "f0e0addc07971561ab80d9abe1b8d333",
       .minimal = {NOOP, FIRE, RIGHT, LEFT, RIGHTFIRE, LEFTFIRE}, .modes = {1, 3, 5, 7},
       .difficulties = {0, 1},
       .rules = {.start_lives = 4, .step = games::demon_attack_step,
                 .select = games::demon_attack_select}},
      {.rom = "donkey_kong", .title = "DonkeyKong", .md5 = "36b20c427975760cb9cf4a47e41369e4",
       .minimal = kAll,
       .rules = {.score = bcd<0x88, 0x87>, .score_scale = 100,
                 .terminal = [](R r) { return r[0xA3] == 0 && r[0x8F] == 0x03 && r[0x8B] == 0x1F; },
                 .lives = lives_at<0xA3>, .start_lives = 2}},
      // Score is my points ($F6) minus the opponent's ($F7); modes are option
      // bits set in a menu.
      {.rom = "double_dunk", .title = "DoubleDunk", .md5 = "368d88a6c071caba60b4f778615aae94",
       .minimal = kAll, .starting = {UPFIRE}, .modes = mode_range(0, 15),
       .rules = {.score = [](R r) { return r.bcd(0xF6) - r.bcd(0xF7); },
                 .terminal = [](R r) {
                   return (r.bcd(0xF6) >= 24 || r.bcd(0xF7) >= 24) && r[0xFE] == 0xE7;
                 },
                 .shown = LS::kZero, .select = games::double_dunk_select}},
      {.rom = "earthworld", .title = "Earthworld", .md5 = "5aea9974b975a6a844e6df10d2b861c4",
       .minimal = kAll,
       .rules = {.score = bcd<0xA7>, .terminal = [](R r) { return r.bcd(0xA7) == 10; }}},
      // Not over on the start screen ($81 = 0).
      {.rom = "elevator_action", .title = "ElevatorAction",
       .md5 = "71f8bacfbdca019113f3f0801849057e", .minimal = kAll,
       .starting = hold({{FIRE, 16}}),
       .rules = {.score = bcd<0x89, 0x88, 0x87>,
                 .terminal = [](R r) { return r[0x83] == 0 && r[0x81] != 0; },
                 .lives = lives_at<0x83>, .start_lives = 4}},
      {.rom = "enduro", .title = "Enduro", .md5 = "94b92a882f6dbaa6993a46e2dcc58402",
       .minimal = {NOOP, FIRE, RIGHT, LEFT, DOWN, DOWNRIGHT, DOWNLEFT, RIGHTFIRE, LEFTFIRE},
       .starting = {FIRE},
       .rules = {.score = games::enduro_score, .terminal = ram_is<0xAF, 0xFF>,
                 .shown = LS::kZero}},
      // Score is the raw byte $E3.
      {.rom = "entombed", .title = "Entombed", .md5 = "6b683be69f92958abe0e2a9945157ad5",
       .minimal = kAll, .starting = hold({{FIRE, 1}, {NOOP, 5}}), .difficulties = {0, 2},
       .rules = {.score = [](R r) { return r[0xE3]; },
                 .terminal = [](R r) { return (r[0xC7] & 0x03) == 0; }}},
      // ALE keeps lives in a char: $E5 + 1 as a signed byte (0xFF -> 0), 0
      // after reset; over when that is 0 with $80 = 8.
      {.rom = "et", .title = "Et", .md5 = "615a3bf251a38eb6638cdc7ffbde5480", .minimal = kAll,
       .modes = {0, 1, 2}, .difficulties = {0, 1, 2, 3},
       .rules = {.score = bcd<0xE1, 0xE0, 0xDF>,
                 .terminal = [](R r) {
                   return static_cast<int8_t>(r[0xE5] + 1) == 0 && r[0x80] == 8;
                 },
                 .lives = [](R r, int) -> int { return static_cast<int8_t>(r[0xE5] + 1); },
                 .start_lives = 0, .select = games::et_select}},
      // Score is my fish ($BD) minus the opponent's ($BE); 99 ends it.
      {.rom = "fishing_derby", .title = "FishingDerby",
       .md5 = "b8865f05676e64f3bec72b9defdacfa7", .minimal = kAll,
       .difficulties = {0, 1, 2, 3},
       .rules = {.score = [](R r) { return r.bcd(0xBD) - r.bcd(0xBE); },
                 .terminal = [](R r) { return r[0xBD] == 0x99 || r[0xBE] == 0x99; },
                 .shown = LS::kZero}},
      {.rom = "flag_capture", .title = "FlagCapture", .md5 = "30512e0e83903fc05541d2f6a6a62654",
       .minimal = kAll, .modes = {8, 9, 10},
       .rules = {.score = bcd<0xEA>, .terminal = [](R r) { return r.bcd(0xEB) == 0; },
                 .mode_switch = ModeSwitch{.addr = 0xD6, .press_frames = 2}}},
      // ALE addresses: score 103, game over 22. Reward clamped to 0..1.
      {.rom = "freeway", .title = "Freeway", .md5 = "8e0ab801b1705a740b476b7f588c6d16",
       .minimal = {NOOP, UP, DOWN}, .modes = mode_range(0, 7), .difficulties = {0, 1},
       .rules = {.score = bcd<0xE7>, .reward = RR::kClampedToOne,
                 .terminal = ram_is<0x96, 1>, .shown = LS::kZero,
                 .mode_switch = ModeSwitch{.addr = 0x80, .press_frames = 1}}},
      // Mode m shown as 2m + 1.
      {.rom = "frogger", .title = "Frogger", .md5 = "081e2c114c9c20b61acf25fc95c71bf4",
       .minimal = {NOOP, UP, RIGHT, LEFT, DOWN}, .modes = {0, 1, 2}, .difficulties = {0, 1},
       .rules = {.score = bcd<0xCE, 0xCC>, .terminal = ram_is<0xD0, 0xFF>,
                 .lives = lives_at<0xD0>, .start_lives = 4,
                 .mode_switch = ModeSwitch{.addr = 0xDD, .press_frames = 2, .mul = 2, .add = 1}}},
      {.rom = "frostbite", .title = "Frostbite", .md5 = "4ca73eb959299471788f0b685c3ba0b5",
       .minimal = kAll, .modes = {0, 2},
       .rules = {.score = bcd<0xCA, 0xC9, 0xC8>,
                 .terminal = [](R r) { return (r[0xCC] & 0xF) == 0 && (r[0xF1] & 0x80) != 0; },
                 .lives = lives_at<0xCC, 0xF, 1>, .start_lives = 4,
                 .mode_switch = ModeSwitch{.addr = 0x80, .press_frames = 1}}},
      // Score wraps at 1000000 (a negative change gets 1000000 added).
      {.rom = "galaxian", .title = "Galaxian", .md5 = "211774f4c5739042618be8ff67351177",
       .minimal = {NOOP, FIRE, RIGHT, LEFT, RIGHTFIRE, LEFTFIRE}, .modes = mode_range(1, 9),
       .difficulties = {0, 1},
       .rules = {.score = bcd<0xAE, 0xAD, 0xAC>, .reward = RR::kWrapped, .score_wrap = 1000000,
                 .terminal = [](R r) { return (r[0xBF] & 0x80) != 0; },
                 .lives = [](R r, int) { return (r[0xBF] & 0x80) ? 0 : r[0xB9] + 1; },
                 .start_lives = 3, .mode_switch = ModeSwitch{.addr = 0xB3, .press_frames = 1}}},
      // Lives are the carrots left: bits 0-2 of $B4.
      {.rom = "gopher", .title = "Gopher", .md5 = "c16c79aad6272baffb8aae9a7fff0864",
       .minimal = {NOOP, FIRE, UP, RIGHT, LEFT, UPFIRE, RIGHTFIRE, LEFTFIRE},
       .starting = {FIRE}, .modes = {0, 2}, .difficulties = {0, 1},
       .rules = {.score = bcd<0xB2, 0xB1, 0xB0>,
                 .terminal = [](R r) { return (r[0xB4] & 0x7) == 0; },
                 .lives = [](R r, int) {
                   static constexpr int kCarrots[] = {0, 1, 1, 2, 1, 2, 2, 3};
                   return kCarrots[r[0xB4] & 0x7];
                 },
                 .start_lives = 3, .select = games::gopher_select}},
      // ALE addresses: score 9, 8, 7. Lives read 6 on the title screen.
      {.rom = "gravitar", .title = "Gravitar", .md5 = "8ac18076d01a6b63acf6e2cab4968940",
       .minimal = kAll, .starting = hold({{FIRE, 16}}), .modes = mode_range(0, 4),
       .rules = {.score = bcd<0x89, 0x88, 0x87>, .terminal = ram_is<0x81, 0x01>,
                 .lives = [](R r, int) { return r[0x81] == 0 ? 6 : r[0x84] + 1; },
                 .start_lives = 6, .select = games::gravitar_select}},
      {.rom = "hangman", .title = "Hangman", .md5 = "f16c709df0a6c52f47ff52b9d95b7d8d",
       .minimal = kAll, .modes = mode_range(0, 3), .difficulties = {0, 1},
       .rules = {.step = games::hangman_step, .reset = games::hangman_reset,
                 .mode_switch = ModeSwitch{.addr = 0xEE, .press_frames = 2}}},
      {.rom = "haunted_house", .title = "HauntedHouse",
       .md5 = "f0a6e99f5875891246c3dbecbf2d2cea", .minimal = kAll, .modes = mode_range(0, 8),
       .difficulties = {0, 1},
       .rules = {.start_lives = 9, .step = games::haunted_house_step,
                 .mode_switch = ModeSwitch{.addr = 0xCC, .press_frames = 2}}},
      {.rom = "hero", .title = "Hero", .md5 = "fca4a5be1251927027f2c24774a02160",
       .minimal = kAll, .modes = mode_range(0, 4),
       .rules = {.score = bcd<0xB9, 0xB8, 0xB7>, .terminal = ram_is<0xB3, 0>,
                 .lives = lives_at<0xB3>, .start_lives = 4,
                 .mode_switch = ModeSwitch{.addr = 0x80, .press_frames = 1}}},
      // Over at 7 hits ($B6) or 7 misses ($B7), both BCD.
      {.rom = "human_cannonball", .title = "HumanCannonball",
       .md5 = "7972e5101fa548b952d852db24ad6060", .minimal = kAll, .modes = mode_range(0, 7),
       .difficulties = {0, 1},
       .rules = {.score = bcd<0xB6>,
                 .terminal = [](R r) { return r.bcd(0xB6) == 7 || r.bcd(0xB7) == 7; },
                 .select = games::human_cannonball_select}},
      // Score is my goals ($8A) minus the opponent's ($8B); reward at most 1.
      {.rom = "ice_hockey", .title = "IceHockey", .md5 = "a4c08c4994eb9d24fb78be1793e82e26",
       .minimal = kAll, .modes = {0, 2}, .difficulties = {0, 1, 2, 3},
       .rules = {.score = [](R r) { return r.bcd(0x8A) - r.bcd(0x8B); },
                 .reward = RR::kAtMostOne,
                 .terminal = [](R r) { return r[0x87] == 0 && r[0x86] == 0; },
                 .shown = LS::kZero,
                 .mode_switch = ModeSwitch{.addr = 0x80, .press_frames = 2}}},
      {.rom = "jamesbond", .title = "Jamesbond", .md5 = "e51030251e440cffaab1ac63438b44ae",
       .minimal = kAll, .modes = {0, 1},
       .rules = {.score = bcd<0xDC, 0xDD, 0xDE>,
                 .terminal = [](R r) { return (r[0x86] & 0xF) == 0 && r[0x8C] == 0x68; },
                 .lives = lives_at<0x86, 0xF, 1>, .start_lives = 6,
                 .select = games::james_bond_select}},
      // The starting cash (a change of exactly 50000) is not a reward.
      {.rom = "journey_escape", .title = "JourneyEscape",
       .md5 = "718ae62c70af4e5fd8e932fee216948a",
       .minimal = {NOOP, UP, RIGHT, LEFT, DOWN, UPRIGHT, UPLEFT, DOWNRIGHT, DOWNLEFT, RIGHTFIRE,
                   LEFTFIRE, DOWNFIRE, UPRIGHTFIRE, UPLEFTFIRE, DOWNRIGHTFIRE, DOWNLEFTFIRE},
       .starting = {FIRE}, .difficulties = {0, 1},
       .rules = {.score = bcd<0x92, 0x91, 0x90>, .reward = RR::kIgnoringStartCash,
                 .terminal = [](R r) { return r[0x95] == 0 && r[0x96] == 0; },
                 .shown = LS::kZero}},
      // Over with no buckets left or at the top score 999999.
      {.rom = "kaboom", .title = "Kaboom", .md5 = "5428cdfada281c569c74c7308c7f2c26",
       .minimal = {NOOP, FIRE, RIGHT, LEFT}, .starting = {FIRE},
       .rules = {.score = bcd<0xA5, 0xA4, 0xA3>,
                 .terminal = [](R r) {
                   return r[0xA1] == 0 || r.bcd(0xA5, 0xA4, 0xA3) == 999999;
                 }}},
      // $BA shows the mode, possibly with bit 7 set.
      {.rom = "kangaroo", .title = "Kangaroo", .md5 = "4326edb70ff20d0ee5ba58fa5cb09d60",
       .minimal = kAll, .modes = {0, 1},
       .rules = {.score = bcd<0xA8, 0xA7>, .score_scale = 100, .terminal = ram_is<0xAD, 0xFF>,
                 .lives = lives_at<0xAD, 0x7, 1>, .start_lives = 3,
                 .select = games::kangaroo_select}},
      // Starts with the console RESET switch as its action.
      {.rom = "keystone_kapers", .title = "KeystoneKapers",
       .md5 = "6c1f3f2e359dbf55df462ccbcdd2f6bf",
       .minimal = {NOOP, FIRE, UP, RIGHT, LEFT, DOWN, UPRIGHT, UPLEFT, DOWNRIGHT, DOWNLEFT,
                   UPFIRE, RIGHTFIRE, LEFTFIRE, DOWNFIRE},
       .starting = {RESET},
       .rules = {.score = bcd<0x9C, 0x9B>,
                 .terminal = [](R r) { return r[0x96] == 0 && r[0x88] == 0; },
                 .lives = lives_at<0x96>, .start_lives = 3}},
      // Mode m shown as 2m.
      {.rom = "king_kong", .title = "KingKong", .md5 = "0dd4c69b5f9a7ae96a7a08329496779a",
       .minimal = {NOOP, FIRE, UP, RIGHT, LEFT, DOWN}, .modes = mode_range(0, 3),
       .rules = {.score = bcd<0x83, 0x82>, .terminal = ram_is<0xEE, 0>,
                 .lives = lives_at<0xEE>, .start_lives = 3,
                 .mode_switch = ModeSwitch{.addr = 0xEC, .press_frames = 2, .mul = 2}}},
      // Score and mode live in cartridge RAM.
      {.rom = "klax", .title = "Klax", .md5 = "eed9eaf1a0b6a2b9bc4c8032cb43e3fb",
       .minimal = kAll, .starting = {FIRE, NOOP}, .modes = {0, 1, 2},
       .rules = {.step = games::klax_step, .select = games::klax_select}},
      {.rom = "koolaid", .title = "Koolaid", .md5 = "534e23210dd1993c828d944c6ac4d9fb",
       .minimal = {NOOP, UP, RIGHT, LEFT, DOWN, UPRIGHT, UPLEFT, DOWNRIGHT, DOWNLEFT},
       .rules = {.score = bcd<0x81, 0x80>, .score_scale = 100, .terminal = ram_is<0xD1, 0x80>,
                 .shown = LS::kZero}},
      {.rom = "krull", .title = "Krull", .md5 = "4baada22435320d185c95b7dd2bcdb24",
       .minimal = kAll,
       .rules = {.score = bcd<0x9E, 0x9D, 0x9C>,
                 .terminal = [](R r) { return r[0x9F] == 0 && r[0xA2] == 0x03 && r[0x80] == 0x80; },
                 .lives = lives_at<0x9F, 0x7, 1>, .start_lives = 3}},
      {.rom = "kung_fu_master", .title = "KungFuMaster",
       .md5 = "5b92a93b23523ff16e2789b820e2a4c5",
       .minimal = {NOOP, UP, RIGHT, LEFT, DOWN, DOWNRIGHT, DOWNLEFT, RIGHTFIRE, LEFTFIRE,
                   DOWNFIRE, UPRIGHTFIRE, UPLEFTFIRE, DOWNRIGHTFIRE, DOWNLEFTFIRE},
       .rules = {.score = bcd<0x9A, 0x99, 0x98>, .terminal = ram_is<0x9D, 0xFF>,
                 .lives = lives_at<0x9D, 0x7, 1>, .start_lives = 4}},
      // Starts with the console RESET switch as its action.
      {.rom = "laser_gates", .title = "LaserGates", .md5 = "8e4cd60d93fcde8065c1a2b972a26377",
       .minimal = kAll, .starting = {RESET},
       .rules = {.score = bcd<0x82, 0x81, 0x80>, .terminal = ram_is<0x83, 0>,
                 .shown = LS::kZero}},
      // FIRE actions are illegal (ALE plays NOOP), yet FIRE is its starting
      // action (starting actions are not filtered). Mode m shown as 3m + 1.
      {.rom = "lost_luggage", .title = "LostLuggage", .md5 = "2d76c5d1aad506442b9e9fb67765e051",
       .minimal = {NOOP, UP, RIGHT, LEFT, DOWN, UPRIGHT, UPLEFT, DOWNRIGHT, DOWNLEFT},
       .starting = {FIRE}, .modes = {0, 1}, .difficulties = {0, 1}, .illegal = kFireActions,
       .rules = {.score = bcd<0x96, 0x95, 0x94>,
                 .terminal = [](R r) {
                   return r[0xCA] == 0 && r[0xC8] == 0x0A && r[0xA5] == 0 && r[0xA9] == 0;
                 },
                 .lives = lives_at<0xCA>, .start_lives = 3,
                 .mode_switch = ModeSwitch{.addr = 0x94, .press_frames = 2, .mul = 3, .add = 1}}},
      // Lives start at 0 after reset (ALE).
      {.rom = "mario_bros", .title = "MarioBros", .md5 = "e908611d99890733be31733a979c62d8",
       .minimal = kAll, .starting = hold({{NOOP, 10}, {FIRE, 7}}), .modes = {0, 2, 4, 6},
       .rules = {.score = bcd<0x8A, 0x89>, .score_scale = 100, .terminal = ram_is<0x87, 0>,
                 .lives = lives_at<0x87>, .start_lives = 0,
                 .mode_switch = ModeSwitch{.addr = 0x80, .press_frames = 5}}},
      {.rom = "miniature_golf", .title = "MiniatureGolf",
       .md5 = "df62a658496ac98a3aa4a6ee5719c251", .minimal = kAll, .difficulties = {0, 1},
       .rules = {.step = games::miniature_golf_step}},
      {.rom = "montezuma_revenge", .title = "MontezumaRevenge",
       .md5 = "3347a6dd59049b15a38394aa2dafa585", .minimal = kAll,
       .rules = {.score = bcd<0x95, 0x94, 0x93>,
                 .terminal = [](R r) { return r[0xBA] == 0 && r[0xFE] == 0x60; },
                 .lives = lives_at<0xBA, 0x7, 1>, .start_lives = 6}},
      {.rom = "mr_do", .title = "MrDo", .md5 = "aa7bb54d2c189a31bb1fa20099e42859",
       .minimal = {NOOP, FIRE, UP, RIGHT, LEFT, DOWN, UPFIRE, RIGHTFIRE, LEFTFIRE, DOWNFIRE},
       .starting = {FIRE}, .modes = mode_range(0, 3),
       .rules = {.score = bcd<0x82, 0x83>, .score_scale = 10, .terminal = ram_is<0xDA, 0x40>,
                 .lives = lives_at<0xDB>, .start_lives = 4,
                 .mode_switch = ModeSwitch{.addr = 0x80, .press_frames = 5}}},
      // Over when the death timer $A7 is 0x53 with no lives shown.
      {.rom = "ms_pacman", .title = "MsPacman", .md5 = "87e79cd41ce136fd4f72cc6e2c161bee",
       .minimal = {NOOP, UP, RIGHT, LEFT, DOWN, UPRIGHT, UPLEFT, DOWNRIGHT, DOWNLEFT},
       .modes = mode_range(0, 3),
       .rules = {.score = bcd<0xF8, 0xF9, 0xFA>,
                 .terminal = [](R r) { return (r[0xFB] & 0xF) == 0 && r[0xA7] == 0x53; },
                 .lives = lives_at<0xFB, 0x7, 1>, .start_lives = 3,
                 .select = games::ms_pacman_select}},
      {.rom = "name_this_game", .title = "NameThisGame",
       .md5 = "36306070f0c90a72461551a7a4f3a209",
       .minimal = {NOOP, FIRE, RIGHT, LEFT, RIGHTFIRE, LEFTFIRE}, .modes = {0x08, 0x18, 0x28},
       .difficulties = {0, 1},
       .rules = {.score = bcd<0xC6, 0xC5, 0xC4>,
                 .terminal = [](R r) { return (r[0xC7] & 0x7) == 0; },
                 .lives = lives_at<0xC7, 0x7>, .start_lives = 3,
                 .mode_switch = ModeSwitch{.addr = 0xDE, .press_frames = 2}}},
      // Mode shown as mode + 1.
      {.rom = "othello", .title = "Othello", .md5 = "113cd09c9771ac278544b7e90efe7df2",
       .minimal = {NOOP, FIRE, UP, RIGHT, LEFT, DOWN, UPRIGHT, UPLEFT, DOWNRIGHT, DOWNLEFT},
       .modes = {0, 1, 2}, .difficulties = {0, 2},
       .rules = {.step = games::othello_step,
                 .mode_switch = ModeSwitch{.addr = 0xDE, .press_frames = 2, .add = 1}}},
      // Over when the animation counter $E4 is 0x3F on the last life.
      {.rom = "pacman", .title = "Pacman", .md5 = "fc2233fc116faef0d3c31541717ca2db",
       .minimal = {NOOP, UP, RIGHT, LEFT, DOWN}, .modes = mode_range(0, 7),
       .difficulties = {0, 1},
       .rules = {.score = bcd<0xCC, 0xCE, 0xD0>,
                 .terminal = [](R r) { return r[0x98] == 0 && r[0xE4] == 0x3F; },
                 .lives = lives_at<0x98, 0xFF, 1>, .start_lives = 4,
                 .select = games::pacman_select}},
      // Score: BCD $C8 (low), $C9 then the high nibble of $C7 as one more
      // digit below them, all x10.
      {.rom = "phoenix", .title = "Phoenix", .md5 = "7e52a95074a66640fcfde124fffd491a",
       .minimal = {NOOP, FIRE, RIGHT, LEFT, DOWN, RIGHTFIRE, LEFTFIRE, DOWNFIRE},
       .rules = {.score = [](R r) { return r.bcd(0xC8, 0xC9) * 10 + (r[0xC7] >> 4); },
                 .score_scale = 10, .terminal = ram_is<0xCC, 0x80>,
                 .lives = lives_at<0xCB, 0x7>, .start_lives = 5}},
      // Starts with 2000 points (the score after reset is 2000). Lives are
      // the tally marks in the high nibble of $80: 0xA -> 3, 0x8 -> 2, else 1.
      {.rom = "pitfall", .title = "Pitfall", .md5 = "3e90cf23106f2e08b2781e41299de556",
       .minimal = kAll, .starting = {UP},
       .rules = {.score = bcd<0xD7, 0xD6, 0xD5>,
                 .terminal = [](R r) { return (r[0x80] >> 4) == 0 && r[0x9E] != 0; },
                 .lives = [](R r, int) {
                   int marks = r[0x80] >> 4;
                   return marks == 0xA ? 3 : marks == 0x8 ? 2 : 1;
                 },
                 .start_lives = 3, .start_score = 2000}},
      // Starts with 4000 points; over only at the top score 199000.
      {.rom = "pitfall2", .title = "Pitfall2", .md5 = "6d842c96d5a01967be9680080dd5be54",
       .minimal = kAll, .starting = {UP},
       .rules = {.score = bcd<0xC9, 0xC8, 0xC7>,
                 .terminal = [](R r) { return r.bcd(0xC9, 0xC8, 0xC7) == 199000; },
                 .start_score = 4000}},
      // ALE addresses: 13 (computer), 14 (player); binary points, 21 wins.
      {.rom = "pong", .title = "Pong", .md5 = "60e0ea3cbe0913d39803477945e9e5ec",
       .minimal = {NOOP, FIRE, RIGHT, LEFT, RIGHTFIRE, LEFTFIRE}, .modes = {0, 1},
       .difficulties = {0, 1, 2, 3},
       .rules = {.score = [](R r) { return r[0x8E] - r[0x8D]; },
                 .terminal = [](R r) { return r[0x8D] == 21 || r[0x8E] == 21; },
                 .shown = LS::kZero,
                 .mode_switch = ModeSwitch{.addr = 0x96, .press_frames = 2}}},
      {.rom = "pooyan", .title = "Pooyan", .md5 = "4799a40b6e889370b7ee55c17ba65141",
       .minimal = {NOOP, FIRE, UP, DOWN, UPFIRE, DOWNFIRE}, .modes = {0x0A, 0x1E, 0x32, 0x46},
       .rules = {.score = bcd<0x8A, 0x89, 0x88>,
                 .terminal = [](R r) { return r[0x96] == 0 && r[0x98] == 0x05; },
                 .lives = lives_at<0x96, 0x7, 1>, .start_lives = 3,
                 .mode_switch = ModeSwitch{.addr = 0xBD, .press_frames = 2, .first_press = 2}}},
      // Starts with 1000 points; over when $C2 leaves 0/1.
      {.rom = "private_eye", .title = "PrivateEye", .md5 = "ef3a4f64b6494ba770862768caf04b86",
       .minimal = kAll, .starting = {UP}, .modes = mode_range(0, 4),
       .difficulties = {0, 1, 2, 3},
       .rules = {.score = bcd<0xCA, 0xC9, 0xC8>,
                 .terminal = [](R r) { return r[0xC2] != 0x00 && r[0xC2] != 0x01; },
                 .start_score = 1000, .shown = LS::kZero,
                 .mode_switch = ModeSwitch{.addr = 0x80, .press_frames = 2}}},
      {.rom = "qbert", .title = "Qbert", .md5 = "484b0076816a104875e00467d431c2d2",
       .minimal = {NOOP, FIRE, UP, RIGHT, LEFT, DOWN}, .difficulties = {0, 1},
       .rules = {.start_lives = 4, .step = games::qbert_step, .reset = games::qbert_reset}},
      {.rom = "riverraid", .title = "Riverraid", .md5 = "393948436d1f4cc3192410bb918f9724",
       .minimal = kAll, .difficulties = {0, 1},
       .rules = {.step = games::river_raid_step, .reset = games::river_raid_reset}},
      // Four score digits in the low nibbles of $C9-$CC (0xA blank), x100.
      // Over on the last life once the runner moves ($B9 or $BD nonzero).
      {.rom = "road_runner", .title = "RoadRunner", .md5 = "ce5cc62608be2cd3ed8abd844efb8919",
       .minimal = kAll,
       .rules = {.score = [](R r) { return r.digits_low_nibble(0xC9, 4); },
                 .score_scale = 100,
                 .terminal = [](R r) {
                   return (r[0xC4] & 0x7) == 0 && (r[0xB9] != 0 || r[0xBD] != 0);
                 },
                 .lives = lives_at<0xC4, 0x7, 1>, .start_lives = 3}},
      // Score is enemies destroyed: squadrons ($B6) x 12 + tanks ($B5).
      {.rom = "robotank", .title = "Robotank", .md5 = "4f618c2429138e0280969193ed6c107e",
       .minimal = kAll,
       .rules = {.score = [](R r) { return r[0xB6] * 12 + r[0xB5]; },
                 .terminal = [](R r) { return r[0xA8] == 0 && r[0xB4] == 0xFF; },
                 .lives = lives_at<0xA8, 0xF, 1>, .start_lives = 4}},
      {.rom = "seaquest", .title = "Seaquest", .md5 = "240bfbac5163af4df5ae713985386f92",
       .minimal = kAll, .difficulties = {0, 1},
       .rules = {.score = bcd<0xBA, 0xB9, 0xB8>, .terminal = [](R r) { return r[0xA3] != 0; },
                 .lives = lives_at<0xBB, 0xFF, 1>, .start_lives = 4}},
      // Starts with the console RESET switch, then LEFT.
      {.rom = "sir_lancelot", .title = "SirLancelot", .md5 = "dd0cbe5351551a538414fb9e37fc56e8",
       .minimal = {NOOP, FIRE, RIGHT, LEFT, RIGHTFIRE, LEFTFIRE}, .starting = {RESET, LEFT},
       .rules = {.score = bcd<0xA0, 0x9F, 0x9E>,
                 .terminal = [](R r) { return r[0xA9] == 0 && r[0xA7] == 0xA0; },
                 .lives = lives_at<0xA9>, .start_lives = 3}},
      // The score is the elapsed time in centiseconds (minutes $E8 binary,
      // $EA/$E9 BCD); the reward is its negated change. FIRE actions illegal.
      {.rom = "skiing", .title = "Skiing", .md5 = "b76fbadc8ffb1f83e2ca08b6fb4d6c9f",
       .minimal = {NOOP, RIGHT, LEFT}, .starting = hold({{DOWN, 16}}),
       .illegal = kFireActions,
       .rules = {.score = [](R r) { return r[0xE8] * 6000 + r.bcd(0xEA, 0xE9); },
                 .reward = RR::kNegated, .terminal = ram_is<0x91, 0xFF>, .shown = LS::kZero}},
      {.rom = "solaris", .title = "Solaris", .md5 = "e72eb8d4410152bdcb69e7fba327b420",
       .minimal = kAll,
       .rules = {.score = bcd<0xDC, 0xDD, 0xDE>, .score_scale = 10,
                 .terminal = ram_is<0xD9, 0>, .lives = lives_at<0xD9, 0xF>, .start_lives = 3}},
      // Score wraps at 10000 (a negative change gets 10000 added).
      {.rom = "space_invaders", .title = "SpaceInvaders",
       .md5 = "72ffbef6504b75e69ee1045af9075f66",
       .minimal = {NOOP, FIRE, RIGHT, LEFT, RIGHTFIRE, LEFTFIRE}, .modes = mode_range(0, 15),
       .difficulties = {0, 1},
       .rules = {.score = bcd<0xE8, 0xE6>, .reward = RR::kWrapped, .score_wrap = 10000,
                 .terminal = [](R r) { return (r[0x98] & 0x80) != 0 || r[0xC9] == 0; },
                 .lives = lives_at<0xC9>, .start_lives = 3,
                 .mode_switch = ModeSwitch{.addr = 0xDC, .press_frames = 2}}},
      // Over at 10 points or when the timer $80 reaches 0.
      {.rom = "space_war", .title = "SpaceWar", .md5 = "b702641d698c60bcdc922dbd8c9dd49c",
       .minimal = kAll, .modes = mode_range(6, 17),
       .rules = {.score = bcd<0xA7>,
                 .terminal = [](R r) { return r.bcd(0xA7) == 10 || r[0x80] == 0; },
                 .select = games::space_war_select}},
      {.rom = "star_gunner", .title = "StarGunner", .md5 = "a3c1c70024d7aabb41381adbfb6d3b25",
       .minimal = kAll, .modes = mode_range(0, 3),
       .rules = {.start_lives = 5, .step = games::star_gunner_step,
                 .mode_switch = ModeSwitch{.addr = 0xF4, .press_frames = 15}}},
      {.rom = "superman", .title = "Superman", .md5 = "a9531c763077464307086ec9a1fd057d",
       .minimal = kAll, .difficulties = {0, 1, 2, 3},
       .rules = {.step = games::superman_step}},
      // Score is my points ($F7) minus theirs ($F6); 10 ends it. Mode shown
      // as mode + 1.
      {.rom = "surround", .title = "Surround", .md5 = "4d7517ae69f95cfbc053be01312b7dba",
       .minimal = {NOOP, UP, RIGHT, LEFT, DOWN}, .modes = {0, 2}, .difficulties = {0, 1, 2, 3},
       .rules = {.score = [](R r) { return r.bcd(0xF7) - r.bcd(0xF6); },
                 .terminal = [](R r) { return r.bcd(0xF6) == 10 || r.bcd(0xF7) == 10; },
                 .mode_switch = ModeSwitch{.addr = 0xF9, .press_frames = 2, .add = 1}}},
      {.rom = "tennis", .title = "Tennis", .md5 = "42cdd6a9e42a3639e190722b8ea3fc51",
       .minimal = kAll, .modes = {0, 2}, .difficulties = {0, 1, 2, 3},
       .rules = {.shown = LS::kZero, .step = games::tennis_step,
                 .mode_switch = ModeSwitch{.addr = 0x80, .press_frames = 2}}},
      // ALE keeps lives 0 (lives() is always 0).
      {.rom = "tetris", .title = "Tetris", .md5 = "b0e1ee07fbc73493eac5651a52f90f00",
       .minimal = {NOOP, FIRE, RIGHT, LEFT, DOWN},
       .rules = {.start_lives = 0, .step = games::tetris_step}},
      {.rom = "tic_tac_toe_3d", .title = "TicTacToe3D", .md5 = "0db4f4150fecf77e4ce72ca4d04c052f",
       .minimal = {NOOP, FIRE, UP, RIGHT, LEFT, DOWN, UPRIGHT, UPLEFT, DOWNRIGHT, DOWNLEFT},
       .modes = mode_range(0, 8), .difficulties = {0, 2},
       .rules = {.step = games::tic_tac_toe_3d_step,
                 .mode_switch = ModeSwitch{.addr = 0x88, .press_frames = 2}}},
      // Over whenever $A0 is nonzero.
      {.rom = "time_pilot", .title = "TimePilot", .md5 = "fc2104dd2dadf9a6176c1c1c8f87ced9",
       .minimal = {NOOP, FIRE, UP, RIGHT, LEFT, DOWN, UPFIRE, RIGHTFIRE, LEFTFIRE, DOWNFIRE},
       .difficulties = {0, 1, 2},
       .rules = {.score = bcd<0x8D, 0x8F>, .score_scale = 100,
                 .terminal = [](R r) { return r[0xA0] != 0; }, .lives = games::time_pilot_lives,
                 .start_lives = 5}},
      // Lives are 5 minus the hits taken ($C8).
      {.rom = "trondead", .title = "Trondead", .md5 = "fb27afe896e7c928089307b32e5642ee",
       .minimal = kAll, .difficulties = {0, 1},
       .rules = {.score = bcd<0xBF, 0xBE, 0xBD>, .terminal = ram_is<0xC8, 5>,
                 .lives = [](R r, int) { return 5 - r[0xC8]; }, .start_lives = 5}},
      // Score: BCD $89 (low), $8A plus the binary byte $D3, all x10.
      {.rom = "turmoil", .title = "Turmoil", .md5 = "7a5463545dfb2dcfdafa6074b2f2c15e",
       .minimal = {NOOP, FIRE, UP, RIGHT, LEFT, DOWN, UPRIGHT, UPLEFT, DOWNRIGHT, DOWNLEFT,
                   RIGHTFIRE, LEFTFIRE},
       .starting = {FIRE}, .modes = mode_range(0, 8),
       .rules = {.score = [](R r) { return r.bcd(0x89, 0x8A) + r[0xD3]; }, .score_scale = 10,
                 .terminal = [](R r) { return r[0xB9] == 0 && r[0xC5] == 0x01; },
                 .lives = lives_at<0xB9>, .start_lives = 4,
                 .mode_switch = ModeSwitch{.addr = 0xEA, .press_frames = 2}}},
      {.rom = "tutankham", .title = "Tutankham", .md5 = "085322bae40d904f53bdcc56df0593fc",
       .minimal = {NOOP, UP, RIGHT, LEFT, DOWN, UPFIRE, RIGHTFIRE, LEFTFIRE},
       .modes = {0, 4, 8, 12},
       .rules = {.score = bcd<0x9C, 0x9A>,
                 .terminal = [](R r) { return r[0x9E] == 0 && r[0x81] != 0x84; },
                 .lives = lives_at<0x9E, 0x3>, .start_lives = 3,
                 .mode_switch = ModeSwitch{.addr = 0xAB, .press_frames = 2}}},
      {.rom = "up_n_down", .title = "UpNDown", .md5 = "a499d720e7ee35c62424de882a3351b6",
       .minimal = {NOOP, FIRE, UP, DOWN, UPFIRE, DOWNFIRE}, .starting = {FIRE},
       .difficulties = {0, 1, 2, 3},
       .rules = {.score = bcd<0x82, 0x81, 0x80>,
                 .terminal = [](R r) { return r[0x94] > 0x40 && (r[0x86] & 0xF) == 0; },
                 .lives = lives_at<0x86, 0xF, 1>, .start_lives = 5}},
      {.rom = "venture", .title = "Venture", .md5 = "3e899eba0ca8cd2972da1ae5479b4f0d",
       .minimal = kAll, .difficulties = {0, 1, 2, 3},
       .rules = {.score = bcd<0xC8, 0xC7>, .score_scale = 100,
                 .terminal = [](R r) {
                   return r[0xC6] == 0 && r[0xCD] == 0xFF && (r[0xBF] & 0x80) != 0;
                 },
                 .lives = lives_at<0xC6, 0x7, 1>, .start_lives = 4}},
      // Modes 11-19 are the give-away games (reward sign flipped).
      {.rom = "video_checkers", .title = "VideoCheckers",
       .md5 = "539d26b6e9df0da8e7465f0f5ad863b7",
       .minimal = {FIRE, UPRIGHT, UPLEFT, DOWNRIGHT, DOWNLEFT},
       .modes = join(mode_range(1, 9), mode_range(11, 19)),
       .rules = {.step = games::video_checkers_step, .reset = games::video_checkers_reset,
                 .select = games::video_checkers_select}},
      {.rom = "video_chess", .title = "VideoChess", .md5 = "f0b7db930ca0e548c41a97160b9f6275",
       .minimal = {NOOP, FIRE, UP, RIGHT, LEFT, DOWN, UPRIGHT, UPLEFT, DOWNRIGHT, DOWNLEFT},
       .modes = mode_range(0, 4),
       .rules = {.step = games::video_chess_step,
                 .mode_switch = ModeSwitch{.addr = 0xEA, .press_frames = 1}}},
      {.rom = "video_cube", .title = "VideoCube", .md5 = "3f540a30fdee0b20aed7288e4a5ea528",
       .minimal = kAll, .starting = hold({{NOOP, 61}, {FIRE, 1}, {NOOP, 2}}),
       .modes = video_cube_modes(), .difficulties = {0, 1},
       .rules = {.step = games::video_cube_step, .reset = games::video_cube_reset,
                 .select = games::video_cube_select}},
      // Lives: 4 + extra ball (bit 0 of $A8) - balls used ($99 & 7).
      {.rom = "video_pinball", .title = "VideoPinball",
       .md5 = "107cc025334211e6d29da0b6be46aec7",
       .minimal = {NOOP, FIRE, UP, RIGHT, LEFT, DOWN, UPFIRE, RIGHTFIRE, LEFTFIRE},
       .modes = {0, 2}, .difficulties = {0, 1},
       .rules = {.score = bcd<0xB0, 0xB2, 0xB4>,
                 .terminal = [](R r) { return (r[0xAF] & 0x1) != 0; },
                 .lives = [](R r, int) { return 4 + (r[0xA8] & 0x1) - (r[0x99] & 0x7); },
                 .start_lives = 3, .mode_switch = ModeSwitch{.addr = 0xC1, .press_frames = 2}}},
      // Score BCD $86 (low), $88, less 8000 when >= 8000, x100.
      {.rom = "wizard_of_wor", .title = "WizardOfWor", .md5 = "7e8aa18bc9502eb57daaf5e7c1e94da7",
       .minimal = {NOOP, FIRE, UP, RIGHT, LEFT, DOWN, UPFIRE, RIGHTFIRE, LEFTFIRE, DOWNFIRE},
       .difficulties = {0, 1},
       .rules = {.score = [](R r) {
                   int s = r.bcd(0x86, 0x88);
                   return s >= 8000 ? s - 8000 : s;
                 },
                 .score_scale = 100,
                 .terminal = [](R r) { return (r[0x8D] & 0xF) == 0 && r[0xF4] == 0xF8; },
                 .lives = games::wizard_of_wor_lives, .start_lives = 3}},
      {.rom = "word_zapper", .title = "WordZapper", .md5 = "ec3beb6d8b5689e867bafb5d5f507491",
       .minimal = kAll, .starting = hold({{NOOP, 486}, {FIRE, 1}, {NOOP, 2}}),
       .modes = mode_range(0, 23), .difficulties = {0, 1, 2, 3},
       .rules = {.step = games::word_zapper_step,
                 .mode_switch = ModeSwitch{.addr = 0xDB, .press_frames = 2}}},
      {.rom = "yars_revenge", .title = "YarsRevenge", .md5 = "c5930d0e8cdae3e037349bfa08e871be",
       .minimal = kAll, .starting = {FIRE}, .modes = {0, 0x20, 0x40, 0x60},
       .difficulties = {0, 1},
       .rules = {.score = bcd<0xE2, 0xE1, 0xE0>,
                 .terminal = [](R r) { return (r[0x9E] >> 4) == 0; },
                 .lives = lives_at<0x9E, 0xF, 0, 4>, .start_lives = 4,
                 .mode_switch = ModeSwitch{.addr = 0xE3, .press_frames = 1, .first_press = 2}}},
      {.rom = "zaxxon", .title = "Zaxxon", .md5 = "eea0da9b987d661264cce69a7c13c3bd",
       .minimal = kAll, .modes = {0, 8, 16, 24},
       .rules = {.score = bcd<0xE9, 0xE8>, .score_scale = 100,
                 .terminal = [](R r) { return (r[0xEA] & 0x7) == 0; },
                 .lives = lives_at<0xEA, 0x7>, .start_lives = 5,
                 .mode_switch = ModeSwitch{.addr = 0x82, .press_frames = 10}}},
  };
}
// clang-format on

const std::vector<Entry>& entries() {
  static const std::vector<Entry> table = make_entries();
  return table;
}

std::vector<Action> legal_actions(const Entry& e) {
  std::vector<Action> out;
  for (Action a : kAll) {
    if (std::find(e.illegal.begin(), e.illegal.end(), a) == e.illegal.end()) out.push_back(a);
  }
  return out;
}

std::vector<GameSpec> make_specs() {
  std::vector<GameSpec> specs;
  for (const Entry& e : entries()) {
    GameSpec s;
    s.rom = e.rom;
    s.title = e.title;
    s.md5 = e.md5;
    s.minimal_actions = e.minimal;
    s.legal_actions = legal_actions(e);
    s.starting_actions = e.starting;
    s.modes = e.modes;
    s.default_mode = e.modes.front();  // ALE's getDefaultMode: the first listed
    s.difficulties = e.difficulties;
    s.default_difficulty = 0;  // ALE starts every game at difficulty 0
    s.paddle_max = e.paddle_max;
    const Entry* entry = &e;   // the table is static and never changes
    s.make_logic = [entry] { return make_rules_logic(entry->rules, entry->modes); };
    specs.push_back(std::move(s));
  }
  return specs;
}

}  // namespace

const std::vector<GameSpec>& all_games() {
  static const std::vector<GameSpec> specs = make_specs();
  return specs;
}

namespace {
template <class Pred>
const GameSpec* find_game(Pred pred) {
  for (const GameSpec& g : all_games()) {
    if (pred(g)) return &g;
  }
  return nullptr;
}
}  // namespace

const GameSpec* find_game_by_md5(std::string_view md5) {
  return find_game([&](const GameSpec& g) { return g.md5 == md5; });
}
const GameSpec* find_game_by_rom(std::string_view rom) {
  return find_game([&](const GameSpec& g) { return g.rom == rom; });
}
const GameSpec* find_game_by_title(std::string_view title) {
  return find_game([&](const GameSpec& g) { return g.title == title; });
}

}  // namespace ag::env
