// libFuzzer target: the trace parser must reject any malformed text with a
// TraceError, never crash or read out of bounds.
#include <cstdint>
#include <string>

#include "conformance/trace.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    ag::conformance::parse_trace(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
  } catch (const ag::conformance::TraceError&) {
  }
  return 0;
}
