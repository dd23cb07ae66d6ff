// ALE's frames per second with the method of `atari-gym bench emu`: random
// minimal-set actions (mt19937, seed 0), frame skip 1, sticky actions off,
// reset_game on game over (its reset frames counted, as ours are). Built
// against an ALE checkout outside the repo by compare.sh; not part of the
// project's build.
#include <ale/ale_interface.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: ale_bench ROM FRAMES\n");
    return 2;
  }
  ale::ALEInterface ale;
  ale.setInt("random_seed", 0);
  ale.setFloat("repeat_action_probability", 0.0f);
  ale.loadROM(argv[1]);
  const long frames = std::atol(argv[2]);
  const auto actions = ale.getMinimalActionSet();
  std::mt19937 rng(0);
  const auto t0 = std::chrono::steady_clock::now();
  const int start = ale.getFrameNumber();
  while (ale.getFrameNumber() - start < frames) {
    ale.act(actions[rng() % actions.size()]);
    if (ale.game_over()) ale.reset_game();
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%s fps=%.0f\n", argv[1], (ale.getFrameNumber() - start) / secs);
  return 0;
}
