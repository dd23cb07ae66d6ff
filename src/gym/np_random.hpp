// NumPy's seeding and random integers, bit for bit: SeedSequence, PCG64 and
// Generator.integers. Gymnasium and ale-py seed everything through them, so
// with these reset(seed=S) gives the same ALE seed, the same noop counts and
// the same stochastic frame skips as the Python stack.
//
// Facts (numpy/random: bit_generator.pyx, src/pcg64/pcg64.h,
// src/distributions/distributions.c):
// - SeedSequence hashes the seed's 32-bit words into a pool of 4 words
//   (constants INIT_A/MULT_A, INIT_B/MULT_B, MIX_MULT_L/R, shift 16).
// - PCG64 takes generate_state(4, uint64): words 0,1 are the 128-bit state
//   seed (high, low), words 2,3 the stream; output is XSL-RR of the 128-bit LCG.
// - Generator.integers(low, high) for ranges below 2^32 is Lemire's method on
//   32-bit draws, which use the low then the high half of one 64-bit output.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace ag::gym {

class SeedSequence {
 public:
  // The entropy of an integer seed: its 32-bit words, least significant first.
  explicit SeedSequence(uint64_t seed);
  // Fresh entropy from the operating system (numpy's SeedSequence(None)).
  static SeedSequence from_entropy();

  std::vector<uint32_t> generate_state_u32(int n_words) const;
  std::vector<uint64_t> generate_state_u64(int n_words) const;

 private:
  explicit SeedSequence(const std::vector<uint32_t>& entropy);
  std::array<uint32_t, 4> pool_{};
};

// PCG64's whole state, as numpy's bit_generator.state: the 128-bit LCG state
// and increment (high, low words) and the buffered half of a 64-bit output.
struct Pcg64State {
  uint64_t state_high = 0, state_low = 0;
  uint64_t inc_high = 0, inc_low = 0;
  bool has_u32 = false;
  uint32_t u32 = 0;
};

class Pcg64 {
 public:
  explicit Pcg64(const SeedSequence& seq);
  uint64_t next_u64();
  // numpy's next_uint32: low half of a fresh 64-bit output, then its high half.
  uint32_t next_u32();

  // Save/restore, so a checkpointed env continues the same stream.
  Pcg64State state() const;
  // Throws std::invalid_argument for an even increment (not a PCG stream).
  void set_state(const Pcg64State& s);

 private:
  unsigned __int128 state_ = 0, inc_ = 0;
  bool has_u32_ = false;
  uint32_t u32_ = 0;
};

// numpy.random.Generator over PCG64 (what gymnasium.utils.seeding.np_random returns).
class NpRandom {
 public:
  explicit NpRandom(const SeedSequence& seq) : bits_(seq) {}
  explicit NpRandom(uint64_t seed) : bits_(SeedSequence(seed)) {}
  // Generator.integers(low, high): uniform in [low, high); requires high - low < 2^32.
  int64_t integers(int64_t low, int64_t high);

  // The bit generator's exact state (numpy's Generator.bit_generator.state).
  Pcg64State state() const { return bits_.state(); }
  void set_state(const Pcg64State& s) { bits_.set_state(s); }

 private:
  Pcg64 bits_;
};

// ale-py's AtariEnv.seed_game(seed): SeedSequence(seed).generate_state(2)
// gives the seed of the env's np_random and ALE's random_seed (as int32).
struct AtariSeeds {
  uint32_t np_seed = 0;
  uint32_t ale_seed = 0;
  int32_t ale_random_seed() const { return static_cast<int32_t>(ale_seed); }
};
AtariSeeds atari_seeds(std::optional<uint64_t> seed);

}  // namespace ag::gym
