// Videos of games (record): H.264 MP4 through libavcodec's libx264, or an
// animated GIF through giflib, chosen by the file's extension. Frames are
// Images of one size, shown at a constant frame rate. The file is written
// under a temporary name and renamed into place by finish(); a writer
// destroyed without finish() (an exception, Ctrl-C) removes it, so a
// half-written video never appears under the real name.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "media/image.hpp"

namespace ag::media {

// Frames per second as a fraction: 60/2 (every 2nd NTSC frame) is 30 exactly,
// 50/3 (every 3rd PAL frame) is not a whole number.
struct FrameRate {
  int num = 60;
  int den = 1;
  double value() const { return static_cast<double>(num) / den; }
};

struct VideoOptions {
  int crf = 18;     // MP4: x264's constant rate factor (0-51; lower is better and bigger)
  int threads = 1;  // MP4: encoder threads (0: libavcodec picks)
};

enum class VideoFormat { kMp4, kGif };

class VideoWriter {
 public:
  virtual ~VideoWriter() = default;
  // `frame` must have the writer's size. Throws std::runtime_error naming the
  // file when writing fails (disk full), std::invalid_argument for a wrong size.
  virtual void add_frame(const Image& frame) = 0;
  // Completes the file and renames it into place; no frames after it.
  virtual void finish() = 0;
  int64_t frames() const { return frames_; }

 protected:
  int64_t frames_ = 0;
};

// The format of `path` by its extension (case-insensitive). Throws
// std::runtime_error naming the file, its extension and the supported ones.
VideoFormat video_format(const std::filesystem::path& path);

// Opens `path`'s temp file at once, so an unwritable folder fails before any
// frame is made. Throws std::runtime_error naming the file and the problem
// (unknown extension, unwritable folder, a frame rate the format cannot show,
// no H.264 encoder), std::invalid_argument for a bad size.
std::unique_ptr<VideoWriter> open_video(const std::filesystem::path& path, int width, int height,
                                        FrameRate fps, const VideoOptions& options = {});

}  // namespace ag::media
