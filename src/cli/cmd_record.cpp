// `atari-gym record`: a video of the trained agent playing, MP4 or GIF
// (media/video_writer.hpp). The games are eval's (agent/agent_game.hpp):
// recording seed S records the game `eval --seed S` scores. Each frame is the
// game's own screen at every emulator frame (not the agent's 84x84 input),
// composed by GameView as watch shows it.
#include <signal.h>

#include <atomic>
#include <cstdio>

#include "agent/agent_game.hpp"
#include "cli/model_choice.hpp"
#include "cli/parse.hpp"
#include "media/frame_merge.hpp"
#include "media/game_view.hpp"
#include "media/gif_writer.hpp"
#include "media/video_writer.hpp"

namespace ag::cli {

namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void on_interrupt(int) {
  g_interrupted.store(true);
}

// SIGINT/SIGTERM end the game at the next agent step, so the unfinished
// video's temp file is removed rather than left behind by a killed process.
class InterruptGuard {
 public:
  InterruptGuard() {
    g_interrupted.store(false);
    struct sigaction sa {};
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
  }
  ~InterruptGuard() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }

 private:
  struct sigaction old_int_ {
  }, old_term_{};
};

}  // namespace

int cmd_record(const Args& args) {
  CLI::App app(
      "Record a video of a trained agent playing: H.264 MP4 or animated GIF (by --out's "
      "extension), the game's own screen at every emulator frame (not the agent's 84x84 input), "
      "with a status bar (score, lives, game, step) beneath it. Game i is eval's game i: reset "
      "with seed S+i, the same actions and score. The file appears only when complete.\n\n"
      "Without --checkpoint: the shipped Space Invaders agent.\n\n"
      "examples:\n"
      "  atari-gym record --checkpoint runs/x/model.pt --out game.mp4 --seed 3\n"
      "  atari-gym record --out clip.gif --max-frames 600   (a 20 s loop for a README)",
      "atari-gym record");
  ModelOptions o;
  std::string out;
  int episodes = 1, scale = 0, stride = 0;
  int64_t max_frames = 0;
  bool overlay = true, merge = true;
  const CLI::Validator video_file(
      [](std::string& path) -> std::string {
        try {
          media::video_format(path);
          return "";
        } catch (const std::exception& e) {
          return e.what();
        }
      },
      "FILE.mp4|FILE.gif");
  app.add_option("--out", out, "the video: .mp4 (H.264) or .gif")->required()->check(video_file);
  app.add_option("--episodes", episodes, "games, one after another in the video")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  app.add_option("--scale", scale,
                 "screen rows shown `scale` times, columns 2*scale (default: 2 for MP4, 1 for GIF)")
      ->check(CLI::Range(1, 16));
  app.add_flag("--overlay,!--no-overlay", overlay,
               "the status bar beneath the screen (default: on)");
  app.add_option("--frame-stride", stride,
                 "record every Nth emulator frame (default: 1 for MP4, 2 for GIF: GIF delays are "
                 "whole 1/100 s and browsers slow those under 2/100 s)")
      ->check(CLI::Range(1, 1000));
  app.add_flag("--merge-frames,!--no-merge-frames", merge,
               "with --frame-stride N > 1, each pixel of a video frame is the brightest of the N "
               "emulator frames it stands for, so objects drawn every other frame (Space "
               "Invaders' bombs) still show (default: on)");
  app.add_option("--max-frames", max_frames,
                 "end the video (and the game) after this many video frames; 0: whole games")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  add_model_options(app, o, "LibTorch and H.264 encoder threads");
  if (auto rc = parse(app, args)) return *rc;

  const bool gif = media::video_format(out) == media::VideoFormat::kGif;
  if (scale == 0) scale = gif ? 1 : 2;
  if (stride == 0) stride = gif ? 2 : 1;
  const auto m = choose_model(o, "record");
  if (!m) return 1;
  const GameScreen screen = game_screen(*m, "record");
  const media::FrameRate fps{screen.frame_rate, stride};
  if (gif && fps.value() > media::kGifMaxFrameRate) {
    std::fprintf(stderr,
                 "atari-gym record: --frame-stride %d gives %g frames/s, too fast for a GIF (at "
                 "most %g): use --frame-stride %d, or an .mp4\n",
                 stride, fps.value(), media::kGifMaxFrameRate, stride + 1);
    return 2;
  }
  // GIF: text in one colour, so the palette stays the game's and a few more.
  media::GameView view(screen.height, screen.width,
                       {.scale = scale, .status_bar = overlay, .antialias = !gif});
  auto writer = media::open_video(out, view.width(), view.height(), fps, {.threads = o.threads});

  print_protocol(*m, episodes, o.seed);
  InterruptGuard interrupts;
  int game = 0;
  int64_t game_frame = 0, step = 0;
  const auto full = [&] { return max_frames > 0 && writer->frames() >= max_frames; };
  agent::GameHooks hooks;
  hooks.on_decision = [&](const agent::AgentDecision& d) { step = d.step + 1; };
  // With a stride > 1, the screens since the last video frame: merged
  // (brightest of each pixel), or only the newest; and its status bar.
  std::vector<uint8_t> pending;
  bool has_pending = false;
  char left[96];
  const auto put = [&](const uint8_t* screen) {
    char right[64];
    std::snprintf(right, sizeof right, "game %d/%d  step %lld", game + 1, episodes,
                  static_cast<long long>(step));
    writer->add_frame(view.draw(screen, left, right));
  };
  hooks.on_frame = [&](const agent::Frame& f) {
    const int64_t k = game_frame++;
    if (full()) return;
    std::snprintf(left, sizeof left, "score %g   lives %d", f.score, f.lives);
    if (stride == 1) return put(f.rgb);
    // Video frame k (a multiple of the stride) stands for frames k-stride+1..k.
    const size_t bytes = static_cast<size_t>(f.height) * f.width * 3;
    if (has_pending && merge)
      media::keep_brighter(pending.data(), f.rgb, bytes / 3);
    else
      pending.assign(f.rgb, f.rgb + bytes);
    has_pending = true;
    if (k % stride != 0) return;
    put(pending.data());
    has_pending = false;
  };
  hooks.should_stop = [&] { return g_interrupted.load() || full(); };
  for (; game < episodes && !g_interrupted.load() && !full(); ++game) {
    game_frame = 0, step = 0;
    has_pending = false;
    print_game(
        agent::play_game(*m->policy.q, m->config, game, o.seed, m->epsilon, m->extra, hooks));
    // The last screens when they did not fill a stride: the game's final
    // screen (its final score) is in the video.
    if (has_pending && !full() && !g_interrupted.load()) put(pending.data());
  }
  if (g_interrupted.load()) {
    writer.reset();  // removes the unfinished file
    std::fprintf(stderr, "atari-gym record: interrupted; %s not written\n", out.c_str());
    return 130;
  }
  writer->finish();
  std::printf("record: %s frames=%lld size=%dx%d fps=%g\n", out.c_str(),
              static_cast<long long>(writer->frames()), view.width(), view.height(), fps.value());
  return 0;
}

}  // namespace ag::cli
