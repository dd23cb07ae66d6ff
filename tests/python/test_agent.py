"""atari_gym.agent: a model of `atari-gym train`, loaded in PyTorch, plays the
games `atari-gym eval` plays (same seeds, epsilon draws and env), and its
random numbers are src/agent/rng.hpp's."""

import io
import json
import os
import pickle
import subprocess
import sys
import zipfile

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="PyTorch (python3-torch) is not importable")

from atari_gym import agent  # noqa: E402  (after the skip: agent needs torch)


# The C++ eval's LibTorch runs one thread; so does this, so that both sum in
# the same order (a near-tie argmax could flip on a last-bit difference).
torch.set_num_threads(1)

# Each head the trainer can make: plain (the original's), a quantile head
# (folded by the export into one output per action), dueling + quantiles on
# an action subset.
VARIANTS = {
    "plain": [],
    "quantiles": ["--set", "quantiles=4"],
    "dueling-quantiles-subset": ["--set", "dueling=true", "--set", "quantiles=4",
                                 "--set", "actions=1,2,3"],
}


def train_model(cli_binary, folder, extra):
    """A Space Invaders model of 300 training steps: it plays badly, which is
    all an exact comparison needs (its games are a few hundred steps)."""
    run = folder / "run"
    r = subprocess.run([str(cli_binary), "train", "--env", "ALE/SpaceInvaders-v5", "--steps", "300",
                        "--run-dir", str(run), "--set", "replay_size=2000", "--set", "burnin=100",
                        "--set", "num_envs=1", "--set", "eval_every=0", "--threads", "1", *extra],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return run / "model.pt"


@pytest.fixture(scope="module")
def models(cli_binary, tmp_path_factory):
    return {name: train_model(cli_binary, tmp_path_factory.mktemp(name), extra)
            for name, extra in VARIANTS.items()}


@pytest.fixture(scope="module")
def model(models):
    return models["plain"]


def test_rng_is_the_cpp_one():
    # Values printed by src/agent/rng.hpp's Rng: the first outputs from seed 0,
    # the first epsilon draw of game seed 0, and below(6) from seeds 0-9.
    r = agent.Rng(0)
    assert [r.next() for _ in range(3)] == [
        0x53175D61490B23DF, 0x61DA6F3DC380D507, 0x5C0FDF91EC9A7BFC]
    assert agent.Rng(0 ^ 0x6A09E667F3BCC909).uniform() == 0.11228190939650651
    assert [agent.Rng(s).below(6) for s in range(10)] == [1, 4, 4, 0, 4, 1, 4, 0, 2, 3]


def test_reference_scores_are_the_cpp_table():
    from atari_gym._atari_gym import reference_scores
    assert reference_scores("ALE/SpaceInvaders-v5") == (148.0, 1668.7)  # the 1,669
    assert reference_scores("SpaceInvadersNoFrameskip-v4") == (148.0, 1668.7)
    assert reference_scores("ALE/Adventure-v5") is None  # not among the 57 games
    assert reference_scores("ALE/NoSuchGame-v5") is None


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_games_equal_atari_gym_eval(cli_binary, models, variant):
    model = models[variant]
    cli = subprocess.run([str(cli_binary), "eval", "--checkpoint", str(model), "--episodes", "3",
                          "--seed", "4"], check=True, capture_output=True, text=True).stdout
    want = [line for line in cli.splitlines() if line.startswith(("game ", "protocol: "))]
    policy = agent.load(model)
    assert policy.actions == (3 if "subset" in variant else 6)
    s = agent.evaluate(policy, episodes=3, seed=4)
    got = [agent.protocol_line(policy.config, 3, policy.config["eval_epsilon"], 4)]
    got += [g.line() for g in s["games"]]
    assert got == want
    assert agent.summary_line(policy.config, s) == cli.splitlines()[-1]
    assert "human_normalized=" in cli.splitlines()[-1]


def test_q_values_and_a_whole_evaluation_from_the_command_line(model):
    policy = agent.load(model)
    assert policy.actions == 6 and policy.config["env"] == "ALE/SpaceInvaders-v5"
    obs = np.zeros((4, 84, 84), np.uint8)
    q = policy.q_values(obs)
    assert q.shape == (6,) and np.all(np.isfinite(q))
    assert np.allclose(policy.q_values(np.stack([obs, obs]))[1], q)
    # Saved again by PyTorch (an OrderedDict with its _metadata, as users save one).
    holder = torch.nn.Module()
    holder.online = policy.net
    torch.save(holder.state_dict(), model.parent / "resaved.pt")
    assert np.array_equal(agent.load(model.parent / "resaved.pt").q_values(obs), q)
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
    config = json.loads((model.parent / "config.json").read_text())
    (tmp_path / "config.json").write_text(json.dumps(config))
    assert agent.load(lone).actions == 6
    for name, data in (("junk.pt", b"not a model"), ("x.ckpt", b"")):
        (tmp_path / name).write_bytes(data)
    with pytest.raises(ValueError, match="junk.pt: not a PyTorch state_dict"):
        agent.load(tmp_path / "junk.pt")
    with pytest.raises(ValueError, match="x.ckpt: a training checkpoint"):
        agent.load(tmp_path / "x.ckpt")
    torch.save([1, 2], tmp_path / "list.pt")
    with pytest.raises(ValueError, match="list.pt: not a state_dict"):
        agent.load(tmp_path / "list.pt")
    # Pickles that would run a command: refused, and the command never runs.
    class Evil:
        def __init__(self, tag):
            self.tag = tag

        def __reduce__(self):
            return os.system, (f"touch {tmp_path / ('pwned-' + self.tag)}",)
    torch.save({"online.0.weight": Evil("plain")}, tmp_path / "evil.pt")
    benign = io.BytesIO()
    torch.save({"online.0.weight": torch.zeros(2)}, benign)
    # A legacy-format pickle before a harmless zip (Python's zipfile finds the
    # zip at the end; torch.load would read the pickle in front).
    (tmp_path / "poly.pt").write_bytes(pickle.dumps(Evil("poly"), 2) + benign.getvalue())
    # The payload as archive/DATA.PKL and a harmless archive/x/data.pkl: torch's
    # reader finds <folder>/data.pkl ignoring case.
    good = zipfile.ZipFile(io.BytesIO(benign.getvalue()))
    folder = good.namelist()[0].split("/")[0]
    with zipfile.ZipFile(tmp_path / "case.pt", "w") as z:
        z.writestr(f"{folder}/DATA.PKL", pickle.dumps(Evil("case"), 2))
        for n in good.namelist():
            z.writestr(n.replace("/data.pkl", "/x/data.pkl"), good.read(n))
    for name, why in (("evil.pt", "system is not allowed in a model file"),
                      ("poly.pt", "not a zip archive"),
                      ("case.pt", "system is not allowed in a model file")):
        with pytest.raises(ValueError, match=f"{name}: .*{why}"):
            agent.load(tmp_path / name)
    assert not list(tmp_path.glob("pwned-*"))
    torch.jit.save(torch.jit.script(torch.nn.Linear(2, 2)), tmp_path / "script.pt")
    with pytest.raises(ValueError, match="script.pt: .*a TorchScript archive"):
        agent.load(tmp_path / "script.pt")
    state = torch.load(model)
    del state["online.9.bias"]
    torch.save(state, tmp_path / "cut.pt")
    with pytest.raises(ValueError, match="cut.pt: not an atari-gym model"):
        agent.load(tmp_path / "cut.pt")
    # A config without a key the env needs is refused, not filled in.
    (tmp_path / "config.json").write_text(json.dumps({k: v for k, v in config.items()
                                                      if k != "fire_reset"}))
    with pytest.raises(ValueError, match="config.json: no fire_reset"):
        agent.load(lone)
    (tmp_path / "config.json").write_text(json.dumps(dict(config, env="atari-gym/Corridor-v0")))
    with pytest.raises(ValueError, match="C\\+\\+-only test env"):
        agent.load(lone)
    (tmp_path / "config.json").write_text("{")
    with pytest.raises(ValueError, match="config.json: not valid JSON"):
        agent.load(lone)


def test_command_line_errors(tmp_path, model):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "atari_gym.agent", *map(str, args)],
                              capture_output=True, text=True)
    out = run(tmp_path / "none.pt")
    assert out.returncode == 1 and out.stderr.startswith("error: ") and "none.pt" in out.stderr
    for bad in (["--epsilon", "1.5"], ["--seed", "-1"], ["--episodes", "0"]):
        out = run(model, *bad)
        assert out.returncode == 2 and bad[0] in out.stderr, out.stderr
    # An error during the games (here: the model's 6 actions on a 4-action game).
    (tmp_path / "model.pt").write_bytes(model.read_bytes())
    config = json.loads((model.parent / "config.json").read_text())
    (tmp_path / "config.json").write_text(json.dumps(dict(config, env="ALE/Breakout-v5")))
    out = run(tmp_path / "model.pt", "--episodes", "1")
    assert out.returncode == 1 and "the model has 6 actions" in out.stderr, out.stderr
