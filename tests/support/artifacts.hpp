// Pictures a test saw, kept for people: when $AG_TEST_ARTIFACTS names a
// folder, keep_artifact() writes the image there as NAME.png (docs/images'
// screenshots of play, watch and record come from such runs). Without the
// variable it does nothing, so tests stay free of side effects.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include "media/png_file.hpp"

namespace ag::test {

inline void keep_artifact(const media::Image& img, const std::string& name) {
  const char* dir = std::getenv("AG_TEST_ARTIFACTS");
  if (!dir || !*dir) return;
  std::filesystem::create_directories(dir);
  media::write_png(img, std::filesystem::path(dir) / (name + ".png"));
}

}  // namespace ag::test
