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

void Env::save_state(emu::StateWriter& /*out*/) const {
  throw GymError(name() + " cannot save its state (save_state is not implemented)");
}

void Env::load_state(emu::StateReader& /*in*/) {
  throw GymError(name() + " cannot load a state (load_state is not implemented)");
}

namespace {
// Before every env's part of a state: catches a state that is not one of ours
// (or misaligned) before its bytes are taken for fields.
constexpr uint32_t kStateTagMagic = 0x31534741;  // "AGS1"
}  // namespace

void put_state_tag(emu::StateWriter& out, const std::string& kind) {
  out.put(kStateTagMagic);
  out.put_string(kind);
}

void EnvStateReader::expect_tag(const std::string& kind) {
  if (get<uint32_t>() != kStateTagMagic)
    fail("expected " + kind +
         "'s state here, found no env state (not an atari-gym env state, or a corrupt one)");
  const std::string found = get_string();
  if (found != kind)
    fail("expected " + kind + "'s state here, found " + found + "'s" +
         " (the state was saved from another wrapper stack)");
}

bool EnvStateReader::get_bool() {
  const auto b = get<uint8_t>();
  if (b > 1) fail("corrupt state (a flag is " + std::to_string(b) + ")");
  return b != 0;
}

std::vector<uint8_t> EnvStateReader::get_bytes(size_t size, const char* what) {
  std::vector<uint8_t> b;
  try {
    b = in_.get_bytes();
  } catch (const emu::StateError& e) {
    fail(e.what());
  }
  if (b.size() != size)
    fail(std::string("corrupt state: ") + what + " has " + std::to_string(b.size()) +
         " bytes, expected " + std::to_string(size));
  return b;
}

std::string EnvStateReader::get_string() {
  try {
    return in_.get_string();
  } catch (const emu::StateError& e) {
    fail(e.what());
  }
}

void EnvStateReader::fail(const std::string& problem) const {
  throw GymError(who_.name() + ": cannot load state: " + problem);
}

void EnvStateReader::mismatch(const char* what, const std::string& saved,
                              const std::string& here) const {
  fail(std::string("it was saved with ") + what + " " + saved + ", this env has " + here);
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

std::string Wrapper::state_kind() const {
  const std::string n = name();
  return n.substr(0, n.find('<'));
}

void Wrapper::save_state(emu::StateWriter& out) const {
  put_state_tag(out, state_kind());
  inner_->save_state(out);
}

void Wrapper::load_state(emu::StateReader& in) {
  EnvStateReader(in, *this).expect_tag(state_kind());
  inner_->load_state(in);
}

AtariBackend& atari_backend(Env& env, const char* wrapper) {
  auto* backend = dynamic_cast<AtariBackend*>(&env.unwrapped());
  if (!backend)
    throw GymError(std::string(wrapper) + " needs an Atari environment underneath, got " +
                   env.name());
  return *backend;
}

}  // namespace ag::gym
