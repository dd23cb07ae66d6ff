// The original project's Agent, method for method (act, cache, recall,
// td_estimate, td_target, update_Q_online, update_target_network, learn),
// over this layer's parts: the Double DQN learner, the frame replay (with the
// prioritized sampler when configured) and the epsilon schedule.
//
// Steps are agent steps summed over envs (CleanRL's global_step): act() on a
// batch of N observations counts N, and learn() does the work of every step
// boundary crossed since its last call (updates at multiples of learn_every
// once burnin steps are reached, target syncs at multiples of sync_every),
// so N envs stepping together learn as often per step as one.
//
// LibTorch header: include only in the agent's .cpp files and tests.
#pragma once

#include <array>
#include <filesystem>
#include <memory>
#include <optional>

#include "agent/config.hpp"
#include "agent/double_dqn.hpp"
#include "agent/prioritized_replay.hpp"
#include "agent/replay_buffer.hpp"
#include "agent/rng.hpp"
#include "agent/schedules.hpp"

namespace ag::agent {

// The original's state_dim: (stack, 84, 84).
struct StateDim {
  int stack = 4, height = 84, width = 84;
  int frame_bytes() const { return height * width; }
  int bytes() const { return stack * height * width; }
};

// What one learn() call did.
struct LearnStats {
  int updates = 0;
  int syncs = 0;
  double loss_sum = 0, q_sum = 0;  // over its updates
};

class Agent {
 public:
  // The original's Agent(state_dim, action_dim, save_dir, iterations, checkpoint);
  // the hyperparameters come from `config` (the original hard-coded them).
  Agent(StateDim state_dim, int action_dim, std::filesystem::path save_dir, int64_t iterations,
        const Config& config);

  // Epsilon-greedy action for one observation; counts one step.
  int act(const uint8_t* state);
  // For n observations at once (one batched forward); counts n steps.
  // Draws one uniform per env for epsilon and one more for a random action.
  void act(const uint8_t* states, int n, int* actions);
  // Greedy actions with their Q-values (q: n * action_dim), no step counted.
  void greedy(const uint8_t* states, int n, int* actions, float* q);

  // The original's cache(state, next_state, action, reward, done) for env 0
  // (done = terminated: not bootstrapped)...
  void cache(const uint8_t* state, const uint8_t* next_state, int action, double reward,
             bool done);
  // ...and per env, with truncation (bootstrapped from next_state).
  void cache(int env, const uint8_t* state, const uint8_t* next_state, int action, double reward,
             bool terminated, bool truncated);
  // A batch sampled for learning (uniform, or by priority).
  const ReplayBatch& recall();

  torch::Tensor td_estimate(const torch::Tensor& state, const torch::Tensor& action) {
    return learner_.td_estimate(state, action);
  }
  torch::Tensor td_target(const torch::Tensor& reward, const torch::Tensor& next_state,
                          const torch::Tensor& discount) {
    return learner_.td_target(reward, next_state, discount);
  }
  torch::Tensor update_Q_online(const torch::Tensor& est, const torch::Tensor& tgt) {
    return learner_.update_Q_online(est, tgt);
  }
  void update_target_network() { learner_.update_target_network(); }
  // Does what the steps since the last call owe: target syncs, then (past
  // burn-in) one update per multiple of learn_every.
  LearnStats learn();

  double exploration_rate() const { return epsilon_.at(curr_step_); }
  int64_t curr_step() const { return curr_step_; }
  int action_dim() const { return action_dim_; }
  const StateDim& state_dim() const { return state_dim_; }
  const std::filesystem::path& save_dir() const { return save_dir_; }
  int64_t iterations() const { return iterations_; }

  DoubleDqn& learner() { return learner_; }
  ReplayBuffer& replay() { return replay_; }
  PrioritizedReplay* prioritized() { return per_.get(); }
  const Config& config() const { return config_; }

  // Plain state (everything besides nets, optimizer and replay), for checkpoints.
  struct Counters {
    int64_t curr_step = 0;
    int64_t learned_to = 0;  // learn() has done the work of steps up to here
    int64_t updates = 0;
    std::array<uint64_t, 4> rng{};
    double max_priority = 1.0;
    int64_t learning_starts = -1;
  };
  Counters counters() const {
    return {curr_step_, learned_to_, updates_, rng_.s, per_ ? per_->max_priority() : 1.0,
            learning_starts_};
  }
  void set_counters(const Counters& c);
  int64_t updates() const { return updates_; }
  // Learning waits until this step (default: burnin; a resume without its
  // replay waits burnin more steps while the replay refills).
  void set_learning_starts(int64_t step) { learning_starts_ = step; }

 private:
  Config config_;
  StateDim state_dim_;
  int action_dim_;
  std::filesystem::path save_dir_;
  int64_t iterations_;
  DoubleDqn learner_;
  ReplayBuffer replay_;
  std::unique_ptr<PrioritizedReplay> per_;
  EpsilonSchedule epsilon_;
  LinearSchedule beta_;
  Rng rng_;
  ReplayBatch batch_;
  int64_t curr_step_ = 0, learned_to_ = 0, updates_ = 0, learning_starts_ = -1;
  std::vector<float> q_scratch_;
};

// Multiples of `every` in (from, to].
inline int64_t boundaries(int64_t from, int64_t to, int64_t every) {
  return to / every - from / every;
}

}  // namespace ag::agent
