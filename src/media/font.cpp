#include "media/font.hpp"

#include <SDL2/SDL_ttf.h>

#include <filesystem>
#include <stdexcept>

namespace ag::media {

namespace {

// Debian's fonts-dejavu-core puts it here (a dependency of libsdl2-ttf's users
// in scripts/install-deps.sh).
constexpr const char* kFontFiles[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
};

}  // namespace

struct Font::Impl {
  TTF_Font* font = nullptr;
};

Font::Font(int pixel_size) : impl_(std::make_unique<Impl>()) {
  const char* file = nullptr;
  for (const char* f : kFontFiles)
    if (std::filesystem::exists(f)) {
      file = f;
      break;
    }
  if (!file)
    throw std::runtime_error(std::string("no font: ") + kFontFiles[0] +
                             " is missing (Debian package fonts-dejavu-core)");
  // TTF_Init counts its calls; each Font balances its own with TTF_Quit.
  if (TTF_Init() != 0) throw std::runtime_error(std::string("SDL2_ttf: ") + TTF_GetError());
  impl_->font = TTF_OpenFont(file, pixel_size);
  if (!impl_->font) {
    const std::string err = TTF_GetError();
    TTF_Quit();
    throw std::runtime_error(std::string(file) + ": " + err);
  }
}

Font::~Font() {
  TTF_CloseFont(impl_->font);
  TTF_Quit();
}

int Font::line_height() const { return TTF_FontLineSkip(impl_->font); }

int Font::text_width(const std::string& utf8) const {
  int w = 0, h = 0;
  if (utf8.empty() || TTF_SizeUTF8(impl_->font, utf8.c_str(), &w, &h) != 0) return 0;
  return w;
}

void Font::draw(Image& img, int x, int y, const std::string& utf8, Rgb color,
                bool antialias) const {
  if (utf8.empty()) return;
  SDL_Surface* s =
      TTF_RenderUTF8_Blended(impl_->font, utf8.c_str(), SDL_Color{color[0], color[1], color[2], 255});
  if (!s) throw std::runtime_error(std::string("SDL2_ttf: ") + TTF_GetError());
  SDL_Surface* argb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
  SDL_FreeSurface(s);
  if (!argb) throw std::runtime_error(std::string("SDL2: ") + SDL_GetError());
  SDL_LockSurface(argb);
  for (int r = 0; r < argb->h; ++r) {
    const int yy = y + r;
    if (yy < 0 || yy >= img.height) continue;
    const auto* row = reinterpret_cast<const uint32_t*>(static_cast<const uint8_t*>(argb->pixels) +
                                                        static_cast<size_t>(r) * argb->pitch);
    for (int c = 0; c < argb->w; ++c) {
      const int xx = x + c;
      if (xx < 0 || xx >= img.width) continue;
      const unsigned a = row[c] >> 24;
      uint8_t* p = img.at(xx, yy);
      if (!antialias) {
        if (a >= 128) p[0] = color[0], p[1] = color[1], p[2] = color[2];
        continue;
      }
      for (int k = 0; k < 3; ++k) p[k] = static_cast<uint8_t>((color[k] * a + p[k] * (255 - a) + 127) / 255);
    }
  }
  SDL_UnlockSurface(argb);
  SDL_FreeSurface(argb);
}

}  // namespace ag::media
