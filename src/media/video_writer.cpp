#include "media/video_writer.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "media/gif_writer.hpp"
#include "media/mp4_writer.hpp"

namespace ag::media {

VideoFormat video_format(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".mp4") return VideoFormat::kMp4;
  if (ext == ".gif") return VideoFormat::kGif;
  throw std::runtime_error(
      path.string() + ": " +
      (ext.empty() ? std::string("no extension") : "unknown extension '" + ext + "'") +
      "; a video is .mp4 (H.264) or .gif");
}

std::unique_ptr<VideoWriter> open_video(const std::filesystem::path& path, int width, int height,
                                        FrameRate fps, const VideoOptions& options) {
  switch (video_format(path)) {
    case VideoFormat::kMp4:
      return open_mp4(path, width, height, fps, options);
    case VideoFormat::kGif:
      return open_gif(path, width, height, fps);
  }
  return nullptr;
}

}  // namespace ag::media
