#include "gym/episodic_life.hpp"

namespace ag::gym {

EpisodicLife::EpisodicLife(std::unique_ptr<Env> env)
    : Wrapper(std::move(env)), backend_(atari_backend(*inner_, "EpisodicLife")) {}

StepResult EpisodicLife::do_step(int action) {
  StepResult s = inner_->step(action);
  was_real_done_ = s.terminated || s.truncated;
  // Only a drop to a positive count ends the life-episode: some games (Qbert)
  // sit at 0 lives for a few frames before the game itself says it is over.
  const int lives = backend_.lives();
  if (lives > 0 && lives < lives_) s.terminated = true;
  lives_ = lives;
  return s;
}

ResetResult EpisodicLife::do_reset(std::optional<uint64_t> seed, const Options& options) {
  ResetResult r{observation(), {}};
  if (was_real_done_ || seed) {
    r = inner_->reset(seed, options);
  } else {
    // Advance from the life-lost state with a NOOP; that step may end the game.
    StepResult s = inner_->step(0);
    r = {s.obs, s.info};
    if (s.terminated || s.truncated) r = inner_->reset(seed, options);
  }
  lives_ = backend_.lives();
  return r;
}

void EpisodicLife::save_state(emu::StateWriter& out) const {
  put_state_tag(out, "EpisodicLife");
  out.put<int32_t>(lives_);
  out.put<uint8_t>(was_real_done_);
  inner_->save_state(out);
}

void EpisodicLife::load_state(emu::StateReader& raw) {
  EnvStateReader in(raw, *this);
  in.expect_tag("EpisodicLife");
  const int lives = in.get<int32_t>();
  const bool was_real_done = in.get_bool();
  inner_->load_state(raw);
  lives_ = lives;
  was_real_done_ = was_real_done;
}

}  // namespace ag::gym
