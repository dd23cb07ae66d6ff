"""The agents `atari-gym train` makes, in PyTorch: load a model.pt (with the
run's config.json beside it), make the env it is evaluated on, and play full
games as `atari-gym eval` does, with the same seeds, the same epsilon draws
and the same env, so that the games are the C++ ones (docs/python.md,
"Trained agents").

    from atari_gym import agent
    policy = agent.load("runs/breakout/model.pt")
    game = agent.play_game(policy, seed=0)   # epsilon: the config's eval_epsilon
    print(game.score, game.steps)

    python3 -m atari_gym.agent MODEL.pt [--episodes N] [--epsilon E] [--seed S]

Loading a model needs PyTorch (Debian: python3-torch); importing this module
does not. The net is the original project's AgentNet (online/target
nn.Sequential, fed observations scaled to [0, 1]), with the dueling and
quantile heads atari-gym can train (_agent_net.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ._agent_net import net_class
from ._model_file import read_state_dict
from ._atari_gym import reference_scores
from ._rng import Rng
from .env import make

__all__ = ["Policy", "Game", "Rng", "load", "make_eval_env", "play_game", "evaluate",
           "protocol_line", "summary_line", "main"]

# What the eval env and the games are made from. config.json as the trainer
# writes it has every key; one without them (an older atari-gym's) is refused
# rather than filled with defaults that might not be its preset's.
_EVAL_KEYS = ("env", "repeat_action_probability", "noop_max", "frame_skip", "screen_size",
              "frame_stack", "fire_reset", "actions", "max_episode_frames", "eval_epsilon")


@dataclass
class Policy:
    """A loaded model: its online net (eval mode, no gradients) and its run's config."""
    net: "torch.nn.Module"  # noqa: F821 (torch is imported on first use)
    config: dict
    actions: int
    path: Path

    def q_values(self, obs: np.ndarray) -> np.ndarray:
        """Q-values of one stacked observation (frame_stack, 84, 84) uint8, or a batch."""
        import torch
        x = torch.from_numpy(np.ascontiguousarray(obs))
        if x.dim() == 3:
            x = x.unsqueeze(0)
        with torch.no_grad():
            q = self.net(x.float() / 255.0).numpy()
        return q[0] if obs.ndim == 3 else q


def _read_config(path: Path, config_file: Path) -> dict:
    try:
        config = json.loads(config_file.read_text())
    except json.JSONDecodeError as e:
        raise ValueError(f"{config_file}: not valid JSON ({e})") from None
    if not isinstance(config, dict):
        raise ValueError(f"{config_file}: not a JSON object")
    missing = [k for k in _EVAL_KEYS if k not in config]
    if missing:
        raise ValueError(f"{config_file}: no {', '.join(missing)} (an older atari-gym's config? "
                         f"`atari-gym train --config FILE --print-config` prints it whole)")
    if config["env"].startswith("atari-gym/"):
        raise ValueError(f"{path}: {config['env']} is a C++-only test env; "
                         f"`atari-gym eval` plays it")
    return config


def load(path) -> Policy:
    """A model.pt of `atari-gym train` (or of `models/`), with the config.json
    beside it; FileNotFoundError or ValueError naming the file otherwise."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such model file")
    if path.suffix == ".ckpt":
        raise ValueError(f"{path}: a training checkpoint; load the run's model.pt (or "
                         f"best_model.pt), which `atari-gym train` writes beside config.json")
    config_file = path.parent / "config.json"
    if not config_file.is_file():
        raise FileNotFoundError(f"{path}: needs the run's config.json beside it ({config_file})")
    config = _read_config(path, config_file)
    try:  # no pickled code runs: a model may come from anywhere (_model_file.py)
        state = read_state_dict(path)
    except ValueError:
        raise
    except Exception as e:  # torch raises several types for a damaged or foreign file
        raise ValueError(f"{path}: not a PyTorch state_dict ({e})") from None
    if not isinstance(state, dict):
        raise ValueError(f"{path}: not a state_dict (a {type(state).__name__})")
    online = {k[len("online."):]: v for k, v in state.items() if k.startswith("online.")}
    try:
        dueling = "value.0.weight" in online
        if dueling:
            quantiles = online["value.2.weight"].shape[0]
            actions = online["advantage.2.weight"].shape[0] // quantiles
        else:
            quantiles, actions = 1, online["9.weight"].shape[0]
        net = net_class()(online["0.weight"].shape[1], actions, dueling, quantiles)
        net.load_state_dict(online, strict=True)
    except (KeyError, RuntimeError) as e:
        raise ValueError(f"{path}: not an atari-gym model (its online net: {e})") from None
    net.eval()
    return Policy(net, config, actions, path)


def wrapper_specs(config: dict) -> list[str]:
    """The eval env's wrappers, as src/agent/env_factory.cpp builds them."""
    w = [f"atari-preprocessing:noop_max={config['noop_max']},frame_skip={config['frame_skip']},"
         f"screen_size={config['screen_size']},terminal_on_life_loss=false",
         "record-episode-statistics"]
    if config["fire_reset"]:
        w.append("fire-reset")
    w.append(f"frame-stack:stack_size={config['frame_stack']}")
    if config["actions"]:
        w.append(f"action-space:actions={config['actions']}")
    return w


def _env_kwargs(config: dict, overrides: dict) -> dict:
    kwargs = dict(frameskip=1, repeat_action_probability=config["repeat_action_probability"],
                  max_num_frames_per_episode=int(config["max_episode_frames"]))
    kwargs.update(overrides)
    return kwargs


