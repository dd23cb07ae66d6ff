#include "agent/munchausen.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace ag::agent {

void scaled_log_softmax(const float* q, int actions, double tau, double* out) {
  double max = q[0];
  for (int j = 1; j < actions; ++j) max = std::max(max, static_cast<double>(q[j]));
  double sum = 0;
  for (int j = 0; j < actions; ++j) sum += std::exp((q[j] - max) / tau);
  const double log_sum = tau * std::log(sum);
  for (int j = 0; j < actions; ++j) out[j] = (q[j] - max) - log_sum;
}

float munchausen_target(const float* q_s, const float* q_next, int actions, int action,
                        float ret, float discount, const MunchausenOptions& m) {
  // Atari's action sets have at most 18 actions; the stack holds them.
  double log_pi[32];
  std::vector<double> heap;
  double* lp = log_pi;
  if (actions > 32) {
    heap.resize(static_cast<size_t>(actions));
    lp = heap.data();
  }
  scaled_log_softmax(q_s, actions, m.tau, lp);
  const double bonus = m.alpha * std::clamp(lp[action], m.clip, 0.0);

  scaled_log_softmax(q_next, actions, m.tau, lp);
  double soft_value = 0;
  for (int j = 0; j < actions; ++j) {
    const double pi = std::exp(lp[j] / m.tau);
    soft_value += pi * (q_next[j] - lp[j]);
  }
  return static_cast<float>(ret + bonus + discount * soft_value);
}

}  // namespace ag::agent
