// Gymnasium's Env in C++: reset(seed, options) -> (obs, info) and
// step(action) -> (obs, reward, terminated, truncated, info), with
// action_space / observation_space, and wrappers as decorators.
//
// Observations live in a buffer the env owns (or one the caller binds, e.g. a
// slot of VectorEnv's batch) and are rendered lazily: a wrapper that never
// looks at its inner env's observation (AtariPreprocessing reads the screen
// itself) costs no RGB conversion. An Observation is a view valid until the
// env's next reset() or step().
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "emu/state_io.hpp"
#include "gym/info.hpp"
#include "gym/np_random.hpp"
#include "gym/options.hpp"
#include "gym/space.hpp"

namespace ag::gym {

class Env;

class Observation {
 public:
  explicit Observation(Env* env) : env_(env) {}
  const Box& space() const;
  // Renders the observation if it has not been yet.
  const void* data() const;
  size_t num_bytes() const { return space().num_bytes(); }
  std::span<const uint8_t> u8() const;  // throws GymError unless dtype is uint8
  std::span<const float> f32() const;   // throws GymError unless dtype is float32

 private:
  Env* env_;
};

struct ResetResult {
  Observation obs;
  Info info;
};

struct StepResult {
  Observation obs;
  double reward = 0;
  bool terminated = false;  // the MDP ended (game over, or a wrapper's notion of it)
  bool truncated = false;   // cut short from outside the MDP (time limit)
  Info info;
};

class Env {
 public:
  virtual ~Env() = default;
  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;

  // A seed reseeds everything (ale-py: new np_random and ALE seed, ROM reloaded);
  // no seed continues the env's random streams.
  ResetResult reset(std::optional<uint64_t> seed = std::nullopt, const Options& options = {});
  // Throws GymError for an action outside action_space().
  StepResult step(int action);

  const Discrete& action_space() const { return action_space_; }
  const Box& observation_space() const { return observation_space_; }
  Observation observation() { return Observation(this); }
  // Renders (if needed) and returns the current observation's bytes.
  const void* observation_data() { return render_observation(); }

  // ALE's names of the actions, in action-space order ("NOOP", "FIRE", ...).
  virtual std::vector<std::string> action_meanings() const = 0;
  // The innermost env (Gymnasium's env.unwrapped).
  virtual Env& unwrapped() = 0;
  // "AtariPreprocessing<TimeLimit<AtariEnv<ALE/Pong-v5>>>"
  virtual std::string name() const = 0;

  // Where the observation is written from now on: `out` must hold
  // observation_space().num_bytes() and outlive the env (or the next bind).
  // Pass-through wrappers forward this to the env whose observation they return.
  virtual void bind_observation(void* out);

  // Checkpoints: the whole state of this env and everything inside it, byte
  // for byte, so that a loaded env continues exactly as the saved one would
  // have (same observations, rewards, flags and random streams). load_state
  // throws GymError naming the problem on a truncated or corrupt state, or
  // one saved from another wrapper stack, game or configuration; the env is
  // then left as it was. The current observation after a load is the one at
  // save time. Envs that cannot save throw GymError (the default).
  virtual void save_state(emu::StateWriter& out) const;
  virtual void load_state(emu::StateReader& in);

 protected:
  Env(Discrete action_space, Box observation_space);
  virtual ResetResult do_reset(std::optional<uint64_t> seed, const Options& options) = 0;
  virtual StepResult do_step(int action) = 0;
  // Makes the current observation available and returns it.
  virtual const void* render_observation() = 0;

  // The buffer this env writes its own observation into (bound or owned).
  void* obs_buffer();
  template <class T>
  T* obs_buffer_as() {
    return static_cast<T*>(obs_buffer());
  }

  Discrete action_space_;
  Box observation_space_;
  // False once obs_buffer() holds the current observation; set again by a
  // step/reset and by bind_observation() (a new buffer is empty).
  bool obs_stale_ = true;

