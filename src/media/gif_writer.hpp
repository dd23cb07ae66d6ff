// Animated GIF through giflib, made for Atari games: exact colours, small
// files, the right speed in browsers.
// - One global palette, built from the frames' colours as they come (the
//   Atari's palette has 128 colours, the status bar's text a few more; past
//   255 colours a new one takes its nearest entry). giflib writes the header
//   before any frame, so a 256-entry placeholder is written and filled in by
//   finish().
// - Each frame after the first is only the rectangle that changed, its
//   unchanged pixels transparent (index 255), drawn over the previous frame.
//   A frame equal to the last is one transparent pixel, so every frame added
//   is a frame in the file.
// - Delays in centiseconds, rounded so frame k starts at round(100 k / fps):
//   30 fps gives 3,4,3,3,4,3,... Browsers show delays under 2 cs as 10, so
//   frame rates above 50 are refused.
// - The NETSCAPE2.0 extension: the animation loops.
#pragma once

#include <filesystem>
#include <memory>

#include "media/video_writer.hpp"

namespace ag::media {

inline constexpr double kGifMaxFrameRate = 50;

std::unique_ptr<VideoWriter> open_gif(const std::filesystem::path& path, int width, int height,
                                      FrameRate fps);

}  // namespace ag::media
