// The atari-gym subcommands. Each lives in its own cmd_<name>.cpp and takes
// the arguments after its name; it returns the process exit status.
#pragma once

#include <string>
#include <vector>

namespace ag::cli {

using Args = std::vector<std::string>;

int cmd_roms(const Args& args);         // roms list | roms import DIR
int cmd_conformance(const Args& args);  // replay golden ALE traces
int cmd_bench_emu(const Args& args);    // bench emu: raw emulator frames/s
int cmd_bench_env(const Args& args);    // bench env: gym vector env steps/s
int cmd_rollout(const Args& args);      // step a gym env through a list of actions
int cmd_train(const Args& args);        // train a Double DQN agent
int cmd_eval(const Args& args);         // evaluate a trained agent on full games
int cmd_bench_train(const Args& args);  // bench train: training loop steps/s
int cmd_plot(const Args& args);         // one chart comparing training runs
int cmd_play(const Args& args);         // a human plays in a window
int cmd_watch(const Args& args);        // the agent plays in a window
int cmd_record(const Args& args);       // a video of the agent playing

}  // namespace ag::cli
