#include "gym/record_episode_statistics.hpp"

#include <cmath>

namespace ag::gym {

RecordEpisodeStatistics::RecordEpisodeStatistics(std::unique_ptr<Env> env, int buffer_length)
    : Wrapper(std::move(env)), buffer_length_(buffer_length) {
  if (buffer_length_ <= 0)
    throw GymError("RecordEpisodeStatistics: buffer_length must be positive, got " +
                   std::to_string(buffer_length_));
  start_ = std::chrono::steady_clock::now();
}

ResetResult RecordEpisodeStatistics::do_reset(std::optional<uint64_t> seed,
                                              const Options& options) {
  ResetResult r = inner_->reset(seed, options);
  start_ = std::chrono::steady_clock::now();
  episode_return_ = 0;
  episode_length_ = 0;
  return r;
}

StepResult RecordEpisodeStatistics::do_step(int action) {
  StepResult s = inner_->step(action);
  episode_return_ += s.reward;
  ++episode_length_;
  if (s.terminated || s.truncated) {
    const auto now = std::chrono::steady_clock::now();
    const double t = std::round(std::chrono::duration<double>(now - start_).count() * 1e6) / 1e6;
    s.info.episode = EpisodeStatistics{episode_return_, episode_length_, t};
    push(times_, t);
    push(returns_, episode_return_);
    push(lengths_, episode_length_);
    ++episode_count_;
    start_ = now;
  }
  return s;
}

}  // namespace ag::gym
