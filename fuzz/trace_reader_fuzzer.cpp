// libFuzzer target: the trace reader must reject any malformed input with a
// TraceError, never crash or read out of bounds.
//
// Inputs starting with the gzip magic go through read_trace() from a file (the
// zlib path: truncated and corrupt streams); the rest go to parse_trace().
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "conformance/trace.hpp"

namespace {

// One scratch file per fuzzing process (libFuzzer -jobs runs several).
const std::filesystem::path& scratch_file() {
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("ag_fuzz_trace_" + std::to_string(getpid()) + ".trace.gz");
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const bool gzip = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
  try {
    if (gzip) {
      {
        std::ofstream out(scratch_file(), std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
      }
      ag::conformance::read_trace(scratch_file());
    } else {
      ag::conformance::parse_trace(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
    }
  } catch (const ag::conformance::TraceError&) {
  }
  return 0;
}
