#include "gym/env.hpp"

namespace ag::gym {

const Box& Observation::space() const {
  return env_->observation_space();
}

const void* Observation::data() const {
  return env_->observation_data();
}

std::span<const uint8_t> Observation::u8() const {
  const Box& s = space();
  if (s.dtype != DType::kUInt8)
    throw GymError("observation is " + std::string(dtype_name(s.dtype)) + ", not uint8");
  return {static_cast<const uint8_t*>(data()), s.num_elements()};
}

std::span<const float> Observation::f32() const {
  const Box& s = space();
  if (s.dtype != DType::kFloat32)
    throw GymError("observation is " + std::string(dtype_name(s.dtype)) + ", not float32");
  return {static_cast<const float*>(data()), s.num_elements()};
}

Env::Env(Discrete action_space, Box observation_space)
    : action_space_(action_space), observation_space_(std::move(observation_space)) {}

ResetResult Env::reset(std::optional<uint64_t> seed, const Options& options) {
  return do_reset(seed, options);
}

StepResult Env::step(int action) {
  if (!action_space_.contains(action))
    throw GymError(name() + ": action " + std::to_string(action) + " is outside " +
                   action_space_.str());
  return do_step(action);
}

void Env::bind_observation(void* out) {
  bound_ = out;
  obs_stale_ = true;
  owned_.clear();
  owned_.shrink_to_fit();
}

void* Env::obs_buffer() {
  if (bound_) return bound_;
  if (owned_.empty()) owned_.resize(observation_space_.num_bytes());
  return owned_.data();
}

Wrapper::Wrapper(std::unique_ptr<Env> inner)
    : Env(inner ? inner->action_space() : Discrete{}, inner ? inner->observation_space() : Box{}),
      inner_(std::move(inner)) {
  if (!inner_) throw GymError("a wrapper needs an environment to wrap (got null)");
}

Wrapper::Wrapper(std::unique_ptr<Env> inner, OwnObservation)
    : Env(inner ? inner->action_space() : Discrete{}, inner ? inner->observation_space() : Box{}),
      inner_(std::move(inner)),
      own_observation_(true) {
  if (!inner_) throw GymError("a wrapper needs an environment to wrap (got null)");
}

void Wrapper::bind_observation(void* out) {
  if (own_observation_)
    Env::bind_observation(out);
  else
    inner_->bind_observation(out);
}

AtariBackend& atari_backend(Env& env, const char* wrapper) {
  auto* backend = dynamic_cast<AtariBackend*>(&env.unwrapped());
  if (!backend)
    throw GymError(std::string(wrapper) + " needs an Atari environment underneath, got " +
                   env.name());
  return *backend;
}

}  // namespace ag::gym
