// Replays a golden trace on our environment and compares every frame.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "conformance/trace.hpp"

namespace ag::conformance {

// Per-case tally. A "frame" is one trace line (reset lines included).
struct CaseResult {
  std::string name;
  std::string error;  // non-empty: the case could not be run (missing ROM, bad trace)
  uint64_t frames = 0;
  uint64_t ram_ok = 0, screen_ok = 0, flags_ok = 0;
  // First mismatch: trace line index (0 = the load reset) and the field.
  int64_t first_mismatch_frame = -1;
  int first_mismatch_step = -1;  // step number of that line, -1 for a reset line
  std::string first_mismatch_field;
  // What differed there, ours against ALE's: "$85 ours 12 ALE 13, 1 of 128
  // bytes", "crc ours 1a2b3c4d ALE 5e6f7a8b", "ours 3 ALE 2".
  std::string first_mismatch_detail;
  bool exact() const {
    return error.empty() && frames > 0 && ram_ok == frames && screen_ok == frames &&
           flags_ok == frames;
  }
};

// Runs `trace` against the ROM found through the search path (plus `rom_dirs`).
CaseResult replay_trace(const Trace& trace, const std::vector<std::filesystem::path>& rom_dirs);

// Reads and replays one file; errors become CaseResult::error.
CaseResult replay_file(const std::filesystem::path& path,
                       const std::vector<std::filesystem::path>& rom_dirs);

}  // namespace ag::conformance
