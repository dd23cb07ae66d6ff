// Runs the built atari-gym binary as a user would, capturing its exit status,
// standard output and standard error. The CLI tests pin what the commands
// print and return, end to end, rather than the library calls behind them.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "support/temp_files.hpp"

namespace ag::test {

struct CliRun {
  int status = -1;  // exit status; -1 if the process did not exit normally (a crash)
  std::string out, err;
};

struct CliOptions {
  std::filesystem::path cwd;                             // default: the test's cwd
  std::vector<std::pair<std::string, std::string>> env;  // set for the child only
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline CliRun run_cli(const std::vector<std::string>& args, const CliOptions& opt = {}) {
  const TempDir io("cli-io");
  std::string cmd;
  if (!opt.cwd.empty()) cmd += "cd " + shell_quote(opt.cwd.string()) + " && ";
  cmd += "env";
  for (auto& [k, v] : opt.env) cmd += " " + shell_quote(k + "=" + v);
  cmd += " " + shell_quote(AG_CLI_BINARY);
  for (auto& a : args) cmd += " " + shell_quote(a);
  cmd += " >" + shell_quote((io / "out").string()) + " 2>" + shell_quote((io / "err").string());
  const int raw = std::system(cmd.c_str());
  CliRun r;
  if (raw != -1 && WIFEXITED(raw)) r.status = WEXITSTATUS(raw);
  r.out = slurp(io / "out");
  r.err = slurp(io / "err");
  return r;
}

inline bool contains(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

// The last non-empty line of a command's output.
inline std::string last_line(const std::string& text) {
  std::string line, last;
  std::istringstream in(text);
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  return last;
}

}  // namespace ag::test
