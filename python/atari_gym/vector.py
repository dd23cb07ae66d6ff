"""atari_gym.make_vec(id, num_envs, ...): Gymnasium 1.x's VectorEnv API over
the C++ VectorEnv, whose worker threads step the envs with the GIL released.

Observations come back as one (num_envs, ...) array: a fresh one per call
with copy=True (Gymnasium's default); with copy=False a read-only view of
the vector env's own buffer, which the next reset()/step()/recv()
overwrites in place (copy it to keep it)."""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from . import _atari_gym, _wrappers
from ._gymnasium import (Box, Discrete, MultiDiscrete, VectorEnvBase, autoreset_metadata,
                         batch_box)
from .env import _box_args, _check_keywords, _resolve_wrappers

__all__ = ["VectorEnv", "make_vec"]


def _autoreset_name(mode) -> str:
    # A string, or gymnasium.vector.AutoresetMode (whose name is NEXT_STEP, ...).
    return mode if isinstance(mode, str) else str(getattr(mode, "name", mode))


class VectorEnv(VectorEnvBase):
    """num_envs copies of one env (with its wrappers), stepped together; a
    gymnasium.vector.VectorEnv when gymnasium is importable."""

    def __init__(self, id: str, num_envs: int, *, num_threads: int | None = None, wrappers=None,
                 autoreset_mode="next_step", copy: bool = True, **kwargs):
        if isinstance(num_envs, bool) or not isinstance(num_envs, (int, np.integer)):
            raise TypeError(f"num_envs must be an int, got {type(num_envs).__name__}")
        if num_threads is None:
            cpus = (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                    else os.cpu_count())
            num_threads = max(1, min(int(num_envs), cpus or 1))
        _check_keywords(kwargs, "make_vec")
        specs, options, keywords, from_keywords = _resolve_wrappers(wrappers, kwargs)
        try:
            self._core = _atari_gym.VectorEnv(id, int(num_envs), options, specs, int(num_threads),
                                              _autoreset_name(autoreset_mode), bool(copy))
        except ValueError as e:
            raise _wrappers.name_keyword_in_error(e, from_keywords, keywords) from None
        self.num_envs = self._core.num_envs
        self.num_threads = self._core.num_threads
        self.copy = bool(copy)
        self.autoreset_mode = self._core.autoreset_mode
        # gymnasium.vector.AutoresetMode with gymnasium (its make_vec checks it), else the name.
        self.metadata = {"autoreset_mode": autoreset_metadata(self.autoreset_mode)}
        self.spec = None
        self.render_mode = None
        self.single_action_space = Discrete(self._core.single_action_n)
        self.single_observation_space = Box(*_box_args(self._core.single_observation_space_args))
        self.action_space = MultiDiscrete(np.full(self.num_envs, self._core.single_action_n))
        self.observation_space = batch_box(self.single_observation_space, self.num_envs)

    def reset(self, *, seed=None, options: dict | None = None):
        """(obs, infos). seed: None, an int (env i gets seed + i, as Gymnasium)
        or a list with one seed (or None) per env; options={"reset_mask": mask}
        resets only the envs where mask is True."""
        return self._core.reset(seed, options)

    def step(self, actions):
        """(obs, rewards, terminations, truncations, infos), each batched."""
        return self._core.step(actions)

    def send(self, actions) -> None:
        """Starts a step and returns at once; recv() returns what step() would."""
        self._core.send(actions)

    def recv(self):
        return self._core.recv()

    def close(self) -> None:
        self._core.close()

    @property
    def closed(self) -> bool:
        return self._core.closed

    @property
    def unwrapped(self) -> "VectorEnv":
        return self

    def get_action_meanings(self) -> list[str]:
        return self._core.action_meanings()

    def __enter__(self):
        return self

    def __exit__(self, *exc: Any):
        self.close()
        return False

    def __del__(self):
        core = getattr(self, "_core", None)
        if core is not None and not core.closed:
            core.close()

    def __repr__(self) -> str:
        return f"VectorEnv({self._core.id}, num_envs={self.num_envs})"


def make_vec(id: str, num_envs: int = 1, *, num_threads: int | None = None, wrappers=None,
             autoreset_mode="next_step", copy: bool = True, **kwargs) -> VectorEnv:
    """gymnasium.make_vec for an Atari id: num_envs envs made with kwargs and
    wrapped as make() wraps (wrapper keywords such as frame_stack=4, and/or
    wrappers=[spec strings]), stepped by num_threads threads (default: one
    per env, up to the CPUs available).

    autoreset_mode: "next_step" (Gymnasium's default), "same_step" or
    "disabled" (or gymnasium.vector.AutoresetMode). copy=False returns the
    vector env's own observation buffer (read-only, overwritten by the next
    call) instead of a fresh array."""
    return VectorEnv(id, num_envs, num_threads=num_threads, wrappers=wrappers,
                     autoreset_mode=autoreset_mode, copy=copy, **kwargs)
