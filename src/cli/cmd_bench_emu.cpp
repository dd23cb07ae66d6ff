// `atari-gym bench emu`: raw emulator speed through the ALE-compatible
// environment, the full screen produced every frame as ALE does.
#include <chrono>
#include <cstdio>
#include <random>

#include "cli/parse.hpp"
#include "env/ale_env.hpp"
#include "env/rom_library.hpp"

namespace ag::cli {

int cmd_bench_emu(const Args& args) {
  CLI::App app(
      "Emulator frames per second: random minimal-set actions (each held 1 frame "
      "per agent step), sticky actions off.",
      "atari-gym bench emu");
  std::string rom;
  long frames = 100000;
  int frame_skip = 1;
  unsigned seed = 0;
  std::vector<std::string> rom_dirs;
  app.add_option("--rom", rom, "ROM file, or a game name such as space_invaders")->required();
  app.add_option("--frames", frames, "emulated frames to run")->check(CLI::Range(1L, 1L << 40));
  app.add_option("--frame-skip", frame_skip, "frames per agent step")->check(CLI::Range(1, 64));
  app.add_option("--seed", seed, "seed of the random action choice");
  app.add_option("--rom-dir", rom_dirs, "extra ROM folder(s)");
  if (auto rc = parse(app, args)) return *rc;

  const auto path = env::resolve_rom(rom, {rom_dirs.begin(), rom_dirs.end()});
  env::AleSettings s;
  s.frame_skip = frame_skip;
  s.repeat_action_probability = 0.0f;
  env::AleEnv env(path, s);
  auto actions = env.minimal_action_set();
  std::mt19937 rng(seed);
  std::uniform_int_distribution<size_t> pick(0, actions.size() - 1);

  const auto work0 = env.console().work();
  const int start_frame = env.frame_number();
  long episodes = 0, resets_frames = 0;
  auto t0 = std::chrono::steady_clock::now();
  while (env.frame_number() - start_frame < frames) {
    env.act(actions[pick(rng)]);
    if (env.game_over()) {
      auto before = env.console().work().frames;
      env.reset_game();
      resets_frames += static_cast<long>(env.console().work().frames - before);
      ++episodes;
    }
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto& w = env.console().work();
  double n = static_cast<double>(w.frames - work0.frames);
  std::printf("rom=%s frames=%.0f (incl. %ld reset-protocol frames) episodes=%ld seconds=%.3f\n",
              path.filename().c_str(), n, resets_frames, episodes, secs);
  std::printf("per frame: cpu_instructions=%.0f cpu_cycles=%.0f tia_writes=%.0f\n",
              (w.cpu_instructions - work0.cpu_instructions) / n,
              (w.cpu_cycles - work0.cpu_cycles) / n, (w.tia_writes - work0.tia_writes) / n);
  std::printf("fps=%.0f\n", n / secs);
  return 0;
}

}  // namespace ag::cli