 private:
  std::vector<std::byte> owned_;
  void* bound_ = nullptr;
};

// For implementing load_state: reads fields and turns every fault (short
// data, a wrong tag, a setting that differs) into a GymError naming the env `who`.
class EnvStateReader {
 public:
  EnvStateReader(emu::StateReader& in, const Env& who) : in_(in), who_(who) {}
  // A tag naming the kind of env ("AtariEnv", "TimeLimit"): it is what makes
  // a state of another wrapper stack fail with a clear message.
  void expect_tag(const std::string& kind);
  template <class T>
  T get() {
    try {
      return in_.template get<T>();
    } catch (const emu::StateError& e) {
      fail(e.what());
    }
  }
  bool get_bool();
  // put_bytes() data that must be exactly `size` bytes long.
  std::vector<uint8_t> get_bytes(size_t size, const char* what);
  std::string get_string();
  // A setting the state depends on: the saved value must equal this env's.
  template <class T>
  void expect_same(const char* what, const T& here) {
    const T saved = get<T>();
    if (!(saved == here)) mismatch(what, std::to_string(saved), std::to_string(here));
  }
  [[noreturn]] void fail(const std::string& problem) const;
  [[noreturn]] void mismatch(const char* what, const std::string& saved,
                             const std::string& here) const;

 private:
  emu::StateReader& in_;
  const Env& who_;
};

// The tag EnvStateReader::expect_tag(kind) checks; every env's part of a
// state starts with one.
void put_state_tag(emu::StateWriter& out, const std::string& kind);

// A decorator: by default forwards everything to the inner env.
class Wrapper : public Env {
 public:
  explicit Wrapper(std::unique_ptr<Env> inner);
  Env& inner() { return *inner_; }
  const Env& inner() const { return *inner_; }
  std::vector<std::string> action_meanings() const override { return inner_->action_meanings(); }
  Env& unwrapped() override { return inner_->unwrapped(); }
  void bind_observation(void* out) override;
  // Default: the tag state_kind(), then the inner env's state. Wrappers with
  // fields of their own (or settings a state depends on) override both,
  // writing tag, fields, inner; and loading the inner env before committing
  // their fields, so that a failed load changes nothing.
  void save_state(emu::StateWriter& out) const override;
  void load_state(emu::StateReader& in) override;

 protected:
  // For wrappers that change the observation: they set observation_space_ in
  // their constructor, write their own buffer (obs_buffer()) and override
  // render_observation().
  struct OwnObservation {};
  Wrapper(std::unique_ptr<Env> inner, OwnObservation);
  ResetResult do_reset(std::optional<uint64_t> seed, const Options& options) override {
    return inner_->reset(seed, options);
  }
  StepResult do_step(int action) override { return inner_->step(action); }
  const void* render_observation() override { return inner_->observation_data(); }
  std::string wrap_name(const char* wrapper) const {
    return std::string(wrapper) + "<" + inner_->name() + ">";
  }
  // The wrapper's tag in a state: name() up to its first '<' ("TimeLimit").
  std::string state_kind() const;

  std::unique_ptr<Env> inner_;

 private:
  bool own_observation_ = false;
};

// The Atari machine under a stack of wrappers: what AtariPreprocessing,
// EpisodicLife and FireReset read directly (Gymnasium's env.unwrapped.ale and
// env.unwrapped.np_random). Implemented by AtariEnv (and test fakes).
class AtariBackend {
 public:
  virtual ~AtariBackend() = default;
  virtual int lives() const = 0;
  virtual int screen_height() const = 0;
  virtual int screen_width() const = 0;
  virtual void screen_grayscale(uint8_t* out) const = 0;  // height*width
  virtual void screen_rgb(uint8_t* out) const = 0;        // height*width*3
  // The env's np_random (noop counts, stochastic frame skip).
  virtual NpRandom& np_random() = 0;
  // The unwrapped env's fixed frame skip, or 0 when it is stochastic.
  virtual int frameskip() const = 0;
  // The raw screen (height*width palette indices) and the 256-entry table
  // that turns it into screen_grayscale(), if the backend has them (AtariEnv
  // does): AtariPreprocessing then converts and max-pools in one pass.
  // Both or neither: a backend with a gray table must give its palette screen.
  virtual const uint8_t* palette_screen() const { return nullptr; }
  virtual const uint8_t* gray_table() const { return nullptr; }
};

// The AtariBackend under `env`, or a GymError naming `wrapper` if there is none.
AtariBackend& atari_backend(Env& env, const char* wrapper);

}  // namespace ag::gym
