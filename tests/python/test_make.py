"""atari_gym.make: Gymnasium's API with ale-py's behaviour, every id and keyword."""

import numpy as np
import pytest

import atari_gym
# The spaces atari_gym uses: gymnasium's when it is importable, else its own.
from atari_gym._gymnasium import Box, Discrete, gymnasium


def test_reset_and_step_types():
    env = atari_gym.make("ALE/Breakout-v5")
    obs, info = env.reset(seed=42)
    assert isinstance(obs, np.ndarray) and obs.dtype == np.uint8 and obs.shape == (210, 160, 3)
    assert env.observation_space.contains(obs)
    # ale-py's info; seeds = SeedSequence(seed).generate_state(2)
    assert info["lives"] == 5 and info["episode_frame_number"] == 0 and info["frame_number"] == 0
    assert info["seeds"] == tuple(int(s) for s in np.random.SeedSequence(42).generate_state(2))
    obs, reward, terminated, truncated, info = env.step(1)
    assert obs.shape == (210, 160, 3) and isinstance(reward, float)
    assert terminated is False and truncated is False
    assert set(info) == {"lives", "episode_frame_number", "frame_number"}
    assert info["episode_frame_number"] == 4 and info["frame_number"] == 4  # frameskip 4
    env.close()


def test_observations_are_fresh_copies():
    env = atari_gym.make("ALE/Pong-v5")
    a, _ = env.reset(seed=0)
    kept = a.copy()
    b = env.step(0)[0]
    assert a is not b and a.base is None and a.flags.writeable
    a[:] = 0  # ours to change: the env is not affected
    np.testing.assert_array_equal(env.reset(seed=0)[0], kept)


def test_spaces_and_meanings():
    env = atari_gym.make("ALE/SpaceInvaders-v5")
    assert env.action_space == Discrete(6)
    assert env.observation_space == Box(0, 255, (210, 160, 3), np.uint8)
    assert repr(env.observation_space) == "Box(0, 255, (210, 160, 3), uint8)"
    assert env.unwrapped.get_action_meanings() == [
        "NOOP", "FIRE", "RIGHT", "LEFT", "RIGHTFIRE", "LEFTFIRE"]
    full = atari_gym.make("ALE/SpaceInvaders-v5", full_action_space=True)
    assert full.action_space.n == 18 and full.unwrapped.get_action_meanings()[17] == "DOWNLEFTFIRE"


def test_seeded_reset_is_reproducible_and_unseeded_continues():
    env = atari_gym.make("ALE/Breakout-v5")  # sticky actions: the seed matters

    def run():
        out = []
        for t in range(60):
            obs, r, term, trunc, info = env.step(t % 4)
            out.append((obs.tobytes(), r, term, trunc, info["lives"]))
        return out

    env.reset(seed=7)
    first = run()
    env.reset(seed=7)
    assert run() == first
    obs, info = env.reset()  # no seed: continues, no seeds in info
    assert "seeds" not in info and info["episode_frame_number"] == 0


def test_render_rgb_array_whatever_the_obs_type():
    env = atari_gym.make("ALE/Pong-v5", obs_type="grayscale", render_mode="rgb_array")
    obs, _ = env.reset(seed=3)
    frame = env.render()
    assert frame.shape == (210, 160, 3) and frame.dtype == np.uint8
    # ALE's grayscale is a function of the same screen: equal pixels stay equal.
    assert obs.shape == (210, 160)
    assert env.metadata["render_fps"] == 60 and env.render_mode == "rgb_array"
    with pytest.raises(ValueError, match="render_mode"):
        atari_gym.make("ALE/Pong-v5").render()
    with pytest.raises(ValueError, match="human"):
        atari_gym.make("ALE/Pong-v5", render_mode="human")


def test_close_and_context_manager():
    with atari_gym.make("ALE/Pong-v5") as env:
        env.reset(seed=0)
    assert env.closed
    with pytest.raises(RuntimeError, match="closed"):
        env.step(0)


@pytest.mark.parametrize("obs_type,shape", [("rgb", (210, 160, 3)), ("grayscale", (210, 160)),
                                            ("ram", (128,))])
def test_obs_type(obs_type, shape):
    env = atari_gym.make("ALE/Seaquest-v5", obs_type=obs_type)
    obs, _ = env.reset(seed=1)
    assert obs.shape == shape and env.observation_space.shape == shape


def test_ram_ids():
    env = atari_gym.make("Breakout-ramNoFrameskip-v4")
    assert env.observation_space.shape == (128,)
    assert env.step(0)[4]["episode_frame_number"] == 1


