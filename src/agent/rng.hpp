// The agent's random numbers (epsilon draws, replay sampling): xoshiro256++
// seeded through splitmix64, as plain state so a checkpoint saves it as one
// copy and a resumed run draws the same numbers. Not std::mt19937 +
// std::uniform_*_distribution: the distributions' algorithms are not fixed by
// the standard, so the same seed could give another run with another library.
#pragma once

#include <array>
#include <cstdint>

namespace ag::agent {

struct Rng {
  std::array<uint64_t, 4> s{};

  explicit Rng(uint64_t seed = 0) {
    uint64_t x = seed;
    for (auto& w : s) {  // splitmix64, the seeding xoshiro's authors recommend
      x += 0x9e3779b97f4a7c15ULL;
      uint64_t z = x;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      w = z ^ (z >> 31);
    }
  }
  uint64_t next() {
    const uint64_t result = rotl(s[0] + s[3], 23) + s[0];
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
  }
  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform in [0, n) (Lemire's multiply-shift with rejection: no modulo bias).
  uint64_t below(uint64_t n) {
    unsigned __int128 m = static_cast<unsigned __int128>(next()) * n;
    uint64_t low = static_cast<uint64_t>(m);
    if (low < n) {
      const uint64_t threshold = -n % n;
      while (low < threshold) {
        m = static_cast<unsigned __int128>(next()) * n;
        low = static_cast<uint64_t>(m);
      }
    }
    return static_cast<uint64_t>(m >> 64);
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
};

}  // namespace ag::agent
