#include "gym/registry.hpp"

#include <algorithm>
#include <cctype>

#include "env/game.hpp"
#include "gym/time_limit.hpp"
#include "gym/wrapper_spec.hpp"

namespace ag::gym {

namespace {

// ale-py: 30 minutes of play at 60 frames/s.
constexpr int kMaxFramesPerEpisode = 108000;

// ale-py registers no v5 id for these: they have no single-player mode.
bool multiplayer_only(std::string_view rom) {
  return rom == "combat" || rom == "joust" || rom == "maze_craze" || rom == "warlords";
}

std::vector<EnvSpec> build_specs() {
  std::vector<EnvSpec> specs;
  auto add = [&](std::string id, std::string_view rom, auto&& tweak) {
    AtariEnvConfig c;
    c.game = std::string(rom);
    c.id = id;
    c.repeat_action_probability = 0.25f;
    c.full_action_space = false;
    c.frameskip = 4;
    c.max_num_frames_per_episode = kMaxFramesPerEpisode;
    tweak(c);
    specs.push_back({std::move(id), std::move(c)});
  };
  const auto& games = env::all_games();
  for (const auto& g : games) {
    if (multiplayer_only(g.rom)) continue;
    add("ALE/" + game_id_name(g.rom) + "-v5", g.rom, [](AtariEnvConfig&) {});
  }
  for (const auto& g : games) {
    const std::string name = game_id_name(g.rom);
    for (const bool ram : {false, true}) {
      const std::string base = ram ? name + "-ram" : name;
      for (const char* version : {"v4", "v0"}) {
        const float rap = std::string_view(version) == "v4" ? 0.0f : 0.25f;
        auto common = [&](AtariEnvConfig& c) {
          c.repeat_action_probability = rap;
          if (ram) c.obs_type = ObsType::kRam;
        };
        add(base + "-" + version, g.rom, [&](AtariEnvConfig& c) {
          common(c);
          c.frameskip = 2;
          c.frameskip_high = 5;
        });
        add(base + "NoFrameskip-" + version, g.rom, [&](AtariEnvConfig& c) {
          common(c);
          c.frameskip = 1;
        });
        // The DeepMind convention: frame skip 4, except 3 for Space Invaders
        // (its lasers blink with period 4 and would be invisible).
        add(base + "Deterministic-" + version, g.rom, [&](AtariEnvConfig& c) {
          common(c);
          c.frameskip = g.rom == "space_invaders" ? 3 : 4;
        });
      }
    }
  }
  return specs;
}

const std::vector<std::string> kOptionNames = {
    "obs_type", "frameskip",  "repeat_action_probability",  "full_action_space",
    "mode",     "difficulty", "max_num_frames_per_episode", "max_episode_steps"};
const std::vector<std::string> kUnsupported = {"continuous", "continuous_action_threshold",
                                               "render_mode", "sound_obs"};

ObsType parse_obs_type(const std::string& s, std::string_view id) {
  if (s == "rgb") return ObsType::kRgb;
  if (s == "grayscale") return ObsType::kGrayscale;
  if (s == "ram") return ObsType::kRam;
  throw GymError(std::string(id) + ": invalid observation type: " + s +
                 ". Expecting: rgb, grayscale, ram.");
}

}  // namespace

const std::vector<std::string>& make_option_names() { return kOptionNames; }

std::string game_id_name(std::string_view rom) {
  // Python's str.title(): a letter after a letter is lowered, any other is raised.
  std::string out;
  bool prev_cased = false;
  for (char ch : rom) {
    const unsigned char c = static_cast<unsigned char>(ch);
    const bool cased = std::isalpha(c) != 0;
    if (cased)
      out += static_cast<char>(prev_cased ? std::tolower(c) : std::toupper(c));
    else if (ch != '_')
      out += ch;
    prev_cased = cased;
  }
  return out;
}

const std::vector<EnvSpec>& env_specs() {
  static const std::vector<EnvSpec> specs = build_specs();  // immutable after first use
  return specs;
}

std::vector<std::string> env_ids() {
  std::vector<std::string> ids;
  for (const auto& s : env_specs()) ids.push_back(s.id);
  return ids;
}

const EnvSpec* find_env_spec(std::string_view id) {
  for (const auto& s : env_specs())
    if (s.id == id) return &s;
  return nullptr;
}

AtariEnvConfig make_config(std::string_view id, const Options& options) {
  const EnvSpec* spec = find_env_spec(id);
  if (!spec) {
    std::string msg = "unknown environment id '" + std::string(id) + "'";
    std::vector<std::string> ids = env_ids();
    auto close = close_matches(id, ids, 5);
    if (close.empty()) {
      // Maybe only the game is wrong: suggest ids of the same version/family.
      std::string game_part(id);
      if (game_part.rfind("ALE/", 0) == 0) game_part = game_part.substr(4);
      game_part = game_part.substr(0, game_part.find('-'));
      std::vector<std::string> v5;
      for (const auto& s : ids)
        if (s.rfind("ALE/", 0) == 0) v5.push_back(s);
      close = close_matches("ALE/" + game_part + "-v5", v5, 5);
    }
    if (!close.empty()) {
      msg += "; close matches:";
      for (size_t i = 0; i < close.size(); ++i) msg += (i ? ", " : " ") + close[i];
    } else {
      msg +=
          "; ids look like ALE/SpaceInvaders-v5, SpaceInvadersNoFrameskip-v4 "
          "(`atari-gym roms list` shows the games)";
    }
    throw GymError(msg);
  }
  AtariEnvConfig c = spec->config;
  for (const auto& [key, value] : options)
    for (const auto& u : kUnsupported)
      if (key == u) throw GymError(std::string(id) + ": option '" + key + "' is not supported");
  OptionReader r(std::string(id), options);
  if (r.has("obs_type")) c.obs_type = parse_obs_type(r.get_string("obs_type", ""), id);
  if (r.has("frameskip")) {
    const auto fs = r.get_int_list("frameskip", {});
    if (fs.size() == 1) {
      c.frameskip = fs[0];
      c.frameskip_high = 0;
    } else if (fs.size() == 2) {
      c.frameskip = fs[0];
      c.frameskip_high = fs[1];
      if (c.frameskip_high <= 0)
        throw GymError(std::string(id) +
                       ": invalid stochastic frameskip, upper bound must be "
                       "positive");
    } else {
      throw GymError(std::string(id) + ": invalid stochastic frameskip length of " +
                     std::to_string(fs.size()) + ", expected length 2");
    }
  }
  c.repeat_action_probability =
      static_cast<float>(r.get_double("repeat_action_probability", c.repeat_action_probability));
  c.full_action_space = r.get_bool("full_action_space", c.full_action_space);
  if (r.has("mode")) c.mode = r.get_int("mode", 0);
  if (r.has("difficulty")) c.difficulty = r.get_int("difficulty", 0);
  if (r.has("max_num_frames_per_episode"))
    c.max_num_frames_per_episode = r.get_int("max_num_frames_per_episode", 0);
  if (r.get_int("max_episode_steps", 1) <= 0)  // applied by make()
    throw GymError(std::string(id) + ": max_episode_steps must be positive");
  r.finish(kOptionNames);
  check_config(c);
  return c;
}

std::unique_ptr<Env> make(std::string_view id, const Options& options,
                          const std::vector<std::filesystem::path>& rom_dirs) {
  AtariEnvConfig c = make_config(id, options);
  c.rom_dirs = rom_dirs;
  OptionReader r(std::string(id), options);
  const int max_episode_steps = r.get_int("max_episode_steps", 0);
  std::unique_ptr<Env> env = std::make_unique<AtariEnv>(std::move(c));
  if (r.has("max_episode_steps"))
    env = std::make_unique<TimeLimit>(std::move(env), max_episode_steps);
  return env;
}

std::unique_ptr<Env> make_wrapped(std::string_view id, const Options& options,
                                  const std::vector<std::string>& wrappers,
                                  const std::vector<std::filesystem::path>& rom_dirs) {
  std::unique_ptr<Env> env = make(id, options, rom_dirs);
  for (const auto& w : wrappers) env = apply_wrapper(std::move(env), w);
  return env;
}

std::unique_ptr<VectorEnv> make_vector(std::string_view id, int num_envs, const Options& options,
                                       const std::vector<std::string>& wrappers,
                                       VectorEnvOptions vector_options,
                                       const std::vector<std::filesystem::path>& rom_dirs) {
  return std::make_unique<VectorEnv>(
      num_envs, [&](int) { return make_wrapped(id, options, wrappers, rom_dirs); }, vector_options);
}

}  // namespace ag::gym