def test_frameskip_fixed_and_stochastic():
    env = atari_gym.make("ALE/Pong-v5", frameskip=1)
    env.reset(seed=0)
    assert env.step(0)[4]["episode_frame_number"] == 1
    env = atari_gym.make("ALE/Pong-v5", frameskip=(2, 5))
    env.reset(seed=0)
    skips, last = set(), 0
    for _ in range(40):
        n = env.step(0)[4]["episode_frame_number"]
        skips.add(n - last)
        last = n
    assert skips == {2, 3, 4}


def test_mode_and_difficulty_and_limits():
    atari_gym.make("ALE/SpaceInvaders-v5", mode=1, difficulty=1).reset(seed=0)
    env = atari_gym.make("ALE/Pong-v5", max_num_frames_per_episode=40)
    env.reset(seed=0)
    flags = [env.step(0)[2:4] for _ in range(10)]
    assert flags[8] == (False, False) and flags[9] == (False, True)  # 40 frames = 10 steps
    env = atari_gym.make("ALE/Pong-v5", max_episode_steps=3)
    env.reset(seed=0)
    assert [env.step(0)[3] for _ in range(3)] == [False, False, True]
    assert env.spec.id == "ALE/Pong-v5"
    if gymnasium is None:
        assert env.spec.max_episode_steps == 3
    else:  # gymnasium's EnvSpec: the limit is native, so not one for gymnasium.make to add
        assert env.spec.max_episode_steps is None and env.spec.kwargs["max_episode_steps"] == 3


def test_repeat_action_probability_changes_play():
    def frames(p):
        env = atari_gym.make("ALE/Breakout-v5", repeat_action_probability=p)
        env.reset(seed=5)
        return [env.step(t % 4)[0].tobytes() for t in range(80)]
    assert frames(0.0) != frames(1.0)


def test_every_v5_id_and_every_variant_of_one_game():
    ids = atari_gym.env_ids()
    v5 = [i for i in ids if i.startswith("ALE/")]
    assert len(v5) == 104 and "ALE/Pong-v5" in v5 and "PongNoFrameskip-v4" in ids
    for id in v5 + [i for i in ids if i.startswith("Breakout")]:
        env = atari_gym.make(id)
        obs, info = env.reset(seed=0)
        assert env.observation_space.contains(obs), id
        env.step(0)
        env.close()


def test_wrappers():
    env = atari_gym.make("ALE/Pong-v5", frameskip=1,
                         wrappers=["atari-preprocessing", "frame-stack:stack_size=4"])
    assert env.observation_space == Box(0, 255, (4, 84, 84), np.uint8)
    obs, _ = env.reset(seed=0)
    assert obs.shape == (4, 84, 84)
    obs, *_ = env.step(1)
    assert obs.shape == (4, 84, 84)
    assert str(env) == "<FrameStackObservation<AtariPreprocessing<AtariEnv<ALE/Pong-v5>>>>"
    # unwrapped is the Atari env under the stack
    assert env.unwrapped.observation_space.shape == (210, 160, 3)
    scaled = atari_gym.make("PongNoFrameskip-v4", wrappers="atari-preprocessing:scale_obs=true")
    obs, _ = scaled.reset(seed=0)
    assert obs.dtype == np.float32 and scaled.observation_space.dtype == np.float32
    assert 0.0 <= obs.min() and obs.max() <= 1.0


def test_seeded_reset_under_fire_reset_seeds_np_random():
    # FireReset's reset ends with its FIRE steps; their info has no seeds, but
    # a seeded reset must still report them (reset() seeds np_random from them).
    plain = atari_gym.make("ALE/Breakout-v5")
    fired = atari_gym.make("ALE/Breakout-v5", fire_reset=True)
    _, info = fired.reset(seed=3)
    assert info["seeds"] == plain.reset(seed=3)[1]["seeds"]
    assert info["episode_frame_number"] == 8  # after FIRE and action 2, 4 frames each
    assert fired.unwrapped.np_random.integers(1 << 30) == plain.unwrapped.np_random.integers(1 << 30)
    assert "seeds" not in fired.reset()[1]


def test_record_episode_statistics_and_clip_reward_infos():
    env = atari_gym.make("ALE/Pong-v5", max_episode_steps=5,
                         wrappers=["clip-reward", "record-episode-statistics"])
    env.reset(seed=0)
    for _ in range(5):
        *_, info = env.step(0)
    assert "raw_reward" in info
    assert info["episode"]["l"] == 5 and isinstance(info["episode"]["r"], float)


def test_gil_released_threads_match_sequential():
    import threading

    def play(seed, out):
        env = atari_gym.make("ALE/Breakout-v5")
        env.reset(seed=seed)
        out[seed] = [env.step(t % 4)[0].sum() for t in range(50)]

    seq, par = {}, {}
    for s in (1, 2):
        play(s, seq)
    threads = [threading.Thread(target=play, args=(s, par)) for s in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seq == par
