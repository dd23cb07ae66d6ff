"""A minimal stand-in for gymnasium (tests/python/test_gymnasium.py): just
what atari_gym uses when gymnasium is importable, shaped as Gymnasium 1.x
has it (gymnasium.Env, gymnasium.vector.VectorEnv / AutoresetMode,
gymnasium.spaces.Discrete / Box / MultiDiscrete, gymnasium.register /
make / make_vec / registry, gymnasium.envs.registration.EnvSpec). It records
the register() calls in `register_calls`. It is no Gymnasium: it only lets
the suite check that atari_gym takes that path, on a machine without
gymnasium (Debian does not package it). Put on sys.path by the test only."""

from gymnasium import spaces, vector
from gymnasium.core import Env
from gymnasium.envs.registration import (EnvSpec, make, make_vec, register, register_calls,
                                         register_envs, registry)

__version__ = "0.0-stand-in"
STAND_IN = True

__all__ = ["Env", "spaces", "vector", "EnvSpec", "make", "make_vec", "register", "register_envs",
           "registry", "register_calls"]
