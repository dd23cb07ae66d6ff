#!/usr/bin/env bash
# Targeted RAM-poke runs for games whose game over random play never reaches
# (addresses from ALE's games/supported/<Game>.cpp step()): both sides get the
# same pokes; reward / lives / game over must stay equal. Uses the cmp that run_all.sh builds (or $CMP).
here=$(cd "$(dirname "$0")" && pwd)
roms=${ROMS:-$here/../../../shared/roms}
run() {  # game targets every
  printf '%-12s ' "$1"
  POKE_TARGETS=$2 POKE_EVERY=$3 "${CMP:-$here/../../build/ale-side-by-side/cmp}" "$roms/$1.bin" 0 0 0 0 5000 2>/dev/null | grep '^POKE'
}
# Superman: over when Clark Kent ($9F bit 6) is in the Daily Bugle room ($80/$81 = $F2AC); reward from the clock $E2/$E3.
run superman "80:ac,81:f2,9f:40,9f:00,e2:*,e3:*,e2:59,e3:12" 8
# Earthworld: clue number $A7 (BCD) is the score; 10 ends the game.
run earthworld "a7:*,a7:09,a7:10,a7:05" 8
# Othello: scores $CE/$D0 (BCD); over after 50 frames with turn indicator $C0 = 0.
run othello "c0:00,c0:00,c0:00,c0:01,ce:*,d0:*,ce:20,d0:12" 8
# Backgammon: over when the board is consistent and one side has all 15 off ($80 = -15, $8E = 15).
t="80:f1,8e:0f,80:f1,8e:0f"
for a in 81 82 83 84 85 86 87 88 89 8a 8b 8c 8d 8f 90 91 92 93 94 95 96 97 98 99 9a 9b; do t="$t,$a:00"; done
run backgammon "$t" 1
