#include "media/game_view.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace ag::media {

namespace {

constexpr Rgb kBackground{0, 0, 0};
constexpr Rgb kText{236, 236, 236};
constexpr Rgb kDim{140, 140, 140};
constexpr Rgb kChosen{252, 188, 116};
constexpr Rgb kBar{40, 40, 120};
constexpr Rgb kBarChosen{130, 40, 40};

}  // namespace

GameView::GameView(int screen_h, int screen_w, GameViewOptions o)
    : options_(o), screen_h_(screen_h), screen_w_(screen_w) {
  if (o.scale < 1 || o.scale > 16)
    throw std::invalid_argument("scale must be in 1..16, got " + std::to_string(o.scale));
  if (screen_h <= 0 || screen_w <= 0) throw std::invalid_argument("empty screen");
  const bool text = o.status_bar || o.panel_actions > 0;
  // Text a little smaller than one game row at scale 2 is readable at every scale.
  if (text) font_ = std::make_unique<Font>(std::max(10, 6 + 4 * o.scale));
  screen_ = {0, 0, screen_w * 2 * o.scale, screen_h * o.scale};
  const int line = text ? font_->line_height() : 0;
  if (o.status_bar) status_ = {0, screen_.h, screen_.w, line + 4};
  if (o.panel_actions > 0) {
    const int panel_w = std::max(12 * line, font_->text_width("UPRIGHTFIRE -00.00 ") + 8);
    panel_ = {screen_.w, 0, panel_w, std::max(screen_.h, (o.panel_actions + 2) * line)};
  }
  int w = screen_.w + panel_.w, h = std::max(screen_.h + status_.h, panel_.h);
  // Even sizes: H.264's 4:2:0 needs them, and they cost nothing elsewhere.
  image_ = Image(w + (w & 1), h + (h & 1), kBackground);
}

GameView::~GameView() = default;

const Image& GameView::draw(const uint8_t* screen_rgb, const std::string& left,
                            const std::string& right, const ActionPanel* panel) {
  blit_scaled(screen_rgb, screen_h_, screen_w_, 2 * options_.scale, options_.scale, image_,
              screen_.x, screen_.y);
  if (options_.status_bar) {
    fill_rect(image_, status_.x, status_.y, image_.width, status_.h, kBackground);
    font_->draw(image_, status_.x + 4, status_.y + 2, left, kText, options_.antialias);
    if (!right.empty())
      font_->draw(image_, status_.x + status_.w - 4 - font_->text_width(right), status_.y + 2, right,
                  kText, options_.antialias);
  }
  if (panel_.w > 0 && panel) draw_panel(*panel);
  return image_;
}

void GameView::draw_panel(const ActionPanel& p) {
  fill_rect(image_, panel_.x, panel_.y, panel_.w, image_.height, kBackground);
  const int line = font_->line_height();
  const int x = panel_.x + 6;
  font_->draw(image_, x, panel_.y + 2, p.random ? "random action" : "Q-values", kDim,
              options_.antialias);
  float lo = 0, hi = 0;
  if (!p.q.empty()) {
    lo = *std::min_element(p.q.begin(), p.q.end());
    hi = *std::max_element(p.q.begin(), p.q.end());
  }
  const int bar_w = panel_.w - 12;
  for (size_t a = 0; a < p.names.size(); ++a) {
    const int y = panel_.y + 2 + static_cast<int>(a + 1) * line;
    const bool chosen = static_cast<int>(a) == p.chosen;
    if (a < p.q.size()) {
      // Bars relative to the spread of this step's values: what differs between actions.
      const float f = hi > lo ? (p.q[a] - lo) / (hi - lo) : 1.0f;
      // Behind the row's text, so it never covers a letter.
      fill_rect(image_, x - 2, y + 1, std::max(1, static_cast<int>(f * bar_w)), line - 2,
                chosen ? kBarChosen : kBar);
    }
    char text[64];
    if (a < p.q.size())
      std::snprintf(text, sizeof text, "%-11s %6.2f", p.names[a].c_str(), p.q[a]);
    else
      std::snprintf(text, sizeof text, "%-11s", p.names[a].c_str());
    font_->draw(image_, x, y, text, chosen ? kChosen : kText, options_.antialias);
  }
}

}  // namespace ag::media
