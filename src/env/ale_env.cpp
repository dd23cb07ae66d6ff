// ALE's environment semantics (ale/environment/stella_environment.cpp and
// ale_state.cpp are the reference for the facts used here).
#include "env/ale_env.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "emu/palette.hpp"
#include "env/md5.hpp"
#include "env/rom_catalog.hpp"
#include "env/rom_library.hpp"

namespace ag::env {

namespace {

// ALE's paddle model (ale_state.hpp): the position is Stella's resistance;
// each frame a LEFT/RIGHT action moves it by 23000 * strength.
constexpr int kPaddleDelta = 23000;
constexpr int kPaddleMin = 27450;
// ALE's default range top; a few games set their own (GameSpec::paddle_max).
constexpr int kPaddleMax = 790196;
constexpr int kResetFrames = 4;   // RESET held this long by softReset()
constexpr int kResetNoops = 60;   // NOOP frames after the system reset
constexpr uint32_t kStateMagic = 0x41475331;  // "AGS1"
// Paddle strengths beyond this move the paddle across its whole range in one
// frame anyway (23000 * 44 exceeds every game's paddle range, the largest being
// Backgammon's 1000000): capping them keeps ALE's result and keeps
// 23000 * strength inside an int.
constexpr float kMaxPaddleStrength = 44.0f;

int paddle_delta(float strength) {
  return static_cast<int>(kPaddleDelta * std::min(std::fabs(strength), kMaxPaddleStrength));
}

// Action ids act() takes: both players' (0..35) and RESET.
void check_action(int a) {
  if (a < 0 || a > RESET) throw EnvError("action id out of range: " + std::to_string(a));
}
void check_strength(float s) {
  if (std::isnan(s)) throw EnvError("paddle strength is NaN");
}

bool is_right(int a) {
  return a == RIGHT || a == RIGHTFIRE || a == UPRIGHT || a == DOWNRIGHT || a == UPRIGHTFIRE ||
         a == DOWNRIGHTFIRE;
}
bool is_left(int a) {
  return a == LEFT || a == LEFTFIRE || a == UPLEFT || a == DOWNLEFT || a == UPLEFTFIRE ||
         a == DOWNLEFTFIRE;
}

}  // namespace

struct AleEnv::Impl final : GameHost {
  AleSettings settings;
  std::string rom_path;
  const GameSpec* spec = nullptr;
  std::unique_ptr<emu::Console> console;
  std::unique_ptr<GameLogic> logic;
  EnvRng rng;
  bool use_paddles = false;
  int paddle_max = kPaddleMax;

  // ALEState's part: paddles, frame counters, mode, difficulty.
  int left_paddle = 0, right_paddle = 0;
  int frame_number = 0, episode_frame_number = 0;
  int mode = 0, difficulty = 0;
  int max_lives = 0;
  // Sticky actions: what each player did last frame.
  Action last_a = NOOP, last_b = PLAYER_B_NOOP;
  float last_strength_a = 1.0f, last_strength_b = 1.0f;

  // --- GameHost: what game logic may do (ALE's StellaEnvironmentWrapper) ---
  // Through ALE's System::peek, which leaves the byte on the data bus.
  uint8_t read_ram(uint16_t addr) const override { return console->peek_ram(addr & 0x7F); }
  void write_ram(uint16_t addr, uint8_t v) override { console->set_ram(addr & 0x7F, v); }
  // Cartridge RAM (Klax keeps its score there) through the mapper's read
  // map, without triggering hotspots; elsewhere RIOT RAM.
  uint8_t peek(uint16_t addr) const override {
    if (addr & 0x1000) {
      const uint8_t* page = console->cartridge().read_page((addr & 0x0FFF) >> 6);
      if (!page) throw std::logic_error("cartridge address not readable without side effects");
      return page[addr & 0x3F];
    }
    return GameHost::peek(addr);
  }
  void press_select(int frames) override {
    reset_keys();
    console->controls().select = true;
    for (int i = 0; i < frames; ++i) console->run_frame();
    console->peek_ram(0x7F);  // ALE's processRAM() (see emulate())
    emulate(NOOP, PLAYER_B_NOOP, 1.0f, 1.0f, 1);
    ++frame_number;
    ++episode_frame_number;
  }
  void soft_reset() override {
    emulate(RESET, PLAYER_B_NOOP, 1.0f, 1.0f, kResetFrames);
    last_a = NOOP;
    last_b = PLAYER_B_NOOP;
  }
  void act(Action a, Action b) override { act_frames(a, b, 1.0f, 1.0f); }
  EnvRng& env_rng() override { return rng; }

