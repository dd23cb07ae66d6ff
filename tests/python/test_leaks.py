"""No references or memory left behind per step (the binding owns nothing
it does not release)."""

import gc
import sys
import tracemalloc

import numpy as np

import atari_gym


def test_returned_objects_are_only_ours():
    env = atari_gym.make("ALE/Pong-v5")
    obs, info = env.reset(seed=0)
    # One reference from `obs`, one from getrefcount's argument.
    assert sys.getrefcount(obs) == 2 and sys.getrefcount(info) == 2
    out = env.step(0)
    obs, info = out[0], out[4]
    del out
    assert sys.getrefcount(obs) == 2 and sys.getrefcount(info) == 2


def _traced_growth(step, n=3000):
    for _ in range(200):  # warm-up: caches, free lists
        step()
    gc.collect()
    tracemalloc.start()
    start = tracemalloc.get_traced_memory()[0]
    for _ in range(n):
        step()
    gc.collect()
    growth = tracemalloc.get_traced_memory()[0] - start
    tracemalloc.stop()
    return growth


def test_no_memory_growth_over_many_steps():
    env = atari_gym.make("ALE/Pong-v5", frameskip=1,
                         wrappers=["atari-preprocessing", "frame-stack:stack_size=4"])
    env.reset(seed=0)

    def step():
        *_, term, trunc, _ = env.step(1)
        if term or trunc:
            env.reset()

    # Each step returns a 28 KB observation: a leak of it would be ~84 MB here.
    assert _traced_growth(step) < 64 * 1024

    vec = atari_gym.make_vec("ALE/Pong-v5", 2, num_threads=1, wrappers=["record-episode-statistics"],
                             max_episode_steps=50)
    vec.reset(seed=0)
    actions = np.array([1, 2])
    assert _traced_growth(lambda: vec.step(actions), n=1000) < 64 * 1024
    # Seeded resets: the infos' "seeds" object array and its tuples.
    assert _traced_growth(lambda: vec.reset(seed=1), n=300) < 64 * 1024
