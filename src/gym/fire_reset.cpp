#include "gym/fire_reset.hpp"

namespace ag::gym {

FireReset::FireReset(std::unique_ptr<Env> env) : Wrapper(std::move(env)) {
  const auto meanings = inner_->unwrapped().action_meanings();
  if (meanings.size() < 3 || meanings[1] != "FIRE")
    throw GymError("FireReset: " + inner_->name() +
                   " needs FIRE as action 1 and at least 3 actions (action meanings: " +
                   std::to_string(meanings.size()) + " actions" +
                   (meanings.size() > 1 ? ", action 1 is " + meanings[1] : std::string()) + ")");
}

ResetResult FireReset::do_reset(std::optional<uint64_t> seed, const Options& options) {
  ResetResult r = inner_->reset(seed, options);
  // The FIRE steps' info has no seeds; a seeded reset's must keep them
  // (Python's reset(seed=...) seeds env.unwrapped.np_random from them).
  const std::optional<SeedsUsed> seeds = r.info.seeds;
  for (int action : {1, 2}) {
    StepResult s = inner_->step(action);
    r = {s.obs, s.info};
    if (s.terminated || s.truncated) r = inner_->reset(seed, options);
  }
  if (!r.info.seeds) r.info.seeds = seeds;
  return r;
}

}  // namespace ag::gym
