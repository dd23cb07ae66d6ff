// atari-gym: one binary, one subcommand per job.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "cli/commands.hpp"

namespace {

constexpr const char* kUsage =
    "usage: atari-gym <command> [options]\n"
    "\n"
    "commands:\n"
    "  roms list|import DIR     which supported games are available; import ROMs by MD5\n"
    "  conformance PATH...      replay ALE golden traces and compare every frame\n"
    "  bench emu|env ...        measure emulator frames/s or gym env steps/s\n"
    "  rollout --env ID ...     step a Gymnasium-style env through a list of actions\n"
    "\n"
    "`atari-gym <command> --help` describes a command's options.\n";

int bench(const ag::cli::Args& args) {
  if (!args.empty() && args[0] == "emu") return ag::cli::cmd_bench_emu({args.begin() + 1, args.end()});
  if (!args.empty() && args[0] == "env") return ag::cli::cmd_bench_env({args.begin() + 1, args.end()});
  std::fprintf(stderr, "usage: atari-gym bench emu|env [options]  (see --help of each)\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (!std::strcmp(argv[1], "--version")) {
    std::puts("atari-gym 0.1.0");
    return 0;
  }
  std::string cmd = argv[1];
  ag::cli::Args args(argv + 2, argv + argc);
  try {
    if (cmd == "roms") return ag::cli::cmd_roms(args);
    if (cmd == "conformance") return ag::cli::cmd_conformance(args);
    if (cmd == "bench") return bench(args);
    if (cmd == "rollout") return ag::cli::cmd_rollout(args);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "atari-gym %s: error: %s\n", cmd.c_str(), e.what());
    return 1;
  }
  std::fprintf(stderr, "atari-gym: unknown command '%s'\n\n%s", cmd.c_str(), kUsage);
  return 2;
}
