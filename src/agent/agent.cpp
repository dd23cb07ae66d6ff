#include "agent/agent.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

namespace ag::agent {

namespace {

ReplayConfig replay_config(const Config& c, StateDim dim) {
  ReplayConfig r;
  r.capacity = c.replay_capacity();
  r.num_envs = static_cast<int>(c.num_envs);
  r.stack = dim.stack;
  r.frame_bytes = dim.frame_bytes();
  r.n_step = static_cast<int>(c.n_step);
  r.gamma = c.gamma;
  return r;
}

LearnerOptions learner_options(const Config& c, StateDim dim, int actions) {
  LearnerOptions o;
  o.in_channels = dim.stack;
  o.actions = actions;
  o.dueling = c.dueling;
  o.learning_rate = c.learning_rate;
  o.adam_eps = c.adam_eps;
  o.grad_clip_norm = c.grad_clip_norm;
  o.bf16 = c.precision == "bf16";
  o.quantiles = static_cast<int>(c.quantiles);
  o.init = c.init == "variance_scaling" ? LearnerOptions::Init::kVarianceScaling
           : c.init == "xavier_uniform"   ? LearnerOptions::Init::kXavierUniform
                                          : LearnerOptions::Init::kPyTorch;
  o.loss = c.loss == "mse" ? LearnerOptions::Loss::kMse : LearnerOptions::Loss::kHuber;
  o.munchausen = {c.munchausen, c.munchausen_tau, c.munchausen_alpha, c.munchausen_clip};
  o.backend = c.learner_backend == "onednn"        ? LearnerOptions::Backend::kOneDnn
              : c.learner_backend == "onednn_bf16" ? LearnerOptions::Backend::kOneDnnBf16
                                                   : LearnerOptions::Backend::kLibTorch;
  // oneDNN layout choices (dnnl_q_network.hpp), a measurement knob:
  // AG_ONEDNN_LAYOUT=blocked,fc1-own-weights (either or both).
  if (const char* l = std::getenv("AG_ONEDNN_LAYOUT")) {
    const std::string v = l;
    o.onednn_layout.blocked_convs = v.find("blocked") != std::string::npos;
    o.onednn_layout.fc1_own_weights = v.find("fc1-own-weights") != std::string::npos;
  }
  // Test hook (scripts/planted-faults.sh): never set in normal use.
  if (const char* f = std::getenv("AG_PLANT_FAULT")) {
    if (std::string(f) == "no_target_sync") o.fault = LearnerOptions::Fault::kNoTargetSync;
    if (std::string(f) == "td_sign") o.fault = LearnerOptions::Fault::kTdSign;
  }
  return o;
}

}  // namespace

Agent::Agent(StateDim state_dim, int action_dim, std::filesystem::path save_dir,
             int64_t iterations, const Config& config)
    : config_(config),
      state_dim_(state_dim),
      action_dim_(action_dim),
      save_dir_(std::move(save_dir)),
      iterations_(iterations),
      learner_((torch::manual_seed(static_cast<uint64_t>(config.seed)),
                learner_options(config, state_dim, action_dim))),
      replay_(replay_config(config, state_dim)),
      rng_(static_cast<uint64_t>(config.seed) * 0x9e3779b97f4a7c15ULL + 1) {
  if (config.prioritized) per_ = std::make_unique<PrioritizedReplay>(replay_, config.priority_alpha);
  epsilon_.kind = EpsilonSchedule::kind_from(config.exploration_schedule);
  epsilon_.start = config.exploration_rate;
  epsilon_.min = config.exploration_rate_min;
  epsilon_.decay = config.exploration_rate_decay;
  epsilon_.steps = config.exploration_steps;
  beta_ = {config.priority_beta, 1.0, std::max<int64_t>(config.priority_beta_horizon(), 1)};
}

int Agent::act(const uint8_t* state) {
  int a;
  act(state, 1, &a);
  return a;
}

void Agent::act(const uint8_t* states, int n, int* actions) {
  const double eps = exploration_rate();
  // Draw first, so the random stream does not depend on the net's outputs.
  bool any_greedy = false;
  for (int i = 0; i < n; ++i) {
    const bool explore = rng_.uniform() < eps;
    actions[i] = explore ? static_cast<int>(rng_.below(action_dim_)) : -1;
    any_greedy |= !explore;
  }
  if (any_greedy) {
    q_scratch_.resize(static_cast<size_t>(n) * action_dim_);
    learner_.q_values(states, n, q_scratch_.data());
    for (int i = 0; i < n; ++i) {
      if (actions[i] >= 0) continue;
      const float* q = &q_scratch_[static_cast<size_t>(i) * action_dim_];
      actions[i] = static_cast<int>(std::max_element(q, q + action_dim_) - q);
    }
  }
  curr_step_ += n;
}

void Agent::greedy(const uint8_t* states, int n, int* actions, float* q) {
  learner_.q_values(states, n, q);
  for (int i = 0; i < n; ++i) {
    const float* row = q + static_cast<size_t>(i) * action_dim_;
    actions[i] = static_cast<int>(std::max_element(row, row + action_dim_) - row);
  }
}

void Agent::cache(const uint8_t* state, const uint8_t* next_state, int action, double reward,
                  bool done) {
  cache(0, state, next_state, action, reward, done, false);
}

void Agent::cache(int env, const uint8_t* state, const uint8_t* next_state, int action,
                  double reward, bool terminated, bool truncated) {
  // Reward clipping (DQN's sign clipping) only changes what is learnt from.
  const double r = config_.reward_clip ? (reward > 0) - (reward < 0) : reward;
  const CacheEffect effect = replay_.cache(env, state, next_state, action, static_cast<float>(r),
                                           terminated, truncated);
  if (per_) per_->on_cache(effect);
}

const ReplayBatch& Agent::recall() {
  const int b = static_cast<int>(config_.batch_size);
  if (per_) {
    per_->sample(rng_, b, beta_.at(curr_step_), batch_);
  } else {
    std::vector<int64_t> slots(b);
    for (auto& s : slots) {
      s = replay_.sample_uniform(rng_);
      if (s < 0) throw std::logic_error("Agent::recall: no valid transition in the replay");
    }
    replay_.gather(slots, batch_);
  }
  return batch_;
}

LearnStats Agent::learn() {
  LearnStats stats;
  const int64_t from = learned_to_, to = curr_step_;
  learned_to_ = to;
  const int64_t burnin = learning_starts_ >= 0 ? learning_starts_ : config_.burnin_steps();
  // Updates at multiples of learn_every that are >= burnin (the original
  // returns early while curr_step < burnin).
  const int64_t first = std::max(from, burnin - 1);
  const int64_t updates = to > first ? boundaries(first, to, config_.learn_every) : 0;
  stats.syncs = static_cast<int>(boundaries(from, to, config_.sync_every));
  // The original syncs before it learns in the same call.
  if (stats.syncs > 0) update_target_network();
  for (int64_t u = 0; u < updates; ++u) {
    if (replay_.transitions() < config_.batch_size) break;
    const ReplayBatch& batch = recall();
    UpdateResult r = learner_.learn(batch);
    if (per_) per_->update_priorities(batch.indices, r.td_errors);
    stats.loss_sum += r.loss;
    stats.q_sum += r.q_mean;
    ++stats.updates;
    ++updates_;
  }
  return stats;
}

void Agent::set_counters(const Counters& c) {
  curr_step_ = c.curr_step;
  learned_to_ = c.learned_to;
  updates_ = c.updates;
  rng_.s = c.rng;
  learning_starts_ = c.learning_starts;
  if (per_) per_->set_max_priority(c.max_priority);
}

}  // namespace ag::agent
