#include "conformance/replay.hpp"

#include <zlib.h>

#include <cstring>

#include "env/ale_env.hpp"
#include "env/rom_library.hpp"

namespace ag::conformance {

namespace {

uint32_t screen_crc(const env::AleEnv& env) {
  return static_cast<uint32_t>(
      crc32(0L, env.screen(), static_cast<uInt>(env.screen_height() * env::AleEnv::kScreenWidth)));
}

// Compares our state with one trace line; records the first mismatching field.
void compare(const env::AleEnv& env, const TraceFrame& want, int reward, CaseResult& r) {
  const int64_t index = static_cast<int64_t>(r.frames);
  ++r.frames;
  auto note = [&](const char* field) {
    if (r.first_mismatch_frame < 0) {
      r.first_mismatch_frame = index;
      r.first_mismatch_step = want.step;
      r.first_mismatch_field = field;
    }
  };
  bool ram = std::memcmp(env.ram(), want.ram.data(), 128) == 0;
  bool screen = screen_crc(env) == want.screen_crc;
  const char* flag_field = nullptr;
  if (env.lives() != want.lives)
    flag_field = "lives";
  else if (env.episode_frame_number() != want.episode_frame)
    flag_field = "episode_frame";
  else if (!want.is_reset) {
    if (reward != want.reward)
      flag_field = "reward";
    else if (env.game_terminal() != want.game_over)
      flag_field = "game_over";
    else if (env.game_truncated() != want.truncated)
      flag_field = "truncated";
  }
  r.ram_ok += ram;
  r.screen_ok += screen;
  r.flags_ok += flag_field == nullptr;
  if (!ram)
    note("ram");
  else if (!screen)
    note("screen");
  else if (flag_field)
    note(flag_field);
}

}  // namespace

CaseResult replay_trace(const Trace& trace, const std::vector<std::filesystem::path>& rom_dirs) {
  CaseResult r;
  r.name = trace.name;
  std::string stem = trace.rom;
  if (auto dot = stem.rfind(".bin"); dot != std::string::npos) stem = stem.substr(0, dot);
  try {
    env::AleSettings s;
    s.frame_skip = trace.frame_skip;
    s.repeat_action_probability = trace.repeat_action_probability;
    s.random_seed = trace.random_seed;
    s.max_num_frames_per_episode = trace.max_num_frames_per_episode;
    env::AleEnv env(env::find_rom(stem, rom_dirs), s);
    const auto& frames = trace.frames;
    compare(env, frames[0], 0, r);
    for (size_t i = 1; i < frames.size(); ++i) {
      const TraceFrame& f = frames[i];
      if (f.is_reset) {
        env.reset_game();
        compare(env, f, 0, r);
      } else {
        int reward = env.act(static_cast<env::Action>(f.action));
        compare(env, f, reward, r);
      }
    }
  } catch (const std::exception& e) {
    r.error = e.what();
  }
  return r;
}

CaseResult replay_file(const std::filesystem::path& path,
                       const std::vector<std::filesystem::path>& rom_dirs) {
  try {
    return replay_trace(read_trace(path), rom_dirs);
  } catch (const std::exception& e) {
    CaseResult r;
    r.name = case_name(path);
    r.error = e.what();
    return r;
  }
}

}  // namespace ag::conformance
