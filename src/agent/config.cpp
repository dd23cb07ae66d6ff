#include "agent/config.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "gym/options.hpp"

namespace ag::agent {

namespace {

using C = Config;
constexpr double kBig = 1e15;

// clang-format off
const std::vector<ConfigKey> kTable = {
  // name, group, field, original, tuned, min, max, choices, meaning
  {"env", "environment", &C::env, std::string("ALE/SpaceInvaders-v5"), std::string("ALE/SpaceInvaders-v5"), 0, 0, {},
   "environment id (made with frameskip=1; AtariPreprocessing skips frames)"},
  {"actions", "environment", &C::actions, std::string("1,2,3,4,5"), std::string(""), 0, 0, {},
   "subset of the env's action indices the agent uses (the original's ActionSpaceWrapper; its Space Invaders run left out NOOP); empty = all"},
  {"repeat_action_probability", "environment", &C::repeat_action_probability, 0.25, 0.25, 0, 1, {},
   "sticky actions (ALE v5: 0.25)"},
  {"noop_max", "environment", &C::noop_max, int64_t{30}, int64_t{30}, 0, 1000, {},
   "AtariPreprocessing: up to this many NOOPs after each reset"},
  {"frame_skip", "environment", &C::frame_skip, int64_t{4}, int64_t{4}, 1, 32, {},
   "AtariPreprocessing: frames per agent step (max-pooled over the last two)"},
  {"screen_size", "environment", &C::screen_size, int64_t{84}, int64_t{84}, 84, 84, {},
   "observation side in pixels (the Nature CNN needs 84)"},
  {"frame_stack", "environment", &C::frame_stack, int64_t{4}, int64_t{4}, 1, 16, {},
   "frames per observation (FrameStackObservation)"},
  {"life_loss", "environment", &C::life_loss, std::string("reset"), std::string("terminal"), 0, 0, {"reset", "terminal", "none"},
   "what losing a life does in training: reset = ends the episode and restarts the game (the original's AtariPreprocessing terminal_on_life_loss); terminal = a terminal for learning while the game goes on (EpisodicLife); none. Evaluation always plays full games"},
  {"fire_reset", "environment", &C::fire_reset, false, true, 0, 0, {},
   "press FIRE after every reset, and after every lost life when life_loss = terminal (baselines' FireResetEnv, as CleanRL and SB3 use on Breakout; Dopamine does not): games that wait for FIRE do not stall an agent that has not learned to press it"},
  {"max_episode_frames", "environment", &C::max_episode_frames, int64_t{108000}, int64_t{108000}, 1, kBig, {},
   "emulator frames before an episode is truncated (ALE: 108,000 = 30 minutes)"},
  {"num_envs", "environment", &C::num_envs, int64_t{1}, int64_t{4}, 1, 256, {},
   "environments acting together, one batched forward per step"},

  {"total_steps", "budget", &C::total_steps, int64_t{10'000'000}, int64_t{10'000'000}, 1, kBig, {},
   "agent steps of training, summed over envs (CleanRL's global_step)"},
  {"iterations", "budget", &C::iterations, int64_t{0}, int64_t{0}, 0, kBig, {},
   "episodes of training, the original's unit (0 = no limit; training stops at whichever budget ends first)"},
  {"seed", "budget", &C::seed, int64_t{1}, int64_t{1}, 0, 4294967295.0, {},
   "seed of everything: net init, env resets (env i: seed + i), epsilon and replay draws"},
  {"threads", "budget", &C::threads, int64_t{2}, int64_t{2}, 1, 256, {},
   "LibTorch intra-op threads"},
  {"checkpoint_path", "budget", &C::checkpoint_path, std::string("checkpoints"), std::string("checkpoints"), 0, 0, {},
   "folder that holds the run folders"},
  {"save_every", "budget", &C::save_every, int64_t{200'000}, int64_t{500'000}, 1, kBig, {},
   "agent steps between checkpoints"},
  {"keep_checkpoints", "budget", &C::keep_checkpoints, int64_t{2}, int64_t{2}, 1, 1000, {},
   "newest checkpoints kept (the best-evaluated one is kept besides)"},
  {"save_replay", "budget", &C::save_replay, std::string("never"), std::string("never"), 0, 0, {"never", "stop", "always"},
   "save the replay beside the checkpoint: never, when the run stops (signal, --max-time, end) or at every checkpoint (7 GB per 1M; a resume without it refills the replay for burnin steps)"},
  {"log_every", "budget", &C::log_every, int64_t{20}, int64_t{20}, 1, kBig, {},
   "episodes between lines of the text log (the original: 20)"},

  {"my_rig_factor", "replay", &C::my_rig_factor, 0.9, 1.0, 0.001, 100, {},
   "the original's scale of replay_size and burnin (its log: 0.9)"},
  {"replay_size", "replay", &C::replay_size, int64_t{100'000}, int64_t{1'000'000}, 64, kBig, {},
   "transitions the replay holds (times my_rig_factor); each frame stored once, 7 KB per transition"},
  {"burnin", "replay", &C::burnin, int64_t{100'000}, int64_t{80'000}, 1, kBig, {},
   "agent steps of acting before learning starts (times my_rig_factor)"},
  {"prioritized", "replay", &C::prioritized, false, false, 0, 0, {},
   "proportional prioritized replay (Schaul et al. 2016) over a sum tree, with importance weights"},
  {"priority_alpha", "replay", &C::priority_alpha, 0.6, 0.5, 0, 1, {},
   "priority exponent: a transition's priority is (abs(TD error) + 1e-6)^alpha (Schaul et al.: 0.6; Dopamine's Rainbow raises its C51 loss to 0.5, which is not the same scale)"},
  {"priority_beta", "replay", &C::priority_beta, 0.4, 0.4, 0, 1, {},
   "importance-weight exponent at the start, annealed linearly to 1 at priority_beta_steps"},
  {"priority_beta_steps", "replay", &C::priority_beta_steps, int64_t{0}, int64_t{0}, 0, kBig, {},
   "agent steps at which priority_beta reaches 1 (0: total_steps); a resume that changes total_steps sets it to the run's old total_steps, so extending a run keeps its schedule"},
  {"n_step", "replay", &C::n_step, int64_t{1}, int64_t{1}, 1, 20, {},
   "steps of the return before bootstrapping (Rainbow: 3)"},

  {"batch_size", "learner", &C::batch_size, int64_t{32}, int64_t{32}, 1, 4096, {},
   "transitions per update"},
  {"gamma", "learner", &C::gamma, 0.99, 0.99, 0, 1, {},
   "discount factor"},
  {"learning_rate", "learner", &C::learning_rate, 0.00025, 0.0001, 1e-9, 1, {},
   "Adam's learning rate (CleanRL's DQN: 1e-4; QR-DQN: 5e-5; Rainbow: 6.25e-5)"},
  {"adam_eps", "learner", &C::adam_eps, 1e-8, 1e-8, 1e-12, 1, {},
   "Adam's epsilon (PyTorch's default 1e-8; QR-DQN: 0.01 / batch = 3.125e-4; Rainbow: 1.5e-4)"},
  {"grad_clip_norm", "learner", &C::grad_clip_norm, 0.0, 0.0, 0, 1e9, {},
   "clip the gradient's global norm to this (0 = off; Dopamine/SB3: 10)"},
  {"dueling", "learner", &C::dueling, false, false, 0, 0, {},
   "dueling head: Q = V + A - mean(A) (Wang et al. 2016)"},
  {"quantiles", "learner", &C::quantiles, int64_t{1}, int64_t{1}, 1, 1000, {},
   "1: learn expected returns (DQN); N > 1: learn N quantiles of the return per action with the quantile Huber loss (QR-DQN, Dabney et al. 2018: N = 200), acting on their mean"},
  {"reward_clip", "learner", &C::reward_clip, false, true, 0, 0, {},
   "learn from sign(reward) (the DQN paper's clipping to [-1, 1]); metrics keep the game's rewards"},
  {"learn_every", "learner", &C::learn_every, int64_t{3}, int64_t{4}, 1, kBig, {},
   "agent steps between updates"},
  {"precision", "learner", &C::precision, std::string("fp32"), std::string("fp32"), 0, 0, {"fp32", "bf16"},
   "the learner's forward and backward passes: fp32, or bf16 under CPU autocast (weights, loss, optimizer and output layers fp32; acting and evaluation fp32); learner_backend = onednn runs fp32 either way"},
  {"learner_backend", "learner", &C::learner_backend, std::string("libtorch"), std::string("onednn"), 0, 0, {"libtorch", "onednn", "onednn_bf16"},
   "what runs the nets' forward and backward passes in updates and acting: libtorch = LibTorch's ops (precision applies); onednn = oneDNN 2.6's fp32 primitives called directly, weights kept in their layouts between updates (fp32 whatever precision says; the dueling head stays on libtorch); onednn_bf16 = the same with the convolutions and fc1 in bf16 (AVX-512 BF16 dot products, fp32 sums; fp32 weights, gradients, fc2 and optimizer). Same parameters, optimizer, checkpoints and export; evaluation always runs LibTorch's fp32 forward"},
  {"init", "learner", &C::init, std::string("pytorch"), std::string("pytorch"), 0, 0, {"pytorch", "variance_scaling", "xavier_uniform"},
   "initial weights: pytorch = LibTorch's default (the original's); variance_scaling = Dopamine's QR-DQN/Rainbow/IQN nets' (uniform +-sqrt(sqrt(3) / fan_in), zero biases), which makes the net's outputs depend on the state from the first updates; xavier_uniform = Dopamine's DQN net's (Glorot: uniform +-sqrt(6 / (fan_in + fan_out)), zero biases)"},
  {"sync_every", "learner", &C::sync_every, int64_t{1000}, int64_t{1000}, 1, kBig, {},
   "agent steps between copies of the online net into the target net"},
  {"loss", "learner", &C::loss, std::string("huber"), std::string("huber"), 0, 0, {"huber", "mse"},
   "the TD loss: huber = SmoothL1 with beta 1 (the original's); mse = the squared error (CleanRL's and Dopamine JAX's DQN). QR-DQN (quantiles > 1) has its own quantile Huber loss"},
  {"munchausen", "learner", &C::munchausen, false, false, 0, 0, {},
   "Munchausen DQN's target (Vieillard et al. 2020) instead of Double DQN's: y = R + munchausen_alpha * clip(tau ln pi(a|s), munchausen_clip, 0) + discount * sum_a' pi(a'|s') (Q'(s', a') - tau ln pi(a'|s')), pi = softmax(Q' / tau) of the target net Q'; expected values only (quantiles = 1)"},
  {"munchausen_tau", "learner", &C::munchausen_tau, 0.03, 0.03, 1e-6, 100, {},
   "Munchausen: the softmax temperature tau (paper: 0.03)"},
  {"munchausen_alpha", "learner", &C::munchausen_alpha, 0.9, 0.9, 0, 1, {},
   "Munchausen: the weight of the log-policy bonus (paper: 0.9; 0 = soft DQN)"},
  {"munchausen_clip", "learner", &C::munchausen_clip, -1.0, -1.0, -1e9, 0, {},
   "Munchausen: the floor l0 of tau ln pi(a|s) (paper: -1)"},

  {"exploration_schedule", "exploration", &C::exploration_schedule, std::string("multiplicative"), std::string("linear"), 0, 0, {"multiplicative", "linear"},
   "multiplicative: epsilon *= exploration_rate_decay every step (the original); linear: from exploration_rate to exploration_rate_min over exploration_steps"},
  {"exploration_rate", "exploration", &C::exploration_rate, 1.0, 1.0, 0, 1, {},
   "epsilon at the start"},
  {"exploration_rate_decay", "exploration", &C::exploration_rate_decay, 0.99999975, 0.99999975, 0, 1, {},
   "multiplicative schedule: factor per agent step"},
  {"exploration_rate_min", "exploration", &C::exploration_rate_min, 0.02, 0.01, 0, 1, {},
   "epsilon's floor (the original's code: 0.02; its README says 0.1)"},
  {"exploration_steps", "exploration", &C::exploration_steps, int64_t{1'000'000}, int64_t{1'000'000}, 1, kBig, {},
   "linear schedule: agent steps from exploration_rate to exploration_rate_min (CleanRL: 10% of the run, 1M of 10M; Dopamine: 250k)"},

  {"eval_epsilon", "evaluation", &C::eval_epsilon, 0.01, 0.01, 0, 1, {},
   "epsilon while evaluating"},
  {"eval_every", "evaluation", &C::eval_every, int64_t{0}, int64_t{1'000'000}, 0, kBig, {},
   "agent steps between evaluations of full games during training (0 = never)"},
  {"eval_episodes", "evaluation", &C::eval_episodes, int64_t{10}, int64_t{10}, 1, 10000, {},
   "full games per evaluation during training"},
};
// clang-format on

const std::vector<std::string> kPresets = {"original", "tuned"};

std::vector<std::string> key_names() {
  std::vector<std::string> names;
  for (const auto& k : config_table()) names.emplace_back(k.name);
  names.emplace_back("preset");
  return names;
}

const ConfigKey& find_key(std::string_view name) {
  for (const auto& k : kTable)
    if (k.name == name) return k;
  throw ConfigError("unknown config key '" + std::string(name) + "'" +
                    gym::did_you_mean(name, key_names()));
}

const char* type_name(const ConfigKey& k) {
  return std::visit(
      [](auto m) -> const char* {
        using T = std::remove_reference_t<decltype(std::declval<Config>().*m)>;
        if constexpr (std::is_same_v<T, int64_t>) return "an integer";
        if constexpr (std::is_same_v<T, double>) return "a number";
        if constexpr (std::is_same_v<T, bool>) return "true or false";
        return "a string";
      },
      k.field);
}

std::string range_text(const ConfigKey& k) {
  std::ostringstream s;
  s << type_name(k);
  if (!k.choices.empty()) {
    s << " (one of";
    for (size_t i = 0; i < k.choices.size(); ++i) s << (i ? ", " : " ") << k.choices[i];
    s << ")";
  } else if (k.min != k.max) {
    s << " in [" << value_text(ConfigValue(k.min)) << ", " << value_text(ConfigValue(k.max))
      << "]";
  }
  return s.str();
}

[[noreturn]] void bad_value(const ConfigKey& k, const std::string& got) {
  throw ConfigError("config key '" + std::string(k.name) + "' expects " + range_text(k) +
                    ", got " + got);
}

void check_range(const ConfigKey& k, double v, const std::string& got) {
  if (k.min != k.max && (!(v >= k.min) || !(v <= k.max))) bad_value(k, got);
}

void assign(Config& c, const ConfigKey& k, const ConfigValue& v, const std::string& got) {
  std::visit(
      [&](auto m) {
        using T = std::remove_reference_t<decltype(c.*m)>;
        if constexpr (std::is_same_v<T, double>) {
          double x;
          if (auto* i = std::get_if<int64_t>(&v))
            x = static_cast<double>(*i);
          else if (auto* d = std::get_if<double>(&v))
            x = *d;
          else
            bad_value(k, got);
          if (!std::isfinite(x)) bad_value(k, got);
          check_range(k, x, got);
          c.*m = x;
        } else if constexpr (std::is_same_v<T, int64_t>) {
          int64_t x;
          if (auto* i = std::get_if<int64_t>(&v))
            x = *i;
          else if (auto* d = std::get_if<double>(&v);
                   d && std::floor(*d) == *d && std::fabs(*d) < 9e15)  // 1e6 is an integer
            x = static_cast<int64_t>(*d);
          else
            bad_value(k, got);
          check_range(k, static_cast<double>(x), got);
          c.*m = x;
        } else if constexpr (std::is_same_v<T, bool>) {
          if (auto* b = std::get_if<bool>(&v))
            c.*m = *b;
          else
            bad_value(k, got);
        } else {
          auto* s = std::get_if<std::string>(&v);
          if (!s) bad_value(k, got);
          if (!k.choices.empty()) {
            bool ok = false;
            for (auto choice : k.choices) ok |= choice == *s;
            if (!ok) bad_value(k, got);
          }
          c.*m = *s;
        }
      },
      k.field);
}

// Text from --set: numbers, true/false, else a string.
ConfigValue parse_text(const ConfigKey& k, std::string_view text) {
  const std::string t(text);
  return std::visit(
      [&](auto m) -> ConfigValue {
        using T = std::remove_reference_t<decltype(std::declval<Config>().*m)>;
        if constexpr (std::is_same_v<T, std::string>) {
          return t;
        } else if constexpr (std::is_same_v<T, bool>) {
          if (t == "true" || t == "1") return true;
          if (t == "false" || t == "0") return false;
          bad_value(k, "'" + t + "'");
        } else {
          // Numbers: digits with optional exponent and '_' separators (1_000_000).
          std::string clean;
          for (char ch : t)
            if (ch != '_') clean += ch;
          double d = 0;
          const char* b = clean.data();
          const char* e = b + clean.size();
          auto [p, ec] = std::from_chars(b, e, d);
          if (clean.empty() || ec != std::errc() || p != e) bad_value(k, "'" + t + "'");
          return d;
        }
      },
      k.field);
}

ConfigValue json_value(const ConfigKey& k, const nlohmann::json& j, const std::string& got) {
  if (j.is_boolean()) return j.get<bool>();
  if (j.is_number_integer()) return j.get<int64_t>();
  if (j.is_number()) return j.get<double>();
  if (j.is_string()) return j.get<std::string>();
  bad_value(k, got);
}

}  // namespace

const std::vector<ConfigKey>& config_table() { return kTable; }
const std::vector<std::string>& preset_names() { return kPresets; }

Config preset_config(std::string_view preset) {
  if (preset != "original" && preset != "tuned")
    throw ConfigError("unknown preset '" + std::string(preset) + "' (presets: original, tuned)");
  Config c;
  c.preset = std::string(preset);
  for (const auto& k : kTable) assign(c, k, preset == "original" ? k.original : k.tuned, "default");
  return c;
}

void set_key(Config& config, std::string_view key, std::string_view value) {
  if (key == "preset")
    throw ConfigError("'preset' picks the defaults: give it with --preset or first in the file");
  const ConfigKey& k = find_key(key);
  assign(config, k, parse_text(k, value), "'" + std::string(value) + "'");
}

void set_assignment(Config& config, std::string_view assignment) {
  const size_t eq = assignment.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw ConfigError("expected key=value, got '" + std::string(assignment) + "'");
  set_key(config, assignment.substr(0, eq), assignment.substr(eq + 1));
}

void apply_json(Config& config, const std::string& json_text, const std::string& source) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::parse_error& e) {
    throw ConfigError(source + ": not valid JSON: " + e.what());
  }
  if (!j.is_object()) throw ConfigError(source + ": expected a JSON object of config keys");
  for (const auto& [key, value] : j.items()) {
    if (key == "preset") continue;
    try {
      const ConfigKey& k = find_key(key);
      assign(config, k, json_value(k, value, value.dump()), value.dump());
    } catch (const ConfigError& e) {
      throw ConfigError(source + ": " + e.what());
    }
  }
}