  // ALE's resetKeys(): everything released, difficulty switches from the
  // current difficulty (bit 0: left A, bit 1: right A) on every frame.
  void reset_keys() {
    auto& c = console->controls();
    c.joystick[0] = {};
    c.joystick[1] = {};
    c.paddle_fire[0] = c.paddle_fire[1] = false;
    c.reset = c.select = false;
    c.left_difficulty_a = difficulty & 1;
    c.right_difficulty_a = (difficulty & 2) != 0;
  }

  void set_paddles(int left, int right) {
    left_paddle = std::clamp(left, kPaddleMin, paddle_max);
    right_paddle = std::clamp(right, kPaddleMin, paddle_max);
    auto& c = console->controls();
    c.paddle_resistance[0] = left_paddle;
    c.paddle_resistance[1] = right_paddle;
  }
  void reset_paddles() {
    int mid = (kPaddleMin + paddle_max) / 2;
    set_paddles(mid, mid);
  }

  void apply_joysticks(int a, int b) {
    reset_keys();
    auto& c = console->controls();
    if (a == RESET || b == RESET) c.reset = true;
    auto set = [](emu::Controls::Joystick& j, int action) {
      if (action < 0 || action >= kNumActions) return;
      auto p = action_parts(action);
      j = {p.up, p.down, p.left, p.right, p.fire};
    };
    set(c.joystick[0], a);
    set(c.joystick[1], b - PLAYER_B_NOOP);
  }

  void apply_paddles(int a, float sa, int b, float sb) {
    reset_keys();
    int bb = b - PLAYER_B_NOOP;
    // RIGHT turns the paddle towards lower resistance (ALE's convention).
    int da = is_right(a) ? -paddle_delta(sa) : is_left(a) ? paddle_delta(sa) : 0;
    int db = is_right(bb) ? -paddle_delta(sb) : is_left(bb) ? paddle_delta(sb) : 0;
    set_paddles(left_paddle + da, right_paddle + db);
    auto& c = console->controls();
    if (a == RESET || b == RESET) c.reset = true;
    if (a >= 0 && a < kNumActions) c.paddle_fire[0] = action_parts(a).fire;
    if (bb >= 0 && bb < kNumActions) c.paddle_fire[1] = action_parts(bb).fire;
  }

  // ALE's emulate(): inputs applied, then frames, game logic after each.
  void emulate(int a, int b, float sa, float sb, int frames) {
    if (use_paddles) {
      for (int t = 0; t < frames; ++t) {
        apply_paddles(a, sa, b, sb);
        console->run_frame();
        logic->step(*this);
      }
    } else {
      apply_joysticks(a, b);
      for (int t = 0; t < frames; ++t) {
        console->run_frame();
        logic->step(*this);
      }
    }
    // ALE's processRAM(): all 128 bytes read through System::peek, $FF last.
    console->peek_ram(0x7F);
  }

  bool legal(int a) const {
    // ALE's default isLegal() accepts anything (player B's ids included).
    if (a < 0 || a >= kNumActions) return true;
    const auto& l = spec->legal_actions;
    return std::find(l.begin(), l.end(), static_cast<Action>(a)) != l.end();
  }

