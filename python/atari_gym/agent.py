"""The agents `atari-gym train` makes, in PyTorch: load a model.pt (with the
run's config.json beside it), make the env it is evaluated on, and play full
games as `atari-gym eval` does, with the same seeds, the same epsilon draws
and the same env, so that the games are the C++ ones (docs/python.md,
"Trained agents").

    from atari_gym import agent
    policy = agent.load("models/space_invaders/model.pt")
    game = agent.play_game(policy, seed=0)   # epsilon: the config's eval_epsilon
    print(game.score, game.steps)

    python3 -m atari_gym.agent MODEL.pt [--episodes N] [--epsilon E] [--seed S]

Needs PyTorch (Debian: python3-torch); `import atari_gym` does not import
this module. The net is the original project's AgentNet (online/target
nn.Sequential, fed observations scaled to [0, 1]), with the dueling and
quantile heads atari-gym can train.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .env import make

__all__ = ["Policy", "Game", "Rng", "load", "make_eval_env", "play_game", "evaluate", "main"]

_MASK = (1 << 64) - 1


class Rng:
    """src/agent/rng.hpp in Python: xoshiro256++ seeded through splitmix64,
    so a game draws the same epsilon decisions as in C++."""

    def __init__(self, seed: int):
        x, self.s = seed & _MASK, []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & _MASK
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
            self.s.append(z ^ (z >> 31))

    @staticmethod
    def _rotl(x: int, k: int) -> int:
        return ((x << k) | (x >> (64 - k))) & _MASK

    def next(self) -> int:
        s = self.s
        result = (self._rotl((s[0] + s[3]) & _MASK, 23) + s[0]) & _MASK
        t = (s[1] << 17) & _MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self._rotl(s[3], 45)
        return result

    def uniform(self) -> float:
        """In [0, 1), 53 random bits."""
        return (self.next() >> 11) * 2.0**-53

    def below(self, n: int) -> int:
        """In [0, n): Lemire's multiply-shift with rejection, as rng.hpp."""
        m = self.next() * n
        if (m & _MASK) < n:
            threshold = (-n & _MASK) % n
            while (m & _MASK) < threshold:
                m = self.next() * n
        return m >> 64


def _net_class():
    import torch
    from torch import nn

    class QNet(nn.Module):
        """One of AgentNet's two nets: the Nature CNN, and a plain, dueling
        or quantile head (Q = the quantiles' mean)."""

        def __init__(self, channels: int, actions: int, dueling: bool, quantiles: int):
            super().__init__()
            self.actions, self.dueling, self.quantiles = actions, dueling, quantiles
            self.add_module("0", nn.Conv2d(channels, 32, 8, 4))
            self.add_module("2", nn.Conv2d(32, 64, 4, 2))
            self.add_module("4", nn.Conv2d(64, 64, 3, 1))
            if dueling:
                self.value = nn.Sequential(nn.Linear(3136, 512), nn.ReLU(), nn.Linear(512, quantiles))
                self.advantage = nn.Sequential(nn.Linear(3136, 512), nn.ReLU(),
                                               nn.Linear(512, actions * quantiles))
            else:  # the export folds a quantile head into one output per action
                self.add_module("7", nn.Linear(3136, 512))
                self.add_module("9", nn.Linear(512, actions))

        def forward(self, x):
            b = x.shape[0]
            for conv in ("0", "2", "4"):
                x = torch.relu(getattr(self, conv)(x))
            x = x.flatten(1)
            if not self.dueling:
                return getattr(self, "9")(torch.relu(getattr(self, "7")(x)))
            v = self.value(x).view(b, 1, self.quantiles)
            a = self.advantage(x).view(b, self.actions, self.quantiles)
            return (v + a - a.mean(1, keepdim=True)).mean(2)

    return QNet


@dataclass
class Policy:
    """A loaded model: its online net (eval mode, no gradients) and its run's config."""
    net: object
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


