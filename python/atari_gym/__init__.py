"""atari-gym for Python: the exact, fast Atari 2600 emulator and its
Gymnasium envs (docs/python.md).

    import atari_gym
    env = atari_gym.make("ALE/Breakout-v5")
    obs, info = env.reset(seed=0)
    obs, reward, terminated, truncated, info = env.step(env.action_space.sample())
"""

from . import roms, spaces
from ._atari_gym import RomNotFoundError, env_ids
from .ale import Action, ALEInterface, ALEState, LoggerMode
from .env import AtariEnv, EnvSpec, make
from .vector import VectorEnv, make_vec

__version__ = "0.1.0"

__all__ = ["make", "make_vec", "env_ids", "roms", "spaces", "AtariEnv", "VectorEnv", "EnvSpec",
           "RomNotFoundError", "ALEInterface", "ALEState", "Action", "LoggerMode"]