  bool truncated() const {
    bool t = false;
    if (settings.max_num_frames_per_episode > 0)
      t |= episode_frame_number >= settings.max_num_frames_per_episode;
    if (settings.truncate_on_loss_of_life) t |= logic->lives() < max_lives;
    return t;
  }
  bool over() const { return logic->terminal() || truncated(); }

  // ALE's oneStepAct(): nothing happens once the episode is over.
  int one_frame(Action a, Action b, float sa, float sb) {
    if (over()) return 0;
    // ALE's noopIllegalActions(): illegal or RESET actions become NOOP.
    if (a == RESET || (a < PLAYER_B_NOOP && !legal(a))) a = NOOP;
    if (b == RESET || (b < RESET && !legal(b - PLAYER_B_NOOP))) b = PLAYER_B_NOOP;
    emulate(a, b, sa, sb, 1);
    ++frame_number;
    ++episode_frame_number;
    return logic->reward();
  }

  // ALE's act(): per frame, each player keeps last frame's action with
  // probability repeat_action_probability (one draw each, always drawn).
  int act_frames(Action a, Action b, float sa, float sb) {
    int sum = 0;
    const double p = settings.repeat_action_probability;
    for (int i = 0; i < settings.frame_skip; ++i) {
      if (next_double() >= p) {
        last_a = a;
        last_strength_a = sa;
      }
      if (next_double() >= p) {
        last_b = b;
        last_strength_b = sb;
      }
      sum += one_frame(last_a, last_b, last_strength_a, last_strength_b);
    }
    return std::clamp(sum, settings.reward_min, settings.reward_max);
  }
  // ALE's Random::nextDouble(): a 32-bit draw scaled into [0, 1).
  double next_double() { return rng() / (static_cast<double>(EnvRng::max()) + 1.0); }

  // restore_state() without the rollback.
  void load_state(const AleState& state);

