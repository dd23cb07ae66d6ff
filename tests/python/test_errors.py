"""Bad input raises a Python exception that names the problem, never a crash."""

import numpy as np
import pytest

import atari_gym


def test_unknown_id_suggests_close_matches():
    with pytest.raises(ValueError, match="unknown environment id 'ALE/Breakot-v5'.*Breakout"):
        atari_gym.make("ALE/Breakot-v5")
    with pytest.raises(ValueError, match="unknown environment id"):
        atari_gym.make_vec("NoSuchGame", 2)


def test_unknown_keyword_is_a_type_error_with_a_suggestion():
    with pytest.raises(TypeError, match="unexpected keyword argument 'framskip'.*frameskip"):
        atari_gym.make("ALE/Pong-v5", framskip=1)
    with pytest.raises(TypeError, match="unexpected keyword argument"):
        atari_gym.make_vec("ALE/Pong-v5", 2, continuous=True)


@pytest.mark.parametrize("kwargs,pattern", [
    ({"obs_type": "rgbb"}, "invalid observation type"),
    ({"frameskip": 0}, "frameskip must be positive"),
    ({"frameskip": (4, 2)}, "strictly less"),
    ({"frameskip": (1, 2, 3)}, "expected length 2"),
    ({"repeat_action_probability": 1.5}, r"\[0, 1\]"),
    ({"mode": 99}, "mode"),
    ({"max_episode_steps": 0}, "max_episode_steps must be positive"),
])
def test_bad_values_are_value_errors(kwargs, pattern):
    with pytest.raises(ValueError, match=pattern):
        atari_gym.make("ALE/SpaceInvaders-v5", **kwargs)


def test_wrong_value_types():
    with pytest.raises(TypeError, match="frameskip"):
        atari_gym.make("ALE/Pong-v5", frameskip=object())
    with pytest.raises(TypeError, match="wrappers"):
        atari_gym.make("ALE/Pong-v5", wrappers=[3])


def test_bad_wrappers():
    with pytest.raises(ValueError, match="frame-stak"):
        atari_gym.make("ALE/Pong-v5", wrappers=["frame-stak"])
    with pytest.raises(ValueError, match="stack_sze"):
        atari_gym.make("ALE/Pong-v5", wrappers=["frame-stack:stack_sze=4"])
    # AtariPreprocessing skips frames itself: the env's own frameskip must be 1.
    with pytest.raises(ValueError, match="frameskip"):
        atari_gym.make("ALE/Pong-v5", wrappers=["atari-preprocessing"])


def test_actions_out_of_range_or_not_integers():
    env = atari_gym.make("ALE/Pong-v5")
    env.reset(seed=0)
    for bad in (6, -1, 2**70):
        with pytest.raises(IndexError, match=r"outside Discrete\(6\)"):
            env.step(bad)
    for bad in (1.0, "1", None, np.array([1, 2])):
        with pytest.raises(TypeError, match="action must be an integer"):
            env.step(bad)
    # NumPy integers and 0-d integer arrays are actions.
    env.step(np.int64(1))
    env.step(np.array(2, dtype=np.uint8))


def test_bad_seeds():
    env = atari_gym.make("ALE/Pong-v5")
    with pytest.raises(ValueError, match="non-negative"):
        env.reset(seed=-1)
    with pytest.raises(ValueError, match="2\\*\\*64"):
        env.reset(seed=2**64)
    with pytest.raises(TypeError, match="seed"):
        env.reset(seed=1.5)
    env.reset(seed=2**64 - 1)  # the largest seed NumPy's SeedSequence takes here


def test_vector_errors():
    vec = atari_gym.make_vec("ALE/Pong-v5", 2, num_threads=1)
    vec.reset(seed=0)
    with pytest.raises(IndexError, match="action 6 for env 1"):
        vec.step([0, 6])
    with pytest.raises(ValueError, match="expected 2 actions"):
        vec.step([0, 1, 2])
    with pytest.raises(TypeError, match="integers"):
        vec.step([0.5, 1.0])
    with pytest.raises(ValueError, match="2 seeds|seeds for 2 envs"):
        vec.reset(seed=[1, 2, 3])
    with pytest.raises(ValueError, match="autoreset_mode 'sometimes'"):
        atari_gym.make_vec("ALE/Pong-v5", 2, autoreset_mode="sometimes")
    with pytest.raises(ValueError, match="num_envs must be positive"):
        atari_gym.make_vec("ALE/Pong-v5", 0)
    vec.send([0, 0])
    with pytest.raises(ValueError, match="send\\(\\) called twice"):
        vec.send([0, 0])
    vec.recv()
    with pytest.raises(ValueError, match="recv\\(\\) without send\\(\\)"):
        vec.recv()
    vec.close()
    with pytest.raises(RuntimeError, match="closed"):
        vec.step([0, 0])


def test_missing_rom_error_type():
    assert issubclass(atari_gym.RomNotFoundError, FileNotFoundError)
