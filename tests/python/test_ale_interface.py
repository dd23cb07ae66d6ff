"""atari_gym.ALEInterface: ale-py's names, shapes and semantics."""

import pickle

import numpy as np
import pytest

import atari_gym
from atari_gym import Action, ALEInterface, roms


def loaded(game="breakout", **settings):
    ale = ALEInterface()
    for k, v in settings.items():
        {int: ale.setInt, float: ale.setFloat, bool: ale.setBool}[type(v)](k, v)
    ale.loadROM(roms.get_rom_path(game))
    return ale


def test_play_and_read():
    ale = loaded(random_seed=123, repeat_action_probability=0.0)
    assert ale.getInt("random_seed") == 123 and ale.getFloat("repeat_action_probability") == 0.0
    assert ale.getMinimalActionSet() == [Action.NOOP, Action.FIRE, Action.RIGHT, Action.LEFT]
    assert len(ale.getLegalActionSet()) == 18
    assert ale.getScreenDims() == (210, 160)
    assert ale.getScreenRGB().shape == (210, 160, 3) and ale.getScreenRGB().dtype == np.uint8
    assert ale.getScreenGrayscale().shape == (210, 160) and ale.getScreen().shape == (210, 160)
    assert ale.getRAM().shape == (128,) and ale.getRAM().dtype == np.uint8
    assert ale.lives() == 5 and not ale.game_over()
    total = 0
    for t in range(2000):
        total += ale.act(Action.FIRE if t % 50 == 0 else Action.RIGHT)
        if ale.game_over():
            break
    assert ale.getFrameNumber() > 0
    buf = np.zeros((210, 160, 3), np.uint8)
    assert ale.getScreenRGB(buf) is buf and np.array_equal(buf, ale.getScreenRGB())
    ale.reset_game()
    assert ale.getEpisodeFrameNumber() == 0


def test_same_as_the_env_underneath():
    # ALE/Breakout-v5 with frameskip 1 and no sticky actions plays as a bare ALE.
    env = atari_gym.make("BreakoutNoFrameskip-v4")
    obs, info = env.reset(seed=0)
    ale = env.unwrapped.ale
    np.testing.assert_array_equal(ale.getScreenRGB(), obs)
    assert ale.lives() == info["lives"] and ale.getMinimalActionSet()[1] == Action.FIRE
    obs, *_ = env.step(1)
    np.testing.assert_array_equal(ale.getScreenRGB(), obs)
    env.close()
    with pytest.raises(RuntimeError, match="closed"):
        ale.lives()


def test_clone_restore_round_trip():
    ale = loaded("pong", repeat_action_probability=0.0)
    for _ in range(100):
        ale.act(Action.RIGHT)
    state = ale.cloneState()
    frames = [(ale.act(Action.LEFT), ale.getScreenRGB().tobytes()) for _ in range(50)]
    ale.restoreState(state)
    assert [(ale.act(Action.LEFT), ale.getScreenRGB().tobytes()) for _ in range(50)] == frames
    copy = pickle.loads(pickle.dumps(state))
    assert copy == state
    ale.restoreState(copy)
    assert ale.act(Action.LEFT) == frames[0][0]
    assert atari_gym.ALEState(bytes(state)) == state
    with pytest.raises(ValueError, match="restoreState"):
        ale.restoreState(atari_gym.ALEState(bytes(state)[:10]))


def test_modes_ram_and_errors():
    ale = loaded("space_invaders")
    modes = ale.getAvailableModes()
    assert 0 in modes and len(modes) > 1
    ale.setMode(modes[1])
    ale.reset_game()
    with pytest.raises(ValueError, match="mode 9999"):
        ale.setMode(9999)
    ale.setRAM(0, 7)
    assert ale.getRAM()[0] == 7
    with pytest.raises(IndexError):
        ale.setRAM(128, 0)
    with pytest.raises(IndexError, match="not an ALE action"):
        ale.act(18)
    with pytest.raises(RuntimeError, match="loadROM"):
        ALEInterface().act(0)
    with pytest.raises(atari_gym.RomNotFoundError):
        ALEInterface().loadROM("/nonexistent/pong.bin")
    with pytest.raises(ValueError, match="display_screen"):
        ALEInterface().setBool("display_screen", True)
    with pytest.raises(KeyError):
        ALEInterface().getInt("no_such_setting")
