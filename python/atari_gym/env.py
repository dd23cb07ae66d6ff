"""atari_gym.make(id, **kwargs): one env with Gymnasium's API and ale-py's
behaviour. The env and its wrappers run in C++ (one object,
_atari_gym.Env); this class gives it Gymnasium's surface: spaces,
render_mode, spec, unwrapped, close and the context-manager protocol.
With gymnasium importable it is a gymnasium.Env with gymnasium.spaces
(_gymnasium.py)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import _atari_gym, _wrappers
from ._gymnasium import Box, Discrete, EnvBase, make_spec
from .ale import EnvALE

__all__ = ["AtariEnv", "EnvSpec", "make"]

RENDER_MODES = ("rgb_array",)


@dataclass
class EnvSpec:
    """What make() was given (gymnasium.envs.registration.EnvSpec's fields
    that apply); with gymnasium importable, env.spec is gymnasium's EnvSpec."""

    id: str
    kwargs: dict = field(default_factory=dict)
    max_episode_steps: int | None = None
    wrappers: tuple = ()


def _check_keywords(kwargs: dict, function: str) -> None:
    """TypeError for a keyword make() / make_vec() does not know, with close
    matches among the env options and the wrapper keywords."""
    known = [*_atari_gym.make_option_names(), *_wrappers.ORDER]
    for key in kwargs:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise TypeError(f"{function}() got an unexpected keyword argument {key!r}{hint}")


def _resolve_wrappers(wrappers, kwargs: dict):
    """(spec strings, env options, wrapper keywords, their _Wrapper entries)."""
    keywords, options = _wrappers.split_wrapper_kwargs(kwargs)
    specs, from_keywords = _wrappers.wrapper_specs(wrappers, keywords)
    return specs, options, keywords, from_keywords


def _check_render_mode(render_mode):
    if render_mode is not None and render_mode not in RENDER_MODES:
        raise ValueError(f"render_mode {render_mode!r} is not supported; supported: "
                         f"{', '.join(RENDER_MODES)} (or None)")


class AtariEnv(EnvBase):
    """An Atari env (ale-py's AtariEnv) with the wrappers named at make()."""

    def __init__(self, id: str, *, wrappers=None, render_mode: str | None = None, **kwargs):
        _check_render_mode(render_mode)
        _check_keywords(kwargs, "make")
        specs, options, keywords, from_keywords = _resolve_wrappers(wrappers, kwargs)
        try:
            self._core = _atari_gym.Env(id, options, specs)
        except ValueError as e:
            raise _wrappers.name_keyword_in_error(e, from_keywords, keywords) from None
        self.render_mode = render_mode
        self.metadata = {"render_modes": list(RENDER_MODES), "render_fps": self._core.frame_rate}
        given = dict(kwargs)
        if wrappers is not None:
            given["wrappers"] = wrappers
        if render_mode is not None:
            given["render_mode"] = render_mode
        self._spec = make_spec(id, given, kwargs.get("max_episode_steps"), tuple(specs), EnvSpec)
        if isinstance(self._spec, EnvSpec):
            self._spec.kwargs.pop("wrappers", None)  # in spec.wrappers
            self._spec.kwargs.pop("render_mode", None)
        self.action_space = Discrete(self._core.action_n)
        self.observation_space = Box(*_box_args(self._core.observation_space_args))
        self._unwrapped = None

    @property
    def spec(self):
        """What the env was made from (shared with env.unwrapped, which
        gymnasium.make sets)."""
        return self._spec

    @spec.setter
    def spec(self, value):
        self._spec = value

    def reset(self, *, seed: int | None = None, options: dict | None = None):
        """(obs, info). A seed reseeds everything and reloads the ROM (ale-py);
        no seed continues the env's random streams."""
        obs, info = self._core.reset(seed, options)
        if seed is not None:
            # env.unwrapped.np_random as ale-py seeds it (PCG64 over the first
            # of info["seeds"]), for Python code that reads it (gymnasium's
            # check_env). The C++ env draws from its own copy of that
            # generator, not from this one.
            self.unwrapped._np_random = np.random.Generator(
                np.random.PCG64(np.random.SeedSequence(int(info["seeds"][0]))))
        return obs, info

    def step(self, action):
        """(obs, reward, terminated, truncated, info); the GIL is released meanwhile."""
        return self._core.step(action)

    def render(self):
        """The game's screen, (H, 160, 3) uint8, with render_mode='rgb_array'."""
        if self.render_mode != "rgb_array":
            raise ValueError(f"render() needs render_mode='rgb_array' at make(), "
                             f"got render_mode={self.render_mode!r}")
        return self._core.render()

    def close(self):
        self._core.close()

    @property
    def closed(self) -> bool:
        return self._core.closed

    def get_action_meanings(self) -> list[str]:
        """Names of this env's actions ('NOOP', 'FIRE', ...)."""
        return self._core.action_meanings()

    @property
    def unwrapped(self) -> "UnwrappedAtariEnv":
        """The Atari env under the wrappers (Gymnasium's env.unwrapped)."""
        if self._unwrapped is None:
            self._unwrapped = UnwrappedAtariEnv(self)
        return self._unwrapped

    def __enter__(self):
        return self

    def __exit__(self, *exc: Any):
        self.close()
        return False

    def __str__(self) -> str:
        return f"<{self._core.name}>" if not self.closed else f"<closed {self.spec.id}>"

    __repr__ = __str__


