// Files written whole or not at all: write a temp file beside the target,
// flush it to disk, then rename() over the target (atomic on POSIX within a
// filesystem), so a crash or kill -9 never leaves a half-written file under
// the real name. Temp files are named "<name>.tmp-<pid>" so the next start
// can remove leftovers (remove_stale_temp_files). Used by the agent
// (checkpoints, metrics, exports) and media (videos, screenshots).
#pragma once

#include <filesystem>
#include <string_view>

namespace ag::base {

// Throws std::runtime_error naming the path and the system's reason.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);
std::filesystem::path temp_path_for(const std::filesystem::path& path);
// Renames a finished temp file over `path` after fsync (for writers that stream).
void commit_temp_file(const std::filesystem::path& temp, const std::filesystem::path& path);
// Removes "*.tmp-*" files in `dir` (left by a killed run); returns how many.
int remove_stale_temp_files(const std::filesystem::path& dir);
// Creates `dir` (and parents) and checks that a file can be written there.
void ensure_writable_dir(const std::filesystem::path& dir);

}  // namespace ag::base
