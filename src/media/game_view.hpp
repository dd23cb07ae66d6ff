// The picture play, watch and record show: the game's own screen (all its
// rows, not the agent's 84x84 input) scaled with sharp pixels, a status bar
// beneath it (score, lives, ...), and for watch a panel with the agent's
// Q-values. One composer for the window and the video, so what the tests
// read back from a window is what a recording holds.
//
// Pixel aspect: an Atari pixel is shown twice as wide as tall (the TIA's
// 160 pixels span a TV line that holds ~320 square ones; Stella and ALE's
// own display do the same), so at scale s a 160 x H screen is 320s x Hs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "media/font.hpp"
#include "media/image.hpp"

namespace ag::media {

struct GameViewOptions {
  int scale = 2;           // screen rows are repeated `scale` times, columns 2 * scale
  bool status_bar = true;  // a text line beneath the screen
  int panel_actions = 0;   // > 0: a Q-value panel for this many actions, right of the screen
  bool antialias = true;   // false: text in one colour only (GIF's palette)
};

// The agent's decision, shown in the panel.
struct ActionPanel {
  std::vector<std::string> names;  // the env's action meanings
  std::vector<float> q;            // empty when the action was an epsilon draw
  int chosen = -1;
  bool random = false;
};

struct Rect {
  int x = 0, y = 0, w = 0, h = 0;
};

class GameView {
 public:
  // Throws std::invalid_argument for a scale outside 1..16.
  GameView(int screen_h, int screen_w, GameViewOptions options);
  ~GameView();
  int width() const { return image_.width; }
  int height() const { return image_.height; }
  const GameViewOptions& options() const { return options_; }
  // Where the game's screen is in the picture.
  Rect screen_rect() const { return screen_; }
  // Composes and returns the picture (valid until the next draw).
  const Image& draw(const uint8_t* screen_rgb, const std::string& status_left,
                    const std::string& status_right = "", const ActionPanel* panel = nullptr);

 private:
  void draw_panel(const ActionPanel& panel);

  GameViewOptions options_;
  int screen_h_, screen_w_;
  Rect screen_, status_, panel_;
  std::unique_ptr<Font> font_;
  Image image_;
};

}  // namespace ag::media
