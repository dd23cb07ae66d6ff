#include "media/png_file.hpp"

#include <png.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <system_error>

namespace ag::media {

namespace {

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<FILE, FileCloser>;

[[noreturn]] void fail(const std::filesystem::path& p, const std::string& what) {
  throw std::runtime_error(p.string() + ": " + what);
}

}  // namespace

void write_png(const Image& img, const std::filesystem::path& path) {
  // Temp file beside the target, renamed over it: a reader never sees half a PNG.
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    File f(std::fopen(tmp.c_str(), "wb"));
    if (!f) fail(path, std::string("cannot write: ") + std::strerror(errno));
    png_image pi{};
    pi.version = PNG_IMAGE_VERSION;
    pi.width = img.width;
    pi.height = img.height;
    pi.format = PNG_FORMAT_RGB;
    if (!png_image_write_to_stdio(&pi, f.get(), 0, img.rgb.data(), img.width * 3, nullptr)) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      fail(path, std::string("cannot write PNG: ") + pi.message);
    }
    if (std::fflush(f.get()) != 0) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      fail(path, std::string("cannot write: ") + std::strerror(errno));
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    fail(path, "cannot rename the temporary file into place");
  }
}

Image read_png(const std::filesystem::path& path) {
  png_image pi{};
  pi.version = PNG_IMAGE_VERSION;
  if (!std::filesystem::exists(path)) fail(path, "no such file");
  if (!png_image_begin_read_from_file(&pi, path.c_str()))
    fail(path, std::string("not a readable PNG: ") + pi.message);
  pi.format = PNG_FORMAT_RGB;
  Image img(pi.width, pi.height);
  if (!png_image_finish_read(&pi, nullptr, img.rgb.data(), img.width * 3, nullptr))
    fail(path, std::string("truncated or corrupt PNG: ") + pi.message);
  return img;
}

}  // namespace ag::media
