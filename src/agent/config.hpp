// The agent's configuration: one plain struct, and one table that declares
// every key once (name, type, default in each preset, range, meaning). The
// CLI (--set key=value, --print-config), the JSON config file (the original
// project's config.json: checkpoint_path + hyperparameters), --help and the
// README's reference all read that table (config_table()).
//
// Presets:
//   original  the Python project as it produced its training log
//             (../shared/seed): multiplicative epsilon decay, replay and
//             burn-in 100k x my_rig_factor 0.9, learn every 3, sync every
//             1000, Adam 2.5e-4, life loss resets the game.
//   tuned     Double DQN with CleanRL's DQN settings for Atari (a 10M-step
//             budget): uniform replay of 1M, burn-in 80k, Adam 1e-4 (eps
//             1e-8), target sync every 1000 steps, epsilon 1 -> 0.01 over
//             1M steps, learn every 4 steps, batch 32, reward clipping; life
//             loss as a training terminal only, FIRE after resets, 4 envs
//             acting in one batch, updates through oneDNN (fp32). It keeps
//             the original's SmoothL1 loss (CleanRL uses MSE: loss = mse).
//             n-step returns, prioritized replay, QR-DQN, Munchausen and the
//             dueling head are options. docs/agent.md says why.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ag::agent {

struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Config {
  std::string preset = "tuned";

  // Environment
  std::string env = "ALE/SpaceInvaders-v5";
  std::string actions;  // "1,2,3,4,5": the original's ActionSpaceWrapper subset; "" = all
  double repeat_action_probability = 0.25;
  int64_t noop_max = 30;
  int64_t frame_skip = 4;
  int64_t screen_size = 84;
  int64_t frame_stack = 4;
  std::string life_loss = "terminal";  // reset | terminal | none
  bool fire_reset = true;
  int64_t max_episode_frames = 108000;
  int64_t num_envs = 4;

  // Budget and bookkeeping
  int64_t total_steps = 10'000'000;  // agent steps summed over envs
  int64_t iterations = 0;            // episodes (the original's unit); 0 = no limit
  int64_t seed = 1;
  int64_t threads = 2;
  std::string checkpoint_path = "checkpoints";
  int64_t save_every = 500'000;
  int64_t keep_checkpoints = 2;
  std::string save_replay = "never";  // never | stop | always
  int64_t log_every = 20;  // episodes between log lines (the original: 20)

  // Replay
  double my_rig_factor = 1.0;
  int64_t replay_size = 1'000'000;
  int64_t burnin = 80'000;
  bool prioritized = false;
  double priority_alpha = 0.5;
  double priority_beta = 0.4;  // annealed linearly to 1 over priority_beta_steps
  int64_t priority_beta_steps = 0;  // 0: total_steps
  int64_t n_step = 1;

  // Learner
  int64_t batch_size = 32;
  double gamma = 0.99;
  double learning_rate = 1e-4;
  double adam_eps = 1e-8;
  double grad_clip_norm = 0;  // 0 = off
  bool dueling = false;
  int64_t quantiles = 1;  // 1: DQN's expected values; N > 1: QR-DQN
  bool reward_clip = true;
  int64_t learn_every = 4;
  int64_t sync_every = 1000;
  std::string precision = "fp32";  // fp32 | bf16 (the learner's passes)
  std::string learner_backend = "onednn";  // libtorch | onednn | onednn_bf16 (what runs the nets' passes)
  std::string init = "pytorch";  // pytorch | variance_scaling | xavier_uniform
  std::string loss = "huber";    // huber | mse (expected-value heads)
  bool munchausen = false;       // Munchausen DQN's target (agent/munchausen.hpp)
  double munchausen_tau = 0.03;
  double munchausen_alpha = 0.9;
  double munchausen_clip = -1;

  // Exploration
  std::string exploration_schedule = "linear";  // linear | multiplicative
  double exploration_rate = 1.0;
  double exploration_rate_decay = 0.99999975;
  double exploration_rate_min = 0.01;
  int64_t exploration_steps = 1'000'000;

  // Evaluation during training
  double eval_epsilon = 0.01;
  int64_t eval_every = 1'000'000;
  int64_t eval_episodes = 10;

  // Derived: the original scales replay and burn-in by my_rig_factor.
  int64_t replay_capacity() const {
    return static_cast<int64_t>(static_cast<double>(replay_size) * my_rig_factor);
  }
  int64_t burnin_steps() const {
    return static_cast<int64_t>(static_cast<double>(burnin) * my_rig_factor);
  }
  // The step at which prioritized replay's beta reaches 1.
  int64_t priority_beta_horizon() const {
    return priority_beta_steps > 0 ? priority_beta_steps : total_steps;
  }
  bool operator==(const Config&) const = default;
};

using ConfigValue = std::variant<int64_t, double, bool, std::string>;

// One key of the table.
struct ConfigKey {
  std::string_view name;
  std::string_view group;
  std::variant<int64_t Config::*, double Config::*, bool Config::*, std::string Config::*> field;
  ConfigValue original, tuned;  // the default in each preset
  double min = 0, max = 0;      // numbers: the allowed range (inclusive)
  std::vector<std::string_view> choices;  // strings with a fixed set of values
  std::string_view meaning;
};

const std::vector<ConfigKey>& config_table();
const std::vector<std::string>& preset_names();

// The defaults of a preset; throws ConfigError for an unknown one.
Config preset_config(std::string_view preset);

// Sets one key from text (--set key=value); throws ConfigError naming the key
// and what it expects (unknown key with close matches, wrong type, range).
void set_key(Config& config, std::string_view key, std::string_view value);
// key=value
void set_assignment(Config& config, std::string_view assignment);

// A JSON object of keys (the original's config.json). "preset" picks the
// base; every other key overrides it. Errors name the file and the key.
Config load_config_file(const std::filesystem::path& file, std::string_view preset_override = "");
// A config from JSON text: its "preset" (default tuned), then its keys.
Config config_from_json(const std::string& json_text, const std::string& source);
// Applies a JSON text's keys onto `config` (preset key ignored).
void apply_json(Config& config, const std::string& json_text, const std::string& source);

// Checks cross-key rules (burn-in >= batch, replay big enough, ...).
void validate(const Config& config);

// Pretty JSON of every key, in table order (the resolved config of a run).
std::string to_json(const Config& config);
// The reference table of every key (markdown: key, default in each preset,
// allowed values, meaning), as `train --help-config` prints it and the
// README includes it.
std::string config_reference_markdown();
// The value of a key as text (for --print-config and the README table).
std::string value_text(const Config& config, const ConfigKey& key);
std::string value_text(const ConfigValue& value);

}  // namespace ag::agent
