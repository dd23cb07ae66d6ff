// ROMs from Python: ale-py's atari_gym.roms.get_rom_path(name) and the
// search path, the same as the CLI's (env/rom_library.hpp) plus the
// checkout the module was built in.
#include <cctype>

#include "bindings.hpp"
#include "env/ale_env.hpp"
#include "env/game.hpp"
#include "env/rom_library.hpp"
#include "gym/registry.hpp"

namespace ag::python {

std::filesystem::path find_rom_or_raise(const std::string& game,
                                        const std::vector<std::filesystem::path>& dirs) {
  try {
    return env::find_rom(game, dirs);
  } catch (const env::EnvError& e) {
    raise_rom_not_found(std::string(e.what()) +
                        "\n(from Python: set ATARI_ROM_DIR=/path/to/roms before making the env; "
                        "atari_gym.roms.rom_search_path() shows where ROMs are looked for)");
  }
}

namespace {

// ALE's rom name for what a user wrote: "space_invaders", or ale-py's display
// name "SpaceInvaders"; empty when it names no supported game.
std::string rom_name(const std::string& name) {
  if (env::find_game_by_rom(name)) return name;
  for (const auto& g : env::all_games())
    if (gym::game_id_name(g.rom) == name) return std::string(g.rom);
  return {};
}

}  // namespace

void bind_roms(py::module_& m) {
  py::module_ roms = m.def_submodule("roms", "ROMs: where they are and which games exist");
  roms.def(
      "get_all_rom_ids",
      [] {
        std::vector<std::string> ids;
        for (const auto& g : env::all_games()) ids.emplace_back(g.rom);
        return ids;
      },
      "ALE's names of the supported games ('pong', 'space_invaders', ...)");
  roms.def(
      "get_rom_path",
      [](const std::string& name) -> py::object {
        const std::string rom = rom_name(name);
        if (rom.empty()) return py::none();  // ale-py: None for an unknown game
        const auto path = find_rom_or_raise(rom, rom_dirs());
        return py::module_::import("pathlib").attr("Path")(
            std::filesystem::absolute(path).lexically_normal().string());
      },
      py::arg("name"),
      "The ROM file of a game ('breakout' or 'Breakout'): a pathlib.Path, None for an "
      "unknown game; RomNotFoundError when a supported game's ROM is not in the search path");
  roms.def(
      "rom_search_path",
      [] {
        std::vector<std::string> out;
        for (const auto& d : env::rom_search_path(rom_dirs()))
          out.push_back(std::filesystem::absolute(d).lexically_normal().string());
        return out;
      },
      "The folders searched for ROMs, in order (those that exist)");
}

}  // namespace ag::python
