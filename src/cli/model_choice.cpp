#include "cli/model_choice.hpp"

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "agent/env_factory.hpp"
#include "agent/shipped_model.hpp"
#include "cli/parse.hpp"
#include "gym/atari_env.hpp"

namespace ag::cli {

void add_model_options(CLI::App& app, ModelOptions& o, const std::string& threads_help) {
  app.add_option("--checkpoint", o.checkpoint,
                 "model.pt (with config.json beside it) or a .ckpt; default: the shipped agent");
  app.add_option("--env", o.env, "environment id (default: the one it was trained on)");
  app.add_option("--epsilon", o.epsilon, "epsilon (default: the config's eval_epsilon)")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--seed", o.seed, "seed of game 0")->capture_default_str();
  add_env_options(app, o.env_opts, "env option key=value, e.g. repeat_action_probability=0");
  app.add_option("--threads", o.threads, threads_help)->check(CLI::Range(1, 256));
}

std::optional<ChosenModel> choose_model(const ModelOptions& o, const char* command) {
  ChosenModel m;
  m.path = o.checkpoint;
  if (m.path.empty()) {
    // The source checkout is searched last (agent/shipped_model.hpp's order).
    const std::vector<std::filesystem::path> checkout = {AG_SOURCE_DIR};
    const auto shipped = agent::find_shipped_model(checkout);
    if (!shipped) {
      std::fprintf(stderr, "atari-gym %s: %s\n", command,
                   agent::no_shipped_model_message(checkout).c_str());
      return std::nullopt;
    }
    m.path = shipped->string();
  }
  m.extra = env_options(o.env_opts);
  m.policy = agent::load_policy(m.path, o.threads);
  m.config = m.policy.config;
  if (!o.env.empty()) m.config.env = o.env;
  m.epsilon = o.epsilon < 0 ? m.config.eval_epsilon : o.epsilon;
  return m;
}

void print_protocol(const ChosenModel& m, int episodes, uint64_t seed) {
  std::printf("model: %s\n", m.path.c_str());
  std::printf("%s\n", agent::protocol_text(m.config, episodes, m.epsilon, seed, m.extra).c_str());
  std::fflush(stdout);
}

GameScreen game_screen(const ChosenModel& m, const char* what) {
  const auto probe = agent::make_env(m.config, agent::EnvPurpose::kEval, m.extra);
  const auto* atari = dynamic_cast<const gym::AtariEnv*>(&probe->unwrapped());
  if (!atari) throw std::runtime_error(m.config.env + " is not an Atari game: nothing to " + what);
  return {atari->screen_height(), atari->screen_width(), atari->frame_rate(),
          probe->action_meanings()};
}

void print_game(const agent::EvalGame& g) {
  std::string counts;
  for (size_t a = 0; a < g.action_counts.size(); ++a)
    counts += (a ? "," : "") + std::to_string(g.action_counts[a]);
  std::printf("game %d: seed=%llu score=%g steps=%lld frames=%lld actions=%s%s%s\n", g.index,
              static_cast<unsigned long long>(g.seed), g.score, static_cast<long long>(g.steps),
              static_cast<long long>(g.frames), counts.c_str(), g.truncated ? " truncated" : "",
              g.stopped ? " stopped" : "");
  std::fflush(stdout);
}

}  // namespace ag::cli
