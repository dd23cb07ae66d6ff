#include "agent/agent_game.hpp"

#include <algorithm>
#include <stdexcept>

#include "agent/env_factory.hpp"
#include "agent/rng.hpp"

namespace ag::agent {

EvalGame play_game(QFunction& q, const Config& config, int index, uint64_t seed, double epsilon,
                   const gym::Options& extra, const GameHooks& hooks) {
  auto env = make_env(config, EnvPurpose::kEval, extra, hooks.on_frame);
  if (env->action_space().n != q.actions())
    throw std::runtime_error("the model has " + std::to_string(q.actions()) + " actions, " +
                             config.env + " has " + std::to_string(env->action_space().n));
  EvalGame g;
  g.index = index;
  g.seed = seed + index;
  Rng rng(g.seed ^ 0x6a09e667f3bcc909ULL);  // the game's own epsilon draws
  env->reset(g.seed);
  g.action_counts.assign(q.actions(), 0);
  std::vector<float> qv(q.actions());
  for (;;) {
    AgentDecision d;
    d.step = g.steps;
    d.actions = q.actions();
    if (rng.uniform() < epsilon) {
      d.action = static_cast<int>(rng.below(q.actions()));
      d.random = true;
    } else {
      q.q_values(static_cast<const uint8_t*>(env->observation_data()), 1, qv.data());
      d.action = static_cast<int>(std::max_element(qv.begin(), qv.end()) - qv.begin());
      d.q = qv.data();
    }
    if (hooks.on_decision) hooks.on_decision(d);
    ++g.action_counts[d.action];
    const auto step = env->step(d.action);
    g.score += step.reward;
    ++g.steps;
    g.frames = step.info.episode_frame_number;
    if (step.terminated || step.truncated) {
      g.truncated = step.truncated && !step.terminated;
      break;
    }
    if (hooks.should_stop && hooks.should_stop()) {
      g.stopped = true;
      break;
    }
  }
  return g;
}

}  // namespace ag::agent
