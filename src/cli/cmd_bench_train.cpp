// `atari-gym bench train`: the whole training loop of a preset (acting, env
// stepping, replay, updates, target syncs), timed after a short warm-up that
// fills the replay (burn-in), in a throwaway run folder.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <sstream>

#include "agent/trainer.hpp"
#include "base/cpu_info.hpp"
#include "base/fp32_peak.hpp"
#include "cli/parse.hpp"

namespace ag::cli {

int cmd_bench_train(const Args& args) {
  CLI::App app(
      "Time the training loop: agent steps per second (sps) and the mean wall time of one "
      "learner update (sampling through optimizer step), after --warmup steps of burn-in.\n\n"
      "example: atari-gym bench train --env ALE/SpaceInvaders-v5 --steps 4000 --threads 2",
      "atari-gym bench train");
  std::string env = "ALE/SpaceInvaders-v5", preset = "tuned";
  int64_t steps = 4000, warmup = 2000, threads = 2, seed = 1;
  std::vector<std::string> sets;
  bool profile = false;
  app.add_option("--env", env, "environment id");
  app.add_option("--preset", preset, "original | tuned");
  app.add_option("--steps", steps, "agent steps to time")
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 40));
  app.add_option("--warmup", warmup, "agent steps of burn-in before timing")
      ->check(CLI::Range(int64_t{32}, int64_t{1} << 40));
  app.add_option("--threads", threads, "LibTorch intra-op threads")->check(CLI::Range(1, 256));
  app.add_option("--seed", seed, "seed");
  app.add_option("--set", sets, "key=value override; repeatable");
  app.add_flag("--profile", profile,
               "also print the update's parts (ms per update: next-state forwards, training "
               "forward, loss, backward, optimizer; with learner_backend=onednn each oneDNN "
               "step), the net passes' FLOP rate beside this machine's measured fp32 peak, and the "
               "oneDNN kernels in use; timing the parts adds a little to each update");
  if (auto rc = parse(app, args)) return *rc;

  agent::TrainRequest req;
  try {
    agent::Config c = agent::preset_config(preset);
    c.env = env;
    c.seed = seed;
    c.threads = threads;
    c.replay_size = std::max<int64_t>(100'000, 64 * c.num_envs);
    c.my_rig_factor = 1.0;
    c.burnin = warmup;
    c.eval_every = 0;
    c.save_every = int64_t{1} << 50;
    // Act with the net as a trained agent does (epsilon at its floor), not
    // at random as the warm-up's epsilon of ~1 would.
    c.exploration_rate = c.exploration_rate_min;
    for (const auto& s : sets) agent::set_assignment(c, s);
    c.total_steps = c.burnin_steps() + steps;
    agent::validate(c);
    req.config = c;
  } catch (const agent::ConfigError& e) {
    std::fprintf(stderr, "atari-gym bench train: error: %s\n", e.what());
    return 2;
  }
  const auto dir = std::filesystem::temp_directory_path() /
                   ("atari-gym-bench-train-" + std::to_string(::getpid()));
  req.run_dir = dir;
  req.quiet = true;
  req.write_files = false;
  req.profile_learner = profile;
  std::ostringstream sink;
  agent::TrainResult r;
  try {
    r = agent::train(req, sink);
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    throw;
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  const auto& c = req.config;
  std::printf("cpu: %s\n", base::this_cpu().str().c_str());
  std::printf(
      "env=%s preset=%s num_envs=%lld learn_every=%lld batch=%lld threads=%lld n_step=%lld "
      "dueling=%d prioritized=%d learner_backend=%s precision=%s\n",
      c.env.c_str(), c.preset.c_str(), static_cast<long long>(c.num_envs),
      static_cast<long long>(c.learn_every), static_cast<long long>(c.batch_size),
      static_cast<long long>(c.threads), static_cast<long long>(c.n_step), c.dueling ? 1 : 0,
      c.prioritized ? 1 : 0, c.learner_backend.c_str(),
      c.dueling || c.learner_backend == "libtorch" ? c.precision.c_str()
      : c.learner_backend == "onednn_bf16"         ? "bf16 (oneDNN)"
                                                   : "fp32");
  if (profile) {
    std::printf("%s", r.learner_profile.c_str());
    // The ceiling those passes run under: this machine's own FMA peak on
    // as many threads, measured now (turbo and the VM's share included).
    const base::Fp32Peak peak = base::measure_fp32_peak(static_cast<int>(c.threads));
    std::printf("fp32 peak of %d thread(s), measured (%s multiply-adds): %.0f GFLOP/s",
                peak.threads, peak.isa.c_str(), peak.gflops);
    // bf16 dot products do two multiply-adds per fp32 lane: against the
    // fp32 peak their rate may pass 100%.
    if (r.learner_pass_gflops > 0)
      std::printf("; the net passes ran at %.0f%% of it%s",
                  100 * r.learner_pass_gflops / peak.gflops,
                  c.learner_backend == "onednn_bf16" ? " (bf16: the fp32 peak is not theirs)" : "");
    std::printf("\n");
  }
  std::printf(
      "timed: steps=%lld updates=%lld seconds=%.2f  per vector step: act=%.3f ms env=%.3f ms "
      "replay=%.3f ms\n",
      static_cast<long long>(r.timed_steps), static_cast<long long>(r.updates),
      r.timed_steps / std::max(r.sps, 1e-9), r.ms_act, r.ms_env, r.ms_cache);
  std::printf("sps=%.1f ms_per_update=%.2f\n", r.sps, r.ms_per_update);
  return 0;
}

}  // namespace ag::cli
