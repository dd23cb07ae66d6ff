// `atari-gym watch`: the agent plays in a window, every emulator frame shown
// at the game's speed, its Q-values and chosen action in a panel beside the
// screen. The games are eval's (agent/agent_game.hpp): watching seed S shows
// the game `eval --seed S` scores.
#include <cstdio>

#include "agent/agent_game.hpp"
#include "agent/env_factory.hpp"
#include "agent/policy.hpp"
#include "cli/model_choice.hpp"
#include "cli/parse.hpp"
#include "cli/window_session.hpp"
#include "gym/atari_env.hpp"

namespace ag::cli {

int cmd_watch(const Args& args) {
  CLI::App app(
      "Watch a trained agent play in a window, with its Q-values and chosen action beside the "
      "screen (epsilon draws marked). P pauses, +/- change the speed, F12 saves a screenshot, Esc "
      "or Q quits. Game i is eval's game i: reset with seed S+i, the same actions. Needs a display "
      "(a desktop, or Xvfb).\n\n"
      "Without --checkpoint: the shipped Space Invaders agent.\n\n"
      "example: atari-gym watch --checkpoint runs/x/model.pt --episodes 3 --fps 120",
      "atari-gym watch");
  std::string checkpoint, env;
  int episodes = 1, threads = 1;
  double epsilon = -1;
  uint64_t seed = 0;
  std::vector<std::string> opts;
  WindowSessionOptions ws;
  app.add_option("--checkpoint", checkpoint,
                 "model.pt (with config.json beside it) or a .ckpt; default: the shipped agent");
  app.add_option("--env", env, "environment id (default: the one it was trained on)");
  app.add_option("--episodes", episodes, "games")->capture_default_str()->check(CLI::Range(1, 100000));
  app.add_option("--epsilon", epsilon, "epsilon (default: the config's eval_epsilon)")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--seed", seed, "seed of game 0");
  add_env_options(app, opts, "env option key=value, e.g. repeat_action_probability=0");
  app.add_option("--threads", threads, "LibTorch intra-op threads")->check(CLI::Range(1, 256));
  add_window_session_options(app, ws);
  if (auto rc = parse(app, args)) return *rc;
  const auto keys = parse_keys_or_usage(ws);
  if (!keys) return 2;

  const gym::Options extra = env_options(opts);
  if (!choose_model(checkpoint, "watch")) return 1;
  agent::LoadedPolicy policy = agent::load_policy(checkpoint, threads);
  agent::Config config = policy.config;
  if (!env.empty()) config.env = env;
  if (epsilon < 0) epsilon = config.eval_epsilon;

  // The screen's size, frame rate and action names, from an env like the games'.
  const auto probe = agent::make_env(config, agent::EnvPurpose::kEval, extra);
  const auto* atari = dynamic_cast<const gym::AtariEnv*>(&probe->unwrapped());
  if (!atari) throw std::runtime_error(config.env + " is not an Atari game: nothing to show");
  media::ActionPanel panel;
  panel.names = probe->action_meanings();
  media::GameView view(atari->screen_height(), atari->screen_width(),
                       {.scale = ws.scale, .panel_actions = static_cast<int>(panel.names.size())});
  WindowSession session("atari-gym watch: " + config.env, view, ws, *keys,
                        ws.fps > 0 ? ws.fps : atari->frame_rate());

  std::printf("model: %s\n", checkpoint.c_str());
  std::printf("%s\n", agent::protocol_text(config, episodes, epsilon, seed, extra).c_str());
  std::fflush(stdout);
  bool quit = false;
  int game = 0;
  agent::GameHooks hooks;
  hooks.on_decision = [&](const agent::AgentDecision& d) {
    panel.chosen = d.action;
    panel.random = d.random;
    if (d.q)
      panel.q.assign(d.q, d.q + d.actions);
    else
      panel.q.clear();
  };
  hooks.on_frame = [&](const agent::Frame& f) {
    if (quit) return;  // the rest of the agent step's frames, after a quit
    char left[96], right[64];
    std::snprintf(left, sizeof left, "score %g   lives %d", f.score, f.lives);
    for (;;) {
      const WindowSession::Tick t = session.begin_frame();
      if (t.quit) {
        quit = true;
        return;
      }
      std::snprintf(right, sizeof right, "%sgame %d/%d  frame %lld", t.paused ? "PAUSED  " : "",
                    game + 1, episodes, static_cast<long long>(f.episode_frame));
      session.end_frame(view.draw(f.rgb, left, right, &panel));
      if (!t.paused) return;
    }
  };
  hooks.should_stop = [&] { return quit; };
  std::vector<agent::EvalGame> games;
  for (; game < episodes && !quit; ++game) {
    panel.q.clear();
    panel.chosen = -1;
    games.push_back(agent::play_game(*policy.q, config, game, seed, epsilon, extra, hooks));
    print_game(games.back());
  }
  const agent::EvalSummary s = agent::summarize(std::move(games));
  std::printf("watch: games=%zu mean=%.1f frames_shown=%lld%s\n", s.games.size(), s.mean,
              static_cast<long long>(session.frames()), quit ? " quit" : "");
  return 0;
}

}  // namespace ag::cli
