#include "env/games_special.hpp"

#include <cstdint>
#include <stdexcept>

namespace ag::env::games {

namespace {

// The usual score shape inside a game's own step.
void take_score(LogicState& st, int score) {
  st.reward = score - st.score;
  st.score = score;
}

}  // namespace

// ---------------------------------------------------------------- scores --

// Alien: five digits, one per byte at $8B,$89,$87,$85,$83 (ones first), each
// stored as digit << 3 except 0x80 for a blank; the score is ten times that.
int alien_score(const RamView& ram) {
  auto digit = [&](int addr) {
    int b = ram[addr];
    return b == 0x80 ? 0 : b >> 3;
  };
  int s =
      digit(0x8B) + 10 * digit(0x89) + 100 * digit(0x87) + 1000 * digit(0x85) + 10000 * digit(0x83);
  return 10 * s;
}

// Battle Zone: thousands digits from three nibbles (high nibble of $9D, low
// and high nibble of $9E); a nibble of 0xA is a blank and reads as 0.
int battle_zone_score(const RamView& ram) {
  auto digit = [](int d) { return d == 0xA ? 0 : d; };
  int first = ram[0x9D], second = ram[0x9E];
  return 1000 * (digit(first >> 4) + 10 * digit(second & 0xF) + 100 * digit(second >> 4));
}

// Blackjack: chips in BCD at $89 (low) and $86; $86 = 0x0B with $89 = 0xBB is
// "bust" (no chips left), score 0. The game ends at bust or 1000 chips.
namespace {
bool blackjack_bust(const RamView& ram) {
  return ram[0x86] == 0x0B && ram[0x89] == 0xBB;
}
}  // namespace
int blackjack_score(const RamView& ram) {
  return blackjack_bust(ram) ? 0 : ram.bcd(0x89, 0x86);
}
bool blackjack_over(const RamView& ram) {
  return blackjack_bust(ram) || blackjack_score(ram) >= 1000;
}

// Boxing: my points ($92) minus the opponent's ($93), BCD; 0xC0 shows a
// knock-out, worth 100. Ends at a knock-out or when the clock ($90 minutes in
// the high nibble, $91 seconds in BCD) reads 0:00.
namespace {
int boxing_points(const RamView& ram, int addr) {
  return ram[addr] == 0xC0 ? 100 : ram.bcd(addr);
}
}  // namespace
int boxing_score(const RamView& ram) {
  return boxing_points(ram, 0x92) - boxing_points(ram, 0x93);
}
bool boxing_over(const RamView& ram) {
  if (boxing_points(ram, 0x92) == 100 || boxing_points(ram, 0x93) == 100) return true;
  int minutes = ram[0x90] >> 4;
  int seconds = (ram[0x91] & 0xF) + (ram[0x91] >> 4) * 10;
  return minutes == 0 && seconds == 0;
}

// Enduro: cars passed. $AD is the day (0 before the race starts), $AB/$AC
// (BCD) the cars still to pass that day: 200 on day 1, 300 after.
int enduro_score(const RamView& ram) {
  int day = ram[0xAD];
  if (day == 0) return 0;
  int to_pass = ram.bcd(0xAB, 0xAC);
  if (day == 1) return 200 - to_pass;
  return 200 + (day - 2) * 300 + (300 - to_pass);
}

// ----------------------------------------------------------------- lives --

// Beam Rider: $85 + 1, except that a drop by one is only taken once $8C
// is 1 (the ship's death is over).
int beam_rider_lives(const RamView& ram, int previous) {
  int now = ram[0x85] + 1;
  if (now == previous - 1) return ram[0x8C] == 0x01 ? now : previous;
  return now;
}

// Time Pilot: ($8B & 7) + 1, read only while the screen byte ($80 & 0xF) is 2.
int time_pilot_lives(const RamView& ram, int previous) {
  return (ram[0x80] & 0xF) == 2 ? (ram[0x8B] & 0x7) + 1 : previous;
}

// Wizard of Wor: $8D & 0xF, read only while bit 0 of $D7 is clear (waiting).
int wizard_of_wor_lives(const RamView& ram, int previous) {
  return (ram[0xD7] & 0x1) == 0 ? ram[0x8D] & 0xF : previous;
}

// ----------------------------------------------------------------- steps --

// Adventure: reward 1 once the chalice ($B9 = 0x12) is in the yellow castle;
// ALE never clears it (until reset). Ends then, or when the player is eaten
// ($E0 = 2).
void adventure_step(const RamView& ram, LogicState& st) {
  const bool chalice_home = ram[0xB9] == 0x12;
  if (chalice_home) st.reward = 1;
  st.terminal = ram[0xE0] == 2 || chalice_home;
}

// Backgammon: signed piece counts; $80 is the player's borne-off pieces
// (negative), $8E the computer's, points $81-$8D and $8F-$9B hold the
// computer's pieces as positive and the player's as negative counts. When the
// board adds up (15 each) and one side has all 15 off, the game ends with
// +1 / -1. ALE counts in int8_t; reward and game over stay set (until reset).
void backgammon_step(const RamView& ram, LogicState& st) {
  auto pieces = [&](int addr) { return static_cast<int8_t>(ram[addr]); };
  const auto player_out = static_cast<int8_t>(-pieces(0x80));
  const int8_t computer_out = pieces(0x8E);
  int8_t player_in = 0, computer_in = 0;
  auto count = [&](int first, int last) {
    for (int a = first; a <= last; ++a) {
      int8_t p = pieces(a);
      if (p > 0)
        computer_in = static_cast<int8_t>(computer_in + p);
      else if (p < 0)
        player_in = static_cast<int8_t>(player_in - p);
    }
  };
  count(0x81, 0x8D);
  count(0x8F, 0x9B);
  const bool valid = computer_in + computer_out == 15 && player_in + player_out == 15;
  if (!valid) return;
  if (player_out == 15) {
    st.terminal = true;
    st.reward = 1;
  } else if (computer_out == 15) {
    st.terminal = true;
    st.reward = -1;
  }
}

// Breakout: score in $CD (BCD ones/tens) and the low nibble of $CC
// (hundreds); lives in $B9. Game over is lives 0, but only once 5 lives were
// seen (memo[0]: started), since $B9 is 0 before the game starts.
void breakout_step(const RamView& ram, LogicState& st) {
  int32_t& started = st.memo[0];
  take_score(st, bcd_value(ram[0xCD]) + 100 * (ram[0xCC] & 0xF));
  const int lives = ram[0xB9];
  if (!started && lives == 5) started = 1;
  st.terminal = started && lives == 0;
  st.lives = lives;
}

// Casino: chips in BCD at $95 (low) and $8C. In game 3 ($D4 = 3, poker) the
// game ends once chips were won and the award is done ($9E = 0xAA). Otherwise
// the reward is only updated while input is enabled (bit 7 of $D3 clear; else
// the last reward repeats, as in ALE), and the game ends at 0 chips or when a
// bet ($9E, BCD) is placed with input disabled.
void casino_step(const RamView& ram, LogicState& st) {
  const int score = ram.bcd(0x95, 0x8C);
  if (ram[0xD4] == 3) {
    const bool finished_awarding = ram[0x9E] == 0xAA;
    st.reward = score - st.score;
    st.terminal = score > 0 && finished_awarding;
  } else {
    const bool input_disabled = (ram[0xD3] & 0x80) != 0;
    if (!input_disabled) st.reward = score - st.score;
    const int bet = ram.bcd(0x9E);
    st.terminal = score == 0 || (bet > 0 && input_disabled);
  }
  st.score = score;
}

// Chopper Command: score BCD $EE (low), $EC, x100; lives $E4 & 0xF. Lives 0
// only ends the game once it started: bit 0 of $C2 (chopper facing right) was
// set at least once (memo[0]). Reports lives even when over (ALE).
void chopper_command_step(const RamView& ram, LogicState& st) {
  int32_t& started = st.memo[0];
  take_score(st, 100 * ram.bcd(0xEE, 0xEC));
  st.lives = ram[0xE4] & 0xF;
  started |= ram[0xC2] & 0x1;
  st.terminal = started && st.lives == 0;
}

// Dark Chambers: level $D5 (memo[0]), score BCD $CC (low) and $CF, x10,
// health $CA & 0x1F (memo[1]). A level or score going down, or health 0,
// ends the game; ALE never clears game over (until reset) and stops tracking
// once the level went down.
void dark_chambers_step(const RamView& ram, LogicState& st) {
  int32_t& level = st.memo[0];
  int32_t& health = st.memo[1];
  st.reward = 0;
  const int new_level = ram[0xD5];
  if (new_level < level) {
    st.terminal = true;
    return;
  }
  level = new_level;
  const int new_score = ram.bcd(0xCC, 0xCF) * 10;
  if (new_score < st.score) {
    st.terminal = true;
  } else {
    st.reward = new_score - st.score;
    st.score = new_score;
  }
  health = ram[0xCA] & 0x1F;
  if (health == 0) st.terminal = true;
}

// Demon Attack: score BCD $85 (low), $83, $81, except that $81/$83/$85 =
// AB/CD/EA (the attract screen) reads as 0. Lives shown $F2, +1. Over when no
// lives are shown and $F1 = 0xBD, but not on the first frame after a mode
// change (memo[0], set by demon_attack_select).
void demon_attack_step(const RamView& ram, LogicState& st) {
  int32_t& level_change = st.memo[0];
  int score = ram.bcd(0x85, 0x83, 0x81);
  if (ram[0x81] == 0xAB && ram[0x83] == 0xCD && ram[0x85] == 0xEA) score = 0;
  take_score(st, score);
  const int lives_shown = ram[0xF2];
  st.terminal = lives_shown == 0 && ram[0xF1] == 0xBD && !level_change;
  st.lives = lives_shown + 1;
  level_change = 0;
}

// Hangman: reward = change of the player's score ($EB, BCD; memo[0]) minus
// change of the computer's ($EC; memo[1]); a word ends the episode (any
// reward). Also ends when the game timer $F1 rolls over from 255 to 0
// (memo[2] this frame's timer, memo[3] the previous; -1 after reset).
void hangman_step(const RamView& ram, LogicState& st) {
  int32_t& player = st.memo[0];
  int32_t& computer = st.memo[1];
  int32_t& timer = st.memo[2];
  int32_t& timer_before = st.memo[3];
  const int computer_now = ram.bcd(0xEC);
  const int player_now = ram.bcd(0xEB);
  st.reward = (player_now - player) - (computer_now - computer);
  computer = computer_now;
  player = player_now;
  timer_before = timer;
  timer = ram[0xF1];
  const bool timed_out = timer == 0 && timer_before == 255;
  st.terminal = st.reward != 0 || timed_out;
}
void hangman_reset(LogicState& st) {
  st.memo = {0, 0, -1, -1, 0};
}

// Haunted House: -1 whenever the matches used ($82, BCD; memo[0]) change,
// +100 for escaping with the urn ($99 = 0x44), which ends the game; lives $96.
void haunted_house_step(const RamView& ram, LogicState& st) {
  int32_t& matches = st.memo[0];
  st.reward = 0;
  const int now = ram.bcd(0x82);
  if (now != matches) {
    --st.reward;
    matches = now;
  }
  st.lives = ram[0x96];
  const bool escaped = ram[0x99] == 0x44;
  if (escaped) st.reward += 100;
  st.terminal = st.lives == 0 || escaped;
}

// Klax: score in cartridge RAM, BCD at $F0B4 (low), $F0B5, $F0B6. Over when
// the misses ($F0EE) reach the allowed misses ($F0E9, if nonzero), when all
// 25 bins ($B3-$CB) hold tiles while playing ($A8 = 4; bin values 0, 2, 6, 10
// and 14 are empty), or at level ($F09D) 0x99.
void klax_step(const RamView& ram, LogicState& st) {
  auto mapped_bcd = [&](int addr) { return bcd_value(ram.mapped(addr)); };
  take_score(st, mapped_bcd(0xF0B4) + 100 * mapped_bcd(0xF0B5) + 10000 * mapped_bcd(0xF0B6));
  const int misses = ram.mapped(0xF0EE);
  const int max_misses = ram.mapped(0xF0E9);
  const bool active = ram[0xA8] == 4;
  int full = 0;
  for (int i = 0; i < 25; ++i) {
    int t = ram[0xB3 + i];
    if (t != 0 && t != 2 && t != 6 && t != 10 && t != 14) ++full;
  }
  const int level = ram.mapped(0xF09D);
  st.terminal = (max_misses > 0 && misses == max_misses) || (active && full == 25) || level == 0x99;
}

// Miniature Golf: reward par - strokes when a hole ends (hole number $AF,
// BCD, changes; back to 0 ends the game). $88 (BCD) is the par while shown,
// else $87 (BCD) counts strokes, which can wrap (a drop adds the old count).
// memo: 0 hole, 1 par, 2 strokes carried over, 3 last stroke count, 4 strokes
// at the hole's start.
void miniature_golf_step(const RamView& ram, LogicState& st) {
  int32_t& hole = st.memo[0];
  int32_t& par = st.memo[1];
  int32_t& hits = st.memo[2];
  int32_t& left_status = st.memo[3];
  int32_t& hits_at_start = st.memo[4];
  st.reward = 0;
  const int left = ram.bcd(0x87);
  const int right = ram.bcd(0x88);
  const int now = ram.bcd(0xAF);
  if (now != hole) {
    const int strokes = left_status + hits - hits_at_start;
    if (strokes > 0) st.reward = par - strokes;
    if (now == 0) st.terminal = true;
    hole = now;
    hits = 0;
    hits_at_start = left_status;
  }
  if (right != 0) {
    par = right;
  } else {
    if (left < left_status) hits += left_status;
    left_status = left;
  }
}

// Othello: score = white discs ($CE, BCD) - black discs ($D0). Over after
// more than 50 consecutive frames with $C0 = 0 (no input awaited; memo[0]).
void othello_step(const RamView& ram, LogicState& st) {
  int32_t& idle = st.memo[0];
  take_score(st, ram.bcd(0xCE) - ram.bcd(0xD0));
  idle = ram[0xC0] == 0 ? idle + 1 : 0;
  st.terminal = idle > 50;
}

// Q*bert: $88 is lives - 1 as a signed byte (memo[0]: previous, 2 after
// reset). Over at $88 = 0xFE, or when it jumps from -1 back to 2 (new game).
// Lives count down by one whenever $88 drops by exactly one. The score (BCD
// $DB low, $DA, $D9) is not taken on the terminal frame (reward 0).
void qbert_step(const RamView& ram, LogicState& st) {
  int32_t& last = st.memo[0];
  const int value = ram[0x88];
  st.terminal = value == 0xFE || (value == 0x02 && last == -1);
  const int as_signed = static_cast<int8_t>(value);
  if (last - 1 == as_signed) --st.lives;
  last = as_signed;
  if (!st.terminal) {
    take_score(st, ram.bcd(0xDB, 0xDA, 0xD9));
  } else {
    st.reward = 0;
  }
}
void qbert_reset(LogicState& st) {
  st.memo = {2, 0, 0, 0, 0};
}

// River Raid: six digits at $CD,$CF,$D1,$D3,$D5,$D7 (most significant first),
// each stored as 8 * digit; other values read as 0 (ALE's lookup table).
// $C0 (memo[0]; 0x58 after reset) is the lives byte: 0x58 at a game's start,
// 0x59 on the last life, else 8 * (lives - 1); the step from 0x59 to 0x58 is
// game over.
namespace {
int river_raid_lives(int byte) {
  return byte == 0x58 ? 4 : byte == 0x59 ? 1 : byte / 8 + 1;
}
}  // namespace
void river_raid_step(const RamView& ram, LogicState& st) {
  int32_t& lives_byte = st.memo[0];
  auto digit = [&](int addr) {
    int v = ram[addr];
    return v % 8 == 0 && v <= 72 ? v / 8 : 0;
  };
  int score = 0;
  for (int addr : {0xCD, 0xCF, 0xD1, 0xD3, 0xD5, 0xD7}) score = 10 * score + digit(addr);
  take_score(st, score);
  const int byte = ram[0xC0];
  st.terminal = byte == 0x58 && lives_byte == 0x59;
  lives_byte = byte;
  st.lives = river_raid_lives(byte);
}
void river_raid_reset(LogicState& st) {
  st.memo = {0x58, 0, 0, 0, 0};
  st.lives = river_raid_lives(0x58);
}

// Star Gunner: four digits in the low nibbles of $83-$86 (0xA blank), x100.
// $87 is lives; 0 is game over. Until $87 has shown 5 (memo[0]: started)
// lives read as 5.
void star_gunner_step(const RamView& ram, LogicState& st) {
  int32_t& started = st.memo[0];
  take_score(st, 100 * ram.digits_low_nibble(0x83, 4));
  const int lives_byte = ram[0x87];
  st.terminal = lives_byte == 0;
  started |= lives_byte == 0x05;
  st.lives = started ? (lives_byte & 0xF) : 5;
}

// Superman: the only reward is at the end: 99:59 minus the clock (minutes
// $E3, seconds $E2, BCD; memo[0]). Ends when Clark Kent (bit 6 of $9F) is in
// the room at $80/$81 = $F2AC (the Daily Planet).
void superman_step(const RamView& ram, LogicState& st) {
  int32_t& seconds = st.memo[0];
  seconds = ram.bcd(0xE3) * 60 + ram.bcd(0xE2);
  const int room = ram[0x80] + (ram[0x81] << 8);
  const bool clark_kent = (ram[0x9F] & 0x40) != 0;
  st.terminal = clark_kent && room == 0xF2AC;
  constexpr int kMaxSeconds = 99 * 60 + 59;
  st.reward = st.terminal ? kMaxSeconds - seconds : 0;
}

// Tennis: games $C5 (me) / $C6 and points $C7 / $C8. The reward is the change
// of the point difference (memo[0]) if it changed, else the change of the
// game difference (memo[1]). A set ends at 6 games with a lead of 2, or at 7.
void tennis_step(const RamView& ram, LogicState& st) {
  int32_t& prev_delta_points = st.memo[0];
  int32_t& prev_delta_score = st.memo[1];
  const int my_score = ram[0xC5], oppt_score = ram[0xC6];
  const int my_points = ram[0xC7], oppt_points = ram[0xC8];
  const int delta_score = my_score - oppt_score;
  const int delta_points = my_points - oppt_points;
  if (prev_delta_points != delta_points) {
    st.reward = delta_points - prev_delta_points;
  } else if (prev_delta_score != delta_score) {
    st.reward = delta_score - prev_delta_score;
  } else {
    st.reward = 0;
  }
  prev_delta_points = delta_points;
  prev_delta_score = delta_score;
  st.terminal = (my_points >= 6 && delta_points >= 2) || (oppt_points >= 6 && -delta_points >= 2) ||
                my_points == 7 || oppt_points == 7;
}

// Tetris: score BCD $F1 (low), $F2; only increases reward. Bit 7 of $F3 is
// game over, counted from the second frame after reset or game over
// (memo[0]: started); at game over ALE forgets the score (so a new game's
// score is rewarded from 0).
void tetris_step(const RamView& ram, LogicState& st) {
  int32_t& started = st.memo[0];
  const int score = ram.bcd(0xF1, 0xF2);
  st.reward = score > st.score ? score - st.score : 0;
  st.score = score;
  started = 1;
  st.terminal = started && (ram[0xF3] & 0x80) != 0;
  if (st.terminal) {
    st.score = 0;
    started = 0;
  }
}

// 3-D Tic-Tac-Toe: when the game's code pointer $FE/$FF is $F310 (the win
// routine), +1 if $E1 = 8 (the player won) else -1, and the game ends. A full
// board ($9A-$D9 all nonzero) ends it too. Game over stays set (ALE).
void tic_tac_toe_3d_step(const RamView& ram, LogicState& st) {
  st.reward = 0;
  if (ram[0xFF] == 0xF3 && ram[0xFE] == 0x10) {
    st.reward = ram[0xE1] == 0x08 ? 1 : -1;
    st.terminal = true;
  }
  for (int a = 0x9A; a <= 0xD9; ++a) {
    if (ram[a] == 0) return;
  }
  st.terminal = true;
}

// Video Checkers: squares $80-$87, $89-$90, $92-$99, $9B-$A2 hold 0x10/0x20
// (black man/king) or 0x90/0xA0 (white). No black pieces: -1 (+1 in the
// give-away games, memo[0], set by video_checkers_select); no white: +1 (-1).
// Reward and game over stay set (ALE).
void video_checkers_step(const RamView& ram, LogicState& st) {
  const bool reverse = st.memo[0] != 0;
  int black = 0, white = 0;
  auto count = [&](int first, int last) {
    for (int a = first; a <= last; ++a) {
      int s = ram[a];
      if (s == 0x10 || s == 0x20)
        ++black;
      else if (s == 0x90 || s == 0xA0)
        ++white;
    }
  };
  count(0x80, 0x87);
  count(0x89, 0x90);
  count(0x92, 0x99);
  count(0x9B, 0xA2);
  if (black == 0) {
    st.reward = reverse ? 1 : -1;
    st.terminal = true;
  } else if (white == 0) {
    st.reward = reverse ? -1 : 1;
    st.terminal = true;
  }
}
// ALE's reset leaves the give-away flag alone (the mode sets it).
void video_checkers_reset(LogicState&) {}

// Video Chess: on white's turn ($E1 = 0x82), $EE = 0 is a checkmate by the
// player (+1), 1 by the computer (-1); both end the game (never cleared).
void video_chess_step(const RamView& ram, LogicState& st) {
  st.reward = 0;
  if (ram[0xE1] != 0x82) return;
  const int checkmate = ram[0xEE];
  if (checkmate == 0x00) {
    st.reward += 1;
    st.terminal = true;
  } else if (checkmate == 0x01) {
    st.reward -= 1;
    st.terminal = true;
  }
}

// Video Cube: the six faces are 9 bytes each from $A0; reward is the change in
// faces of one colour (memo[2]), all six ends the game. The timer $DB rolling
// over from 255 to 0 (memo[0] now, memo[1] before) hands the cube to the
// computer: reward -1, game over. memo[3] is the cube number chosen by the
// mode (1 after reset). ALE's reset keeps the timer bytes.
void video_cube_step(const RamView& ram, LogicState& st) {
  int32_t& timer = st.memo[0];
  int32_t& timer_before = st.memo[1];
  int32_t& faces = st.memo[2];
  int complete = 0;
  for (int face = 0; face < 6; ++face) {
    const int base = 0xA0 + 9 * face;
    const int first = ram[base];
    bool all = true;
    for (int c = 1; c < 9 && all; ++c) all = ram[base + c] == first;
    if (all) ++complete;
  }
  timer_before = timer;
  timer = ram[0xDB];
  const bool timed_out = timer == 0 && timer_before == 255;
  st.reward = timed_out ? -1 : complete - faces;
  faces = complete;
  st.terminal = timed_out || complete == 6;
}
void video_cube_reset(LogicState& st) {
  st.memo[2] = 0;  // faces
  st.memo[3] = 1;  // cube number
}

// Word Zapper: only while the wall clock ($CF, BCD) runs: score is 2 - $DC
// (signed); 3 words or no time left ($DE, BCD) ends the game. Otherwise
// reward and game over keep their last values (ALE).
void word_zapper_step(const RamView& ram, LogicState& st) {
  if (ram.bcd(0xCF) <= 0) return;
  take_score(st, 2 - static_cast<int8_t>(ram[0xDC]));
  st.terminal = st.score == 3 || ram.bcd(0xDE) == 0;
}

// ------------------------------------------------------- mode selection --

// Adventure: the game number is bits 1-2 of $DD. Each SELECT press lasts
// 2 + (env RNG draw % 256) frames and is followed by one NOOP act().
void adventure_select(int mode, GameHost& host, LogicState&) {
  const RamView ram(host);
  repeat_until([&] { return ((ram[0xDD] >> 1) & 0x03) == mode; },
               [&] {
                 host.press_select(static_cast<int>(2 + host.env_rng()() % 256));
                 host.act(NOOP, PLAYER_B_NOOP);
               });
  host.soft_reset();
}

// Alien: mode in $81; ALE re-reads the lives ($C0 & 0xF) before RESET.
void alien_select(int mode, GameHost& host, LogicState& st) {
  const RamView ram(host);
  press_select_until(host, 1, [&] { return ram[0x81] == mode; });
  st.lives = ram[0xC0] & 0xF;
  host.soft_reset();
}

// Berzerk: 20 NOOP act()s first, then mode in $80.
void berzerk_select(int mode, GameHost& host, LogicState&) {
  for (int i = 0; i < 20; ++i) host.act(NOOP, PLAYER_B_NOOP);
  const RamView ram(host);
  press_select_until(host, 2, [&] { return ram[0x80] == mode; });
  host.soft_reset();
}

// Demon Attack: mode in $EA; the next frame may not end the game.
void demon_attack_select(int mode, GameHost& host, LogicState& st) {
  const RamView ram(host);
  press_select_until(host, 1, [&] { return ram[0xEA] == mode; });
  st.memo[0] = 1;  // level change
  host.soft_reset();
}

// Double Dunk: an options menu. After one SELECT press, DOWN moves between
// rows (the row is $B0) and RIGHT/LEFT set or clear an option bit in $80:
// mode bit 0 -> 0x08, bit 1 -> 0x10, bit 2 -> 0x04, bit 3 -> 0x20. Each
// move is followed by a NOOP act(). After RESET, UPFIRE then NOOP.
void double_dunk_select(int mode, GameHost& host, LogicState&) {
  const RamView ram(host);
  auto act_then_noop = [&](Action a) {
    host.act(a, PLAYER_B_NOOP);
    host.act(NOOP, PLAYER_B_NOOP);
  };
  auto go_down = [&] {
    const int row = ram[0xB0];
    repeat_until([&] { return ram[0xB0] != row; }, [&] { act_then_noop(DOWN); });
  };
  auto set_option = [&](int bit, bool on) {
    if (on) {
      repeat_until([&] { return (ram[0x80] & bit) == bit; }, [&] { act_then_noop(RIGHT); });
    } else {
      repeat_until([&] { return (ram[0x80] & bit) != bit; }, [&] { act_then_noop(LEFT); });
    }
  };
  host.press_select(1);
  go_down();
  go_down();
  set_option(0x08, mode & 1);
  go_down();
  set_option(0x10, mode & 2);
  go_down();
  set_option(0x04, mode & 4);
  go_down();
  set_option(0x20, mode & 8);
  host.soft_reset();
  host.act(UPFIRE, PLAYER_B_NOOP);
  host.act(NOOP, PLAYER_B_NOOP);
}

// E.T.: mode is $EA - 1; ALE tries 100 presses of 25 frames, then fails.
void et_select(int mode, GameHost& host, LogicState&) {
  const RamView ram(host);
  auto shown = [&] { return static_cast<uint8_t>(ram[0xEA] - 1); };
  for (int attempts = 0; shown() != mode && attempts < 100; ++attempts) host.press_select(25);
  if (shown() != mode) throw std::runtime_error("E.T.: failed to select game mode");
  host.soft_reset();
}

// Gopher: RESET first, then mode in $D3 (presses of 5 frames).
void gopher_select(int mode, GameHost& host, LogicState&) {
  host.soft_reset();
  const RamView ram(host);
  press_select_until(host, 5, [&] { return ram[0xD3] == mode; });
  host.soft_reset();
}

// Gravitar: mode in $80 (presses of 10 frames); ALE sets the lives the mode
// starts with before RESET.
void gravitar_select(int mode, GameHost& host, LogicState& st) {
  const RamView ram(host);
  press_select_until(host, 10, [&] { return ram[0x80] == mode; });
  static constexpr int kLives[] = {6, 15, 6, 100, 25};
  st.lives = kLives[mode];
  host.soft_reset();
}

// Human Cannonball: mode is $B6 - 1, and $B7 (players) must be 1.
void human_cannonball_select(int mode, GameHost& host, LogicState&) {
  const RamView ram(host);
  press_select_until(host, 2,
                     [&] { return static_cast<uint8_t>(ram[0xB6] - 1) == mode && ram[0xB7] == 1; });
  host.soft_reset();
}

// James Bond: $8C shows the mode, or the mode + 0x48 (presses of 20 frames).
void james_bond_select(int mode, GameHost& host, LogicState&) {
  const RamView ram(host);
  press_select_until(host, 20, [&] { return ram[0x8C] == mode || ram[0x8C] == mode + 0x48; });
  host.soft_reset();
}

// Kangaroo: $BA shows the mode, or the mode + 0x80.
void kangaroo_select(int mode, GameHost& host, LogicState&) {
  const RamView ram(host);
  press_select_until(host, 2, [&] { return ram[0xBA] == mode || ram[0xBA] == mode + 0x80; });
  host.soft_reset();
}

// Klax: mode in cartridge RAM at $F0EA.
void klax_select(int mode, GameHost& host, LogicState&) {
  const RamView ram(host);
  press_select_until(host, 2, [&] { return ram.mapped(0xF0EA) == mode; });
  host.soft_reset();
}

// Ms. Pac-Man: $99 is the game, $A1 the variation. Mode 0 is game 1 with
// variation 1; mode m > 0 is game m with variation 0 (presses of 10 frames).
void ms_pacman_select(int mode, GameHost& host, LogicState&) {
  const RamView ram(host);
  const int game = mode == 0 ? 1 : mode;
  const int variation = mode == 0 ? 1 : 0;
  press_select_until(host, 10, [&] { return ram[0x99] == game && ram[0xA1] == variation; });
  host.soft_reset();
}

// Pac-Man: mode is $CC - 1, with one player ($E6 = 0).
void pacman_select(int mode, GameHost& host, LogicState&) {
  const RamView ram(host);
  press_select_until(host, 2,
                     [&] { return static_cast<uint8_t>(ram[0xCC] - 1) == mode && ram[0xE6] == 0; });
  host.soft_reset();
}

// Space War: mode shown in BCD at $A7.
void space_war_select(int mode, GameHost& host, LogicState&) {
  const RamView ram(host);
  press_select_until(host, 2, [&] { return ram.bcd(0xA7) == mode; });
  host.soft_reset();
}

// Video Checkers: modes 11-19 are the give-away games, shown in $F6 as 17-25.
void video_checkers_select(int mode, GameHost& host, LogicState& st) {
  const bool reverse = mode >= 11;
  st.memo[0] = reverse;
  const int shown = reverse ? mode + 6 : mode;
  const RamView ram(host);
  press_select_until(host, 1, [&] { return ram[0xF6] == shown; });
  host.soft_reset();
}

// Video Cube: mode = 100 * cube + variation (0-2). The variation is game
// 1, 3 or 9, shown as game - 1 in $FB & 0x1F. After RESET, RIGHT act()s step
// the cube number ($9F, BCD) until it is the chosen cube (1 for modes < 100).
void video_cube_select(int mode, GameHost& host, LogicState& st) {
  int32_t& cube = st.memo[3];
  if (mode >= 100) cube = mode / 100;
  static constexpr int kGameOfVariation[] = {1, 3, 9};
  const int shown = kGameOfVariation[mode % 100] - 1;
  const RamView ram(host);
  press_select_until(host, 2, [&] { return (ram[0xFB] & 0x1F) == shown; });
  host.soft_reset();
  repeat_until([&] { return static_cast<uint8_t>(ram.bcd(0x9F)) == cube; },
               [&] { host.act(RIGHT, PLAYER_B_NOOP); });
}

}  // namespace ag::env::games
