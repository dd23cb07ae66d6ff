// Where tests find the shared data beside the checkout (../shared), or
// $ATARI_SHARED_DIR when set.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace ag::test {

inline std::filesystem::path shared_dir() {
  if (const char* d = std::getenv("ATARI_SHARED_DIR"); d && *d) return d;
  return std::filesystem::path(AG_SOURCE_DIR) / ".." / "shared";
}
inline std::filesystem::path rom_path(const std::string& rom) {
  return shared_dir() / "roms" / (rom + ".bin");
}

}  // namespace ag::test
