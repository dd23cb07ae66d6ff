// Where the shipped Space Invaders agent lives (models/space_invaders/:
// model.pt, the PyTorch state_dict, and config.json, the run's config), so
// `atari-gym` with no arguments, and eval/watch/record without
// --checkpoint, can find it in a build tree and in an installed tree.
//
// Search order: $ATARI_GYM_MODEL_DIR alone when it is set (a folder holding
// model.pt and config.json); else <binary's folder>/models/space_invaders
// (the build tree: CMake copies it there), <binary's folder>/../share/
// atari-gym/models/space_invaders (where `cmake --install` puts it), then
// the caller's extra folders (the CLI adds its source checkout's).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ag::agent {

inline constexpr const char* kShippedModelDir = "models/space_invaders";
inline constexpr const char* kShippedModelFile = "model.pt";

std::vector<std::filesystem::path> shipped_model_search_path(
    const std::vector<std::filesystem::path>& extra_dirs = {});

// The first model.pt on the search path that has config.json beside it.
std::optional<std::filesystem::path> find_shipped_model(
    const std::vector<std::filesystem::path>& extra_dirs = {});

// The one-line error for when there is none: the folders searched and how to
// provide a model.
std::string no_shipped_model_message(const std::vector<std::filesystem::path>& extra_dirs = {});

}  // namespace ag::agent
