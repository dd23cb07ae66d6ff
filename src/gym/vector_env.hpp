// N environments stepped together by a pool of threads (Gymnasium's
// SyncVectorEnv / AsyncVectorEnv semantics, EnvPool's buffers):
//
// - Observations of all envs live in one contiguous, preallocated buffer
//   [num_envs, *single_observation_space.shape]: each env writes its own slot,
//   so an agent can wrap observations() as a tensor without a copy. Rewards,
//   terminations, truncations and infos are arrays too. Nothing is allocated
//   per step.
// - reset(seed) seeds env i with seed + i (Gymnasium's SyncVectorEnv), so
//   the results equal N single envs reset with those seeds.
// - Autoreset, default NEXT_STEP (Gymnasium 1.x's default): the step after an
//   env terminated or truncated resets it instead of stepping it (its action
//   is ignored) and reports the reset observation with reward 0 and
//   terminated = truncated = false. SAME_STEP resets within the ending step
//   (observation and info become the reset's; reward and flags stay the
//   final step's). DISABLED leaves resets to the caller (reset with a mask);
//   stepping a finished env is an error.
// - In every mode the finished episode's final observation and info are kept
//   (final_observation(i), final_info(i)) until that env's next episode ends.
// - step() = send() + recv(): send() returns at once, so an agent can work
//   while the envs step. With one worker thread a synchronous step()/reset()
//   runs the envs on the calling thread instead (no hand-off).
#pragma once

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <thread>
#include <vector>

#include "gym/env.hpp"

namespace ag::gym {

enum class AutoresetMode { kNextStep, kSameStep, kDisabled };

struct VectorEnvOptions {
  int num_threads = 1;  // worker threads (>= 1); more than num_envs is pointless
  AutoresetMode autoreset_mode = AutoresetMode::kNextStep;
};

class VectorEnv {
 public:
  using EnvFactory = std::function<std::unique_ptr<Env>(int index)>;

  // Builds num_envs envs with make_env(0..num_envs-1); all must have the same
  // spaces. Throws GymError otherwise.
  VectorEnv(int num_envs, const EnvFactory& make_env, VectorEnvOptions options = {});
  ~VectorEnv();
  VectorEnv(const VectorEnv&) = delete;
  VectorEnv& operator=(const VectorEnv&) = delete;

  int num_envs() const { return static_cast<int>(envs_.size()); }
  int num_threads() const { return static_cast<int>(workers_.size()); }
  AutoresetMode autoreset_mode() const { return options_.autoreset_mode; }
  const Discrete& single_action_space() const { return envs_[0]->action_space(); }
  const Box& single_observation_space() const { return envs_[0]->observation_space(); }
  std::vector<int> observation_shape() const;  // {num_envs, *single shape}

  // Resets every env: env i with seed + i, or each continuing its own random
  // streams when no seed is given.
  void reset(std::optional<uint64_t> seed = std::nullopt);
  // Resets the envs with mask[i] != 0 (Gymnasium's reset_mask); seeds seed + i.
  void reset(std::optional<uint64_t> seed, std::span<const uint8_t> mask);

  // One step of every env; actions[i] goes to env i.
  void step(std::span<const int> actions);
  void send(std::span<const int> actions);
  void recv();  // waits for send(); rethrows the first error a sub-env raised

  // Results of the last reset or step (valid until the next one begins).
  const void* observations() const { return obs_.data(); }
  const uint8_t* observations_u8() const;  // throws GymError unless dtype is uint8
  const float* observations_f32() const;   // throws GymError unless dtype is float32
  size_t observation_bytes() const { return obs_bytes_; }  // of one env
  std::span<const double> rewards() const { return rewards_; }
  std::span<const uint8_t> terminations() const { return terminated_; }
  std::span<const uint8_t> truncations() const { return truncated_; }
  std::span<const Info> infos() const { return infos_; }

  // The last finished episode of env i: whether there is one, its final
  // observation and info, and whether it ended in the last step.
  bool has_final(int i) const { return has_final_[i] != 0; }
  const void* final_observation(int i) const { return final_obs_.data() + i * obs_bytes_; }
  const Info& final_info(int i) const { return final_infos_[i]; }
  bool ended_last_step(int i) const { return ended_[i] != 0; }

  Env& env(int i) { return *envs_[i]; }

  // Checkpoints: every env's state (Env::save_state) and the vector's own
  // bookkeeping (pending autoresets, last results, final observations and
  // infos), so that after load_state the results of the last step read the
  // same and step() continues exactly as it would have. load_state throws
  // GymError for a state of another vector size, autoreset mode or env
  // stack, or a truncated one, and then leaves the vector as it was. Not
  // while a send() awaits its recv() (save throws; load waits for it first).
  void save_state(emu::StateWriter& out) const;
  void load_state(emu::StateReader& in);

 private:
  enum class Task { kStep, kReset };
  void run(int i);
  void dispatch(Task task);
  void take_actions(std::span<const int> actions);  // validated into actions_
  void run_and_wait(Task task);                     // a synchronous step/reset
  void rethrow_first_error();
  void wait_done();
  void worker_main();
  void keep_final(int i, const Info& info);
  void read_state(emu::StateReader& in);

  VectorEnvOptions options_;
  std::vector<std::unique_ptr<Env>> envs_;
  size_t obs_bytes_ = 0;
  std::vector<uint8_t> obs_, final_obs_;
  std::vector<double> rewards_;
  std::vector<uint8_t> terminated_, truncated_, needs_reset_, has_final_, ended_;
  std::vector<Info> infos_, final_infos_;
  std::vector<int> actions_;
  std::vector<uint8_t> reset_mask_;
  std::vector<std::optional<uint64_t>> reset_seeds_;
  std::vector<std::exception_ptr> errors_;

  // The pool: each dispatch bumps epoch_; workers take envs from next_ until
  // none are left; the last worker out publishes done_ = epoch_.
  Task task_ = Task::kStep;
  bool in_flight_ = false;
  std::atomic<uint64_t> epoch_{0};
  std::atomic<uint64_t> done_{0};
  std::atomic<int> next_{0};
  std::atomic<int> active_{0};
  std::atomic<bool> stop_{false};
  std::vector<std::thread> workers_;
};

}  // namespace ag::gym
