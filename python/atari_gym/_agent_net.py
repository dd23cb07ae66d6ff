"""The nets of atari-gym's model.pt in PyTorch: the original project's
AgentNet layout (the Nature CNN), with the dueling and quantile heads
src/agent/q_network.cpp can train. Built on first use, so that importing
atari_gym.agent does not import torch."""


def net_class():
    """The QNet class (defined here: torch is imported on first use)."""
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