namespace {

Config from_json(const std::string& text, const std::string& source, std::string preset) {
  if (preset.empty()) {
    try {
      auto j = nlohmann::json::parse(text);
      if (j.is_object() && j.contains("preset")) {
        if (!j["preset"].is_string())
          throw ConfigError(source + ": config key 'preset' expects a string");
        preset = j["preset"].get<std::string>();
      }
    } catch (const nlohmann::json::parse_error&) {
      // apply_json reports it with the source's name.
    }
  }
  Config c;
  try {
    c = preset_config(preset.empty() ? "tuned" : preset);
  } catch (const ConfigError& e) {
    throw ConfigError(source + ": " + e.what());
  }
  apply_json(c, text, source);
  return c;
}

}  // namespace

Config config_from_json(const std::string& text, const std::string& source) {
  return from_json(text, source, "");
}

Config load_config_file(const std::filesystem::path& file, std::string_view preset_override) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError("cannot read config file " + file.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return from_json(ss.str(), file.string(), std::string(preset_override));
}

void validate(const Config& c) {
  auto fail = [](const std::string& m) { throw ConfigError(m); };
  if (c.replay_capacity() < c.batch_size + c.n_step + c.frame_stack + 1)
    fail("replay_size x my_rig_factor (" + std::to_string(c.replay_capacity()) +
         ") must hold more than batch_size + n_step + frame_stack transitions");
  if (c.replay_capacity() < 64 * c.num_envs)
    fail("replay_size x my_rig_factor must be at least 64 per env");
  if (c.burnin_steps() < c.batch_size)
    fail("burnin x my_rig_factor (" + std::to_string(c.burnin_steps()) +
         ") must be at least batch_size (" + std::to_string(c.batch_size) + ")");
  if (c.quantiles > 1 && c.munchausen)
    fail("munchausen = true needs expected values (quantiles = 1), not QR-DQN's quantiles");
  if (c.quantiles > 1 && c.loss != "huber")
    fail("loss = " + c.loss + " applies to expected values (quantiles = 1); QR-DQN uses the quantile Huber loss");
  if (!c.actions.empty()) {
    std::stringstream ss(c.actions);
    std::string tok;
    while (std::getline(ss, tok, ',')) {
      int v = 0;
      auto [p, ec] = std::from_chars(tok.data(), tok.data() + tok.size(), v);
      if (tok.empty() || ec != std::errc() || p != tok.data() + tok.size() || v < 0)
        fail("config key 'actions' expects comma-separated action indices, got '" + c.actions +
             "'");
    }
  }
}

