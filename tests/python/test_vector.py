"""atari_gym.make_vec: Gymnasium 1.x's VectorEnv API over the C++ VectorEnv;
a vector env equals N single envs seeded seed + i, in every autoreset mode."""

import numpy as np
import pytest

import atari_gym
# The spaces atari_gym uses: gymnasium's when it is importable, else its own.
from atari_gym._gymnasium import Box, Discrete, MultiDiscrete, autoreset_metadata

ID = "ALE/Breakout-v5"
# Short episodes, so the autoreset paths are crossed many times.
KW = {"max_episode_steps": 23}
WRAP = ["record-episode-statistics"]


def actions_for(t, n):
    return np.array([(t * 7 + 3 * i) % 4 for i in range(n)])


def single_runs(n, seed, steps, mode):
    """N single envs, reset and autoreset as the vector env's `mode` does."""
    envs = [atari_gym.make(ID, wrappers=WRAP, **KW) for _ in range(n)]
    out = [[(e.reset(seed=seed + i)[0],) for i, e in enumerate(envs)]]  # row 0: the resets
    pending = [False] * n
    for t in range(steps):
        acts = actions_for(t, n)
        row = []
        for i, e in enumerate(envs):
            if mode == "next_step" and pending[i]:
                o, info = e.reset()
                r, term, trunc, final = 0.0, False, False, None
                pending[i] = False
            else:
                o, r, term, trunc, info = e.step(int(acts[i]))
                final = None
                if term or trunc:
                    if mode == "next_step":
                        pending[i] = True
                    else:  # same_step: the reset's observation, the final one aside
                        final = o
                        o, info = e.reset()
            row.append((o, r, term, trunc, info["lives"], final))
        out.append(row)
    return out


@pytest.mark.parametrize("mode", ["next_step", "same_step"])
@pytest.mark.parametrize("threads", [1, 2])
def test_vector_equals_single_envs(mode, threads):
    n, seed, steps = 3, 100, 60
    expected = single_runs(n, seed, steps, mode)
    vec = atari_gym.make_vec(ID, n, num_threads=threads, autoreset_mode=mode, wrappers=WRAP, **KW)
    obs, infos = vec.reset(seed=seed)
    assert obs.shape == (n, 210, 160, 3)
    for i in range(n):
        np.testing.assert_array_equal(obs[i], expected[0][i][0])
    ended = 0
    for t in range(steps):
        obs, rew, term, trunc, infos = vec.step(actions_for(t, n))
        assert rew.dtype == np.float64 and term.dtype == np.bool_ and trunc.dtype == np.bool_
        for i in range(n):
            o, r, te, tr, lives, final = expected[t + 1][i]
            np.testing.assert_array_equal(obs[i], o)
            assert (rew[i], term[i], trunc[i], infos["lives"][i]) == (r, te, tr, lives)
            if final is not None:
                ended += 1
                assert infos["_final_obs"][i] and infos["_final_info"][i]
                np.testing.assert_array_equal(infos["final_obs"][i], final)
                assert infos["final_info"]["episode"]["l"][i] == 23
            elif "_final_obs" in infos:
                assert not infos["_final_obs"][i] and infos["final_obs"][i] is None
        if mode == "next_step" and (term | trunc).any():
            ended += 1
            ep = infos["episode"]
            assert list(infos["_episode"]) == list(term | trunc)
            assert all(ep["l"][i] == 23 for i in range(n) if infos["_episode"][i])
    assert ended > 0


