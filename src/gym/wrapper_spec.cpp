#include "gym/wrapper_spec.hpp"

#include "gym/action_space_wrapper.hpp"
#include "gym/atari_preprocessing.hpp"
#include "gym/clip_reward.hpp"
#include "gym/episodic_life.hpp"
#include "gym/fire_reset.hpp"
#include "gym/frame_stack_observation.hpp"
#include "gym/record_episode_statistics.hpp"
#include "gym/skip_frame.hpp"
#include "gym/time_limit.hpp"

namespace ag::gym {

namespace {

std::unique_ptr<Env> make_atari_preprocessing(std::unique_ptr<Env> env, OptionReader& r) {
  AtariPreprocessingOptions o;
  o.noop_max = r.get_int("noop_max", o.noop_max);
  o.frame_skip = r.get_int("frame_skip", o.frame_skip);
  if (r.has("screen_size")) {
    const auto size = r.get_int_list("screen_size", {});
    if (size.size() == 1) {
      o.screen_width = o.screen_height = size[0];
    } else if (size.size() == 2) {
      o.screen_width = size[0];
      o.screen_height = size[1];
    } else {
      throw GymError("atari-preprocessing: screen_size must be N or W,H");
    }
  }
  o.terminal_on_life_loss = r.get_bool("terminal_on_life_loss", o.terminal_on_life_loss);
  o.grayscale_obs = r.get_bool("grayscale_obs", o.grayscale_obs);
  o.grayscale_newaxis = r.get_bool("grayscale_newaxis", o.grayscale_newaxis);
  o.scale_obs = r.get_bool("scale_obs", o.scale_obs);
  r.finish({"noop_max", "frame_skip", "screen_size", "terminal_on_life_loss", "grayscale_obs",
            "grayscale_newaxis", "scale_obs"});
  return std::make_unique<AtariPreprocessing>(std::move(env), o);
}

std::unique_ptr<Env> make_frame_stack(std::unique_ptr<Env> env, OptionReader& r) {
  const int n = r.get_int("stack_size", 4);
  const std::string pad = r.get_string("padding_type", "reset");
  r.finish({"stack_size", "padding_type"});
  StackPadding padding;
  if (pad == "reset")
    padding = StackPadding::kReset;
  else if (pad == "zero")
    padding = StackPadding::kZero;
  else
    throw GymError(
        "frame-stack: unexpected padding_type, expected 'reset' or 'zero', actual "
        "value: '" +
        pad + "'");
  return std::make_unique<FrameStackObservation>(std::move(env), n, padding);
}

std::unique_ptr<Env> make_clip_reward(std::unique_ptr<Env> env, OptionReader& r) {
  const double lo = r.get_double("min_reward", -1.0);
  const double hi = r.get_double("max_reward", 1.0);
  r.finish({"min_reward", "max_reward"});
  return std::make_unique<ClipReward>(std::move(env), lo, hi);
}

std::unique_ptr<Env> make_time_limit(std::unique_ptr<Env> env, OptionReader& r) {
  if (!r.has("max_episode_steps")) throw GymError("time-limit: needs max_episode_steps=N");
  const int n = r.get_int("max_episode_steps", 0);
  r.finish({"max_episode_steps"});
  return std::make_unique<TimeLimit>(std::move(env), n);
}

std::unique_ptr<Env> make_record_stats(std::unique_ptr<Env> env, OptionReader& r) {
  const int n = r.get_int("buffer_length", 100);
  r.finish({"buffer_length"});
  return std::make_unique<RecordEpisodeStatistics>(std::move(env), n);
}

std::unique_ptr<Env> make_episodic_life(std::unique_ptr<Env> env, OptionReader& r) {
  r.finish({});
  return std::make_unique<EpisodicLife>(std::move(env));
}

std::unique_ptr<Env> make_fire_reset(std::unique_ptr<Env> env, OptionReader& r) {
  r.finish({});
  return std::make_unique<FireReset>(std::move(env));
}

std::unique_ptr<Env> make_skip_frame(std::unique_ptr<Env> env, OptionReader& r) {
  const int n = r.get_int("skip", 4);
  r.finish({"skip"});
  return std::make_unique<SkipFrame>(std::move(env), n);
}

std::unique_ptr<Env> make_action_space(std::unique_ptr<Env> env, OptionReader& r) {
  std::vector<int> actions;
  if (r.has("actions"))
    actions = r.get_int_list("actions", {});
  else if (r.has("allowed_actions"))
    actions = r.get_int_list("allowed_actions", {});
  else
    throw GymError("action-space: needs actions=A,B,... (indices of the allowed actions)");
  r.finish({"actions", "allowed_actions"});
  return std::make_unique<ActionSpaceWrapper>(std::move(env), std::move(actions));
}

struct Entry {
  const char* name;
  std::unique_ptr<Env> (*make)(std::unique_ptr<Env>, OptionReader&);
};

constexpr Entry kWrappers[] = {
    {"atari-preprocessing", make_atari_preprocessing},
    {"frame-stack", make_frame_stack},
    {"frame-stack-observation", make_frame_stack},
    {"clip-reward", make_clip_reward},
    {"time-limit", make_time_limit},
    {"record-episode-statistics", make_record_stats},
    {"episodic-life", make_episodic_life},
    {"fire-reset", make_fire_reset},
    {"skip-frame", make_skip_frame},
    {"action-space", make_action_space},
};

}  // namespace

std::vector<std::string> wrapper_names() {
  std::vector<std::string> names;
  for (const auto& e : kWrappers) names.emplace_back(e.name);
  return names;
}

std::pair<std::string, Options> parse_wrapper_spec(std::string_view spec) {
  const size_t colon = spec.find(':');
  std::string name(spec.substr(0, colon));
  Options options;
  if (name.empty()) throw GymError("wrapper spec '" + std::string(spec) + "' has no name");
  if (colon == std::string_view::npos) return {name, options};
  std::string_view rest = spec.substr(colon + 1);
  std::vector<std::pair<std::string, std::string>> kv;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    const std::string_view token = rest.substr(0, comma);
    const size_t eq = token.find('=');
    if (eq != std::string_view::npos) {
      if (eq == 0)
        throw GymError("wrapper spec '" + std::string(spec) + "': option without a name");
      kv.emplace_back(std::string(token.substr(0, eq)), std::string(token.substr(eq + 1)));
    } else if (!kv.empty() && !token.empty()) {
      kv.back().second += "," + std::string(token);  // a list value continues
    } else {
      throw GymError("wrapper spec '" + std::string(spec) + "': expected key=value, got '" +
                     std::string(token) + "'");
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  for (auto& [k, v] : kv) options.emplace_back(k, OptionValue(v));
  return {name, options};
}

std::unique_ptr<Env> apply_wrapper(std::unique_ptr<Env> env, std::string_view spec) {
  auto [name, options] = parse_wrapper_spec(spec);
  for (const auto& e : kWrappers) {
    if (name != e.name) continue;
    OptionReader r(name, options);
    return e.make(std::move(env), r);
  }
  throw GymError("unknown wrapper '" + name + "'" + did_you_mean(name, wrapper_names()) +
                 "; wrappers: atari-preprocessing, frame-stack, clip-reward, time-limit, "
                 "record-episode-statistics, episodic-life, fire-reset, skip-frame, action-space");
}

}  // namespace ag::gym