def make_eval_env(config: dict, **overrides):
    """The env `atari-gym eval` plays a full game on: sticky actions, no
    terminal on a life loss, the episode frame limit; `overrides` are make()
    keywords (as eval's --opt)."""
    return make(config["env"], wrappers=wrapper_specs(config), **_env_kwargs(config, overrides))


@dataclass
class Game:
    """One full game, as `atari-gym eval` prints it."""
    index: int
    seed: int
    score: float = 0.0
    steps: int = 0
    frames: int = 0
    action_counts: list = field(default_factory=list)
    truncated: bool = False

    def line(self) -> str:
        counts = ",".join(str(c) for c in self.action_counts)
        return (f"game {self.index}: seed={self.seed} score={self.score:g} steps={self.steps} "
                f"frames={self.frames} actions={counts}" + (" truncated" if self.truncated else ""))


def play_game(policy: Policy, seed: int = 0, epsilon: float | None = None, index: int = 0,
              **overrides) -> Game:
    """Game `index` of an evaluation from `seed`: reset with seed + index,
    epsilon decisions drawn from it (src/agent/agent_game.cpp)."""
    eps = policy.config["eval_epsilon"] if epsilon is None else epsilon
    g = Game(index, seed + index, action_counts=[0] * policy.actions)
    with make_eval_env(policy.config, **overrides) as env:
        if env.action_space.n != policy.actions:
            raise ValueError(f"the model has {policy.actions} actions, {policy.config['env']} "
                             f"has {env.action_space.n}")
        rng = Rng(g.seed ^ 0x6A09E667F3BCC909)  # the game's own epsilon draws
        obs, _ = env.reset(seed=g.seed)
        while True:
            if rng.uniform() < eps:
                action = rng.below(policy.actions)
            else:  # the first of equal maxima, as std::max_element
                action = int(np.argmax(policy.q_values(obs)))
            g.action_counts[action] += 1
            obs, reward, terminated, truncated, info = env.step(action)
            g.score += reward
            g.steps += 1
            g.frames = info["episode_frame_number"]
            if terminated or truncated:
                g.truncated = truncated and not terminated
                return g


def evaluate(policy: Policy, episodes: int = 10, seed: int = 0, epsilon: float | None = None,
             on_game=None, **overrides) -> dict:
    """`episodes` full games from `seed`; their games and mean, std
    (population), min, max and median, as `atari-gym eval` sums them up."""
    games = []
    for i in range(episodes):
        games.append(play_game(policy, seed, epsilon, i, **overrides))
        if on_game:
            on_game(games[-1])
    scores = np.array([g.score for g in games])
    return dict(games=games, mean=float(scores.mean()), std=float(scores.std()),
                min=float(scores.min()), max=float(scores.max()),
                median=float(np.median(scores)))


def protocol_line(config: dict, episodes: int, epsilon: float, seed: int, **overrides) -> str:
    """`atari-gym eval`'s protocol line (src/agent/evaluator.cpp), with the
    sticky actions and frame limit `overrides` set."""
    kw = _env_kwargs(config, overrides)
    line = (f"protocol: env={config['env']} full games (all lives) episodes={episodes} "
            f"seeds={seed}..{seed + episodes - 1} epsilon={epsilon:g} "
            f"sticky_actions={kw['repeat_action_probability']:g} "
            f"noop_max={config['noop_max']} frame_skip={config['frame_skip']} "
            f"frame_stack={config['frame_stack']} max_frames={kw['max_num_frames_per_episode']}")
    return line + (f" actions={config['actions']}" if config["actions"] else "")


def summary_line(config: dict, s: dict) -> str:
    """`atari-gym eval`'s last line for evaluate()'s result, with the human-
    normalised mean where the game has reference scores (src/cli/cmd_eval.cpp)."""
    line = (f"eval: episodes={len(s['games'])} mean={s['mean']:.1f} std={s['std']:.1f} "
            f"min={s['min']:g} max={s['max']:g} median={s['median']:g}")
    ref = reference_scores(config["env"])
    if ref:
        line += f" human_normalized={(s['mean'] - ref[0]) / (ref[1] - ref[0]):.3f}"
    return line


def main(argv=None) -> int:
    p = argparse.ArgumentParser(
        prog="python3 -m atari_gym.agent",
        description="Evaluate an atari-gym model in PyTorch on full games; prints what "
                    "`atari-gym eval --checkpoint MODEL` prints (its games are the same).")
    p.add_argument("model", help="model.pt, with the run's config.json beside it")
    p.add_argument("--episodes", type=int, default=10)
    p.add_argument("--epsilon", type=float, default=None,
                   help="in [0, 1]; default: the config's eval_epsilon")
    p.add_argument("--seed", type=int, default=0, help="seed of game 0 (>= 0)")
    a = p.parse_args(argv)
    if a.episodes < 1:
        p.error("--episodes must be at least 1")
    if a.epsilon is not None and not 0.0 <= a.epsilon <= 1.0:
        p.error(f"--epsilon must be in [0, 1], got {a.epsilon}")
    if a.seed < 0:
        p.error(f"--seed must be >= 0, got {a.seed}")
    try:
        policy = load(a.model)
        eps = policy.config["eval_epsilon"] if a.epsilon is None else a.epsilon
        print(f"model: {a.model}")
        print(protocol_line(policy.config, a.episodes, eps, a.seed), flush=True)
        s = evaluate(policy, a.episodes, a.seed, eps,
                     on_game=lambda g: print(g.line(), flush=True))
    except (OSError, ValueError, RuntimeError) as e:  # RomNotFoundError is an OSError
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(summary_line(policy.config, s))
    return 0


if __name__ == "__main__":
    sys.exit(main())
