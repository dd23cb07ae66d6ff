"""Loads atari-gym's exported model in PyTorch with the original project's
network and checks it gives atari-gym's Q-values.

usage: load_in_pytorch.py MODEL.pt OBS.u8 Q.f32 ACTIONS DUELING [ORDERED_DICT_OUT]

The original's AgentNet: online/target nn.Sequential(Conv2d(c, 32, 8, 4), ReLU,
Conv2d(32, 64, 4, 2), ReLU, Conv2d(64, 64, 3, 1), ReLU, Flatten,
Linear(3136, 512), ReLU, Linear(512, actions)); it was fed observations
scaled to [0, 1] (AtariPreprocessing scale_obs=True). Prints the largest
absolute difference; exits 1 above the tolerance.
"""
import copy
import sys

import numpy as np
import torch
from torch import nn

TOLERANCE = 1e-4  # absolute, on Q-values of order 0.1-10 (fp32, different kernels)


class Dueling(nn.Module):
    def __init__(self, c, actions):
        super().__init__()
        self.add_module("0", nn.Conv2d(c, 32, 8, 4))
        self.add_module("2", nn.Conv2d(32, 64, 4, 2))
        self.add_module("4", nn.Conv2d(64, 64, 3, 1))
        self.value = nn.Sequential(nn.Linear(3136, 512), nn.ReLU(), nn.Linear(512, 1))
        self.advantage = nn.Sequential(nn.Linear(3136, 512), nn.ReLU(), nn.Linear(512, actions))

    def forward(self, x):
        x = torch.relu(getattr(self, "0")(x))
        x = torch.relu(getattr(self, "2")(x))
        x = torch.relu(getattr(self, "4")(x)).flatten(1)
        v, a = self.value(x), self.advantage(x)
        return v + a - a.mean(1, keepdim=True)


class AgentNet(nn.Module):
    """The original project's network (neural.py), plus the dueling variant."""

    def __init__(self, c, actions, dueling):
        super().__init__()
        if dueling:
            self.online = Dueling(c, actions)
        else:
            self.online = nn.Sequential(
                nn.Conv2d(c, 32, kernel_size=8, stride=4), nn.ReLU(),
                nn.Conv2d(32, 64, kernel_size=4, stride=2), nn.ReLU(),
                nn.Conv2d(64, 64, kernel_size=3, stride=1), nn.ReLU(),
                nn.Flatten(), nn.Linear(3136, 512), nn.ReLU(), nn.Linear(512, actions))
        self.target = copy.deepcopy(self.online)
        for p in self.target.parameters():
            p.requires_grad = False

    def forward(self, x, model):
        return self.online(x) if model == "online" else self.target(x)


def main():
    model, obs_file, q_file, actions, dueling = sys.argv[1:6]
    actions, dueling = int(actions), dueling == "1"
    state = torch.load(model, map_location="cpu")
    obs = np.fromfile(obs_file, dtype=np.uint8).reshape(-1, 4, 84, 84)
    want = np.fromfile(q_file, dtype=np.float32).reshape(obs.shape[0], actions)
    net = AgentNet(4, actions, dueling)
    net.load_state_dict(state, strict=True)
    with torch.no_grad():
        got = net(torch.from_numpy(obs).float() / 255.0, "online").numpy()
    diff = float(np.abs(got - want).max())
    print(f"keys={len(state)} max_abs_diff={diff:.3g}")
    if len(sys.argv) > 6:  # an OrderedDict state_dict, as PyTorch users save one
        torch.save(net.state_dict(), sys.argv[6])
    sys.exit(0 if diff <= TOLERANCE else 1)


if __name__ == "__main__":
    main()
