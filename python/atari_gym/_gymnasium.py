"""Gymnasium, when it is importable (docs/python.md, "With Gymnasium").

Without gymnasium, atari_gym stands alone: its envs are plain classes with
Gymnasium's API and their spaces are atari_gym.spaces' classes. With
gymnasium importable (checked once, at `import atari_gym`):

- the spaces are gymnasium.spaces.Discrete / Box / MultiDiscrete objects;
- AtariEnv is a gymnasium.Env, VectorEnv a gymnasium.vector.VectorEnv
  (so Gymnasium's wrappers and checks accept them), env.spec a
  gymnasium EnvSpec, metadata["autoreset_mode"] an AutoresetMode;
- every id of the C++ registry is registered as atari_gym/<id without
  "ALE/"> (registration.py), so gymnasium.make("atari_gym/Pong-v5") and
  gymnasium.make_vec("atari_gym/Pong-v5", num_envs=8) work.
"""

from __future__ import annotations

import numpy as np

from . import spaces as _own_spaces

try:
    import gymnasium
except ImportError:
    gymnasium = None
if gymnasium is not None:
    try:  # Gymnasium 1.x (AutoresetMode, VectorEnv's 1.x API) or none at all
        from gymnasium.vector import AutoresetMode as _AutoresetMode
    except ImportError:
        import warnings
        warnings.warn(f"atari_gym: gymnasium {getattr(gymnasium, '__version__', '?')} is older "
                      f"than 1.0; atari_gym uses its own spaces and registers no ids",
                      stacklevel=2)
        gymnasium = None

__all__ = ["gymnasium", "Discrete", "Box", "MultiDiscrete", "EnvBase", "VectorEnvBase",
           "batch_box", "make_spec", "autoreset_metadata"]

if gymnasium is not None:
    from gymnasium.envs.registration import EnvSpec as _GymEnvSpec
    from gymnasium.spaces import Box, Discrete, MultiDiscrete

    EnvBase = gymnasium.Env
    VectorEnvBase = gymnasium.vector.VectorEnv
else:
    Box, Discrete, MultiDiscrete = _own_spaces.Box, _own_spaces.Discrete, _own_spaces.MultiDiscrete
    EnvBase = object
    VectorEnvBase = object


def batch_box(box, n: int):
    """Gymnasium's batch_space for a Box: n copies along a new first axis."""
    return Box(np.repeat(box.low[None], n, axis=0), np.repeat(box.high[None], n, axis=0),
               (n, *box.shape), box.dtype)


def make_spec(id: str, kwargs: dict, max_episode_steps, wrappers: tuple, own_spec_type):
    """env.spec for an env made by atari_gym.make / make_vec.

    Without gymnasium: atari_gym's EnvSpec (id, kwargs, max_episode_steps,
    wrappers). With it: a gymnasium EnvSpec whose entry point re-makes the
    env (gymnasium.make(env.spec) works): the registration's, with the id
    as kwargs["env_id"]. Its max_episode_steps stays None, as in the
    spec gymnasium.make gives an env: the limit is applied natively from
    kwargs["max_episode_steps"], and a gymnasium.make(spec) must not add
    a Python TimeLimit over the whole stack."""
    if gymnasium is None:
        return own_spec_type(id, dict(kwargs), max_episode_steps, tuple(wrappers))
    from .registration import ENTRY_POINT, VECTOR_ENTRY_POINT
    return _GymEnvSpec(id=id, entry_point=ENTRY_POINT, vector_entry_point=VECTOR_ENTRY_POINT,
                       kwargs={"env_id": id, **kwargs})


def autoreset_metadata(name: str):
    """metadata["autoreset_mode"]: gymnasium.vector.AutoresetMode with
    gymnasium (its make_vec checks the type), else our name ("next_step")."""
    if gymnasium is None:
        return name
    return {"next_step": _AutoresetMode.NEXT_STEP, "same_step": _AutoresetMode.SAME_STEP,
            "disabled": _AutoresetMode.DISABLED}[name]
