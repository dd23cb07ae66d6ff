"""atari_gym with and without gymnasium (atari_gym/_gymnasium.py).

Gymnasium is not packaged in Debian, so the "with" case runs against a
minimal stand-in (tests/python/stubs/gymnasium): it records the register()
calls and has tiny spaces classes, an Env base class and the parts of
make/make_vec that call the entry points. Each case runs in a fresh
interpreter, since atari_gym looks for gymnasium once, when imported:
without gymnasium (imports of it blocked), with the stand-in first on
sys.path, and, when a real gymnasium is importable, with that one."""

import json
import os
import pathlib
import subprocess
import sys
import textwrap

import pytest

import atari_gym

STUBS = pathlib.Path(__file__).parent / "stubs"
# The folder atari_gym is imported from (PYTHONPATH=<build>/python, or site-packages).
PACKAGE_PARENT = pathlib.Path(atari_gym.__file__).resolve().parents[1]

BLOCK_GYMNASIUM = "import sys; sys.modules['gymnasium'] = None  # import gymnasium -> ImportError\n"


def run(code: str, gymnasium: str) -> dict:
    """Runs `code` in a fresh interpreter and returns the JSON it prints last.
    gymnasium: "absent", "stand-in" or "real" (whatever is importable)."""
    paths = [str(PACKAGE_PARENT)]
    if gymnasium == "stand-in":
        paths.insert(0, str(STUBS))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(paths + [p for p in [env.get("PYTHONPATH")] if p])
    prefix = BLOCK_GYMNASIUM if gymnasium == "absent" else ""
    proc = subprocess.run([sys.executable, "-c", prefix + textwrap.dedent(code)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_without_gymnasium_own_classes():
    out = run("""
        import json, atari_gym, atari_gym.spaces as own
        env = atari_gym.make("ALE/Pong-v5", frameskip=1, atari_preprocessing=True, frame_stack=4)
        vec = atari_gym.make_vec("ALE/Pong-v5", 2, num_threads=1)
        print(json.dumps({
            "gymnasium": atari_gym._gymnasium.gymnasium is None,
            "action": type(env.action_space) is own.Discrete,
            "obs": type(env.observation_space) is own.Box,
            "unwrapped": type(env.unwrapped.action_space) is own.Discrete,
            "vec": [type(vec.single_action_space) is own.Discrete,
                    type(vec.action_space) is own.MultiDiscrete,
                    type(vec.single_observation_space) is own.Box,
                    type(vec.observation_space) is own.Box],
            "bases": [atari_gym.AtariEnv.__bases__ == (object,),
                      atari_gym.VectorEnv.__bases__ == (object,)],
            "spec": type(env.spec) is atari_gym.EnvSpec,
            "spec_wrappers": list(env.spec.wrappers),
            "autoreset": vec.metadata["autoreset_mode"],
        }))
    """, "absent")
    assert out == {
        "gymnasium": True, "action": True, "obs": True, "unwrapped": True,
        "vec": [True] * 4, "bases": [True, True], "spec": True,
        "spec_wrappers": ["atari-preprocessing", "frame-stack:stack_size=4"],
        "autoreset": "next_step"}


def test_with_gymnasium_stand_in_spaces_bases_and_registration():
    out = run("""
        import json
        import gymnasium
        import atari_gym
        assert gymnasium.STAND_IN
        calls = gymnasium.register_calls
        env = atari_gym.make("ALE/Pong-v5")
        vec = atari_gym.make_vec("ALE/Pong-v5", 3, num_threads=1)
        ids = atari_gym.env_ids()
        print(json.dumps({
            "action": type(env.action_space) is gymnasium.spaces.Discrete,
            "n": int(env.action_space.n),
            "obs": type(env.observation_space) is gymnasium.spaces.Box,
            "obs_shape": list(env.observation_space.shape),
            "obs_dtype": str(env.observation_space.dtype),
            "unwrapped": [type(env.unwrapped.action_space) is gymnasium.spaces.Discrete,
                          type(env.unwrapped.observation_space) is gymnasium.spaces.Box],
            "vec": [type(vec.single_action_space) is gymnasium.spaces.Discrete,
                    type(vec.action_space) is gymnasium.spaces.MultiDiscrete,
                    type(vec.single_observation_space) is gymnasium.spaces.Box,
                    type(vec.observation_space) is gymnasium.spaces.Box,
                    list(vec.observation_space.shape), vec.action_space.nvec.tolist()],
            "is_env": [isinstance(env, gymnasium.Env), isinstance(env.unwrapped, gymnasium.Env),
                       isinstance(vec, gymnasium.vector.VectorEnv)],
            "autoreset": vec.metadata["autoreset_mode"] is gymnasium.vector.AutoresetMode.NEXT_STEP,
            "spec": [type(env.spec) is gymnasium.EnvSpec, env.spec.id, env.spec.entry_point,
                     env.spec.kwargs],
            "entry": [atari_gym.registration.ENTRY_POINT,
                      atari_gym.registration.VECTOR_ENTRY_POINT],
            "calls": len(calls), "ids": len(ids),
            "first": [calls[0], ids[0]],
            "all": all(c["id"] == "atari_gym/" + i.removeprefix("ALE/")
                       and c["entry_point"] == "atari_gym.registration:make_env"
                       and c["vector_entry_point"] == "atari_gym.registration:make_vec_env"
                       and c["kwargs"] == {"env_id": i} for c, i in zip(calls, ids)),
            "v4": any(c["id"] == "atari_gym/PongNoFrameskip-v4" for c in calls),
        }))
    """, "stand-in")
    assert out["action"] and out["n"] == 6 and out["obs"]
    assert out["obs_shape"] == [210, 160, 3] and out["obs_dtype"] == "uint8"
    assert out["unwrapped"] == [True, True]
    assert out["vec"] == [True, True, True, True, [3, 210, 160, 3], [6, 6, 6]]
    assert out["is_env"] == [True, True, True] and out["autoreset"]
    assert out["entry"] == ["atari_gym.registration:make_env",
                            "atari_gym.registration:make_vec_env"]
    assert out["spec"] == [True, "ALE/Pong-v5", out["entry"][0], {"env_id": "ALE/Pong-v5"}]
    assert out["calls"] == out["ids"] == len(atari_gym.env_ids())
    first, first_id = out["first"]  # e.g. atari_gym/Adventure-v5 for ALE/Adventure-v5
    assert first_id.startswith("ALE/") and first == {
        "id": "atari_gym/" + first_id[4:], "entry_point": out["entry"][0],
        "max_episode_steps": None, "vector_entry_point": out["entry"][1],
        "kwargs": {"env_id": first_id}}
    assert out["all"] and out["v4"]


def test_with_gymnasium_stand_in_make_and_make_vec_through_gymnasium():
    out = run("""
        import importlib, json
        import numpy as np
        import gymnasium
        import atari_gym
        kw = dict(frameskip=1, atari_preprocessing=dict(noop_max=10), frame_stack=4)
        env = gymnasium.make("atari_gym/Breakout-v5", **kw)
        direct = atari_gym.make("ALE/Breakout-v5", **kw)
        same = True
        for e in (env, direct):
            e.reset(seed=3)
        for t in range(60):
            a, b = env.step(t % 4), direct.step(t % 4)
            same &= bool(np.array_equal(a[0], b[0])) and a[1:4] == b[1:4]
        # gymnasium.make(env.spec) makes the same env again.
        again = gymnasium.make(direct.spec)
        vec = gymnasium.make_vec("atari_gym/Pong-v5", num_envs=2, num_threads=1, frameskip=1,
                                 atari_preprocessing=True, frame_stack=4)
        obs, infos = vec.reset(seed=0)
        n_calls = len(gymnasium.register_calls)
        importlib.reload(atari_gym)  # registers nothing twice
        print(json.dumps({
            "type": type(env).__name__, "same": same,
            "spec": [env.spec.id, env.spec.kwargs, env.unwrapped.spec is env.spec],
            "again": [str(again), again.spec.id, again.observation_space.shape == (4, 84, 84)],
            "vec": [type(vec).__name__, list(obs.shape), vec.spec.kwargs["num_envs"],
                    vec.metadata["autoreset_mode"].name],
            "reload": len(gymnasium.register_calls) == n_calls,
        }))
    """, "stand-in")
    assert out["type"] == "AtariEnv" and out["same"]
    assert out["spec"] == ["atari_gym/Breakout-v5", {
        "env_id": "ALE/Breakout-v5", "frameskip": 1, "atari_preprocessing": {"noop_max": 10},
        "frame_stack": 4}, True]
    assert out["again"] == [
        "<FrameStackObservation<AtariPreprocessing<AtariEnv<ALE/Breakout-v5>>>>",
        "ALE/Breakout-v5", True]
    assert out["vec"] == ["VectorEnv", [2, 4, 84, 84], 2, "NEXT_STEP"]
    assert out["reload"]


def test_with_real_gymnasium_when_installed():
    """Runs only where gymnasium is installed: gymnasium.make with its
    checkers (PassiveEnvChecker, OrderEnforcing), its own wrappers, both
    vectorization modes, and check_env."""
    probe = subprocess.run([sys.executable, "-c", "import gymnasium"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("gymnasium is not installed (the stand-in tests cover the path)")
    out = run("""
        import json
        import numpy as np
        import gymnasium
        import atari_gym
        assert not getattr(gymnasium, "STAND_IN", False)
        env = gymnasium.make("atari_gym/Pong-v5", frameskip=1,
                             atari_preprocessing=True, frame_stack=4)
        obs, info = env.reset(seed=0)
        for t in range(20):
            obs, r, term, trunc, info = env.step(env.action_space.sample())
        clipped = gymnasium.wrappers.ClipReward(env, -1, 1)
        vec = gymnasium.make_vec("atari_gym/Pong-v5", num_envs=2, num_threads=1)
        vobs, _ = vec.reset(seed=0)
        vobs, *_ = vec.step(vec.action_space.sample())
        sync = gymnasium.make_vec("atari_gym/Pong-v5", num_envs=2, vectorization_mode="sync")
        sobs, _ = sync.reset(seed=0)
        from gymnasium.utils.env_checker import check_env
        check_env(atari_gym.make("ALE/Pong-v5", frameskip=1, atari_preprocessing=True,
                                 frame_stack=4, render_mode="rgb_array"))
        print(json.dumps({
            "obs": list(obs.shape), "space": type(env.observation_space).__module__,
            "spec": env.spec.id, "clipped": clipped.spec is not None,
            "vec": list(vobs.shape), "sync": list(sobs.shape),
            "registered": "atari_gym/PongNoFrameskip-v4" in gymnasium.registry,
        }))
    """, "real")
    assert out["obs"] == [4, 84, 84] and out["space"].startswith("gymnasium.spaces")
    assert out["spec"] == "atari_gym/Pong-v5" and out["clipped"]
    assert out["vec"] == [2, 210, 160, 3] and out["sync"] == [2, 210, 160, 3]
    assert out["registered"]


def test_gymnasium_older_than_1_0_is_left_alone():
    """A pre-1.0 gymnasium (no gymnasium.vector.AutoresetMode): a warning, own
    classes, nothing registered."""
    out = run("""
        import json, warnings
        import gymnasium, gymnasium.vector
        del gymnasium.vector.AutoresetMode  # as in gymnasium 0.29
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            import atari_gym
        env = atari_gym.make("ALE/Pong-v5")
        print(json.dumps({
            "warned": any("older than 1.0" in str(w.message) for w in caught),
            "own": type(env.action_space) is atari_gym.spaces.Discrete,
            "registered": len(gymnasium.register_calls),
        }))
    """, "stand-in")
    assert out == {"warned": True, "own": True, "registered": 0}