def test_spaces_and_infos():
    vec = atari_gym.make_vec("ALE/Pong-v5", 4, num_threads=2, frameskip=1,
                             wrappers=["atari-preprocessing", "frame-stack:stack_size=4"])
    assert vec.num_envs == 4 and vec.num_threads == 2
    assert vec.single_action_space == Discrete(6)
    assert vec.action_space == MultiDiscrete([6, 6, 6, 6])
    assert vec.single_observation_space == Box(0, 255, (4, 84, 84), np.uint8)
    assert vec.observation_space == Box(0, 255, (4, 4, 84, 84), np.uint8)
    assert vec.metadata["autoreset_mode"] == autoreset_metadata("next_step")
    obs, infos = vec.reset(seed=9)
    assert vec.observation_space.contains(obs)
    for key in ("lives", "episode_frame_number", "frame_number", "seeds"):
        assert infos[f"_{key}"].all() and len(infos[key]) == 4
    assert infos["lives"].dtype == np.int64
    assert infos["seeds"][2] == tuple(
        int(s) for s in np.random.SeedSequence(11).generate_state(2))
    obs, *_, infos = vec.step(vec.action_space.sample())
    assert "seeds" not in infos


def test_seed_list_and_reset_mask():
    a = atari_gym.make_vec(ID, 3, num_threads=1)
    b = atari_gym.make_vec(ID, 3, num_threads=1)
    obs_a, _ = a.reset(seed=[5, 17, None])
    obs_b, _ = b.reset(seed=5)
    np.testing.assert_array_equal(obs_a[0], obs_b[0])
    single = atari_gym.make(ID)
    np.testing.assert_array_equal(obs_a[1], single.reset(seed=17)[0])
    for t in range(5):
        a.step([1, 2, 3])
    # Reset only env 1, with seed 40 + 1.
    obs, infos = a.reset(seed=40, options={"reset_mask": np.array([False, True, False])})
    assert list(infos["_lives"]) == [False, True, False]
    np.testing.assert_array_equal(obs[1], single.reset(seed=41)[0])
    assert infos["episode_frame_number"][1] == 0


def test_copy_false_returns_the_buffer():
    vec = atari_gym.make_vec("ALE/Pong-v5", 2, num_threads=1, copy=False, obs_type="ram")
    obs, _ = vec.reset(seed=0)
    assert not obs.flags.writeable and not obs.flags.owndata
    before = obs.copy()
    obs2, *_ = vec.step([2, 3])
    assert np.shares_memory(obs, obs2)
    assert not np.array_equal(obs, before)  # changed in place by the step
    with pytest.raises(ValueError):
        obs[0, 0] = 1
    fresh = atari_gym.make_vec("ALE/Pong-v5", 2, num_threads=1, obs_type="ram")
    o1, _ = fresh.reset(seed=0)
    o2, *_ = fresh.step([2, 3])
    assert not np.shares_memory(o1, o2) and o1.flags.writeable
    np.testing.assert_array_equal(o1, before)
    np.testing.assert_array_equal(o2, obs2)
    snapshot = obs2.copy()
    vec.close()  # the views keep the buffer alive
    del vec
    np.testing.assert_array_equal(obs, snapshot)
    np.testing.assert_array_equal(obs2, snapshot)


def test_send_recv_equals_step():
    a = atari_gym.make_vec(ID, 2, num_threads=2)
    b = atari_gym.make_vec(ID, 2, num_threads=2)
    a.reset(seed=3)
    b.reset(seed=3)
    for t in range(20):
        acts = actions_for(t, 2)
        a.send(acts)
        ra = a.recv()
        rb = b.step(acts)
        for x, y in zip(ra[:4], rb[:4]):
            np.testing.assert_array_equal(x, y)


def test_disabled_autoreset_needs_manual_reset():
    vec = atari_gym.make_vec(ID, 2, num_threads=1, autoreset_mode="disabled", max_episode_steps=3)
    vec.reset(seed=0)
    for _ in range(3):
        *_, trunc, _ = vec.step([0, 0])
    assert trunc.all()
    with pytest.raises(ValueError, match="reset it first"):
        vec.step([0, 0])
    vec.reset(options={"reset_mask": np.array([True, True])})
    vec.step([0, 0])


def test_autoreset_mode_enum_like():
    class Mode:  # stands in for gymnasium.vector.AutoresetMode.SAME_STEP
        name = "SAME_STEP"
    assert atari_gym.make_vec("ALE/Pong-v5", 1, autoreset_mode=Mode()).autoreset_mode == "same_step"
