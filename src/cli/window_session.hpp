// What play and watch share around their window: the frame loop's pacing,
// pause and speed keys, scripted keys (--keys), a frame budget (--frames)
// and screenshots (F12, --screenshot), so each command is only its game loop.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/parse.hpp"
#include "media/frame_pacer.hpp"
#include "media/game_view.hpp"
#include "media/key_script.hpp"
#include "media/window.hpp"

namespace ag::cli {

struct WindowSessionOptions {
  int scale = 3;
  double fps = 0;          // 0: the game's frame rate
  int64_t frames = 0;      // > 0: quit after this many frames shown
  std::string screenshot;  // PNG of the window at exit (and F12's file)
  std::string keys;        // media/key_script.hpp
};

void add_window_session_options(CLI::App& app, WindowSessionOptions& o);
// The parsed --keys, or nothing after printing a usage error naming the item.
std::optional<std::vector<media::KeyEvent>> parse_keys_or_usage(const WindowSessionOptions& o);

class WindowSession {
 public:
  struct Tick {
    bool quit = false, reset = false, paused = false;
  };
  WindowSession(const std::string& title, const media::GameView& view, WindowSessionOptions o,
                std::vector<media::KeyEvent> keys, double fps);
  ~WindowSession();
  // Before a frame: the scripted keys due now, then the window's events.
  Tick begin_frame();
  // Shows the frame, counts it, and waits until the next one is due.
  void end_frame(const media::Image& img);
  const media::Joystick& joystick() const { return window_.joystick(); }
  int64_t frames() const { return frames_; }
  bool paused() const { return paused_; }

 private:
  void save_screenshot(const std::string& path);

  WindowSessionOptions options_;
  std::vector<media::KeyEvent> keys_;
  size_t next_key_ = 0;
  media::Window window_;
  media::FramePacer pacer_;
  int64_t frames_ = 0;
  bool paused_ = false, quit_ = false;
};

}  // namespace ag::cli
