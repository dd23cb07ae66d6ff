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

void RecordEpisodeStatistics::save_state(emu::StateWriter& out) const {
  put_state_tag(out, "RecordEpisodeStatistics");
  out.put<int32_t>(buffer_length_);
  out.put(episode_return_);
  out.put(episode_length_);
  out.put(episode_count_);
  const auto elapsed = std::chrono::steady_clock::now() - start_;
  out.put<int64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count());
  out.put<uint32_t>(static_cast<uint32_t>(returns_.size()));
  for (size_t i = 0; i < returns_.size(); ++i) {
    out.put(returns_[i]);
    out.put(lengths_[i]);
    out.put(times_[i]);
  }
  inner_->save_state(out);
}

void RecordEpisodeStatistics::load_state(emu::StateReader& raw) {
  EnvStateReader in(raw, *this);
  in.expect_tag("RecordEpisodeStatistics");
  in.expect_same("buffer_length", int32_t{buffer_length_});
  const auto episode_return = in.get<double>();
  const auto episode_length = in.get<int64_t>();
  const auto episode_count = in.get<int64_t>();
  const auto elapsed_ns = in.get<int64_t>();
  const auto n = in.get<uint32_t>();
  if (episode_length < 0 || episode_count < 0 || elapsed_ns < 0 ||
      n > static_cast<uint32_t>(buffer_length_) || n > episode_count)
    in.fail("corrupt state: episode statistics out of range");
  std::deque<double> returns, times;
  std::deque<int64_t> lengths;
  for (uint32_t i = 0; i < n; ++i) {
    returns.push_back(in.get<double>());
    lengths.push_back(in.get<int64_t>());
    times.push_back(in.get<double>());
  }
  inner_->load_state(raw);
  episode_return_ = episode_return;
  episode_length_ = episode_length;
  episode_count_ = episode_count;
  start_ = std::chrono::steady_clock::now() - std::chrono::nanoseconds(elapsed_ns);
  returns_ = std::move(returns);
  lengths_ = std::move(lengths);
  times_ = std::move(times);
}

}  // namespace ag::gym