class UnwrappedAtariEnv(EnvBase):
    """The innermost env of an AtariEnv's stack: its own spaces and action
    meanings (ale-py's env.unwrapped); it shares the machine and the spec
    with the stack."""

    def __init__(self, env: AtariEnv):
        self._env = env
        core = env._core
        self.action_space = Discrete(core.unwrapped_action_n)
        self.observation_space = Box(*_box_args(core.unwrapped_observation_space_args))
        self.metadata = env.metadata

    _np_random = None

    @property
    def np_random(self) -> np.random.Generator:
        """ale-py's np_random after the last seeded reset (a fresh one before)."""
        if self._np_random is None:
            self._np_random = np.random.default_rng()
        return self._np_random

    @np_random.setter
    def np_random(self, value: np.random.Generator):
        self._np_random = value

    @property
    def spec(self):
        return self._env.spec

    @spec.setter
    def spec(self, value):
        # gymnasium.make sets env.unwrapped.spec, then reads env.spec.
        self._env.spec = value

    @property
    def render_mode(self):
        return self._env.render_mode

    @property
    def unwrapped(self) -> "UnwrappedAtariEnv":
        return self

    def get_action_meanings(self) -> list[str]:
        return self._env._core.unwrapped_action_meanings()

    @property
    def ale(self):
        """The env's machine with ALEInterface's methods (ale-py's env.unwrapped.ale);
        it fails once the env is closed."""
        return EnvALE(self._env._core.ale)

    def render(self):
        return self._env.render()

    def __str__(self) -> str:
        return f"<AtariEnv<{self.spec.id}>>"

    __repr__ = __str__


def _box_args(args):
    """(low, high, shape, dtype) for Box: integer bounds for integer dtypes
    (gymnasium's Box would otherwise warn about the bounds' precision)."""
    low, high, shape, dtype = args
    if dtype != "float32":
        low, high = int(low), int(high)
    return low, high, shape, dtype


def make(id: str, *, wrappers=None, render_mode: str | None = None, **kwargs) -> AtariEnv:
    """gym.make(id, **kwargs) for an Atari id ('ALE/Pong-v5', 'PongNoFrameskip-v4', ...).

    kwargs: ale-py's and gym.make's keywords (obs_type, frameskip,
    repeat_action_probability, full_action_space, mode, difficulty,
    max_num_frames_per_episode, max_episode_steps); None means the id's
    default. The wrappers, as keywords (applied innermost first in this
    order): atari_preprocessing, skip_frame, time_limit,
    record_episode_statistics, clip_reward, episodic_life, fire_reset,
    frame_stack, action_space; each True, a dict of the wrapper's options,
    or its main option's value (frame_stack=4). Or as spec strings, applied
    innermost first before the keyword ones: wrappers=["atari-preprocessing",
    "frame-stack:stack_size=4"] (docs/gym.md, "Wrapper specs").

    Raises ValueError for an unknown id or a bad value, TypeError for an
    unknown keyword, atari_gym.RomNotFoundError when the ROM is missing."""
    return AtariEnv(id, wrappers=wrappers, render_mode=render_mode, **kwargs)
