"""Gymnasium's spaces as far as Atari needs them, with gymnasium.spaces'
attributes and sampling rules: Discrete (actions), Box (observations) and
MultiDiscrete (a vector env's actions). Plain classes, so nothing needs
gymnasium installed."""

from __future__ import annotations

import numpy as np

__all__ = ["Space", "Discrete", "Box", "MultiDiscrete"]


class Space:
    """Common part: a dtype, a shape and a random generator (seed())."""

    def __init__(self, shape, dtype, seed=None):
        self._shape = None if shape is None else tuple(int(d) for d in shape)
        self.dtype = None if dtype is None else np.dtype(dtype)
        self._np_random = None
        if seed is not None:
            self.seed(seed)

    @property
    def shape(self):
        return self._shape

    @property
    def np_random(self) -> np.random.Generator:
        # Gymnasium seeds lazily from OS entropy.
        if self._np_random is None:
            self.seed()
        return self._np_random

    def seed(self, seed: int | None = None) -> list[int]:
        """Seeds sample() as gymnasium.utils.seeding.np_random does: PCG64 over
        SeedSequence(seed); returns [the seed's entropy]."""
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))
                                 or seed < 0):
            raise ValueError(f"seed must be None or a non-negative int, got {seed!r}")
        seq = np.random.SeedSequence(None if seed is None else int(seed))
        self._np_random = np.random.Generator(np.random.PCG64(seq))
        return [seq.entropy]

    def __contains__(self, x) -> bool:
        return self.contains(x)


class Discrete(Space):
    """{start, ..., start + n - 1}: an env's actions."""

    def __init__(self, n: int, seed=None, start: int = 0):
        if int(n) <= 0:
            raise ValueError(f"Discrete: n must be positive, got {n}")
        self.n = np.int64(n)
        self.start = np.int64(start)
        super().__init__((), np.int64, seed)

    def sample(self, mask=None) -> np.int64:
        if mask is not None:
            mask = np.asarray(mask)
            if mask.shape != (int(self.n),) or mask.dtype != np.int8:
                raise ValueError(f"mask must be an int8 array of shape ({self.n},)")
            allowed = np.flatnonzero(mask)
            if allowed.size == 0:
                return self.start
            return self.start + self.np_random.choice(allowed)
        return self.start + self.np_random.integers(self.n)

    def contains(self, x) -> bool:
        if isinstance(x, int):
            v = np.int64(x)
        elif isinstance(x, (np.generic, np.ndarray)) and np.issubdtype(x.dtype, np.integer) \
                and x.shape == ():
            v = np.int64(x)
        else:
            return False
        return bool(self.start <= v < self.start + self.n)

    def __repr__(self) -> str:
        if self.start != 0:
            return f"Discrete({self.n}, start={self.start})"
        return f"Discrete({self.n})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Discrete) and self.n == other.n and self.start == other.start


class Box(Space):
    """A box of low <= x <= high in R^shape (or its integers): observations."""

    def __init__(self, low, high, shape=None, dtype=np.float32, seed=None):
        dtype = np.dtype(dtype)
        if shape is None:
            shape = np.shape(low) if np.ndim(low) else np.shape(high)
        shape = tuple(int(d) for d in shape)
        self.low = np.full(shape, low, dtype=dtype) if np.ndim(low) == 0 else \
            np.asarray(low, dtype=dtype)
        self.high = np.full(shape, high, dtype=dtype) if np.ndim(high) == 0 else \
            np.asarray(high, dtype=dtype)
        if self.low.shape != shape or self.high.shape != shape:
            raise ValueError(f"Box: low {self.low.shape} and high {self.high.shape} must have "
                             f"shape {shape}")
        super().__init__(shape, dtype, seed)

    @property
    def bounded_below(self):
        return np.isfinite(self.low) if self.dtype.kind == "f" else np.ones(self.shape, bool)

    @property
    def bounded_above(self):
        return np.isfinite(self.high) if self.dtype.kind == "f" else np.ones(self.shape, bool)

    def is_bounded(self, manner: str = "both") -> bool:
        below, above = bool(np.all(self.bounded_below)), bool(np.all(self.bounded_above))
        return {"both": below and above, "below": below, "above": above}[manner]

    def sample(self, mask=None) -> np.ndarray:
        """Uniform in [low, high] (integers: floor of uniform in [low, high + 1)),
        as gymnasium's Box.sample for bounded boxes."""
        if mask is not None:
            raise ValueError("Box.sample takes no mask")
        if not self.is_bounded():
            raise ValueError("Box.sample: only bounded boxes are supported here")
        if self.dtype.kind in "iub":
            high = self.high.astype(np.int64) + 1
            sample = np.floor(self.np_random.uniform(self.low, high, size=self.shape))
            return np.clip(sample, self.low, self.high).astype(self.dtype)
        return self.np_random.uniform(self.low, self.high, size=self.shape).astype(self.dtype)

    def contains(self, x) -> bool:
        if not isinstance(x, np.ndarray):
            try:
                x = np.asarray(x, dtype=self.dtype)
            except (ValueError, TypeError):
                return False
        return bool(np.can_cast(x.dtype, self.dtype) and x.shape == self.shape
                    and np.all(x >= self.low) and np.all(x <= self.high))

    def _bound_repr(self, a) -> str:
        if a.size and np.all(a == a.flat[0]):
            v = a.flat[0]
            return str(v.item() if self.dtype.kind != "f" else v)
        return str(a)

    def __repr__(self) -> str:
        return (f"Box({self._bound_repr(self.low)}, {self._bound_repr(self.high)}, "
                f"{self.shape}, {self.dtype})")

    def __eq__(self, other) -> bool:
        return (isinstance(other, Box) and self.shape == other.shape
                and self.dtype == other.dtype and np.array_equal(self.low, other.low)
                and np.array_equal(self.high, other.high))


class MultiDiscrete(Space):
    """A vector of Discrete(nvec[i]): a vector env's actions."""

    def __init__(self, nvec, dtype=np.int64, seed=None, start=None):
        self.nvec = np.array(nvec, dtype=dtype, copy=True)
        self.start = np.zeros_like(self.nvec) if start is None else \
            np.array(start, dtype=dtype, copy=True)
        if np.any(self.nvec <= 0):
            raise ValueError("MultiDiscrete: every nvec entry must be positive")
        super().__init__(self.nvec.shape, dtype, seed)

    def sample(self, mask=None) -> np.ndarray:
        if mask is not None:
            raise ValueError("MultiDiscrete.sample: masks are not supported here")
        return (self.np_random.random(self.nvec.shape) * self.nvec).astype(self.dtype) + \
            self.start

    def contains(self, x) -> bool:
        if isinstance(x, (list, tuple)):
            x = np.array(x)
        if not isinstance(x, np.ndarray) or x.shape != self.shape or \
                not np.issubdtype(x.dtype, np.integer):
            return False
        return bool(np.all(self.start <= x) and np.all(x - self.start < self.nvec))

    def __repr__(self) -> str:
        return f"MultiDiscrete({self.nvec})"

    def __eq__(self, other) -> bool:
        return isinstance(other, MultiDiscrete) and np.array_equal(self.nvec, other.nvec) \
            and np.array_equal(self.start, other.start)

