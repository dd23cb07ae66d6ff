"""Shared fixtures of the atari_gym suite: the module (PYTHONPATH=<build>/python),
the CLI binary the module is compared with, and a skip when the ROMs the
tests play are not in the search path."""

import os
import pathlib
import shutil

import pytest

atari_gym = pytest.importorskip(
    "atari_gym", reason="atari_gym is not importable: build it and set PYTHONPATH=<build>/python")

# The games the suite plays.
GAMES = ("breakout", "pong", "space_invaders", "seaquest")


def _missing_roms():
    missing = []
    for g in GAMES:
        try:
            atari_gym.roms.get_rom_path(g)
        except atari_gym.RomNotFoundError:
            missing.append(g)
    return missing


def pytest_collection_modifyitems(config, items):
    # Everything but the spaces plays a game.
    missing = _missing_roms()
    if missing:
        skip = pytest.mark.skip(reason=f"ROMs not found: {', '.join(missing)} (set ATARI_ROM_DIR)")
        for item in items:
            if item.module.__name__ != "test_spaces":
                item.add_marker(skip)


@pytest.fixture(scope="session")
def cli_binary():
    """The atari-gym program built beside the module (ctest sets AG_CLI_BINARY)."""
    path = os.environ.get("AG_CLI_BINARY")
    if not path:
        # <build>/python/atari_gym/__init__.py -> <build>/atari-gym
        path = pathlib.Path(atari_gym.__file__).resolve().parents[2] / "atari-gym"
    path = pathlib.Path(path)
    if not path.is_file() or not os.access(path, os.X_OK):
        found = shutil.which("atari-gym")
        if not found:
            pytest.skip(f"the atari-gym program is not built ({path})")
        path = pathlib.Path(found)
    return path
