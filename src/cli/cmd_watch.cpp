// `atari-gym watch`: the agent plays in a window, every emulator frame shown
// at the game's speed, its Q-values and chosen action in a panel beside the
// screen. The games are eval's (agent/agent_game.hpp): watching seed S shows
// the game `eval --seed S` scores.
#include <cstdio>

#include "agent/agent_game.hpp"
#include "cli/model_choice.hpp"
#include "cli/parse.hpp"
#include "cli/window_session.hpp"

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
  ModelOptions o;
  int episodes = 1;
  WindowSessionOptions ws;
  app.add_option("--episodes", episodes, "games")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  add_model_options(app, o, "LibTorch intra-op threads");
  add_window_session_options(app, ws);
  if (auto rc = parse(app, args)) return *rc;
  const auto keys = parse_keys_or_usage(ws);
  if (!keys) return 2;

  const auto m = choose_model(o, "watch");
  if (!m) return 1;
  const GameScreen screen = game_screen(*m, "show");
  media::ActionPanel panel;
  panel.names = screen.action_names;
  media::GameView view(screen.height, screen.width,
                       {.scale = ws.scale, .panel_actions = static_cast<int>(panel.names.size())});
  WindowSession session("atari-gym watch: " + m->config.env, view, ws, *keys,
                        ws.fps > 0 ? ws.fps : screen.frame_rate);
  print_protocol(*m, episodes, o.seed);
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
    games.push_back(
        agent::play_game(*m->policy.q, m->config, game, o.seed, m->epsilon, m->extra, hooks));
    print_game(games.back());
  }
  const agent::EvalSummary s = agent::summarize(std::move(games));
  std::printf("watch: games=%zu mean=%.1f frames_shown=%lld%s\n", s.games.size(), s.mean,
              static_cast<long long>(session.frames()), quit ? " quit" : "");
  return 0;
}

}  // namespace ag::cli
