// `atari-gym roms`: which supported games are available, and importing ROMs by MD5.
#include <cstdio>
#include <fstream>

#include "cli/parse.hpp"
#include "env/ale_env.hpp"
#include "env/game.hpp"
#include "env/md5.hpp"
#include "env/rom_library.hpp"

namespace ag::cli {

namespace fs = std::filesystem;

namespace {

// The game's minimal action set, ALE's names in action-space order (what
// Discrete(n) means): data from the game table, no ROM needed.
std::string action_meanings(const env::GameSpec& g) {
  std::string out;
  for (size_t i = 0; i < g.minimal_actions.size(); ++i)
    out += (i ? " " : "") + std::to_string(i) + ":" +
           std::string(env::kActionNames[static_cast<int>(g.minimal_actions[i])]);
  return out;
}

int roms_list(const std::vector<fs::path>& extra, bool actions) {
  auto dirs = env::rom_search_path(extra);
  auto found = env::scan_roms(dirs);
  std::printf("ROM search path:\n");
  for (auto& d : dirs) std::printf("  %s\n", d.c_str());
  if (dirs.empty()) std::printf("  (none of its folders exist)\n");
  std::printf("\n%-22s %-24s %s\n", "rom", "id", "file");
  size_t have = 0;
  for (auto& g : env::all_games()) {
    const env::FoundRom* f = nullptr;
    for (auto& x : found)
      if (x.rom == g.rom) f = &x;
    have += f != nullptr;
    std::printf("%-22s %-24s %s\n", std::string(g.rom).c_str(),
                ("ALE/" + std::string(g.title) + "-v5").c_str(), f ? f->path.c_str() : "(missing)");
    if (actions) std::printf("  actions: %s\n", action_meanings(g).c_str());
  }
  std::printf("\n%zu of %zu supported games available\n", have, env::all_games().size());
  return 0;
}

// Copies with temp + rename so a ROM folder never holds a half-written file.
void copy_atomically(const std::vector<uint8_t>& bytes, const fs::path& dest) {
  fs::path tmp = dest;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) throw std::runtime_error("cannot write " + tmp.string());
  }
  fs::rename(tmp, dest);
}

int roms_import(const fs::path& src, fs::path dest) {
  std::error_code ec;
  if (!fs::is_directory(src, ec)) {
    std::fprintf(stderr, "roms import: %s is not a folder\n", src.c_str());
    return 1;
  }
  if (dest.empty()) dest = env::user_rom_dir();
  fs::create_directories(dest, ec);
  if (ec) {
    std::fprintf(stderr, "roms import: cannot create %s: %s\n", dest.c_str(), ec.message().c_str());
    return 1;
  }
  size_t imported = 0, skipped = 0;
  for (auto it = fs::recursive_directory_iterator(src, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    auto size = it->file_size(ec);
    if (ec || size == 0 || size > env::kMaxRomBytes) continue;
    std::vector<uint8_t> bytes;
    try {
      bytes = env::read_rom_file(it->path());
    } catch (const env::EnvError&) {
      continue;
    }
    const env::GameSpec* g = env::find_game_by_md5(env::md5_hex(bytes.data(), bytes.size()));
    if (!g) {
      ++skipped;
      continue;
    }
    fs::path out = dest / (std::string(g->rom) + ".bin");
    copy_atomically(bytes, out);
    std::printf("imported %-22s from %s\n", std::string(g->rom).c_str(), it->path().c_str());
    ++imported;
  }
  std::printf("%zu ROMs imported into %s (%zu files not recognised)\n", imported, dest.c_str(), skipped);
  return 0;
}

}  // namespace

int cmd_roms(const Args& args) {
  CLI::App app(
      "Supported games and their ROMs.\n\n"
      "examples:\n  atari-gym roms list --actions\n  atari-gym roms import ~/Downloads/roms",
      "atari-gym roms");
  app.require_subcommand(1);
  std::vector<std::string> rom_dirs;
  auto* list = app.add_subcommand("list", "show every supported game and where its ROM is");
  list->add_option("--rom-dir", rom_dirs, "extra ROM folder(s) searched first");
  bool actions = false;
  list->add_flag("--actions", actions,
                 "also each game's actions: index and ALE's name, e.g. 0:NOOP 1:FIRE 2:RIGHT");
  std::string src, dest;
  auto* imp = app.add_subcommand("import", "copy recognised ROMs (by MD5) into the user's ROM folder");
  imp->add_option("dir", src, "folder to scan (recursively)")->required();
  imp->add_option("--dest", dest, "destination (default: the user's ROM folder)");
  if (auto rc = parse(app, args)) return *rc;
  if (*list) return roms_list({rom_dirs.begin(), rom_dirs.end()}, actions);
  return roms_import(src, dest);
}

}  // namespace ag::cli
