#include "gym/atari_env.hpp"

#include <cstring>

#include "emu/palette.hpp"
#include "env/rom_library.hpp"
#include "gym/palette_gray.hpp"

namespace ag::gym {

namespace {

Box observation_box(ObsType t) {
  switch (t) {
    case ObsType::kRgb:
      return Box{0, 255, {env::AleEnv::kScreenHeight, env::AleEnv::kScreenWidth, 3}, DType::kUInt8};
    case ObsType::kGrayscale:
      return Box{0, 255, {env::AleEnv::kScreenHeight, env::AleEnv::kScreenWidth}, DType::kUInt8};
    case ObsType::kRam:
      return Box{0, 255, {128}, DType::kUInt8};
  }
  return {};
}

const AtariEnvConfig& checked(const AtariEnvConfig& c) {
  check_config(c);
  return c;
}

}  // namespace

void check_config(const AtariEnvConfig& c) {
  const std::string who = c.id.empty() ? c.game : c.id;
  if (c.frameskip_high > 0) {
    if (c.frameskip <= 0)
      throw GymError(who + ": invalid stochastic frameskip, lower bound must be positive");
    if (c.frameskip >= c.frameskip_high)
      throw GymError(who +
                     ": invalid stochastic frameskip, lower bound must be strictly less "
                     "than upper bound");
  } else if (c.frameskip <= 0) {
    throw GymError(who + ": invalid frameskip of " + std::to_string(c.frameskip) +
                   ", frameskip must be positive");
  }
  if (!(c.repeat_action_probability >= 0.0f && c.repeat_action_probability <= 1.0f))
    throw GymError(who + ": repeat_action_probability must be in [0, 1], got " +
                   std::to_string(c.repeat_action_probability));
  if (c.max_num_frames_per_episode && *c.max_num_frames_per_episode < 0)
    throw GymError(who + ": max_num_frames_per_episode must be >= 0");
}

AtariEnv::AtariEnv(AtariEnvConfig config)
    : Env(Discrete{}, observation_box(checked(config).obs_type)),
      config_(std::move(config)),
      np_random_(0) {
  for (int p = 0; p < 256; ++p) {
    gray_lut_[p] = emu::palette_gray(static_cast<uint8_t>(p));
    const uint8_t* rgb = emu::palette_rgb(static_cast<uint8_t>(p));
    rgb_lut_[p] = {rgb[0], rgb[1], rgb[2]};
  }
  rom_path_ = env::find_rom(config_.game, config_.rom_dirs);
  seed_and_load(std::nullopt);
  action_set_ = config_.full_action_space ? ale_->legal_action_set() : ale_->minimal_action_set();
  action_space_ = Discrete{static_cast<int>(action_set_.size())};
}

std::string AtariEnv::name() const {
  return "AtariEnv<" + (config_.id.empty() ? config_.game : config_.id) + ">";
}

std::vector<std::string> AtariEnv::action_meanings() const {
  std::vector<std::string> names;
  for (env::Action a : action_set_) names.emplace_back(env::kActionNames.at(a));
  return names;
}

SeedsUsed AtariEnv::seed_and_load(std::optional<uint64_t> seed) {
  const AtariSeeds s = atari_seeds(seed);
  np_random_ = NpRandom(s.np_seed);
  env::AleSettings settings;
  settings.frame_skip = 1;  // ale-py repeats act() itself
  settings.repeat_action_probability = config_.repeat_action_probability;
  settings.random_seed = s.ale_random_seed();
  if (config_.max_num_frames_per_episode)
    settings.max_num_frames_per_episode = *config_.max_num_frames_per_episode;
  // loadROM: a fresh console, reset with the game's default mode; the chosen
  // mode and difficulty take effect at the next reset_game(), as in ALE.
  auto ale = std::make_unique<env::AleEnv>(rom_path_, settings);
  try {
    if (config_.mode) ale->set_mode(*config_.mode);
    if (config_.difficulty) ale->set_difficulty(*config_.difficulty);
  } catch (const env::EnvError& e) {
    throw GymError(name() + ": " + e.what());
  }
  ale_ = std::move(ale);
  obs_stale_ = true;
  return {s.np_seed, s.ale_seed};
}

Info AtariEnv::info() const {
  Info i;
  i.lives = ale_->lives();
  i.episode_frame_number = ale_->episode_frame_number();
  i.frame_number = ale_->frame_number();
  return i;
}

ResetResult AtariEnv::do_reset(std::optional<uint64_t> seed, const Options& /*options*/) {
  // ale-py ignores reset options.
  std::optional<SeedsUsed> seeds;
  if (seed) seeds = seed_and_load(seed);
  ale_->reset_game();
  obs_stale_ = true;
  Info i = info();
  i.seeds = seeds;
  return {observation(), i};
}

StepResult AtariEnv::do_step(int action) {
  const int skip =
      config_.frameskip_high > 0
          ? static_cast<int>(np_random_.integers(config_.frameskip, config_.frameskip_high))
          : config_.frameskip;
  const env::Action a = action_set_[action];
  double reward = 0;
  // ale-py keeps calling act() after the game ends (ALE then emulates nothing).
  for (int k = 0; k < skip; ++k) reward += ale_->act(a, 1.0f);
  obs_stale_ = true;
  return {observation(), reward, ale_->game_terminal(), ale_->game_truncated(), info()};
}

void AtariEnv::screen_grayscale(uint8_t* out) const {
  palette_to_gray(ale_->screen(), gray_lut_.data(), out,
                  env::AleEnv::kScreenHeight * env::AleEnv::kScreenWidth);
}

void AtariEnv::screen_rgb(uint8_t* out) const {
  const uint8_t* s = ale_->screen();
  constexpr int n = env::AleEnv::kScreenHeight * env::AleEnv::kScreenWidth;
  for (int i = 0; i < n; ++i) {
    const auto& c = rgb_lut_[s[i]];
    out[3 * i + 0] = c[0];
    out[3 * i + 1] = c[1];
    out[3 * i + 2] = c[2];
  }
}

const void* AtariEnv::render_observation() {
  uint8_t* out = obs_buffer_as<uint8_t>();
  if (obs_stale_) {
    switch (config_.obs_type) {
      case ObsType::kRgb:
        screen_rgb(out);
        break;
      case ObsType::kGrayscale:
        screen_grayscale(out);
        break;
      case ObsType::kRam:
        std::memcpy(out, ale_->ram(), 128);
        break;
    }
    obs_stale_ = false;
  }
  return out;
}

}  // namespace ag::gym
