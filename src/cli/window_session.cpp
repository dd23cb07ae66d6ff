#include "cli/window_session.hpp"

#include <cstdio>

#include "media/png_file.hpp"

namespace ag::cli {

void add_window_session_options(CLI::App& app, WindowSessionOptions& o) {
  app.add_option("--scale", o.scale, "window size: each game pixel is 2*N x N screen pixels")
      ->capture_default_str()
      ->check(CLI::Range(1, 8));
  app.add_option("--fps", o.fps, "frames per second (default: the game's, 60 NTSC / 50 PAL)")
      ->check(CLI::Range(1.0, 1e6));
  app.add_option("--frames", o.frames, "quit after this many frames (default: play until quit)")
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 40));
  app.add_option("--screenshot", o.screenshot,
                 "save the window as this PNG when quitting (F12 saves it at any time)");
  app.add_option("--keys", o.keys,
                 "scripted keys: FRAME:+KEY presses, FRAME:-KEY releases, e.g. 0:+Right,60:-Right");
}

std::optional<std::vector<media::KeyEvent>> parse_keys_or_usage(const WindowSessionOptions& o) {
  try {
    return media::parse_key_script(o.keys);
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return std::nullopt;
  }
}

WindowSession::WindowSession(const std::string& title, const media::GameView& view,
                             WindowSessionOptions o, std::vector<media::KeyEvent> keys, double fps)
    : options_(std::move(o)),
      keys_(std::move(keys)),
      window_(title, view.width(), view.height()),
      pacer_(fps) {}

WindowSession::~WindowSession() = default;

WindowSession::Tick WindowSession::begin_frame() {
  Tick t;
  for (; next_key_ < keys_.size() && keys_[next_key_].frame <= frames_; ++next_key_)
    window_.push_key(keys_[next_key_].key, keys_[next_key_].down);
  for (const auto c : window_.poll()) {
    switch (c) {
      case media::WindowCommand::kQuit: quit_ = true; break;
      case media::WindowCommand::kPause: paused_ = !paused_; break;
      case media::WindowCommand::kReset: t.reset = true; break;
      case media::WindowCommand::kFaster: pacer_.set_fps(pacer_.fps() * 2); break;
      case media::WindowCommand::kSlower: pacer_.set_fps(std::max(1.0, pacer_.fps() / 2)); break;
      case media::WindowCommand::kScreenshot:
        save_screenshot(options_.screenshot.empty()
                            ? "atari-gym-" + std::to_string(frames_) + ".png"
                            : options_.screenshot);
        break;
    }
  }
  if (options_.frames > 0 && frames_ >= options_.frames) quit_ = true;
  if (quit_ && !options_.screenshot.empty()) save_screenshot(options_.screenshot);
  t.quit = quit_;
  t.paused = paused_;
  return t;
}

void WindowSession::end_frame(const media::Image& img) {
  window_.show(img);
  ++frames_;
  pacer_.wait();
}

void WindowSession::save_screenshot(const std::string& path) {
  media::write_png(window_.read_back(), path);
  std::printf("screenshot: %s\n", path.c_str());
  std::fflush(stdout);
}

}  // namespace ag::cli
