"""ROMs as ale-py's ale_py.roms has them: get_rom_path(name) and
get_all_rom_ids(), found through the CLI's search path ($ATARI_ROM_DIR,
./roms, the user's ROM folder, ../shared/roms) and ../shared/roms beside
the checkout the module was built in. ROMs are never bundled."""

from ._atari_gym.roms import get_all_rom_ids, get_rom_path, rom_search_path

__all__ = ["get_all_rom_ids", "get_rom_path", "rom_search_path"]
