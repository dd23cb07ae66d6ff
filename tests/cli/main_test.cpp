// The program's entry: usage, unknown commands and bad options end with
// status 2 and say what was wrong; help goes to stdout with status 0. (No
// command at all runs the main job: cmd_eval_test.cpp.)
#include <gtest/gtest.h>

#include "cli/run_cli.hpp"

using ag::test::run_cli;

TEST(CliMain, HelpSaysWhatNoCommandDoes) {
  auto r = run_cli({"--help"});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("usage: atari-gym <command>"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("With no command"), std::string::npos) << r.out;
}

TEST(CliMain, HelpListsEveryCommandOnStdout) {
  auto r = run_cli({"--help"});
  EXPECT_EQ(r.status, 0);
  for (const char* cmd : {"train", "eval", "roms", "conformance", "bench", "rollout", "plot",
                          "play", "watch", "record"})
    EXPECT_NE(r.out.find(std::string("\n  ") + cmd), std::string::npos) << cmd << "\n" << r.out;
}

TEST(CliMain, UnknownCommandIsNamedWithStatus2) {
  auto r = run_cli({"frobnicate"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("unknown command 'frobnicate'"), std::string::npos) << r.err;
}

TEST(CliMain, BenchWithoutAKindIsAUsageError) {
  auto r = run_cli({"bench", "gpu"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("bench emu"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bench train"), std::string::npos) << r.err;
}

// CLI11 reports a failed check with its own code (105); the program maps
// every argument error to the usage status 2 and names the option.
TEST(CliMain, AnOptionOutOfRangeIsAUsageErrorNamingTheOption) {
  auto r = run_cli({"bench", "emu", "--rom", "pong", "--frame-skip", "0"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--frame-skip"), std::string::npos) << r.err;
  r = run_cli({"bench", "emu", "--rom", "pong", "--frames", "many"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--frames"), std::string::npos) << r.err;
  r = run_cli({"roms", "list", "--no-such-flag"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--no-such-flag"), std::string::npos) << r.err;
}

// --opt key=value is checked the same way by every command that takes it.
TEST(CliMain, AnEnvOptionWithoutKeyEqualsValueIsAUsageError) {
  const std::vector<std::vector<std::string>> cmds = {
      {"eval", "--checkpoint", "x.pt", "--opt", "sticky"},
      {"bench", "env", "--env", "ALE/Pong-v5", "--opt", "=1"},
      {"rollout", "--env", "ALE/Pong-v5", "--seed", "0", "--actions", "a.txt", "--opt", "sticky"}};
  for (const auto& args : cmds) {
    auto r = run_cli(args);
    EXPECT_EQ(r.status, 2) << args[0];
    EXPECT_NE(r.err.find("--opt"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("key=value"), std::string::npos) << r.err;
  }
}

TEST(CliMain, ACommandsHelpExitsZero) {
  auto r = run_cli({"conformance", "--help"});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("--expect-exact"), std::string::npos) << r.out;
}
