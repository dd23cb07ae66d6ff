// Finding ROMs: the search path, and the user's ROM folder that `roms import` fills.
//
// Search order: explicit directories (--rom-dir), $ATARI_ROM_DIR (colon-separated),
// ./roms, the user's ROM folder ($XDG_DATA_HOME/atari-gym/roms or
// ~/.local/share/atari-gym/roms), ../shared/roms, and ../shared/roms beside the
// checkout the binary was built in (found from /proc/self/exe: build/atari-gym).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ag::env {

namespace fs = std::filesystem;

// Largest image any supported mapper can hold; anything bigger is not a 2600 ROM.
inline constexpr size_t kMaxRomBytes = 512 * 1024;

// The running binary's folder (from /proc/self/exe; empty if unknown): the
// ROM and shipped-model search paths look beside it.
fs::path exe_dir();

std::vector<fs::path> rom_search_path(const std::vector<fs::path>& extra_dirs = {});
fs::path user_rom_dir();

// The file for a supported game (`rom_name` as ALE names it: "space_invaders"),
// matched by file name first, then by MD5 of the files in the search path.
// Throws EnvError listing the directories searched when it is nowhere.
fs::path find_rom(std::string_view rom_name, const std::vector<fs::path>& extra_dirs = {});

// What a user typed for a ROM: an existing file is taken as it is; a bare
// name ("pong") goes to find_rom(). A missing path (one with a folder or an
// extension) throws EnvError saying the file is not found.
fs::path resolve_rom(std::string_view rom, const std::vector<fs::path>& extra_dirs = {});

// Reads a ROM image, with a clear EnvError for a missing, unreadable, empty
// or impossibly large file.
std::vector<uint8_t> read_rom_file(const fs::path& path);

// A supported game's ROM found on disk.
struct FoundRom {
  std::string rom;  // ALE rom name
  fs::path path;
};
// Every supported game found in the search path (first hit wins), by MD5.
std::vector<FoundRom> scan_roms(const std::vector<fs::path>& dirs);

}  // namespace ag::env
