// A window on the screen (SDL2) showing Images, with the keyboard read as a
// joystick and a few commands. play and watch draw each frame with
// GameView, show() it, and poll() between frames.
//
// Keys: arrows or WASD move, Space (or Z, Left Ctrl) fires; P pauses,
// R resets, + and - change the speed, F12 saves a screenshot, Esc or Q (or
// closing the window) quits.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "media/image.hpp"
#include "media/joystick.hpp"

namespace ag::media {

enum class WindowCommand { kQuit, kPause, kReset, kFaster, kSlower, kScreenshot };

class Window {
 public:
  // Opens a width x height window. Throws std::runtime_error with SDL's
  // reason when no window can be opened (no display: DISPLAY unset, no X
  // server or Wayland compositor).
  Window(const std::string& title, int width, int height);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  // Shows `img` (the window's size) pixel for pixel.
  void show(const Image& img);
  // What the window's renderer draws for the last image shown, read back
  // from it (SDL_RenderReadPixels): what a person sees.
  Image read_back();
  // Handles the pending events: key state into joystick(), and the
  // commands, in the order they came.
  std::vector<WindowCommand> poll();
  const Joystick& joystick() const { return joystick_; }
  // Puts a key press (down) or release into SDL's event queue, as the
  // keyboard would; poll() handles it like a real one. `key` is SDL's key
  // name ("Right", "Space", "P", "Escape"); throws std::invalid_argument for
  // an unknown name.
  void push_key(const std::string& key, bool down);
  // The SDL render driver in use ("opengl", "software", ...).
  std::string renderer_name() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  Joystick joystick_;
};

// SDL's keycode for a key name, or 0 when SDL knows no such key: for
// validating scripted keys before a window exists.
int key_code(const std::string& name);

}  // namespace ag::media
