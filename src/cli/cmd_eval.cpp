// `atari-gym eval`: full games of a trained agent (agent/evaluator.hpp).
#include <cmath>
#include <cstdio>

#include "agent/evaluator.hpp"
#include "agent/human_scores.hpp"
#include "agent/policy.hpp"
#include "cli/model_choice.hpp"
#include "cli/parse.hpp"
#include "gym/registry.hpp"

namespace ag::cli {

int cmd_eval(const Args& args) {
  CLI::App app(
      "Evaluate a trained agent on full games (all lives): game i is reset with seed S+i and "
      "draws its epsilon decisions from S+i. Prints the protocol, one line per game, and an "
      "'eval:' summary.\n\n"
      "Without --checkpoint: the shipped Space Invaders agent (models/space_invaders/), as "
      "`atari-gym` with no arguments runs it.\n\n"
      "example: atari-gym eval --checkpoint runs/x/model.pt --episodes 30 --seed 0",
      "atari-gym eval");
  std::string checkpoint, env;
  int episodes = 10, threads = 1;
  double epsilon = -1;
  uint64_t seed = 0;
  std::vector<std::string> opts;
  app.add_option("--checkpoint", checkpoint,
                 "model.pt (with config.json beside it) or a .ckpt; default: the shipped agent");
  app.add_option("--env", env, "environment id (default: the one it was trained on)");
  app.add_option("--episodes", episodes, "games")->check(CLI::Range(1, 100000));
  app.add_option("--epsilon", epsilon, "epsilon (default: the config's eval_epsilon)")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--seed", seed, "seed of game 0");
  add_env_options(app, opts, "env option key=value, e.g. repeat_action_probability=0");
  app.add_option("--threads", threads, "LibTorch intra-op threads")->check(CLI::Range(1, 256));
  if (auto rc = parse(app, args)) return *rc;

  const gym::Options extra = env_options(opts);
  if (!choose_model(checkpoint, "eval")) return 1;
  agent::LoadedPolicy policy = agent::load_policy(checkpoint, threads);
  agent::Config config = policy.config;
  if (!env.empty()) config.env = env;
  if (epsilon < 0) epsilon = config.eval_epsilon;
  std::printf("model: %s\n", checkpoint.c_str());
  std::printf("%s\n", agent::protocol_text(config, episodes, epsilon, seed, extra).c_str());
  std::fflush(stdout);
  const agent::EvalSummary s = agent::evaluate(
      *policy.q, config, episodes, epsilon, seed, extra, print_game);
  std::printf("eval: episodes=%d mean=%.1f std=%.1f min=%g max=%g median=%g", episodes, s.mean,
              s.std, s.min, s.max, s.median);
  if (gym::find_env_spec(config.env)) {
    if (auto ref = agent::reference_scores(gym::make_config(config.env).game))
      std::printf(" human_normalized=%.3f", (s.mean - ref->random) / (ref->human - ref->random));
  }
  std::printf("\n");
  return 0;
}

}  // namespace ag::cli