  void reset() {
    episode_frame_number = 0;
    reset_paddles();
    console->reset();
    emulate(NOOP, PLAYER_B_NOOP, 1.0f, 1.0f, kResetNoops);
    soft_reset();
    logic->reset();
    logic->set_mode(mode, *this);
    soft_reset();
    for (Action a : spec->starting_actions) emulate(a, PLAYER_B_NOOP, 1.0f, 1.0f, 1);
  }
};

AleEnv::AleEnv(const std::filesystem::path& rom_path, AleSettings settings)
    : impl_(std::make_unique<Impl>()) {
  auto& m = *impl_;
  m.settings = settings;
  m.rom_path = rom_path.string();
  if (m.settings.frame_skip < 1) m.settings.frame_skip = 1;
  if (!(m.settings.repeat_action_probability >= 0 && m.settings.repeat_action_probability <= 1))
    throw EnvError("repeat_action_probability must be in [0, 1], got " +
                   std::to_string(m.settings.repeat_action_probability));
  auto rom = read_rom_file(rom_path);
  auto md5 = md5_hex(rom.data(), rom.size());
  m.spec = find_game_by_md5(md5);
  if (!m.spec)
    throw EnvError("ROM file " + m.rom_path + ": unknown ROM image (md5 " + md5 +
                   "); not one of the supported games (see `atari-gym roms list`)");
  const emu::RomProperties* props = find_rom_properties(md5);
  emu::RomProperties fallback;
  fallback.md5 = md5;
  try {
    m.console = std::make_unique<emu::Console>(rom, props ? *props : fallback);
  } catch (const std::exception& e) {
    throw EnvError("ROM file " + m.rom_path + ": " + e.what());
  }
  const auto& p = m.console->properties();
  m.use_paddles = p.left == emu::Controller::Paddles || p.right == emu::Controller::Paddles;
  m.logic = m.spec->make_logic();
  if (m.spec->paddle_max > 0) m.paddle_max = m.spec->paddle_max;
  m.rng.seed(static_cast<uint32_t>(m.settings.random_seed));
  m.mode = m.spec->default_mode;
  m.difficulty = m.spec->default_difficulty;
  if (settings.mode >= 0) set_mode(settings.mode);
  if (settings.difficulty >= 0) set_difficulty(settings.difficulty);
  m.max_lives = m.logic->lives();
  m.reset_paddles();
  m.reset();
}

AleEnv::~AleEnv() = default;
AleEnv::AleEnv(AleEnv&&) noexcept = default;
AleEnv& AleEnv::operator=(AleEnv&&) noexcept = default;

int AleEnv::act(Action action, float paddle_strength) {
  check_action(action);
  check_strength(paddle_strength);
  return impl_->act_frames(action, PLAYER_B_NOOP, paddle_strength, 0.0f);
}
int AleEnv::act(Action a, Action b, float sa, float sb) {
  check_action(a);
  check_action(b);
  check_strength(sa);
  check_strength(sb);
  if (b >= 0 && b < kNumActions) b = static_cast<Action>(b + PLAYER_B_NOOP);
  return impl_->act_frames(a, b, sa, sb);
}
void AleEnv::reset_game() { impl_->reset(); }

bool AleEnv::game_over(bool with_truncation) const {
  return with_truncation ? impl_->over() : impl_->logic->terminal();
}
bool AleEnv::game_terminal() const { return impl_->logic->terminal(); }
bool AleEnv::game_truncated() const { return impl_->truncated(); }
int AleEnv::lives() const { return impl_->logic->lives(); }
int AleEnv::frame_number() const { return impl_->frame_number; }
int AleEnv::episode_frame_number() const { return impl_->episode_frame_number; }

const GameSpec& AleEnv::game() const { return *impl_->spec; }
std::vector<Action> AleEnv::minimal_action_set() const { return impl_->spec->minimal_actions; }
std::vector<Action> AleEnv::legal_action_set() const { return impl_->spec->legal_actions; }
std::vector<int> AleEnv::available_modes() const { return impl_->spec->modes; }
std::vector<int> AleEnv::available_difficulties() const { return impl_->spec->difficulties; }

void AleEnv::set_mode(int mode) {
  const auto& modes = impl_->spec->modes;
  if (std::find(modes.begin(), modes.end(), mode) == modes.end()) {
    std::string list;
    for (int m : modes) list += " " + std::to_string(m);
    throw EnvError("game " + std::string(impl_->spec->rom) + " has no mode " +
                   std::to_string(mode) + "; available:" + list);
  }
  impl_->mode = mode;
}
void AleEnv::set_difficulty(int difficulty) {
  const auto& ds = impl_->spec->difficulties;
  if (std::find(ds.begin(), ds.end(), difficulty) == ds.end()) {
    std::string list;
    for (int d : ds) list += " " + std::to_string(d);
    throw EnvError("game " + std::string(impl_->spec->rom) + " has no difficulty " +
                   std::to_string(difficulty) + "; available:" + list);
  }
  impl_->difficulty = difficulty;
}
void AleEnv::seed(int random_seed) {
  impl_->settings.random_seed = random_seed;
  impl_->rng.seed(static_cast<uint32_t>(random_seed));
}

const uint8_t* AleEnv::screen() const { return impl_->console->screen(); }
int AleEnv::screen_height() const { return impl_->console->screen_height(); }
void AleEnv::screen_rgb(uint8_t* out) const {
  const uint8_t* s = screen();
  const auto tv = impl_->console->tv_standard();
  for (int i = 0, n = screen_height() * kScreenWidth; i < n; ++i) {
    const uint8_t* rgb = emu::palette_rgb(s[i], tv);
    out[3 * i + 0] = rgb[0];
    out[3 * i + 1] = rgb[1];
    out[3 * i + 2] = rgb[2];
  }
}
void AleEnv::screen_grayscale(uint8_t* out) const {
  const uint8_t* s = screen();
  const auto tv = impl_->console->tv_standard();
  for (int i = 0, n = screen_height() * kScreenWidth; i < n; ++i) out[i] = emu::palette_gray(s[i], tv);
}
const uint8_t* AleEnv::ram() const { return impl_->console->ram_data(); }
void AleEnv::set_ram(int index, uint8_t value) {
  if (index < 0 || index >= 128) throw EnvError("RAM index out of range: " + std::to_string(index));
  impl_->console->set_ram(index, value);
}

AleState AleEnv::clone_state(bool include_rng) const {
  const auto& m = *impl_;
  emu::StateWriter w;
  w.put(kStateMagic);
  w.put_string(std::string(m.spec->md5));
  m.console->save_state(w);
  m.logic->save_state(w);
  w.put(m.left_paddle);
  w.put(m.right_paddle);
  w.put(m.frame_number);
  w.put(m.episode_frame_number);
  w.put(m.mode);
  w.put(m.difficulty);
  w.put(m.last_a);
  w.put(m.last_b);
  w.put(m.last_strength_a);
  w.put(m.last_strength_b);
  w.put<uint8_t>(include_rng);
  if (include_rng) w.put(m.rng);
  return AleState{std::move(w.bytes())};
}

void AleEnv::restore_state(const AleState& state) {
  auto& m = *impl_;
  // A refused state must leave the environment as it was, but the console and
  // game logic are loaded before the fields after them are checked: keep a copy.
  const AleState backup = clone_state(true);
  try {
    m.load_state(state);
  } catch (...) {
    m.load_state(backup);
    throw;
  }
  m.console->peek_ram(0x7F);  // ALE's restoreState() ends with processRAM()
}

void AleEnv::Impl::load_state(const AleState& state) {
  auto& m = *this;
  try {
    emu::StateReader r(state.bytes);
    if (r.get<uint32_t>() != kStateMagic) throw EnvError("not an atari-gym environment state");
    if (r.get_string() != m.spec->md5)
      throw EnvError("state was saved from a different ROM than " + m.rom_path);
    m.console->load_state(r);
    m.logic->load_state(r);
    const auto left_paddle = r.get<int>(), right_paddle = r.get<int>();
    const auto frame_number = r.get<int>(), episode_frame_number = r.get<int>();
    const auto mode = r.get<int>(), difficulty = r.get<int>();
    const auto last_a = r.get<Action>(), last_b = r.get<Action>();
    const auto last_strength_a = r.get<float>(), last_strength_b = r.get<float>();
    const auto has_rng = r.get<uint8_t>();
    if (has_rng > 1) throw EnvError("corrupt environment state: bad RNG flag");
    if (has_rng) r.get_into(m.rng);
    if (!r.at_end()) throw EnvError("environment state has trailing bytes");
    auto in_range = [](int v, int lo, int hi) { return v >= lo && v <= hi; };
    const auto& modes = spec->modes;
    const auto& difficulties = spec->difficulties;
    if (!in_range(left_paddle, kPaddleMin, paddle_max) ||
        !in_range(right_paddle, kPaddleMin, paddle_max) ||
        !in_range(episode_frame_number, 0, frame_number) ||
        std::find(modes.begin(), modes.end(), mode) == modes.end() ||
        std::find(difficulties.begin(), difficulties.end(), difficulty) == difficulties.end() ||
        !in_range(last_a, 0, RESET) || !in_range(last_b, 0, RESET) ||
        std::isnan(last_strength_a) || std::isnan(last_strength_b))
      throw EnvError("corrupt environment state: values out of range");
    m.frame_number = frame_number;
    m.episode_frame_number = episode_frame_number;
    m.mode = mode;
    m.difficulty = difficulty;
    m.last_a = last_a;
    m.last_b = last_b;
    m.last_strength_a = last_strength_a;
    m.last_strength_b = last_strength_b;
    m.set_paddles(left_paddle, right_paddle);
  } catch (const emu::StateError& e) {
    throw EnvError(std::string("corrupt environment state: ") + e.what());
  }
}

const emu::Console& AleEnv::console() const { return *impl_->console; }
const AleSettings& AleEnv::settings() const { return impl_->settings; }

}  // namespace ag::env
