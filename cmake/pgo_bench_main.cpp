// The PGO sub-build's program (cmake/pgo.cmake): `atari-gym-pgo bench emu
// ARGS` runs the same `bench emu` as atari-gym, without the agent layer (so
// the instrumented build needs no LibTorch and compiles in seconds).
#include <cstdio>
#include <cstring>
#include <exception>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  if (argc < 3 || std::strcmp(argv[1], "bench") || std::strcmp(argv[2], "emu")) {
    std::fprintf(stderr, "usage: atari-gym-pgo bench emu [options]\n");
    return 2;
  }
  try {
    return ag::cli::cmd_bench_emu(ag::cli::Args(argv + 3, argv + argc));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "atari-gym-pgo: error: %s\n", e.what());
    return 1;
  }
}
