// `atari-gym bench env`: agent steps per second of a VectorEnv of the usual
// DQN pipeline (AtariPreprocessing 84x84 grayscale, frame skip 4 with
// max-pool, noop reset; FrameStackObservation 4), random actions.
//
// sps counts agent steps (one per env per vector step); fps counts frames
// the emulators really ran (reset protocol and noops included), from the
// consoles' own counters.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>

#include "cli/parse.hpp"
#include "gym/atari_env.hpp"
#include "gym/registry.hpp"

namespace ag::cli {

namespace {

uint64_t emulated_frames(gym::VectorEnv& v) {
  uint64_t n = 0;
  for (int i = 0; i < v.num_envs(); ++i)
    if (auto* a = dynamic_cast<gym::AtariEnv*>(&v.env(i).unwrapped()))
      n += a->ale().console().work().frames;
  return n;
}

}  // namespace

int cmd_bench_env(const Args& args) {
  CLI::App app(
      "Agent steps per second of a vector env: AtariPreprocessing (84x84 grayscale, frame "
      "skip 4, max-pool, noop_max 30) + FrameStackObservation(4), random actions, NEXT_STEP "
      "autoreset. The env is made with frameskip=1 (the preprocessing skips frames).",
      "atari-gym bench env");
  std::string id;
  int num_envs = 8, threads = 1;
  long steps = 2000;
  uint64_t seed = 0;
  std::vector<std::string> opts, wraps, rom_dirs;
  app.add_option("--env", id, "environment id, e.g. ALE/SpaceInvaders-v5")->required();
  app.add_option("--num-envs", num_envs, "environments in the vector")->check(CLI::Range(1, 4096));
  app.add_option("--threads", threads, "worker threads")->check(CLI::Range(1, 1024));
  app.add_option("--steps", steps, "vector steps to time (each steps every env once)")
      ->check(CLI::Range(1L, 1L << 40));
  app.add_option("--seed", seed, "seed of the resets (env i gets seed + i) and the actions");
  add_env_options(app, opts, "extra env option key=value; repeatable");
  app.add_option("--wrap", wraps,
                 "wrappers instead of the default atari-preprocessing + frame-stack:stack_size=4");
  app.add_option("--rom-dir", rom_dirs, "extra ROM folder(s)");
  if (auto rc = parse(app, args)) return *rc;

  gym::Options options = env_options(opts);
  const bool has_frameskip =
      std::any_of(options.begin(), options.end(), [](const auto& o) { return o.first == "frameskip"; });
  if (!has_frameskip) options.emplace_back("frameskip", 1);
  if (wraps.empty()) wraps = {"atari-preprocessing", "frame-stack:stack_size=4"};

  gym::VectorEnvOptions vo;
  vo.num_threads = threads;
  auto vec = gym::make_vector(id, num_envs, options, wraps, vo, {rom_dirs.begin(), rom_dirs.end()});
  std::printf("env=%s num_envs=%d threads=%d observation=%s actions=%s\n", id.c_str(), num_envs,
              vec->num_threads(), vec->single_observation_space().str().c_str(),
              vec->single_action_space().str().c_str());
  std::fflush(stdout);

  vec->reset(seed);
  std::mt19937 rng(static_cast<uint32_t>(seed));
  std::uniform_int_distribution<int> pick(0, vec->single_action_space().n - 1);
  std::vector<int> actions(num_envs);
  long episodes = 0;
  const uint64_t frames0 = emulated_frames(*vec);
  const auto t0 = std::chrono::steady_clock::now();
  const std::clock_t c0 = std::clock();
  for (long s = 0; s < steps; ++s) {
    for (int& a : actions) a = pick(rng);
    vec->step(actions);
    for (int i = 0; i < num_envs; ++i) episodes += vec->ended_last_step(i);
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // Process CPU time (all threads): per-core throughput, robust to other load.
  const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  const double agent_steps = static_cast<double>(steps) * num_envs;
  const double frames = static_cast<double>(emulated_frames(*vec) - frames0);
  std::printf("agent_steps=%.0f frames=%.0f episodes=%ld seconds=%.3f cpu_seconds=%.3f\n",
              agent_steps, frames, episodes, secs, cpu);
  std::printf("per cpu-second: sps=%.0f fps=%.0f\n", agent_steps / cpu, frames / cpu);
  std::printf("sps=%.0f fps=%.0f\n", agent_steps / secs, frames / secs);
  return 0;
}

}  // namespace ag::cli
