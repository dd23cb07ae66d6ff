// Runs the built atari-gym binary as a user would, capturing its exit status,
// standard output and standard error. The CLI tests pin what the commands
// print and return, end to end, rather than the library calls behind them.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

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

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A fresh empty folder under the system's temp folder, unique per call.
inline std::filesystem::path fresh_temp_dir(const std::string& tag) {
  static std::atomic<int> counter{0};
  auto dir =
      std::filesystem::temp_directory_path() /
      ("atari-gym-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline CliRun run_cli(const std::vector<std::string>& args, const CliOptions& opt = {}) {
  const auto io = fresh_temp_dir("cli-io");
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
  std::filesystem::remove_all(io);
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
