#include "gym/np_random.hpp"

#include <random>
#include <stdexcept>

namespace ag::gym {

namespace {

// SeedSequence's hash constants (numpy bit_generator.pyx).
constexpr uint32_t kInitA = 0x43b0d7e5, kMultA = 0x931e8875;
constexpr uint32_t kInitB = 0x8b51f9dd, kMultB = 0x58f38ded;
constexpr uint32_t kMixMultL = 0xca01f9dd, kMixMultR = 0x4973f715;
constexpr int kXShift = 16;

uint32_t hashmix(uint32_t value, uint32_t& hash_const) {
  value ^= hash_const;
  hash_const *= kMultA;
  value *= hash_const;
  value ^= value >> kXShift;
  return value;
}

uint32_t mix(uint32_t x, uint32_t y) {
  uint32_t result = kMixMultL * x - kMixMultR * y;
  result ^= result >> kXShift;
  return result;
}

std::vector<uint32_t> words_of(uint64_t v) {
  if (v == 0) return {0};
  std::vector<uint32_t> w;
  while (v != 0) {
    w.push_back(static_cast<uint32_t>(v));
    v >>= 32;
  }
  return w;
}

// PCG64's 128-bit LCG multiplier (PCG_DEFAULT_MULTIPLIER_128).
constexpr unsigned __int128 kPcgMult =
    (static_cast<unsigned __int128>(2549297995355413924ULL) << 64) | 4865540595714422341ULL;

}  // namespace

SeedSequence::SeedSequence(uint64_t seed) : SeedSequence(words_of(seed)) {}

SeedSequence SeedSequence::from_entropy() {
  // numpy draws 128 bits from the OS for SeedSequence(None).
  std::random_device rd;
  std::vector<uint32_t> entropy(4);
  for (auto& w : entropy) w = rd();
  return SeedSequence(entropy);
}

SeedSequence::SeedSequence(const std::vector<uint32_t>& entropy) {
  uint32_t hash_const = kInitA;
  const size_t n = pool_.size();
  for (size_t i = 0; i < n; ++i)
    pool_[i] = hashmix(i < entropy.size() ? entropy[i] : 0, hash_const);
  for (size_t src = 0; src < n; ++src)
    for (size_t dst = 0; dst < n; ++dst)
      if (src != dst) pool_[dst] = mix(pool_[dst], hashmix(pool_[src], hash_const));
  for (size_t src = n; src < entropy.size(); ++src)
    for (size_t dst = 0; dst < n; ++dst)
      pool_[dst] = mix(pool_[dst], hashmix(entropy[src], hash_const));
}

std::vector<uint32_t> SeedSequence::generate_state_u32(int n_words) const {
  std::vector<uint32_t> state(n_words);
  uint32_t hash_const = kInitB;
  for (int i = 0; i < n_words; ++i) {
    uint32_t v = pool_[i % pool_.size()];
    v ^= hash_const;
    hash_const *= kMultB;
    v *= hash_const;
    v ^= v >> kXShift;
    state[i] = v;
  }
  return state;
}

std::vector<uint64_t> SeedSequence::generate_state_u64(int n_words) const {
  const auto w = generate_state_u32(2 * n_words);
  std::vector<uint64_t> state(n_words);
  for (int i = 0; i < n_words; ++i)
    state[i] = w[2 * i] | (static_cast<uint64_t>(w[2 * i + 1]) << 32);
  return state;
}

Pcg64::Pcg64(const SeedSequence& seq) {
  const auto v = seq.generate_state_u64(4);
  const unsigned __int128 init_state = (static_cast<unsigned __int128>(v[0]) << 64) | v[1];
  const unsigned __int128 init_seq = (static_cast<unsigned __int128>(v[2]) << 64) | v[3];
  // pcg_setseq_128_srandom_r
  inc_ = (init_seq << 1) | 1;
  state_ = inc_;  // 0 * mult + inc
  state_ += init_state;
  state_ = state_ * kPcgMult + inc_;
}

uint64_t Pcg64::next_u64() {
  state_ = state_ * kPcgMult + inc_;
  const uint64_t hi = static_cast<uint64_t>(state_ >> 64), lo = static_cast<uint64_t>(state_);
  const unsigned rot = static_cast<unsigned>(state_ >> 122);
  const uint64_t x = hi ^ lo;
  return (x >> rot) | (x << ((-rot) & 63));
}

uint32_t Pcg64::next_u32() {
  if (has_u32_) {
    has_u32_ = false;
    return u32_;
  }
  const uint64_t next = next_u64();
  has_u32_ = true;
  u32_ = static_cast<uint32_t>(next >> 32);
  return static_cast<uint32_t>(next);
}

Pcg64State Pcg64::state() const {
  return {static_cast<uint64_t>(state_ >> 64),
          static_cast<uint64_t>(state_),
          static_cast<uint64_t>(inc_ >> 64),
          static_cast<uint64_t>(inc_),
          has_u32_,
          u32_};
}

void Pcg64::set_state(const Pcg64State& s) {
  // pcg_setseq always makes the increment odd; an even one is not a saved PCG64.
  if ((s.inc_low & 1) == 0) throw std::invalid_argument("Pcg64::set_state: increment must be odd");
  state_ = (static_cast<unsigned __int128>(s.state_high) << 64) | s.state_low;
  inc_ = (static_cast<unsigned __int128>(s.inc_high) << 64) | s.inc_low;
  has_u32_ = s.has_u32;
  u32_ = s.u32;
}

int64_t NpRandom::integers(int64_t low, int64_t high) {
  if (high <= low) throw std::invalid_argument("NpRandom::integers: high must exceed low");
  const uint64_t rng = static_cast<uint64_t>(high - low - 1);  // inclusive range
  if (rng == 0) return low;
  if (rng >= 0xFFFFFFFFull) throw std::invalid_argument("NpRandom::integers: range too large");
  // buffered_bounded_lemire_uint32
  const uint32_t rng_excl = static_cast<uint32_t>(rng) + 1;
  uint64_t m = static_cast<uint64_t>(bits_.next_u32()) * rng_excl;
  uint32_t leftover = static_cast<uint32_t>(m);
  if (leftover < rng_excl) {
    const uint32_t threshold = (UINT32_MAX - static_cast<uint32_t>(rng)) % rng_excl;
    while (leftover < threshold) {
      m = static_cast<uint64_t>(bits_.next_u32()) * rng_excl;
      leftover = static_cast<uint32_t>(m);
    }
  }
  return low + static_cast<int64_t>(m >> 32);
}

AtariSeeds atari_seeds(std::optional<uint64_t> seed) {
  const SeedSequence seq = seed ? SeedSequence(*seed) : SeedSequence::from_entropy();
  const auto w = seq.generate_state_u32(2);
  return {w[0], w[1]};
}

}  // namespace ag::gym
