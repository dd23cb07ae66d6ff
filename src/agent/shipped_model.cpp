#include "agent/shipped_model.hpp"

#include <cstdlib>

#include "env/rom_library.hpp"

namespace ag::agent {

namespace fs = std::filesystem;

std::vector<fs::path> shipped_model_search_path(const std::vector<fs::path>& extra_dirs) {
  if (const char* d = std::getenv("ATARI_GYM_MODEL_DIR"); d && *d) return {fs::path(d)};
  std::vector<fs::path> dirs;
  if (const fs::path e = env::exe_dir(); !e.empty()) {
    dirs.push_back(e / kShippedModelDir);
    dirs.push_back((e / ".." / "share" / "atari-gym" / kShippedModelDir).lexically_normal());
  }
  for (const auto& d : extra_dirs) dirs.push_back(d / kShippedModelDir);
  return dirs;
}

std::optional<fs::path> find_shipped_model(const std::vector<fs::path>& extra_dirs) {
  for (const auto& d : shipped_model_search_path(extra_dirs)) {
    std::error_code ec;
    if (fs::is_regular_file(d / kShippedModelFile, ec) && fs::is_regular_file(d / "config.json", ec))
      return d / kShippedModelFile;
  }
  return std::nullopt;
}

std::string no_shipped_model_message(const std::vector<fs::path>& extra_dirs) {
  std::string searched;
  for (const auto& d : shipped_model_search_path(extra_dirs))
    searched += (searched.empty() ? "" : ", ") + d.string();
  return "no shipped model (model.pt with config.json) in " + searched +
         "; build from a clone of the repository (it ships models/space_invaders/), set "
         "ATARI_GYM_MODEL_DIR to such a folder, or give --checkpoint PATH";
}

}  // namespace ag::agent