std::string value_text(const ConfigValue& v) {
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, bool>) return x ? "true" : "false";
        if constexpr (std::is_same_v<T, int64_t>) return std::to_string(x);
        if constexpr (std::is_same_v<T, std::string>) return x;
        if constexpr (std::is_same_v<T, double>) {
          if (std::floor(x) == x && std::fabs(x) < 1e15) {
            return std::to_string(static_cast<int64_t>(x));
          }
          std::ostringstream s;
          s.precision(std::numeric_limits<double>::max_digits10);
          s << x;
          // Shortest text that reads back to the same double.
          for (int p = 1; p <= 17; ++p) {
            std::ostringstream t;
            t.precision(p);
            t << x;
            if (std::stod(t.str()) == x) return t.str();
          }
          return s.str();
        }
      },
      v);
}

std::string value_text(const Config& config, const ConfigKey& key) {
  return std::visit([&](auto m) { return value_text(ConfigValue(config.*m)); }, key.field);
}

std::string config_reference_markdown() {
  std::ostringstream s;
  s << "| key | original | tuned | allowed | meaning |\n| --- | --- | --- | --- | --- |\n";
  for (const auto& k : kTable) {
    std::string allowed = range_text(k);
    s << "| `" << k.name << "` | " << value_text(k.original) << " | " << value_text(k.tuned)
      << " | " << allowed << " | " << k.meaning << " |\n";
  }
  return s.str();
}

std::string to_json(const Config& c) {
  nlohmann::ordered_json j;
  j["preset"] = c.preset;
  for (const auto& k : kTable) std::visit([&](auto m) { j[std::string(k.name)] = c.*m; }, k.field);
  return j.dump(2) + "\n";
}

}  // namespace ag::agent
