#include "conformance/replay.hpp"

#include <zlib.h>

#include <cstdio>
#include <cstring>

#include "env/ale_env.hpp"
#include "env/rom_library.hpp"

namespace ag::conformance {

namespace {

uint32_t screen_crc(const env::AleEnv& env) {
  return static_cast<uint32_t>(
      crc32(0L, env.screen(), static_cast<uInt>(env.screen_height() * env::AleEnv::kScreenWidth)));
}

template <class... T>
std::string format(const char* fmt, T... args) {
  char buf[128];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

// "$85 ours 12 ALE 13, 2 of 128 bytes": the first differing RAM byte (by its
// 6507 address) and how many differ.
std::string ram_difference(const uint8_t* ours, const uint8_t* ale) {
  int first = -1, count = 0;
  for (int i = 0; i < 128; ++i)
    if (ours[i] != ale[i]) {
      if (first < 0) first = i;
      ++count;
    }
  return format("$%02X ours %02x ALE %02x, %d of 128 bytes", 0x80 + first, ours[first], ale[first],
                count);
}

// Compares our state with one trace line; records the first mismatching field.
void compare(const env::AleEnv& env, const TraceFrame& want, int reward, CaseResult& r) {
  const int64_t index = static_cast<int64_t>(r.frames);
  ++r.frames;
  const bool ram = std::memcmp(env.ram(), want.ram.data(), 128) == 0;
  const uint32_t crc = screen_crc(env);
  const bool screen = crc == want.screen_crc;
  const char* flag_field = nullptr;
  int ours = 0, ale = 0;  // the mismatching flag's values
  auto check = [&](const char* field, int a, int b) {
    if (!flag_field && a != b) flag_field = field, ours = a, ale = b;
  };
  check("lives", env.lives(), want.lives);
  check("episode_frame", env.episode_frame_number(), want.episode_frame);
  if (!want.is_reset) {
    check("reward", reward, want.reward);
    check("game_over", env.game_terminal(), want.game_over);
    check("truncated", env.game_truncated(), want.truncated);
  }
  r.ram_ok += ram;
  r.screen_ok += screen;
  r.flags_ok += flag_field == nullptr;
  if (r.first_mismatch_frame >= 0 || (ram && screen && !flag_field)) return;
  r.first_mismatch_frame = index;
  r.first_mismatch_step = want.step;
  if (!ram) {
    r.first_mismatch_field = "ram";
    r.first_mismatch_detail = ram_difference(env.ram(), want.ram.data());
  } else if (!screen) {
    r.first_mismatch_field = "screen";
    r.first_mismatch_detail = format("crc ours %08x ALE %08x", crc, want.screen_crc);
  } else {
    r.first_mismatch_field = flag_field;
    r.first_mismatch_detail = format("ours %d ALE %d", ours, ale);
  }
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
