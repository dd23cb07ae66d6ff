"""src/agent/rng.hpp in Python: the agent's random numbers (xoshiro256++
seeded through splitmix64), so atari_gym.agent draws a game's epsilon
decisions as `atari-gym eval` does."""

_MASK = (1 << 64) - 1


class Rng:
    """xoshiro256++; Rng(seed) seeds its state with splitmix64(seed)."""

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
