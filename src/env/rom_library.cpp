#include "env/rom_library.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "env/ale_env.hpp"
#include "env/game.hpp"
#include "env/md5.hpp"

namespace ag::env {

namespace {

void append_env_dirs(const char* var, std::vector<fs::path>& out) {
  const char* v = std::getenv(var);
  if (!v || !*v) return;
  std::stringstream ss(v);
  std::string item;
  while (std::getline(ss, item, ':'))
    if (!item.empty()) out.emplace_back(item);
}

}  // namespace

fs::path exe_dir() {
  std::error_code ec;
  auto p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : p.parent_path();
}

fs::path user_rom_dir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
    return fs::path(xdg) / "atari-gym" / "roms";
  if (const char* home = std::getenv("HOME"); home && *home)
    return fs::path(home) / ".local" / "share" / "atari-gym" / "roms";
  return fs::path("roms");
}

std::vector<fs::path> rom_search_path(const std::vector<fs::path>& extra_dirs) {
  std::vector<fs::path> dirs(extra_dirs.begin(), extra_dirs.end());
  append_env_dirs("ATARI_ROM_DIR", dirs);
  dirs.emplace_back("roms");
  dirs.push_back(user_rom_dir());
  dirs.emplace_back("../shared/roms");
  if (auto e = exe_dir(); !e.empty()) dirs.push_back(e / ".." / ".." / "shared" / "roms");
  // Drop duplicates and folders that do not exist, keeping the order.
  std::vector<fs::path> out;
  for (auto& d : dirs) {
    std::error_code ec;
    if (!fs::is_directory(d, ec)) continue;
    auto canon = fs::weakly_canonical(d, ec);
    bool seen = false;
    for (auto& o : out) seen |= (fs::weakly_canonical(o, ec) == canon);
    if (!seen) out.push_back(d);
  }
  return out;
}

std::vector<uint8_t> read_rom_file(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw EnvError("ROM file " + path.string() + ": not found");
  if (fs::is_directory(path, ec))
    throw EnvError("ROM file " + path.string() + ": is a directory, not a ROM image");
  auto size = fs::file_size(path, ec);
  if (ec) throw EnvError("ROM file " + path.string() + ": cannot read its size: " + ec.message());
  if (size == 0) throw EnvError("ROM file " + path.string() + ": empty file");
  if (size > kMaxRomBytes)
    throw EnvError("ROM file " + path.string() + ": " + std::to_string(size) +
                   " bytes is too large for an Atari 2600 cartridge (max " +
                   std::to_string(kMaxRomBytes) + ")");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw EnvError("ROM file " + path.string() + ": cannot open for reading");
  std::vector<uint8_t> bytes(size);
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size));
  if (static_cast<size_t>(in.gcount()) != size)
    throw EnvError("ROM file " + path.string() + ": truncated read");
  return bytes;
}

std::vector<FoundRom> scan_roms(const std::vector<fs::path>& dirs) {
  std::map<std::string, FoundRom> found;
  for (auto& dir : dirs) {
    std::error_code ec;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      auto size = it->file_size(ec);
      if (ec || size == 0 || size > kMaxRomBytes) continue;
      std::vector<uint8_t> bytes;
      try {
        bytes = read_rom_file(it->path());
      } catch (const EnvError&) {
        continue;
      }
      const GameSpec* spec = find_game_by_md5(md5_hex(bytes.data(), bytes.size()));
      if (spec && !found.count(std::string(spec->rom)))
        found.emplace(std::string(spec->rom), FoundRom{std::string(spec->rom), it->path()});
    }
  }
  std::vector<FoundRom> out;
  for (auto& [k, v] : found) out.push_back(v);
  return out;
}

fs::path find_rom(std::string_view rom_name, const std::vector<fs::path>& extra_dirs) {
  auto dirs = rom_search_path(extra_dirs);
  const GameSpec* spec = find_game_by_rom(rom_name);
  if (!spec)
    throw EnvError("unknown game '" + std::string(rom_name) +
                   "' (`atari-gym roms list` shows the supported names)");
  // By name first (cheap), accepted only when the content is the supported image.
  for (auto& d : dirs) {
    auto p = d / (std::string(rom_name) + ".bin");
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) {
      try {
        auto bytes = read_rom_file(p);
        if (md5_hex(bytes.data(), bytes.size()) == spec->md5) return p;
      } catch (const EnvError&) {
      }
    }
  }
  for (auto& f : scan_roms(dirs))
    if (f.rom == rom_name) return f.path;
  std::string where;
  for (auto& d : dirs) where += "\n  " + d.string();
  if (where.empty()) where = "\n  (no ROM folder exists)";
  throw EnvError("no ROM for '" + std::string(rom_name) + "' (md5 " + std::string(spec->md5) +
                 ") in the search path:" + where +
                 "\nput it in one of them, pass --rom-dir, set ATARI_ROM_DIR, or run "
                 "`atari-gym roms import DIR`");
}

fs::path resolve_rom(std::string_view rom, const std::vector<fs::path>& extra_dirs) {
  const fs::path path(rom);
  std::error_code ec;
  if (fs::exists(path, ec)) return path;
  // A name with a folder or an extension was meant as a file: say that it is
  // missing rather than that no game has that name.
  if (path.has_parent_path() || path.has_extension())
    throw EnvError("ROM file " + path.string() + ": not found");
  return find_rom(rom, extra_dirs);
}

}  // namespace ag::env
