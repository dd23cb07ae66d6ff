// Gymnasium's RecordEpisodeStatistics: at the end of an episode (terminated
// or truncated) info.episode = {r: return, l: length in steps, t: seconds
// since the episode's reset, rounded to microseconds}; the last
// buffer_length episodes are kept in return/length/time queues.
#pragma once

#include <chrono>
#include <deque>
#include <memory>

#include "gym/env.hpp"

namespace ag::gym {

class RecordEpisodeStatistics final : public Wrapper {
 public:
  explicit RecordEpisodeStatistics(std::unique_ptr<Env> env, int buffer_length = 100);
  std::string name() const override { return wrap_name("RecordEpisodeStatistics"); }

  const std::deque<double>& return_queue() const { return returns_; }
  const std::deque<int64_t>& length_queue() const { return lengths_; }
  const std::deque<double>& time_queue() const { return times_; }
  int64_t episode_count() const { return episode_count_; }

  // The running return and length, the episode's elapsed wall time (the
  // loaded env's clock continues from it), the count and the queues, then
  // the inner env.
  void save_state(emu::StateWriter& out) const override;
  void load_state(emu::StateReader& in) override;

 protected:
  ResetResult do_reset(std::optional<uint64_t> seed, const Options& options) override;
  StepResult do_step(int action) override;

 private:
  template <class T>
  void push(std::deque<T>& q, T v) {
    q.push_back(v);
    if (q.size() > static_cast<size_t>(buffer_length_)) q.pop_front();
  }

  int buffer_length_;
  std::chrono::steady_clock::time_point start_;
  double episode_return_ = 0;
  int64_t episode_length_ = 0;
  int64_t episode_count_ = 0;
  std::deque<double> returns_, times_;
  std::deque<int64_t> lengths_;
};

}  // namespace ag::gym
