#include "agent/replay_buffer.hpp"

#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

namespace ag::agent {

ReplayBuffer::ReplayBuffer(const ReplayConfig& config) : config_(config) {
  if (config.num_envs < 1 || config.stack < 1 || config.stack > 16 || config.n_step < 1 ||
      config.frame_bytes < 1)
    throw std::invalid_argument("ReplayBuffer: bad config");
  segment_ = config.capacity / config.num_envs;
  if (segment_ < config.stack + config.n_step + 2)
    throw std::invalid_argument("ReplayBuffer: capacity " + std::to_string(config.capacity) +
                                " too small for " + std::to_string(config.num_envs) + " envs");
  const int64_t n = segment_ * config.num_envs;
  frames_.resize(static_cast<size_t>(n) * config.frame_bytes);
  abs_.assign(n, -1);
  actions_.assign(n, -1);
  rewards_.assign(n, 0.f);
  flags_.assign(n, 0);
  written_.assign(config.num_envs, 0);
  open_.assign(config.num_envs, 0);
}

int64_t ReplayBuffer::push_frame(int env, const uint8_t* frame) {
  const int64_t abs = written_[env]++;
  const int64_t slot = slot_of(env, abs);
  if (actions_[slot] >= 0) --transitions_;  // an old transition is overwritten
  std::memcpy(&frames_[static_cast<size_t>(slot) * config_.frame_bytes], frame,
              config_.frame_bytes);
  abs_[slot] = abs;
  actions_[slot] = -1;
  rewards_[slot] = 0;
  flags_[slot] = 0;
  return slot;
}

CacheEffect ReplayBuffer::cache(int env, const uint8_t* state, const uint8_t* next_state,
                                int action, float reward, bool terminated, bool truncated) {
  if (env < 0 || env >= config_.num_envs) throw std::out_of_range("ReplayBuffer: bad env");
  if (action < 0 || action > 32767) throw std::out_of_range("ReplayBuffer: bad action");
  CacheEffect effect;
  const size_t fb = config_.frame_bytes;
  if (!open_[env]) {  // an episode starts: its whole first stack
    for (int i = 0; i < config_.stack; ++i)
      effect.written[effect.num_written++] = push_frame(env, state + i * fb);
    open_[env] = 1;
  }
  // The current slot holds state's newest frame (written by the previous
  // cache as its next_state, or just now).
  const int64_t cur = slot_of(env, written_[env] - 1);
  actions_[cur] = static_cast<int16_t>(action);
  rewards_[cur] = reward;
  flags_[cur] = (terminated ? kTerminated : 0) | (truncated ? kTruncated : 0);
  ++transitions_;
  effect.completed = cur;
  effect.written[effect.num_written++] =
      push_frame(env, next_state + static_cast<size_t>(config_.stack - 1) * fb);
  if (terminated || truncated) open_[env] = 0;  // that frame is the final observation
  return effect;
}

int64_t ReplayBuffer::live_slot(int env, int64_t abs) const {
  if (abs < 0 || abs >= written_[env] || abs < written_[env] - segment_) return -1;
  return slot_of(env, abs);
}

bool ReplayBuffer::is_valid(int64_t slot) const {
  if (slot < 0 || slot >= slots() || actions_[slot] < 0) return false;
  const int env = static_cast<int>(slot / segment_);
  const int64_t k = abs_[slot];
  // The oldest frame of its stack must still be there.
  if (live_slot(env, k - (config_.stack - 1)) < 0) return false;
  for (int j = 0; j < config_.n_step; ++j) {
    const int64_t s = live_slot(env, k + j);
    if (s < 0 || actions_[s] < 0) return false;  // the future is not complete yet
    if (flags_[s]) return true;                   // the episode ends within n steps
  }
  return live_slot(env, k + config_.n_step) >= 0;
}

int64_t ReplayBuffer::sample_uniform(Rng& rng) const {
  int64_t filled[256];
  int64_t total = 0;
  const int n = config_.num_envs;
  for (int e = 0; e < n; ++e) total += filled[e] = std::min(written_[e], segment_);
  if (total == 0) return -1;
  for (int tries = 0; tries < 1000; ++tries) {
    int64_t r = static_cast<int64_t>(rng.below(static_cast<uint64_t>(total)));
    int e = 0;
    while (r >= filled[e]) r -= filled[e++];
    const int64_t slot = e * segment_ + r;
    if (is_valid(slot)) return slot;
  }
  return -1;
}

void ReplayBuffer::resize_batch(ReplayBatch& b, int size) const {
  const size_t row = static_cast<size_t>(config_.stack) * config_.frame_bytes;
  b.size = size;
  b.states.resize(row * size);
  b.next_states.resize(row * size);
  b.actions.resize(size);
  b.returns.resize(size);
  b.discounts.resize(size);
  b.weights.assign(size, 1.f);
  b.indices.resize(size);
}

void ReplayBuffer::gather(std::span<const int64_t> slots, ReplayBatch& b) const {
  resize_batch(b, static_cast<int>(slots.size()));
  const size_t fb = config_.frame_bytes;
  const size_t row = static_cast<size_t>(config_.stack) * fb;
  auto copy_stack = [&](int env, int64_t newest_abs, uint8_t* out) {
    for (int i = 0; i < config_.stack; ++i) {
      const int64_t s = slot_of(env, newest_abs - (config_.stack - 1) + i);
      std::memcpy(out + i * fb, &frames_[static_cast<size_t>(s) * fb], fb);
    }
  };
  for (size_t i = 0; i < slots.size(); ++i) {
    const int64_t slot = slots[i];
    if (!is_valid(slot)) throw std::logic_error("ReplayBuffer::gather: invalid slot");
    const int env = static_cast<int>(slot / segment_);
    const int64_t k = abs_[slot];
    double ret = 0, discount = 1;
    int m = 0;
    bool bootstrap = true;
    for (int j = 0; j < config_.n_step; ++j) {
      const int64_t s = slot_of(env, k + j);
      ret += discount * rewards_[s];
      discount *= config_.gamma;
      m = j + 1;
      if (flags_[s]) {
        bootstrap = !(flags_[s] & kTerminated);  // truncated: bootstrap from the final obs
        break;
      }
    }
    copy_stack(env, k, &b.states[i * row]);
    copy_stack(env, k + m, &b.next_states[i * row]);
    b.actions[i] = actions_[slot];
    b.returns[i] = static_cast<float>(ret);
    b.discounts[i] = bootstrap ? static_cast<float>(discount) : 0.f;
    b.indices[i] = slot;
  }
}

void ReplayBuffer::set_counters(const Counters& c) {
  if (c.written.size() != written_.size() || c.open.size() != open_.size())
    throw std::invalid_argument("ReplayBuffer: counters of another env count");
  written_ = c.written;
  open_ = c.open;
  transitions_ = c.transitions;
}

}  // namespace ag::agent
