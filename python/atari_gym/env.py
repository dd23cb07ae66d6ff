"""atari_gym.make(id, **kwargs): one env with Gymnasium's API and ale-py's
behaviour. The env and its wrappers run in C++ (one object,
_atari_gym.Env); this class gives it Gymnasium's surface: spaces,
render_mode, spec, unwrapped, close and the context-manager protocol."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import _atari_gym
from .ale import EnvALE
from .spaces import Box, Discrete

__all__ = ["AtariEnv", "EnvSpec", "make"]

RENDER_MODES = ("rgb_array",)


@dataclass
class EnvSpec:
    """What make() was given (gymnasium.envs.registration.EnvSpec's fields that apply)."""

    id: str
    kwargs: dict = field(default_factory=dict)
    max_episode_steps: int | None = None
    wrappers: tuple = ()


def _wrapper_specs(wrappers) -> list[str]:
    if wrappers is None:
        return []
    if isinstance(wrappers, str):
        return [wrappers]
    specs = list(wrappers)
    for w in specs:
        if not isinstance(w, str):
            raise TypeError(f"wrappers are spec strings such as 'atari-preprocessing' or "
                            f"'frame-stack:stack_size=4', got {type(w).__name__}")
    return specs


def _check_render_mode(render_mode):
    if render_mode is not None and render_mode not in RENDER_MODES:
        raise ValueError(f"render_mode {render_mode!r} is not supported; supported: "
                         f"{', '.join(RENDER_MODES)} (or None)")


class AtariEnv:
    """An Atari env (ale-py's AtariEnv) with the wrappers named at make()."""

    def __init__(self, id: str, *, wrappers=None, render_mode: str | None = None, **kwargs):
        _check_render_mode(render_mode)
        specs = _wrapper_specs(wrappers)
        self._core = _atari_gym.Env(id, kwargs, specs)
        self.render_mode = render_mode
        self.metadata = {"render_modes": list(RENDER_MODES), "render_fps": self._core.frame_rate}
        self.spec = EnvSpec(id, dict(kwargs), kwargs.get("max_episode_steps"), tuple(specs))
        self.action_space = Discrete(self._core.action_n)
        self.observation_space = Box(*self._core.observation_space_args)
        self._unwrapped = None

    def reset(self, *, seed: int | None = None, options: dict | None = None):
        """(obs, info). A seed reseeds everything and reloads the ROM (ale-py);
        no seed continues the env's random streams."""
        return self._core.reset(seed, options)

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


class UnwrappedAtariEnv:
    """The innermost env of an AtariEnv's stack: its own spaces and action
    meanings (ale-py's env.unwrapped); it shares the machine with the stack."""

    def __init__(self, env: AtariEnv):
        self._env = env
        core = env._core
        self.action_space = Discrete(core.unwrapped_action_n)
        self.observation_space = Box(*core.unwrapped_observation_space_args)
        self.spec = env.spec
        self.metadata = env.metadata

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


def make(id: str, *, wrappers=None, render_mode: str | None = None, **kwargs) -> AtariEnv:
    """gym.make(id, **kwargs) for an Atari id ('ALE/Pong-v5', 'PongNoFrameskip-v4', ...).

    kwargs: ale-py's and gym.make's keywords (obs_type, frameskip,
    repeat_action_probability, full_action_space, mode, difficulty,
    max_num_frames_per_episode, max_episode_steps); None means the id's
    default. wrappers: spec strings applied innermost first, e.g.
    ["atari-preprocessing:noop_max=0", "frame-stack:stack_size=4"]
    (docs/gym.md, "Wrapper specs").

    Raises ValueError for an unknown id or a bad value, TypeError for an
    unknown keyword, atari_gym.RomNotFoundError when the ROM is missing."""
    return AtariEnv(id, wrappers=wrappers, render_mode=render_mode, **kwargs)
