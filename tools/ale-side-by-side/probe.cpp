// Debug aid: replays cmp's POKE run (seed 11, a poke every 8 frames) and, at the
// first screen difference, prints the pokes so far and where the screens differ.
// usage: probe ROM [max_frames]
#include <ale/ale_interface.hpp>
#include <ale/common/Log.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>
#include "env/ale_env.hpp"
int main(int argc, char** argv) {
  ale::Logger::setMode(ale::Logger::Error);
  const char* rom = argv[1];
  int frames = argc > 2 ? atoi(argv[2]) : 5000;
  int seed = 11, mode = -1, difficulty = -1;
  ale::ALEInterface ale;
  ale.setInt("random_seed", seed);
  ale.setFloat("repeat_action_probability", 0.25f);
  ale.loadROM(rom);
  ag::env::AleSettings st;
  st.random_seed = seed;
  st.repeat_action_probability = 0.25f;
  ag::env::AleEnv ours(rom, st);
  auto acts = ale.getMinimalActionSet();
  std::mt19937 pick(static_cast<uint32_t>(seed * 7919 + 17 + mode * 31 + difficulty * 131));
  int held = 0;
  ale::Action a = acts[0];
  std::vector<std::pair<int, int>> pokes;
  std::vector<std::vector<uint8_t>> hist_ale, hist_ours;  // screens of the last frames
  for (int t = 0; t < frames; ++t) {
    if (held == 0) {
      a = acts[pick() % acts.size()];
      held = 1 + pick() % 12;
    }
    --held;
    ale.act(a);
    ours.act(static_cast<ag::env::Action>(a));
    const auto& scr = ale.getScreen();
    const uint8_t* x = scr.getArray();
    const uint8_t* y = ours.screen();
    bool ram_eq = true;
    for (int i = 0; i < 128; ++i) ram_eq &= ale.getRAM().get(i) == ours.ram()[i];
    hist_ale.emplace_back(x, x + 210 * 160);
    hist_ours.emplace_back(y, y + 210 * 160);
    if (memcmp(x, y, 210 * 160) != 0 || !ram_eq) {
      for (int back = 1; back <= 3 && back < (int)hist_ale.size(); ++back) {
        const auto& pa = hist_ale[hist_ale.size() - 1 - back];
        const auto& po = hist_ours[hist_ours.size() - 1 - back];
        int same_a = 0, same_o = 0, diffpx = 0;
        for (int i = 0; i < 210 * 160; ++i)
          if (x[i] != y[i]) { ++diffpx; same_a += pa[i] == x[i]; same_o += po[i] == x[i]; }
        printf("differing pixels %d: ALE's value equals ALE's frame t-%d at %d, ours t-%d at %d\n",
               diffpx, back, same_a, back, same_o);
      }
      printf("step %d ram_equal=%d action=%d; last pokes:", t, ram_eq, a);
      for (size_t i = pokes.size() > 12 ? pokes.size() - 12 : 0; i < pokes.size(); ++i)
        printf(" $%02x=%02x", 0x80 + pokes[i].first, pokes[i].second);
      printf("\nRAM ale : ");
      for (int i = 0; i < 128; ++i) printf("%02x", ale.getRAM().get(i));
      printf("\nRAM ours: ");
      for (int i = 0; i < 128; ++i) printf("%02x", ours.ram()[i]);
      printf("\n");
      int shown = 0;
      for (int r = 0; r < 210 && shown < 12; ++r) {
        int c0 = -1, c1 = -1;
        for (int c = 0; c < 160; ++c)
          if (x[r * 160 + c] != y[r * 160 + c]) {
            if (c0 < 0) c0 = c;
            c1 = c;
          }
        if (c0 >= 0) {
          ++shown;
          printf("row %3d cols %3d-%3d ale:", r, c0, c1);
          for (int c = c0; c <= c1 && c < c0 + 16; ++c) printf(" %02x", x[r * 160 + c]);
          printf(" | ours:");
          for (int c = c0; c <= c1 && c < c0 + 16; ++c) printf(" %02x", y[r * 160 + c]);
          printf("\n");
        }
      }
      return 0;
    }
    if (t % 8 == 0) {
      int addr = pick() % 128, val = pick() & 0xFF;
      ale.setRAM(addr, val);
      ours.set_ram(addr, static_cast<uint8_t>(val));
      pokes.push_back({addr, val});
    }
    if (ale.game_over()) {
      ale.reset_game();
      ours.reset_game();
    }
  }
  printf("no difference\n");
}
