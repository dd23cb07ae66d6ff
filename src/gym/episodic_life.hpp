// DeepMind's / OpenAI baselines' EpisodicLifeEnv (as in stable-baselines3):
// losing a life ends the agent's episode (terminated = true, while lives > 0),
// but the following reset() continues the running game with one NOOP step
// instead of restarting it; only a real game end (or truncation) resets the
// game. Contrast AtariPreprocessing(terminal_on_life_loss), whose reset
// restarts the game.
//
// One deliberate difference: reset(seed) with a seed always resets for real,
// so a seeded reset is reproducible (baselines would ignore the seed).
#pragma once

#include <memory>

#include "gym/env.hpp"

namespace ag::gym {

class EpisodicLife final : public Wrapper {
 public:
  explicit EpisodicLife(std::unique_ptr<Env> env);
  std::string name() const override { return wrap_name("EpisodicLife"); }
  // Whether the last episode end was the game's own (baselines' was_real_done).
  bool was_real_done() const { return was_real_done_; }
  // lives_ and was_real_done_ (they decide what the next reset does), then the inner env.
  void save_state(emu::StateWriter& out) const override;
  void load_state(emu::StateReader& in) override;

 protected:
  ResetResult do_reset(std::optional<uint64_t> seed, const Options& options) override;
  StepResult do_step(int action) override;

 private:
  AtariBackend& backend_;
  int lives_ = 0;
  bool was_real_done_ = true;
};

}  // namespace ag::gym
