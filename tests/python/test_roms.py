"""atari_gym.roms: ale-py's get_rom_path and the CLI's search path."""

import os
import pathlib
import subprocess
import sys

import atari_gym
from atari_gym import roms


def test_get_rom_path():
    p = roms.get_rom_path("space_invaders")
    assert isinstance(p, pathlib.Path) and p.is_absolute() and p.is_file()
    assert roms.get_rom_path("SpaceInvaders") == p  # ale-py's display name too
    assert roms.get_rom_path("no_such_game") is None
    assert "tic_tac_toe_3d" in roms.get_all_rom_ids() and len(roms.get_all_rom_ids()) == 104


def test_search_path_has_the_rom_folder():
    path = roms.rom_search_path()
    assert str(roms.get_rom_path("pong").parent) in path


def test_atari_rom_dir_comes_first(tmp_path):
    # A copy of one ROM in $ATARI_ROM_DIR wins over the default folders, as for the CLI.
    src = roms.get_rom_path("pong")
    (tmp_path / "pong.bin").write_bytes(src.read_bytes())
    code = ("import atari_gym; print(atari_gym.roms.get_rom_path('pong')); "
            "print(atari_gym.roms.rom_search_path()[0])")
    env = dict(os.environ, ATARI_ROM_DIR=str(tmp_path),
               PYTHONPATH=str(pathlib.Path(atari_gym.__file__).parents[1]))
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True,
                         text=True, cwd=tmp_path).stdout.split()
    assert out == [str(tmp_path / "pong.bin"), str(tmp_path)]


def test_found_from_another_working_directory(tmp_path):
    # Outside the checkout (no ./roms, no ../shared/roms) the module still
    # finds the ROMs beside the checkout it was built in.
    code = "import atari_gym; atari_gym.make('ALE/Pong-v5').reset(seed=0); print('ok')"
    env = dict(os.environ, PYTHONPATH=str(pathlib.Path(atari_gym.__file__).parents[1]))
    env.pop("ATARI_ROM_DIR", None)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         cwd=tmp_path)
    assert out.stdout.strip() == "ok", out.stderr