def load(path) -> Policy:
    """A model.pt of `atari-gym train` (or `ship-model`), with the config.json
    beside it; errors name the file and what is wrong."""
    import torch
    path = Path(path)
    config_file = path.parent / "config.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such model file")
    if not config_file.is_file():
        raise FileNotFoundError(f"{path}: needs the run's config.json beside it ({config_file})")
    config = json.loads(config_file.read_text())
    try:
        state = torch.load(str(path), map_location="cpu")
    except Exception as e:  # torch raises several types for a damaged file
        raise ValueError(f"{path}: not a PyTorch state_dict ({e})") from None
    online = {k[len("online."):]: v for k, v in state.items() if k.startswith("online.")}
    if not online:
        raise ValueError(f"{path}: no 'online.*' weights (not an atari-gym model?)")
    dueling = "value.0.weight" in online
    if dueling:
        quantiles = online["value.2.weight"].shape[0]
        actions = online["advantage.2.weight"].shape[0] // quantiles
    else:
        quantiles, actions = 1, online["9.weight"].shape[0]
    channels = online["0.weight"].shape[1]
    net = _net_class()(channels, actions, dueling, quantiles)
    net.load_state_dict(online, strict=True)
    net.eval()
    return Policy(net, config, actions, path)


def wrapper_specs(config: dict) -> list[str]:
    """The eval env's wrappers, as src/agent/env_factory.cpp builds them."""
    w = [f"atari-preprocessing:noop_max={config['noop_max']},frame_skip={config['frame_skip']},"
         f"screen_size={config['screen_size']},terminal_on_life_loss=false",
         "record-episode-statistics"]
    if config.get("fire_reset"):
        w.append("fire-reset")
    w.append(f"frame-stack:stack_size={config['frame_stack']}")
    if config.get("actions"):
        w.append(f"action-space:actions={config['actions']}")
    return w


def make_eval_env(config: dict, **overrides):
    """The env `atari-gym eval` plays a full game on: sticky actions, no
    terminal on a life loss, the episode frame limit; `overrides` are make()
    keywords (as eval's --opt)."""
    kwargs = dict(frameskip=1, repeat_action_probability=config["repeat_action_probability"],
                  max_num_frames_per_episode=int(config["max_episode_frames"]))
    kwargs.update(overrides)
    return make(config["env"], wrappers=wrapper_specs(config), **kwargs)


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
    env = make_eval_env(policy.config, **overrides)
    if env.action_space.n != policy.actions:
        raise ValueError(f"the model has {policy.actions} actions, {policy.config['env']} has "
                         f"{env.action_space.n}")
    g = Game(index, seed + index, action_counts=[0] * policy.actions)
    rng = Rng(g.seed ^ 0x6A09E667F3BCC909)
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
            break
    env.close()
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


def protocol_line(config: dict, episodes: int, epsilon: float, seed: int) -> str:
    """`atari-gym eval`'s protocol line (src/agent/evaluator.cpp)."""
    line = (f"protocol: env={config['env']} full games (all lives) episodes={episodes} "
            f"seeds={seed}..{seed + episodes - 1} epsilon={epsilon:g} "
            f"sticky_actions={config['repeat_action_probability']:g} "
            f"noop_max={config['noop_max']} frame_skip={config['frame_skip']} "
            f"frame_stack={config['frame_stack']} max_frames={int(config['max_episode_frames'])}")
    return line + (f" actions={config['actions']}" if config.get("actions") else "")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(
        prog="python3 -m atari_gym.agent",
        description="Evaluate an atari-gym model in PyTorch on full games; prints what "
                    "`atari-gym eval --checkpoint MODEL` prints (its games are the same).")
    p.add_argument("model", help="model.pt, with the run's config.json beside it")
    p.add_argument("--episodes", type=int, default=10)
    p.add_argument("--epsilon", type=float, default=None,
                   help="default: the config's eval_epsilon")
    p.add_argument("--seed", type=int, default=0, help="seed of game 0")
    a = p.parse_args(argv)
    if a.episodes < 1:
        p.error("--episodes must be at least 1")
    try:
        policy = load(a.model)
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    eps = policy.config["eval_epsilon"] if a.epsilon is None else a.epsilon
    print(f"model: {a.model}")
    print(protocol_line(policy.config, a.episodes, eps, a.seed), flush=True)
    s = evaluate(policy, a.episodes, a.seed, eps, on_game=lambda g: print(g.line(), flush=True))
    print(f"eval: episodes={a.episodes} mean={s['mean']:.1f} std={s['std']:.1f} "
          f"min={s['min']:g} max={s['max']:g} median={s['median']:g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
