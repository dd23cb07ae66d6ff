// `atari-gym eval`: full games of a trained agent (agent/evaluator.hpp).
#include <cmath>
#include <cstdio>

#include "agent/evaluator.hpp"
#include "agent/human_scores.hpp"
#include "cli/model_choice.hpp"
#include "cli/parse.hpp"

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
  ModelOptions o;
  int episodes = 10;
  app.add_option("--episodes", episodes, "games")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  add_model_options(app, o, "LibTorch intra-op threads");
  if (auto rc = parse(app, args)) return *rc;

  const auto m = choose_model(o, "eval");
  if (!m) return 1;
  print_protocol(*m, episodes, o.seed);
  const agent::EvalSummary s =
      agent::evaluate(*m->policy.q, m->config, episodes, m->epsilon, o.seed, m->extra, print_game);
  std::printf("eval: episodes=%d mean=%.1f std=%.1f min=%g max=%g median=%g", episodes, s.mean,
              s.std, s.min, s.max, s.median);
  if (auto ref = agent::reference_scores_for_env(m->config.env))
    std::printf(" human_normalized=%.3f", (s.mean - ref->random) / (ref->human - ref->random));
  std::printf("\n");
  return 0;
}

}  // namespace ag::cli
