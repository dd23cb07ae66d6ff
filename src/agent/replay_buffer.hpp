// Experience replay that stores each frame once, as uint8, and rebuilds the
// frame stacks when sampling (Dopamine's circular_replay_buffer.py idea):
// 1M transitions of 84x84 frames take ~7 GB instead of the original's two
// float stacks per transition (~225 KB each).
//
// Layout: one ring per env (capacity / num_envs slots each), so the frames of
// one env's episode are consecutive. A slot holds one frame and, once the
// agent acted on the observation whose newest frame it is, that action, the
// reward and whether the step ended the episode (terminated: no bootstrap;
// truncated: bootstrap from the final observation, which is stored).
//
//   episode start: the whole first stack (stack-1 padding slots, then the
//                  slot of the first observation's newest frame)
//   each step:     the action/reward/flags go into the current slot, the
//                  newest frame of next_state into the next one
//
// So the stack of any slot is the `stack` slots ending at it, always within
// its episode. A slot k is a valid sample when it has an action, its oldest
// frame is not overwritten, and its n-step future is complete: n actions
// (or fewer, up to the episode's end) with the next observation stored.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "agent/rng.hpp"

namespace ag::agent {

struct ReplayConfig {
  int64_t capacity = 0;  // slots over all envs
  int num_envs = 1;
  int stack = 4;
  int frame_bytes = 84 * 84;
  int n_step = 1;
  double gamma = 0.99;
};

// A sampled batch, as the learner reads it (row i: transition indices[i]).
struct ReplayBatch {
  int size = 0;
  std::vector<uint8_t> states, next_states;  // [size, stack, frame_bytes]
  std::vector<int64_t> actions;
  std::vector<float> returns;    // sum_{j<m} gamma^j r_{k+j}
  std::vector<float> discounts;  // gamma^m, or 0 when the episode terminated within m steps
  std::vector<float> weights;    // importance weights (1 without prioritized replay)
  std::vector<int64_t> indices;  // global slots, to update priorities
};

// What one cache() did to the slots (for the prioritized sampler).
struct CacheEffect {
  int64_t completed = -1;   // the slot that became a transition (got its action)
  int64_t written[17] = {};  // slots that now hold new frames (old data gone)
  int num_written = 0;
};

class ReplayBuffer {
 public:
  explicit ReplayBuffer(const ReplayConfig& config);

  const ReplayConfig& config() const { return config_; }
  int64_t slots() const { return static_cast<int64_t>(actions_.size()); }
  int64_t segment() const { return segment_; }

  // The original's cache(state, next_state, action, reward, done), per env:
  // `state` and `next_state` are full stacks; only next_state's newest frame
  // is stored (and all of `state` when it starts an episode).
  CacheEffect cache(int env, const uint8_t* state, const uint8_t* next_state, int action,
                    float reward, bool terminated, bool truncated);

  // Transitions stored (slots with an action), over all envs.
  int64_t transitions() const { return transitions_; }
  bool is_valid(int64_t slot) const;
  // A uniformly random valid slot (rejection sampling); -1 if none after many tries.
  int64_t sample_uniform(Rng& rng) const;
  // Fills rows of `batch` for `slots` (states, next states, n-step returns,
  // discounts); weights set to 1.
  void gather(std::span<const int64_t> slots, ReplayBatch& batch) const;
  void resize_batch(ReplayBatch& batch, int size) const;

  // Plain state, for checkpoints (save_replay).
  struct Counters {
    std::vector<int64_t> written;  // per env: slots ever written
    std::vector<uint8_t> open;     // per env: an episode is in progress
    int64_t transitions = 0;
  };
  Counters counters() const { return {written_, open_, transitions_}; }
  void set_counters(const Counters& c);
  std::vector<uint8_t>& frames() { return frames_; }
  std::vector<int64_t>& slot_abs() { return abs_; }
  std::vector<int16_t>& actions() { return actions_; }
  std::vector<float>& rewards() { return rewards_; }
  std::vector<uint8_t>& flags() { return flags_; }

  static constexpr uint8_t kTerminated = 1, kTruncated = 2;

 private:
  int64_t slot_of(int env, int64_t abs) const { return env * segment_ + abs % segment_; }
  // Writes a frame as the env's next slot; returns its global slot.
  int64_t push_frame(int env, const uint8_t* frame);
  // The slot holding absolute position `abs` of `env`, or -1 if overwritten/unwritten.
  int64_t live_slot(int env, int64_t abs) const;

  ReplayConfig config_;
  int64_t segment_;
  std::vector<uint8_t> frames_;
  std::vector<int64_t> abs_;     // absolute position a slot holds (-1: never written)
  std::vector<int16_t> actions_;  // -1: no action (padding, pending, final observation)
  std::vector<float> rewards_;
  std::vector<uint8_t> flags_;
  std::vector<int64_t> written_;
  std::vector<uint8_t> open_;
  int64_t transitions_ = 0;
};

}  // namespace ag::agent
