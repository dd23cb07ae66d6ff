// The parts of games whose logic does not fit the common score/lives/flag
// shape (see game_rules.hpp), named after the game. Facts from ALE's
// games/supported/<Game>.cpp; each function says what is unusual.
#pragma once

#include "env/game_rules.hpp"

namespace ag::env::games {

// Score decoders of their own form.
int alien_score(const RamView& ram);
int battle_zone_score(const RamView& ram);
int blackjack_score(const RamView& ram);
bool blackjack_over(const RamView& ram);
int boxing_score(const RamView& ram);
bool boxing_over(const RamView& ram);
int enduro_score(const RamView& ram);

// Lives decoders that keep the previous value on some frames.
int beam_rider_lives(const RamView& ram, int previous);
int time_pilot_lives(const RamView& ram, int previous);
int wizard_of_wor_lives(const RamView& ram, int previous);

// Whole steps (games of their own shape) and their resets.
void adventure_step(const RamView& ram, LogicState& st);
void backgammon_step(const RamView& ram, LogicState& st);
void breakout_step(const RamView& ram, LogicState& st);
void casino_step(const RamView& ram, LogicState& st);
void chopper_command_step(const RamView& ram, LogicState& st);
void dark_chambers_step(const RamView& ram, LogicState& st);
void demon_attack_step(const RamView& ram, LogicState& st);
void hangman_step(const RamView& ram, LogicState& st);
void hangman_reset(LogicState& st);
void haunted_house_step(const RamView& ram, LogicState& st);
void klax_step(const RamView& ram, LogicState& st);
void miniature_golf_step(const RamView& ram, LogicState& st);
void othello_step(const RamView& ram, LogicState& st);
void qbert_step(const RamView& ram, LogicState& st);
void qbert_reset(LogicState& st);
void river_raid_step(const RamView& ram, LogicState& st);
void river_raid_reset(LogicState& st);
void star_gunner_step(const RamView& ram, LogicState& st);
void superman_step(const RamView& ram, LogicState& st);
void tennis_step(const RamView& ram, LogicState& st);
void tetris_step(const RamView& ram, LogicState& st);
void tic_tac_toe_3d_step(const RamView& ram, LogicState& st);
void video_checkers_step(const RamView& ram, LogicState& st);
void video_checkers_reset(LogicState& st);
void video_chess_step(const RamView& ram, LogicState& st);
void video_cube_step(const RamView& ram, LogicState& st);
void video_cube_reset(LogicState& st);
void word_zapper_step(const RamView& ram, LogicState& st);

// Mode selections of their own form.
void adventure_select(int mode, GameHost& host, LogicState& st);
void alien_select(int mode, GameHost& host, LogicState& st);
void berzerk_select(int mode, GameHost& host, LogicState& st);
void demon_attack_select(int mode, GameHost& host, LogicState& st);
void double_dunk_select(int mode, GameHost& host, LogicState& st);
void et_select(int mode, GameHost& host, LogicState& st);
void gopher_select(int mode, GameHost& host, LogicState& st);
void gravitar_select(int mode, GameHost& host, LogicState& st);
void human_cannonball_select(int mode, GameHost& host, LogicState& st);
void james_bond_select(int mode, GameHost& host, LogicState& st);
void kangaroo_select(int mode, GameHost& host, LogicState& st);
void klax_select(int mode, GameHost& host, LogicState& st);
void ms_pacman_select(int mode, GameHost& host, LogicState& st);
void pacman_select(int mode, GameHost& host, LogicState& st);
void space_war_select(int mode, GameHost& host, LogicState& st);
void video_checkers_select(int mode, GameHost& host, LogicState& st);
void video_cube_select(int mode, GameHost& host, LogicState& st);

}  // namespace ag::env::games
