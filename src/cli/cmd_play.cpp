// `atari-gym play`: a human plays a game in a window (media/window.hpp),
// one emulator frame per step at the game's own frame rate (60 Hz NTSC,
// 50 Hz PAL), the keyboard read as the joystick (media/joystick.hpp).
#include <cstdio>
#include <memory>

#include "cli/parse.hpp"
#include "cli/window_session.hpp"
#include "gym/atari_env.hpp"
#include "gym/registry.hpp"
#include "media/game_view.hpp"
#include "media/joystick.hpp"

namespace ag::cli {

int cmd_play(const Args& args) {
  CLI::App app(
      "Play a game in a window: arrows or WASD move, Space fires, P pauses, R starts a new game, "
      "+/- change the speed, F12 saves a screenshot, Esc or Q quits. One emulator frame per step "
      "(frameskip=1), at the game's frame rate; the keys map to the game's own action set. "
      "Needs a display (a desktop, or Xvfb).\n\n"
      "example: atari-gym play --env ALE/Breakout-v5 --scale 3",
      "atari-gym play");
  std::string env_id = "ALE/SpaceInvaders-v5";
  WindowSessionOptions ws;
  uint64_t seed = 0;
  std::vector<std::string> opts;
  app.add_option("--env", env_id, "environment id")->capture_default_str();
  app.add_option("--seed", seed, "seed of the first game (later games continue its streams)");
  add_env_options(app, opts, "env option key=value, e.g. repeat_action_probability=0");
  add_window_session_options(app, ws);
  if (auto rc = parse(app, args)) return *rc;
  const auto keys = parse_keys_or_usage(ws);
  if (!keys) return 2;

  gym::Options options = env_options(opts);
  options.emplace(options.begin(), "frameskip", gym::OptionValue(1));
  std::unique_ptr<gym::Env> env = gym::make(env_id, options);
  auto* atari = dynamic_cast<gym::AtariEnv*>(&env->unwrapped());
  if (!atari) throw std::runtime_error(env_id + " is not an Atari game");
  const std::vector<std::string> meanings = env->action_meanings();

  media::GameView view(atari->screen_height(), atari->screen_width(), {.scale = ws.scale});
  WindowSession session("atari-gym play: " + env_id, view, ws, *keys,
                        ws.fps > 0 ? ws.fps : atari->frame_rate());
  auto result = env->reset(seed);
  double score = 0;
  int lives = result.info.lives, games = 1;
  bool over = false;
  double best = 0;
  std::vector<uint8_t> screen;
  while (true) {
    const WindowSession::Tick tick = session.begin_frame();
    if (tick.quit) break;
    if (tick.reset) {
      env->reset();
      score = 0;
      over = false;
      ++games;
    }
    if (!tick.paused && !over) {
      const auto step = env->step(media::action_for(session.joystick(), meanings));
      score += step.reward;
      lives = step.info.lives;
      over = step.terminated || step.truncated;
      if (over) best = std::max(best, score);
    }
    screen = atari->render();
    char left[96];
    std::snprintf(left, sizeof left, "score %g   lives %d", score, lives);
    const char* right = over ? "GAME OVER  R: new game" : tick.paused ? "PAUSED" : "";
    session.end_frame(view.draw(screen.data(), left, right));
  }
  if (!over) best = std::max(best, score);
  std::printf("play: env=%s games=%d frames=%lld score=%g best=%g\n", env_id.c_str(), games,
              static_cast<long long>(session.frames()), score, best);
  return 0;
}

}  // namespace ag::cli
