// Munchausen DQN's target (Vieillard, Pietquin and Geist 2020, "Munchausen
// Reinforcement Learning", eq. 2 and appendix B.1), one row at a time from
// the target net's Q-values of s and s':
//
//   pi = softmax(q_target / tau)                  (a soft greedy policy)
//   y  = R + alpha * clip(tau ln pi(a|s), clip, 0)
//          + discount * sum_a' pi(a'|s') (q_target(s', a') - tau ln pi(a'|s'))
//
// The scaled log-policy of the action taken is a bonus (at most 0: the
// greedy action gets ~0, the others less), which widens the action gap; the
// bootstrap is the soft value of s' (entropy-regularized), not a max, so no
// action is picked and Double DQN's online pick does not enter.
// tau ln pi = (q - max q) - tau ln sum exp((q - max q) / tau) is computed
// shifted by the max, so tau = 0.03 against Q-values of ~10 cannot overflow.
//
// With n-step returns R and discount are the replay's (sum of m rewards,
// gamma^m, 0 at a terminal) and the bonus is the first action's only.
// Paper's Atari settings (and the defaults): tau 0.03, alpha 0.9, clip -1.
#pragma once

namespace ag::agent {

struct MunchausenOptions {
  bool on = false;
  double tau = 0.03;
  double alpha = 0.9;
  double clip = -1;  // l0: the floor of tau ln pi(a|s)
};

// tau ln softmax(q / tau) of `actions` values into out[actions].
void scaled_log_softmax(const float* q, int actions, double tau, double* out);

// The target y of one transition: q_s, q_next are the target net's
// Q-values of s and s' ([actions] each), `action` the action taken in s.
float munchausen_target(const float* q_s, const float* q_next, int actions, int action,
                        float ret, float discount, const MunchausenOptions& m);

}  // namespace ag::agent
