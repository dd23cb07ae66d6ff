// `atari-gym train`: a Double DQN run (agent/trainer.hpp) from a preset, a
// JSON config file (the original's config.json) and --set overrides.
#include <unistd.h>

#include <iostream>

#include "agent/trainer.hpp"
#include "cli/parse.hpp"

namespace ag::cli {

int cmd_train(const Args& args) {
  CLI::App app(
      "Train a Double DQN agent. Steps count agent steps summed over envs. The run folder "
      "<checkpoint_path>/<env>__<preset>__<seed>__<time>/ gets config.json, log.txt, "
      "episodes.csv, evals.csv, tb/ (TensorBoard), plots/, checkpoints/ and model.pt. "
      "SIGINT/SIGTERM: finish the update, checkpoint, exit 0.\n\n"
      "example: atari-gym train --env ALE/Pong-v5 --preset tuned --steps 500000 --seed 1",
      "atari-gym train");
  std::string config_file, env, preset, resume, run_dir;
  std::vector<std::string> sets;
  int64_t steps = 0, seed = -1, threads = 0;
  double max_time = 0;
  bool print_config = false, help_config = false;
  app.add_option("--config", config_file, "JSON config file (keys as in --print-config)");
  app.add_option("--env", env, "environment id (default ALE/SpaceInvaders-v5)");
  app.add_option("--preset", preset, "original | tuned (default tuned, or the file's)");
  app.add_option("--set", sets, "key=value override; repeatable");
  app.add_option("--steps", steps, "total agent steps (total_steps)")->check(CLI::PositiveNumber);
  app.add_option("--seed", seed, "seed")->check(CLI::NonNegativeNumber);
  app.add_option("--threads", threads, "LibTorch intra-op threads")->check(CLI::Range(1, 256));
  app.add_option("--resume", resume, "continue a run: its folder (newest checkpoint) or a .ckpt");
  app.add_option("--max-time", max_time, "stop cleanly (checkpoint) after this many seconds")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--run-dir", run_dir, "run folder (default: under checkpoint_path)");
  app.add_flag("--print-config", print_config, "print the resolved config as JSON and exit");
  app.add_flag("--help-config", help_config,
               "print every config key with its default in each preset (markdown) and exit");
  if (auto rc = parse(app, args)) return *rc;
  if (help_config) {
    std::cout << agent::config_reference_markdown();
    return 0;
  }

  agent::TrainRequest req;
  try {
    if (!resume.empty()) {
      if (!config_file.empty() || !env.empty() || !preset.empty() || seed >= 0)
        throw agent::ConfigError(
            "--resume continues a run with its own config: --config, --env, --preset and --seed "
            "cannot change it");
      req.resume = resume;
      req.resume_overrides = sets;
      if (steps > 0) req.resume_overrides.push_back("total_steps=" + std::to_string(steps));
      if (threads > 0) req.resume_overrides.push_back("threads=" + std::to_string(threads));
    } else {
      agent::Config c = config_file.empty()
                            ? agent::preset_config(preset.empty() ? "tuned" : preset)
                            : agent::load_config_file(config_file, preset);
      if (!env.empty()) c.env = env;
      if (steps > 0) c.total_steps = steps;
      if (seed >= 0) c.seed = seed;
      if (threads > 0) c.threads = threads;
      for (const auto& s : sets) agent::set_assignment(c, s);
      agent::validate(c);
      if (print_config) {
        std::cout << agent::to_json(c);
        return 0;
      }
      req.config = c;
    }
  } catch (const agent::ConfigError& e) {
    std::fprintf(stderr, "atari-gym train: error: %s\n", e.what());
    return 2;
  }
  if (!run_dir.empty()) req.run_dir = run_dir;
  req.max_time = max_time;
  req.progress_tty = ::isatty(STDOUT_FILENO);
  agent::install_stop_signals();
  const agent::TrainResult r = agent::train(req, std::cout);
  std::cout << "train: steps=" << r.steps << " episodes=" << r.episodes << " updates=" << r.updates
            << (r.stopped ? " stopped" : " done") << " run=" << r.run_dir.string() << "\n";
  return 0;
}

}  // namespace ag::cli
