// Text drawn into an Image through SDL2_ttf with Debian's DejaVu fonts
// (fonts-dejavu-core): the status bar and Q-value panel of play and watch,
// and record's score overlay. Needs no window or display.
#pragma once

#include <memory>
#include <string>

#include "media/image.hpp"

namespace ag::media {

class Font {
 public:
  // DejaVu Sans Mono at `pixel_size`. Throws std::runtime_error naming the
  // font file searched for (and its Debian package) when it is missing.
  explicit Font(int pixel_size);
  ~Font();
  Font(const Font&) = delete;
  Font& operator=(const Font&) = delete;

  int line_height() const;
  int text_width(const std::string& utf8) const;
  // Draws `utf8` with its top-left at (x, y), clipped to the image.
  // antialias = false draws only `color` pixels (GIF's palette stays small).
  void draw(Image& img, int x, int y, const std::string& utf8, Rgb color,
            bool antialias = true) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ag::media
