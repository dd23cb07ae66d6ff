// Holds a loop to a frame rate (the game's 60 or 50 Hz, or what the user
// sets): wait() sleeps until the next frame is due. A loop that falls more
// than a frame behind (a slow machine, a paused debugger) starts counting
// afresh instead of rushing to catch up.
#pragma once

#include <chrono>
#include <thread>

namespace ag::media {

class FramePacer {
 public:
  using Clock = std::chrono::steady_clock;
  // fps <= 0: no waiting (as fast as the machine goes).
  explicit FramePacer(double fps) { set_fps(fps); }
  void set_fps(double fps) {
    fps_ = fps;
    next_ = Clock::now();
  }
  double fps() const { return fps_; }
  void wait() {
    if (fps_ <= 0) return;
    const auto period =
        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / fps_));
    next_ += period;
    const auto now = Clock::now();
    if (next_ < now - period) next_ = now;
    std::this_thread::sleep_until(next_);
  }

 private:
  double fps_ = 0;
  Clock::time_point next_;
};

}  // namespace ag::media
