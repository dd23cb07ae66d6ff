#include "media/gif_writer.hpp"

#include <gif_lib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "media/temp_file.hpp"

namespace ag::media {

namespace {

constexpr int kPaletteSize = 256;
constexpr int kTransparent = 255;  // never a colour: marks "as the previous frame"
// The global colour table follows "GIF89a" and the 7-byte logical screen descriptor.
constexpr long kPaletteOffset = 13;

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};

class GifWriter final : public VideoWriter {
 public:
  GifWriter(const std::filesystem::path& path, int width, int height, FrameRate fps);
  ~GifWriter() override { close(); }
  void add_frame(const Image& frame) override;
  void finish() override;

 private:
  [[noreturn]] void fail(const std::string& what) const;
  void check(int gif_status, const char* what) const;
  void open();
  void close();
  static int write_bytes(GifFileType* gif, const GifByteType* bytes, int n);
  uint8_t index_of(const uint8_t* rgb);
  int delay_cs(int64_t frame) const;

  TempFile temp_;
  std::unique_ptr<FILE, FileCloser> file_;
  GifFileType* gif_ = nullptr;
  int width_, height_;
  FrameRate fps_;
  bool write_error_ = false;
  std::vector<Rgb> palette_;
  std::unordered_map<uint32_t, uint8_t> index_;  // 0xRRGGBB -> palette index
  std::vector<uint8_t> previous_;                // the last frame added (RGB)
  std::vector<GifPixelType> line_;
};

GifWriter::GifWriter(const std::filesystem::path& path, int width, int height, FrameRate fps)
    : temp_(path), width_(width), height_(height), fps_(fps) {
  if (width <= 0 || height <= 0 || width > 65535 || height > 65535)
    throw std::invalid_argument(path.string() + ": a GIF cannot be " + std::to_string(width) + "x" +
                                std::to_string(height));
  if (fps.num <= 0 || fps.den <= 0 || fps.value() > kGifMaxFrameRate) {
    char rate[32];
    std::snprintf(rate, sizeof rate, "%g", fps.value());
    throw std::runtime_error(path.string() + ": " + rate +
                             " frames/s is too fast for a GIF (browsers slow delays under 2/100 s "
                             "down to 1/10 s); at most 50");
  }
  try {
    open();
  } catch (...) {
    close();  // no destructor after a throwing constructor
    throw;
  }
}

void GifWriter::open() {
  file_.reset(std::fopen(temp_.path().c_str(), "wb"));
  if (!file_) fail(std::string("cannot create the file: ") + std::strerror(errno));
  int err = 0;
  gif_ = EGifOpen(this, &GifWriter::write_bytes, &err);
  if (!gif_) fail(std::string("giflib: ") + GifErrorString(err));
  EGifSetGifVersion(gif_, true);
  ColorMapObject* placeholder = GifMakeMapObject(kPaletteSize, nullptr);
  const int rc = EGifPutScreenDesc(gif_, width_, height_, 8, 0, placeholder);
  GifFreeMapObject(placeholder);
  check(rc, "header");
  // NETSCAPE2.0: loop forever (count 0).
  const GifByteType loop[3] = {1, 0, 0};
  check(EGifPutExtensionLeader(gif_, APPLICATION_EXT_FUNC_CODE), "loop extension");
  check(EGifPutExtensionBlock(gif_, 11, "NETSCAPE2.0"), "loop extension");
  check(EGifPutExtensionBlock(gif_, 3, loop), "loop extension");
  check(EGifPutExtensionTrailer(gif_), "loop extension");
  line_.resize(width_);
}

void GifWriter::close() {
  if (gif_) EGifCloseFile(gif_, nullptr);
  gif_ = nullptr;
  file_.reset();
  // temp_ then removes the file unless finish() renamed it into place.
}

void GifWriter::fail(const std::string& what) const {
  throw std::runtime_error(temp_.target().string() + ": " + what);
}

void GifWriter::check(int gif_status, const char* what) const {
  if (gif_status == GIF_OK) return;
  fail(std::string("cannot write the GIF's ") + what +
       (write_error_ ? " (disk full or file unwritable)"
                     : ": " + std::string(GifErrorString(gif_->Error))));
}

int GifWriter::write_bytes(GifFileType* gif, const GifByteType* bytes, int n) {
  auto* self = static_cast<GifWriter*>(gif->UserData);
  const size_t done = std::fwrite(bytes, 1, n, self->file_.get());
  if (done != static_cast<size_t>(n)) self->write_error_ = true;
  return static_cast<int>(done);
}

uint8_t GifWriter::index_of(const uint8_t* p) {
  const uint32_t key = uint32_t{p[0]} << 16 | uint32_t{p[1]} << 8 | p[2];
  if (auto it = index_.find(key); it != index_.end()) return it->second;
  uint8_t i = 0;
  if (palette_.size() < kTransparent) {
    i = static_cast<uint8_t>(palette_.size());
    palette_.push_back({p[0], p[1], p[2]});
  } else {
    // Palette full (not an Atari game's picture): the nearest colour.
    int best = 1 << 30;
    for (size_t k = 0; k < palette_.size(); ++k) {
      int d = 0;
      for (int c = 0; c < 3; ++c) d += (p[c] - palette_[k][c]) * (p[c] - palette_[k][c]);
      if (d < best) best = d, i = static_cast<uint8_t>(k);
    }
  }
  index_.emplace(key, i);
  return i;
}

int GifWriter::delay_cs(int64_t k) const {
  // Frame k starts at round(100 k den / num) cs: the mean rate stays exact.
  const auto start = [&](int64_t f) {
    return (f * 100 * fps_.den * 2 + fps_.num) / (2 * int64_t{fps_.num});
  };
  return static_cast<int>(start(k + 1) - start(k));
}

void GifWriter::add_frame(const Image& img) {
  if (!gif_) fail("frame added after finish()");
  if (img.width != width_ || img.height != height_)
    throw std::invalid_argument(temp_.target().string() + ": frame is " +
                                std::to_string(img.width) + "x" + std::to_string(img.height) +
                                ", the video " + std::to_string(width_) + "x" +
                                std::to_string(height_));
  const size_t row = static_cast<size_t>(width_) * 3;
  const bool first = previous_.empty();
  // The rectangle that differs from the previous frame.
  int x0 = 0, y0 = 0, x1 = width_, y1 = height_;  // [x0, x1) x [y0, y1)
  if (!first) {
    x0 = width_, y0 = height_, x1 = 0, y1 = 0;
    for (int y = 0; y < height_; ++y) {
      const uint8_t* a = img.rgb.data() + y * row;
      const uint8_t* b = previous_.data() + y * row;
      if (std::memcmp(a, b, row) == 0) continue;
      int l = 0, r = width_;
      while (std::memcmp(a + l * 3, b + l * 3, 3) == 0) ++l;
      while (std::memcmp(a + (r - 1) * 3, b + (r - 1) * 3, 3) == 0) --r;
      x0 = std::min(x0, l), x1 = std::max(x1, r);
      y0 = std::min(y0, y), y1 = y + 1;
    }
    if (x1 <= x0) x0 = 0, y0 = 0, x1 = 1, y1 = 1;  // unchanged: one transparent pixel
  }
  GraphicsControlBlock gcb{};
  gcb.DisposalMode = DISPOSE_DO_NOT;
  gcb.DelayTime = delay_cs(frames_);
  gcb.TransparentColor = first ? NO_TRANSPARENT_COLOR : kTransparent;
  GifByteType ext[4];
  const size_t ext_len = EGifGCBToExtension(&gcb, ext);
  check(EGifPutExtension(gif_, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(ext_len), ext),
        "frame timing");
  check(EGifPutImageDesc(gif_, x0, y0, x1 - x0, y1 - y0, false, nullptr), "frame");
  for (int y = y0; y < y1; ++y) {
    const uint8_t* a = img.rgb.data() + y * row;
    const uint8_t* b = first ? nullptr : previous_.data() + y * row;
    uint32_t last_key = 0xffffffff;
    uint8_t last_index = 0;
    for (int x = x0; x < x1; ++x) {
      const uint8_t* p = a + x * 3;
      if (b && std::memcmp(p, b + x * 3, 3) == 0) {
        line_[x - x0] = kTransparent;
        continue;
      }
      // Runs of one colour are the rule in a game's picture: look up each run once.
      const uint32_t key = uint32_t{p[0]} << 16 | uint32_t{p[1]} << 8 | p[2];
      if (key != last_key) last_key = key, last_index = index_of(p);
      line_[x - x0] = last_index;
    }
    check(EGifPutLine(gif_, line_.data(), x1 - x0), "frame");
  }
  previous_ = img.rgb;
  ++frames_;
}

void GifWriter::finish() {
  if (!gif_) fail("finish() called twice");
  int err = 0;
  const int rc = EGifCloseFile(gif_, &err);
  gif_ = nullptr;
  if (rc != GIF_OK || write_error_)
    fail(write_error_ ? "cannot write the GIF (disk full or file unwritable)"
                      : std::string("giflib: ") + GifErrorString(err));
  // The palette the frames' indices refer to, over the header's placeholder.
  uint8_t table[kPaletteSize * 3] = {};
  for (size_t k = 0; k < palette_.size(); ++k) std::memcpy(table + 3 * k, palette_[k].data(), 3);
  FILE* f = file_.get();
  if (std::fseek(f, kPaletteOffset, SEEK_SET) != 0 ||
      std::fwrite(table, 1, sizeof table, f) != sizeof table || std::fflush(f) != 0)
    fail(std::string("cannot write the GIF's palette: ") + std::strerror(errno));
  if (std::fclose(file_.release()) != 0)
    fail(std::string("cannot write the GIF: ") + std::strerror(errno));
  temp_.commit();
}

}  // namespace

std::unique_ptr<VideoWriter> open_gif(const std::filesystem::path& path, int width, int height,
                                      FrameRate fps) {
  return std::make_unique<GifWriter>(path, width, height, fps);
}

}  // namespace ag::media
