#include "gym/corridor_env.hpp"

#include <cstring>

#include "emu/state_io.hpp"

namespace ag::gym {

CorridorEnv::CorridorEnv()
    : Env(Discrete{3}, Box{0, 255, {84, 84}, DType::kUInt8}), rng_(SeedSequence::from_entropy()) {}

ResetResult CorridorEnv::do_reset(std::optional<uint64_t> seed, const Options&) {
  if (seed) rng_ = NpRandom(*seed);
  pos_ = static_cast<int>(rng_.integers(1, 4));
  steps_ = 0;
  return {observation(), Info{}};
}

StepResult CorridorEnv::do_step(int action) {
  if (action == 0) --pos_;
  if (action == 1) ++pos_;
  ++steps_;
  StepResult r{observation(), 0, false, false, {}};
  if (pos_ <= 0) {
    r.reward = 0.2;
    r.terminated = true;
  } else if (pos_ >= kCells - 1) {
    r.reward = 1.0;
    r.terminated = true;
  } else if (steps_ >= kMaxSteps) {
    r.truncated = true;
  }
  return r;
}

const void* CorridorEnv::render_observation() {
  auto* out = obs_buffer_as<uint8_t>();
  std::memset(out, 0, 84 * 84);
  // Cell c spans columns 2 + 8c .. 2 + 8c + 7; the block fills rows 38..45.
  for (int y = 38; y < 46; ++y) std::memset(out + y * 84 + 2 + 8 * pos_, 255, 8);
  // The corridor's walls, so the picture is not all black.
  std::memset(out + 30 * 84, 96, 84);
  std::memset(out + 53 * 84, 96, 84);
  return out;
}

void CorridorEnv::save_state(emu::StateWriter& out) const {
  out.put_string("CorridorEnv");
  out.put(rng_.state());
  out.put<int32_t>(pos_);
  out.put<int32_t>(steps_);
}

void CorridorEnv::load_state(emu::StateReader& in) {
  try {
    if (in.get_string() != "CorridorEnv") throw GymError("not a CorridorEnv state");
    const auto rng = in.get<Pcg64State>();
    const int pos = in.get<int32_t>();
    const int steps = in.get<int32_t>();
    if (pos < 0 || pos >= kCells || steps < 0) throw GymError("CorridorEnv: bad state");
    rng_.set_state(rng);
    pos_ = pos;
    steps_ = steps;
    obs_stale_ = true;
  } catch (const emu::StateError& e) {
    throw GymError(std::string("CorridorEnv cannot load state: ") + e.what());
  }
}

}  // namespace ag::gym
