"""atari_gym.spaces: gymnasium.spaces' attributes and rules, without gymnasium."""

import numpy as np
import pytest

from atari_gym.spaces import Box, Discrete, MultiDiscrete


def test_discrete():
    d = Discrete(6)
    assert d.n == 6 and d.shape == () and d.dtype == np.int64 and repr(d) == "Discrete(6)"
    assert d.contains(0) and d.contains(np.int32(5)) and d.contains(np.array(3))
    assert not d.contains(6) and not d.contains(-1) and not d.contains(1.0)
    assert not d.contains(np.array([1]))
    assert 2 in d
    assert d.seed(3) == [3]
    a = [d.sample() for _ in range(50)]
    d.seed(3)
    assert [d.sample() for _ in range(50)] == a
    assert all(d.contains(x) for x in a) and len(set(a)) == 6
    assert isinstance(a[0], np.int64)
    # gymnasium: start + np_random.integers(n), np_random = PCG64(SeedSequence(seed))
    assert a[:5] == list(np.random.default_rng(3).integers(6, size=5))
    mask = np.array([0, 0, 1, 0, 0, 0], dtype=np.int8)
    assert d.sample(mask) == 2
    with pytest.raises(ValueError):
        Discrete(0)


def test_box():
    b = Box(0, 255, (4, 84, 84), np.uint8)
    assert b.shape == (4, 84, 84) and b.dtype == np.uint8
    assert b.low.shape == b.shape and b.low.dtype == np.uint8 and (b.high == 255).all()
    assert repr(b) == "Box(0, 255, (4, 84, 84), uint8)"
    assert b.is_bounded()
    b.seed(1)
    x = b.sample()
    assert x.dtype == np.uint8 and x.shape == (4, 84, 84) and b.contains(x)
    assert x.max() == 255 and x.min() == 0  # high is inclusive for integers
    b.seed(1)
    np.testing.assert_array_equal(b.sample(), x)
    assert not b.contains(np.zeros((84, 84), np.uint8))
    assert not b.contains(np.zeros((4, 84, 84), np.float32))  # cannot cast float -> uint8
    f = Box(0.0, 1.0, (84, 84), np.float32)
    assert repr(f) == "Box(0.0, 1.0, (84, 84), float32)"
    y = f.sample()
    assert y.dtype == np.float32 and f.contains(y)
    assert not f.contains(np.full((84, 84), 2.0, np.float32))
    assert Box(0, 255, (2,), np.uint8) == Box(np.zeros(2), np.full(2, 255), None, np.uint8)
    with pytest.raises(ValueError):
        Box(np.zeros(3), np.ones(2), None)


def test_multi_discrete():
    m = MultiDiscrete([6, 6, 4])
    assert m.shape == (3,) and m.dtype == np.int64 and repr(m) == "MultiDiscrete([6 6 4])"
    m.seed(0)
    for _ in range(20):
        s = m.sample()
        assert m.contains(s) and s.dtype == np.int64
    assert m.contains([5, 5, 3]) and not m.contains([6, 0, 0]) and not m.contains([0, 0])
    assert m == MultiDiscrete(np.array([6, 6, 4]))
