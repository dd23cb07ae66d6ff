// H.264 in an MP4 file through libavcodec (libx264) and libavformat: yuv420p
// (what browsers and phones play), RGB converted by libswscale with BT.601
// coefficients (tagged in the stream), constant quality (CRF), and the index
// at the front of the file (faststart) so a browser starts playing at once.
// The game's pixels are blocks of 2s x s pixels at scale s, so at even
// scales 4:2:0's 2x2 chroma blocks never straddle two Atari pixels.
#pragma once

#include <filesystem>
#include <memory>

#include "media/video_writer.hpp"

namespace ag::media {

// Width and height must be even (4:2:0).
std::unique_ptr<VideoWriter> open_mp4(const std::filesystem::path& path, int width, int height,
                                      FrameRate fps, const VideoOptions& options);

}  // namespace ag::media
