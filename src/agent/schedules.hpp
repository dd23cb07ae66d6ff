// Schedules of the training loop as functions of the agent step, so a resumed
// run computes the same value from its step alone.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

namespace ag::agent {

// Epsilon of epsilon-greedy acting.
//  multiplicative (the original): start * decay^step, floored at min; the
//    original multiplied once per act(), which this equals up to rounding.
//  linear (CleanRL's linear_schedule): from start to min over `steps` agent
//    steps from step 0, then min. Dopamine's linearly_decaying_epsilon holds
//    start through its burn-in first (with 250k and a 20k burn-in it reaches
//    min at 270k, not 250k); attempt 5's README table calls the two equal.
struct EpsilonSchedule {
  enum class Kind { kMultiplicative, kLinear };
  Kind kind = Kind::kLinear;
  double start = 1.0;
  double min = 0.01;
  double decay = 0.99999975;
  int64_t steps = 250'000;

  double at(int64_t step) const {
    if (kind == Kind::kMultiplicative)
      return std::max(min, start * std::pow(decay, static_cast<double>(step)));
    const double slope = (min - start) / static_cast<double>(steps);
    return std::max(slope * static_cast<double>(step) + start, min);
  }
  static Kind kind_from(const std::string& name) {
    return name == "multiplicative" ? Kind::kMultiplicative : Kind::kLinear;
  }
};

// Linear from `start` to `end` over `steps` agent steps, then `end`
// (prioritized replay's importance exponent beta, annealed to 1).
struct LinearSchedule {
  double start = 0.4;
  double end = 1.0;
  int64_t steps = 1;
  double at(int64_t step) const {
    const double f = std::clamp(static_cast<double>(step) / static_cast<double>(steps), 0.0, 1.0);
    return start + f * (end - start);
  }
};

}  // namespace ag::agent
