// PNG files through libpng: screenshots (play, watch) and the test images.
#pragma once

#include <filesystem>

#include "media/image.hpp"

namespace ag::media {

// Written atomically (temp + rename). Throws std::runtime_error naming the
// file and the problem (unwritable folder, disk full).
void write_png(const Image& img, const std::filesystem::path& path);
// Throws std::runtime_error naming the file for a missing, truncated or non-PNG file.
Image read_png(const std::filesystem::path& path);

}  // namespace ag::media
