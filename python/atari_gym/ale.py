"""ale-py's ALEInterface, the subset training code uses, with ale-py's names
and array shapes, so that ale-py code runs by changing its import:

    from atari_gym import ALEInterface, roms
    ale = ALEInterface()
    ale.setInt("random_seed", 0)
    ale.loadROM(roms.get_rom_path("breakout"))
    reward = ale.act(ale.getMinimalActionSet()[1])

Settings apply at loadROM (as in ALE): random_seed, frame_skip,
repeat_action_probability, max_num_frames_per_episode,
truncate_on_loss_of_life. Others are stored and read back; display_screen
and sound cannot be turned on."""

from __future__ import annotations

import enum
import os

from . import _atari_gym

__all__ = ["Action", "ALEInterface", "ALEState", "LoggerMode"]

ALEState = _atari_gym.ALEState


class Action(enum.IntEnum):
    """ALE's action ids (ale_py.Action)."""

    NOOP = 0
    FIRE = 1
    UP = 2
    RIGHT = 3
    LEFT = 4
    DOWN = 5
    UPRIGHT = 6
    UPLEFT = 7
    DOWNRIGHT = 8
    DOWNLEFT = 9
    UPFIRE = 10
    RIGHTFIRE = 11
    LEFTFIRE = 12
    DOWNFIRE = 13
    UPRIGHTFIRE = 14
    UPLEFTFIRE = 15
    DOWNRIGHTFIRE = 16
    DOWNLEFTFIRE = 17


class LoggerMode(enum.IntEnum):
    Info = 0
    Warning = 1
    Error = 2


# ALE's defaults for the settings loadROM applies.
_DEFAULTS = {
    "random_seed": 0,
    "frame_skip": 1,
    "repeat_action_probability": 0.25,
    "max_num_frames_per_episode": 0,
    "truncate_on_loss_of_life": False,
}
_CANNOT_ENABLE = ("display_screen", "sound", "color_averaging")


class _ActionSets:
    """getMinimalActionSet / getLegalActionSet as Action members, shared by
    ALEInterface and the views of an env's machine."""

    def getMinimalActionSet(self) -> list[Action]:
        return [Action(a) for a in self._minimal_actions()]

    def getLegalActionSet(self) -> list[Action]:
        return [Action(a) for a in self._legal_actions()]


class ALEInterface(_ActionSets, _atari_gym.AleCore):
    """One Atari machine, driven as ale-py's ALEInterface."""

    def __init__(self):
        super().__init__()
        self._settings = dict(_DEFAULTS)

    @staticmethod
    def setLoggerMode(mode) -> None:
        """Accepted for compatibility; nothing is logged here."""

    def _set(self, key: str, value, kind):
        if not isinstance(key, str):
            raise TypeError(f"setting names are strings, got {type(key).__name__}")
        if key in _DEFAULTS and not isinstance(value, kind):
            raise TypeError(f"{key}: expected {kind.__name__}, got {type(value).__name__}")
        if key in _CANNOT_ENABLE and value:
            raise ValueError(f"{key} cannot be turned on in atari_gym (no display or sound)")
        self._settings[key] = value

    def setInt(self, key: str, value: int) -> None:
        if key in ("frame_skip", "max_num_frames_per_episode", "random_seed"):
            value = int(value)
        self._set(key, value, int)

    def setFloat(self, key: str, value: float) -> None:
        self._set(key, float(value), float)

    def setBool(self, key: str, value: bool) -> None:
        self._set(key, bool(value), bool)

    def setString(self, key: str, value: str) -> None:
        self._set(key, str(value), str)

    def _get(self, key: str):
        if key not in self._settings:
            raise KeyError(f"no setting '{key}' (known: {', '.join(sorted(self._settings))})")
        return self._settings[key]

    getInt = getFloat = getBool = getString = _get

    def loadROM(self, path) -> None:
        """Loads a ROM file (e.g. roms.get_rom_path("pong")) with the settings so far;
        resets the game."""
        s = self._settings
        self._load(os.fspath(path), s["frame_skip"], s["repeat_action_probability"],
                   s["random_seed"], s["max_num_frames_per_episode"],
                   s["truncate_on_loss_of_life"])

    def act(self, action, paddle_strength: float = 1.0) -> int:
        return super().act(int(action), paddle_strength)


class EnvALE(_ActionSets):
    """env.unwrapped.ale: ALEInterface's methods on an env's machine (no
    loadROM or settings: the env owns those)."""

    def __init__(self, core):
        self._core = core

    def __getattr__(self, name):
        return getattr(self._core, name)

    def act(self, action, paddle_strength: float = 1.0) -> int:
        return self._core.act(int(action), paddle_strength)
