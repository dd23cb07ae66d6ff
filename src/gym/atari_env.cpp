#include "gym/atari_env.hpp"

#include <cstring>

#include "emu/palette.hpp"
#include "env/rom_library.hpp"
#include "gym/palette_gray.hpp"

namespace ag::gym {

namespace {

// ale-py: (height, width[, 3]) from ALE's getScreenDims(), i.e. the ROM's own
// screen height (210 for most games, 250 for PAL ones, 214-230 for a few
// NTSC games with a taller display).
Box observation_box(ObsType t, int height) {
  switch (t) {
    case ObsType::kRgb:
      return Box{0, 255, {height, env::AleEnv::kScreenWidth, 3}, DType::kUInt8};
    case ObsType::kGrayscale:
      return Box{0, 255, {height, env::AleEnv::kScreenWidth}, DType::kUInt8};
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
    : Env(Discrete{}, observation_box(checked(config).obs_type, env::AleEnv::kScreenHeight)),
      config_(std::move(config)),
      np_random_(0) {
  rom_path_ = env::find_rom(config_.game, config_.rom_dirs);
  seed_and_load(std::nullopt);
  // The screen's size and colours are the ROM's (its display height, and the
  // TV standard ALE's power-on probe found), fixed for the env's lifetime.
  screen_height_ = ale_->screen_height();
  tv_standard_ = ale_->console().tv_standard();
  observation_space_ = observation_box(config_.obs_type, screen_height_);
  for (int p = 0; p < 256; ++p) {
    gray_lut_[p] = emu::palette_gray(static_cast<uint8_t>(p), tv_standard_);
    const uint8_t* rgb = emu::palette_rgb(static_cast<uint8_t>(p), tv_standard_);
    rgb_lut_[p] = {rgb[0], rgb[1], rgb[2]};
  }
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
  // Power-on is deterministic (the emulator's RNG has a fixed seed), so a
  // reload finds the same screen as the first load.
  if (screen_height_ != 0 &&
      (ale->screen_height() != screen_height_ || ale->console().tv_standard() != tv_standard_))
    throw GymError(name() + ": the reloaded ROM has another screen (height " +
                   std::to_string(ale->screen_height()) + ", was " +
                   std::to_string(screen_height_) + ")");
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

namespace {

void put_pcg(emu::StateWriter& out, const Pcg64State& s) {
  out.put(s.state_high), out.put(s.state_low), out.put(s.inc_high), out.put(s.inc_low);
  out.put<uint8_t>(s.has_u32);
  out.put(s.u32);
}

Pcg64State get_pcg(EnvStateReader& in) {
  Pcg64State s;
  s.state_high = in.get<uint64_t>(), s.state_low = in.get<uint64_t>();
  s.inc_high = in.get<uint64_t>(), s.inc_low = in.get<uint64_t>();
  s.has_u32 = in.get_bool();
  s.u32 = in.get<uint32_t>();
  return s;
}

}  // namespace

// Settings that are not in the ALE state but decide what the next steps do
// are written too and must match: the state is only meaningful in the same env.
void AtariEnv::save_state(emu::StateWriter& out) const {
  put_state_tag(out, "AtariEnv");
  out.put_string(config_.id);
  out.put_string(config_.game);
  out.put<int32_t>(static_cast<int32_t>(config_.obs_type));
  out.put<int32_t>(config_.frameskip);
  out.put<int32_t>(config_.frameskip_high);
  out.put<float>(config_.repeat_action_probability);
  out.put<uint8_t>(config_.full_action_space);
  out.put<int32_t>(ale_->settings().max_num_frames_per_episode);
  const env::AleState ale_state = ale_->clone_state(/*include_rng=*/true);
  out.put_bytes(ale_state.bytes.data(), ale_state.bytes.size());
  put_pcg(out, np_random_.state());
}

void AtariEnv::load_state(emu::StateReader& raw) {
  EnvStateReader in(raw, *this);
  in.expect_tag("AtariEnv");
  const std::string id = in.get_string(), game = in.get_string();
  if (id != config_.id || game != config_.game)
    in.fail("it was saved from " + id + " (game " + game + "), this env is " + config_.id +
            " (game " + config_.game + ")");
  in.expect_same("obs_type", static_cast<int32_t>(config_.obs_type));
  in.expect_same("frameskip", int32_t{config_.frameskip});
  in.expect_same("frameskip upper bound", int32_t{config_.frameskip_high});
  in.expect_same("repeat_action_probability", config_.repeat_action_probability);
  in.expect_same("full_action_space", uint8_t{config_.full_action_space});
  in.expect_same("max_num_frames_per_episode",
                 int32_t{ale_->settings().max_num_frames_per_episode});
  env::AleState ale_state;
  try {
    ale_state.bytes = raw.get_bytes();
  } catch (const emu::StateError& e) {
    in.fail(e.what());
  }
  const Pcg64State rng = get_pcg(in);
  if ((rng.inc_low & 1) == 0) in.fail("corrupt state: np_random's increment is even");
  try {
    ale_->restore_state(ale_state);  // all or nothing
  } catch (const env::EnvError& e) {
    in.fail(e.what());
  }
  np_random_.set_state(rng);
  obs_stale_ = true;
}

int AtariEnv::frame_rate() const {
  return tv_standard_ == emu::TvStandard::Pal ? 50 : 60;
}

std::vector<uint8_t> AtariEnv::render() const {
  std::vector<uint8_t> rgb(static_cast<size_t>(screen_height_) * env::AleEnv::kScreenWidth * 3);
  screen_rgb(rgb.data());
  return rgb;
}

void AtariEnv::screen_grayscale(uint8_t* out) const {
  palette_to_gray(ale_->screen(), gray_lut_.data(), out,
                  static_cast<size_t>(screen_height_) * env::AleEnv::kScreenWidth);
}

void AtariEnv::screen_rgb(uint8_t* out) const {
  const uint8_t* s = ale_->screen();
  const int n = screen_height_ * env::AleEnv::kScreenWidth;
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
