"""atari-gym for Python: the exact, fast Atari 2600 emulator and its
Gymnasium envs (docs/python.md).

    import atari_gym
    env = atari_gym.make("ALE/Breakout-v5")
    obs, info = env.reset(seed=0)
    obs, reward, terminated, truncated, info = env.step(env.action_space.sample())

With gymnasium importable, the ids are registered with it as well
(gymnasium.make("atari_gym/Pong-v5")) and the spaces are gymnasium's.
"""

from . import roms, spaces
from ._atari_gym import RomNotFoundError, env_ids
from .ale import Action, ALEInterface, ALEState, LoggerMode
from .env import AtariEnv, EnvSpec, make
from .registration import register_envs as _register_envs
from .vector import VectorEnv, make_vec

# gymnasium.make("atari_gym/Pong-v5") -> atari_gym.make("ALE/Pong-v5"), when gymnasium imports.
_register_envs(env_ids())

__version__ = "0.1.0"

__all__ = ["make", "make_vec", "env_ids", "roms", "spaces", "AtariEnv", "VectorEnv", "EnvSpec",
           "RomNotFoundError", "ALEInterface", "ALEState", "Action", "LoggerMode"]
