"""atari_gym.agent: a model of `atari-gym train`, loaded in PyTorch, plays the
games `atari-gym eval` plays (same seeds, epsilon draws and env), and its
random numbers are src/agent/rng.hpp's."""

import subprocess
import sys

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="PyTorch (python3-torch) is not importable")

from atari_gym import agent  # noqa: E402  (after the skip: agent needs torch)


@pytest.fixture(scope="module")
def model(cli_binary, tmp_path_factory):
    """A Space Invaders model of 300 training steps: it plays badly, which is
    all an exact comparison needs (its games are a few hundred steps)."""
    run = tmp_path_factory.mktemp("agent") / "run"
    subprocess.run([str(cli_binary), "train", "--env", "ALE/SpaceInvaders-v5", "--steps", "300",
                    "--run-dir", str(run), "--set", "replay_size=2000", "--set", "burnin=100",
                    "--set", "num_envs=1", "--set", "eval_every=0", "--threads", "1"],
                   check=True, capture_output=True)
    return run / "model.pt"


def test_rng_is_the_cpp_one():
    # Values printed by src/agent/rng.hpp's Rng: the first outputs from seed 0,
    # the first epsilon draw of game seed 0, and below(6) from seeds 0-9.
    r = agent.Rng(0)
    assert [r.next() for _ in range(3)] == [
        0x53175D61490B23DF, 0x61DA6F3DC380D507, 0x5C0FDF91EC9A7BFC]
    assert agent.Rng(0 ^ 0x6A09E667F3BCC909).uniform() == 0.11228190939650651
    assert [agent.Rng(s).below(6) for s in range(10)] == [1, 4, 4, 0, 4, 1, 4, 0, 2, 3]


def test_games_equal_atari_gym_eval(cli_binary, model):
    cli = subprocess.run([str(cli_binary), "eval", "--checkpoint", str(model), "--episodes", "3",
                          "--seed", "4"], check=True, capture_output=True, text=True).stdout
    want = [line for line in cli.splitlines() if line.startswith(("game ", "protocol: "))]
    policy = agent.load(model)
    s = agent.evaluate(policy, episodes=3, seed=4)
    got = [agent.protocol_line(policy.config, 3, policy.config["eval_epsilon"], 4)]
    got += [g.line() for g in s["games"]]
    assert got == want
    summary = [line for line in cli.splitlines() if line.startswith("eval: ")][0]
    assert f"mean={s['mean']:.1f} std={s['std']:.1f}" in summary


def test_q_values_and_a_whole_evaluation_from_the_command_line(model):
    policy = agent.load(model)
    assert policy.actions == 6 and policy.config["env"] == "ALE/SpaceInvaders-v5"
    obs = np.zeros((4, 84, 84), np.uint8)
    q = policy.q_values(obs)
    assert q.shape == (6,) and np.all(np.isfinite(q))
    assert np.allclose(policy.q_values(np.stack([obs, obs]))[1], q)
    out = subprocess.run([sys.executable, "-m", "atari_gym.agent", str(model), "--episodes",
                          "1", "--epsilon", "1"], check=True, capture_output=True, text=True)
    lines = out.stdout.splitlines()
    assert lines[1].startswith("protocol: env=ALE/SpaceInvaders-v5") and "epsilon=1 " in lines[1]
    assert lines[2].startswith("game 0: seed=0 ") and lines[3].startswith("eval: episodes=1 ")


def test_bad_files_are_named_errors(tmp_path, model):
    with pytest.raises(FileNotFoundError, match="no such model file"):
        agent.load(tmp_path / "none.pt")
    lone = tmp_path / "lone.pt"
    lone.write_bytes(model.read_bytes())
    with pytest.raises(FileNotFoundError, match="needs the run's config.json beside it"):
        agent.load(lone)
    (tmp_path / "config.json").write_text((model.parent / "config.json").read_text())
    (tmp_path / "junk.pt").write_bytes(b"not a model")
    with pytest.raises(ValueError, match="junk.pt: not a PyTorch state_dict"):
        agent.load(tmp_path / "junk.pt")
    out = subprocess.run([sys.executable, "-m", "atari_gym.agent", str(tmp_path / "none.pt")],
                         capture_output=True, text=True)
    assert out.returncode == 1 and out.stderr.startswith("error: ") and "none.pt" in out.stderr
