// Golden traces recorded from ALE (format: ../shared/conformance/README.md).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace ag::conformance {

struct TraceError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One line: a step (`is_reset` false) or the state right after a reset.
struct TraceFrame {
  bool is_reset = false;
  int step = -1;  // steps since the start of the file (-1 for reset lines)
  int action = 0;
  int reward = 0;
  int lives = 0;
  bool game_over = false;
  bool truncated = false;
  int episode_frame = 0;
  std::array<uint8_t, 128> ram{};
  uint32_t screen_crc = 0;
};

struct Trace {
  std::string name;  // "space_invaders.main"
  std::string rom;   // "space_invaders.bin"
  int frame_skip = 1;
  float repeat_action_probability = 0;
  int random_seed = 0;
  int max_num_frames_per_episode = 0;
  std::vector<int> minimal_actions;
  std::vector<TraceFrame> frames;  // starts with the reset after loading the ROM
};

// Reads a *.trace.gz (or plain text) file. Throws TraceError naming the file,
// the line and the problem for anything malformed or truncated.
Trace read_trace(const std::filesystem::path& path);
// A gzip file's text (a trace or a screens file). Throws TraceError naming
// the file for a missing, truncated or corrupt one, or over 1 GiB unpacked.
std::string gunzip_file(const std::filesystem::path& path);
// Parses trace text already in memory (`origin` names it in errors).
Trace parse_trace(const std::string& text, const std::string& origin);

// A case's name: the file name up to ".trace" ("pong.main.trace.gz" ->
// "pong.main"), also for a file that cannot be read.
std::string case_name(const std::filesystem::path& path);

// The *.trace.gz files at `path` (itself, or the ones in a folder, sorted).
std::vector<std::filesystem::path> collect_traces(const std::filesystem::path& path);

}  // namespace ag::conformance
