// atari-gym: one binary, one subcommand per job. One table (kCommands) gives
// both `atari-gym --help` and the dispatch.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "cli/commands.hpp"

namespace {

using ag::cli::Args;

struct Command {
  const char* name;
  const char* synopsis;  // shown after the name in --help
  const char* summary;
  int (*run)(const Args&);
};

int bench(const Args& args);

const Command kCommands[] = {
    {"train", "[--preset P] [--env ID] ...", "train a Double DQN agent (or --resume a run)",
     ag::cli::cmd_train},
    {"eval", "--checkpoint PATH ...", "play full games with a trained agent and score them",
     ag::cli::cmd_eval},
    {"bench", "emu|env|train ...", "measure emulator frames/s, env steps/s or training steps/s",
     bench},
    {"roms", "list|import DIR", "which supported games are available; import ROMs by MD5",
     ag::cli::cmd_roms},
    {"conformance", "PATH...", "replay ALE golden traces and compare every frame",
     ag::cli::cmd_conformance},
    {"rollout", "--env ID ...", "step a Gymnasium-style env through a list of actions",
     ag::cli::cmd_rollout},
    {"play", "[--env ID] [--scale N]", "play a game yourself in a window (keyboard as joystick)",
     ag::cli::cmd_play},
    {"watch", "[--checkpoint PATH] ...", "watch a trained agent play in a window, with its Q-values",
     ag::cli::cmd_watch},
    {"record", "--out FILE.mp4|FILE.gif ...", "record a video of a trained agent playing",
     ag::cli::cmd_record},
    {"plot", "RUN_DIR... --out FILE.png", "one chart comparing training runs (return, length, loss, Q)",
     ag::cli::cmd_plot},
};

const Command kBench[] = {
    {"emu", "", "raw emulator frames/s", ag::cli::cmd_bench_emu},
    {"env", "", "gym vector env agent steps/s", ag::cli::cmd_bench_env},
    {"train", "", "the training loop's agent steps/s and ms per update", ag::cli::cmd_bench_train},
};

void usage(FILE* out) {
  std::fputs("usage: atari-gym <command> [options]\n\ncommands:\n", out);
  for (const auto& c : kCommands) {
    const std::string head = std::string(c.name) + " " + c.synopsis;
    std::fprintf(out, "  %-36s %s\n", head.c_str(), c.summary);
  }
  std::fputs("\nWith no command: `atari-gym eval` of the shipped Space Invaders agent (10 games).\n"
             "`atari-gym <command> --help` describes a command's options.\n", out);
}

int bench(const Args& args) {
  for (const auto& c : kBench)
    if (!args.empty() && args[0] == c.name) return c.run({args.begin() + 1, args.end()});
  std::fputs("usage: atari-gym bench <what> [options]  (see --help of each)\n", stderr);
  for (const auto& c : kBench) std::fprintf(stderr, "  bench %-6s %s\n", c.name, c.summary);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && (!std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h"))) {
    usage(stdout);
    return 0;
  }
  if (argc >= 2 && !std::strcmp(argv[1], "--version")) {
    std::puts("atari-gym 0.1.0");
    return 0;
  }
  // No arguments: the main job, evaluating the shipped agent (`eval` with its defaults).
  const std::string cmd = argc < 2 ? "eval" : argv[1];
  const Args args = argc < 2 ? Args() : Args(argv + 2, argv + argc);
  for (const auto& c : kCommands) {
    if (cmd != c.name) continue;
    try {
      return c.run(args);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "atari-gym %s: error: %s\n", cmd.c_str(), e.what());
      return 1;
    }
  }
  std::fprintf(stderr, "atari-gym: unknown command '%s'\n\n", cmd.c_str());
  usage(stderr);
  return 2;
}
