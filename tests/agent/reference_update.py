"""Reference Double DQN / QR-DQN updates in PyTorch, written from the papers,
for update_matches_pytorch_test.cpp: the same weights and batches must give
atari-gym's losses and weights.

usage: reference_update.py DIR ACTIONS QUANTILES BATCH UPDATES SYNC_AFTER LR EPS CLIP
       [LOSS=huber|mse [MUNCHAUSEN_TAU MUNCHAUSEN_ALPHA MUNCHAUSEN_CLIP]]

DIR holds (written by the C++ test): online.f32 and target.f32 (the nets'
parameters in named_parameters() order, concatenated), states.u8 and
next_states.u8 ([UPDATES, BATCH, 4, 84, 84]), actions.i64, returns.f32 and
discounts.f32 ([UPDATES, BATCH]). Writes losses.f32 ([UPDATES]) and
online_after.f32. The target net is synced to the online net after update
SYNC_AFTER (1-based; 0 = never).

The maths, each from its source:
- Double DQN (van Hasselt et al. 2016): y = R + discount * Q_target(s',
  argmax_a Q_online(s', a)); loss = mean SmoothL1(Q_online(s, a), y).
- QR-DQN (Dabney et al. 2018, eq. 10; Dopamine's reduction): theta_i(s, a) at
  tau_i = (2i + 1) / 2N; the next action by the online quantiles' mean; T_j =
  R + discount * theta'_j(s', a*); u_ij = T_j - theta_i; loss = mean over the
  batch of sum_i mean_j |tau_i - 1{u_ij < 0}| * Huber(u_ij).
- LOSS = mse: F.mse_loss instead of F.smooth_l1_loss (expected values).
- Munchausen DQN (Vieillard et al. 2020, eq. 2; when MUNCHAUSEN_TAU is
  given): with the target net's q', pi = softmax(q' / tau) and
  l = tau * log_softmax(q' / tau): y = R + alpha * clamp(l(s)[a], CLIP, 0)
  + discount * sum_a' pi(s')[a'] * (q'(s')[a'] - l(s')[a']).
- torch.nn.utils.clip_grad_norm_ then torch.optim.Adam (lr, eps).
"""
import sys

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F


class QNet(nn.Module):
    def __init__(self, actions, quantiles):
        super().__init__()
        self.actions, self.quantiles = actions, quantiles
        self.c1 = nn.Conv2d(4, 32, 8, 4)
        self.c2 = nn.Conv2d(32, 64, 4, 2)
        self.c3 = nn.Conv2d(64, 64, 3, 1)
        self.fc = nn.Linear(3136, 512)
        self.out = nn.Linear(512, actions * quantiles)

    def quantile_values(self, obs_u8):
        x = obs_u8.float() / 255.0
        x = F.relu(self.c1(x))
        x = F.relu(self.c2(x))
        x = F.relu(self.c3(x)).flatten(1)
        return self.out(F.relu(self.fc(x))).view(-1, self.actions, self.quantiles)

    def forward(self, obs_u8):
        return self.quantile_values(obs_u8).mean(2)

    def load_flat(self, flat):
        offset = 0
        with torch.no_grad():
            for p in self.parameters():
                n = p.numel()
                p.copy_(torch.from_numpy(flat[offset:offset + n]).view_as(p))
                offset += n
        assert offset == flat.size, "parameter file size does not match the net"

    def flat(self):
        return torch.cat([p.detach().flatten() for p in self.parameters()]).numpy()


def huber(u):
    a = u.abs()
    return torch.where(a <= 1.0, 0.5 * u * u, a - 0.5)


def loss_of(online, target, s, a, r, d, s2, quantiles, loss="huber", munchausen=None):
    with torch.no_grad():
        a_star = online(s2).argmax(1)
        if munchausen is not None:
            tau, alpha, clip = munchausen
            q_s, q_next = target(s), target(s2)
            log_pi_s = tau * F.log_softmax(q_s / tau, dim=1)
            log_pi_next = tau * F.log_softmax(q_next / tau, dim=1)
            pi_next = F.softmax(q_next / tau, dim=1)
            bonus = alpha * log_pi_s.gather(1, a[:, None]).squeeze(1).clamp(clip, 0)
            y = r + bonus + d * (pi_next * (q_next - log_pi_next)).sum(1)
        elif quantiles == 1:
            y = r + d * target(s2).gather(1, a_star[:, None]).squeeze(1)
        else:
            nz = target.quantile_values(s2)[torch.arange(len(a_star)), a_star]  # [B, N]
            y = r[:, None] + d[:, None] * nz
    if quantiles == 1:
        q = online(s).gather(1, a[:, None]).squeeze(1)
        return F.mse_loss(q, y) if loss == "mse" else F.smooth_l1_loss(q, y)
    theta = online.quantile_values(s)[torch.arange(len(a)), a]  # [B, N]
    tau = (2 * torch.arange(quantiles, dtype=torch.float32) + 1) / (2 * quantiles)
    u = y[:, None, :] - theta[:, :, None]  # [B, i, j]
    rho = (tau[None, :, None] - (u < 0).float()).abs() * huber(u)
    return rho.mean(2).sum(1).mean()


def main():
    d = sys.argv[1]
    actions, quantiles, batch, updates, sync_after = map(int, sys.argv[2:7])
    lr, eps, clip = map(float, sys.argv[7:10])
    loss_kind = sys.argv[10] if len(sys.argv) > 10 else "huber"
    munchausen = tuple(map(float, sys.argv[11:14])) if len(sys.argv) > 13 else None
    torch.manual_seed(0)
    online, target = QNet(actions, quantiles), QNet(actions, quantiles)
    online.load_flat(np.fromfile(f"{d}/online.f32", dtype=np.float32))
    target.load_flat(np.fromfile(f"{d}/target.f32", dtype=np.float32))
    shape = (updates, batch, 4, 84, 84)
    states = torch.from_numpy(np.fromfile(f"{d}/states.u8", dtype=np.uint8).reshape(shape))
    next_states = torch.from_numpy(np.fromfile(f"{d}/next_states.u8", dtype=np.uint8).reshape(shape))
    acts = torch.from_numpy(np.fromfile(f"{d}/actions.i64", dtype=np.int64).reshape(updates, batch))
    rets = torch.from_numpy(np.fromfile(f"{d}/returns.f32", dtype=np.float32).reshape(updates, batch))
    discs = torch.from_numpy(np.fromfile(f"{d}/discounts.f32", dtype=np.float32).reshape(updates, batch))

    adam = torch.optim.Adam(online.parameters(), lr=lr, eps=eps)
    losses = []
    for k in range(updates):
        loss = loss_of(online, target, states[k], acts[k], rets[k], discs[k], next_states[k], quantiles,
                       loss_kind, munchausen)
        adam.zero_grad()
        loss.backward()
        if clip > 0:
            nn.utils.clip_grad_norm_(online.parameters(), clip)
        adam.step()
        losses.append(loss.item())
        if k + 1 == sync_after:
            target.load_state_dict(online.state_dict())
    np.asarray(losses, dtype=np.float32).tofile(f"{d}/losses.f32")
    online.flat().astype(np.float32).tofile(f"{d}/online_after.f32")
    print("reference losses:", " ".join(f"{x:.6g}" for x in losses))


if __name__ == "__main__":
    main()
