"""The module plays exactly as the C++ env: the same seed and actions give,
step for step, the same observations (crc32), rewards, flags and lives as
`atari-gym rollout --verbose` (docs/gym.md, "Command line"), including the
resets after an episode ends and the printed spaces."""

import subprocess
import zlib

import numpy as np
import pytest

import atari_gym

CASES = [
    # id, keyword arguments, wrappers, seed, steps
    ("ALE/Breakout-v5", {"max_episode_steps": 90}, [], 7, 300),
    ("PongNoFrameskip-v4", {}, ["atari-preprocessing", "frame-stack:stack_size=4"], 3, 300),
    ("ALE/SpaceInvaders-v5", {"obs_type": "grayscale", "frameskip": (2, 5)}, [], 11, 300),
    ("Seaquest-ram-v4", {"full_action_space": True, "repeat_action_probability": 0.25}, [], 5,
     300),
    ("ALE/Breakout-v5", {"frameskip": 1},
     ["atari-preprocessing:terminal_on_life_loss=true,scale_obs=true,noop_max=10",
      "clip-reward"], 2, 400),
]


def reward_text(r: float) -> str:
    # rollout prints rewards as Python does, without a whole float's ".0".
    s = repr(float(r))
    s = s[:-2] if s.endswith(".0") else s
    return "0" if s == "-0" else s


def option_text(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, tuple):
        return ",".join(str(x) for x in v)
    return str(v)


def random_actions(n_actions: int, steps: int, seed: int) -> list[int]:
    # Held for 1-8 steps, as a policy's actions often are.
    rng = np.random.default_rng(seed)
    out = []
    while len(out) < steps:
        out += [int(rng.integers(n_actions))] * int(rng.integers(1, 9))
    return out[:steps]


def python_lines(id, kwargs, wrappers, seed, actions) -> list[str]:
    env = atari_gym.make(id, wrappers=wrappers, **kwargs)
    crc = lambda obs: f"{zlib.crc32(obs.tobytes()):08x}"  # noqa: E731
    obs, info = env.reset(seed=seed)
    # Gymnasium prints a float32 box's bounds as 0.0 and 1.0, the C++ Box::str as 0 and 1.
    space = repr(env.observation_space).replace("Box(0.0, 1.0,", "Box(0, 1,")
    lines = [f"# env {str(env)[1:-1]}",
             f"# action_space {env.action_space} observation_space {space}",
             f"# reset seed={seed} lives={info['lives']} obs_crc32={crc(obs)}"]
    for t, a in enumerate(actions):
        obs, r, term, trunc, info = env.step(a)
        lines.append(f"{t} {a} {reward_text(r)} {int(term)} {int(trunc)} {info['lives']} "
                     f"{crc(obs)}")
        if (term or trunc) and t + 1 < len(actions):
            obs, info = env.reset()
            lines.append(f"# reset lives={info['lives']} obs_crc32={crc(obs)}")
    return lines


@pytest.mark.parametrize("id,kwargs,wrappers,seed,steps", CASES)
def test_same_as_cli_rollout(cli_binary, tmp_path, id, kwargs, wrappers, seed, steps):
    n = atari_gym.make(id, wrappers=wrappers, **kwargs).action_space.n
    actions = random_actions(n, steps, seed)
    path = tmp_path / "actions.txt"
    path.write_text("".join(f"{a}\n" for a in actions))
    cmd = [str(cli_binary), "rollout", "--env", id, "--seed", str(seed), "--actions", str(path),
           "--verbose"]
    for k, v in kwargs.items():
        cmd += ["--opt", f"{k}={option_text(v)}"]
    for w in wrappers:
        cmd += ["--wrap", w]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    cli = [line for line in out.splitlines() if not line.startswith("# screen")]
    ours = python_lines(id, kwargs, wrappers, seed, actions)
    assert ours == cli
    # The case is worth its time only if it crosses an episode end.
    if id == "ALE/Breakout-v5":
        assert any(line.startswith("# reset lives") for line in ours)
