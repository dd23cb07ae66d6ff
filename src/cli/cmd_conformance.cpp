// `atari-gym conformance`: replay ALE's golden traces, one line per case, then a summary.
#include <atomic>
#include <cstdio>
#include <fstream>
#include <set>
#include <thread>

#include "cli/parse.hpp"
#include "conformance/replay.hpp"

namespace ag::cli {

namespace {

double pct(uint64_t ok, uint64_t n) {
  return n ? 100.0 * static_cast<double>(ok) / n : 0.0;
}

std::set<std::string> read_case_list(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read case list " + path);
  std::set<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    auto hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front())))
      line.erase(0, 1);
    if (!line.empty()) out.insert(line);
  }
  return out;
}

}  // namespace

int cmd_conformance(const Args& args) {
  CLI::App app(
      "Replay golden ALE traces (*.trace.gz) and compare RAM, screen, reward, lives "
      "and flags on every frame. Exit status 0 only when everything matches (or, with "
      "--expect-exact, when every listed case matches).",
      "atari-gym conformance");
  std::vector<std::string> paths, rom_dirs;
  std::string expect_file;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  app.add_option("paths", paths, "trace files or folders of them")->required();
  app.add_option("--roms", rom_dirs, "extra ROM folder(s) searched first");
  app.add_option("-j,--jobs", jobs, "cases replayed in parallel")->check(CLI::Range(1u, 256u));
  app.add_option("--expect-exact", expect_file,
                 "ratchet: file listing case names that must be exact; the exit status then "
                 "depends only on them");
  if (auto rc = parse(app, args)) return *rc;

  std::vector<std::filesystem::path> files;
  for (auto& p : paths) {
    auto found = conformance::collect_traces(p);
    if (found.empty()) std::fprintf(stderr, "conformance: no *.trace.gz in %s\n", p.c_str());
    files.insert(files.end(), found.begin(), found.end());
  }
  std::vector<std::filesystem::path> dirs(rom_dirs.begin(), rom_dirs.end());

  std::vector<conformance::CaseResult> results(files.size());
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < std::min<size_t>(jobs, files.size()); ++t)
    pool.emplace_back([&] {
      for (size_t i; (i = next++) < files.size();)
        results[i] = conformance::replay_file(files[i], dirs);
    });
  for (auto& t : pool) t.join();

  uint64_t frames = 0, ram = 0, screen = 0, flags = 0;
  size_t exact = 0;
  for (auto& r : results) {
    frames += r.frames;
    ram += r.ram_ok;
    screen += r.screen_ok;
    flags += r.flags_ok;
    exact += r.exact();
    if (!r.error.empty()) {
      std::printf("%-28s error: %s\n", r.name.c_str(), r.error.c_str());
    } else if (r.exact()) {
      std::printf("%-28s frames=%llu exact\n", r.name.c_str(), (unsigned long long)r.frames);
    } else {
      std::printf(
          "%-28s frames=%llu first mismatch: frame %lld (%s%d) %s (%s); ram %.2f%% screen %.2f%% "
          "flags %.2f%%\n",
          r.name.c_str(), (unsigned long long)r.frames, (long long)r.first_mismatch_frame,
          r.first_mismatch_step < 0 ? "reset after step " : "step ", r.first_mismatch_step,
          r.first_mismatch_field.c_str(), r.first_mismatch_detail.c_str(), pct(r.ram_ok, r.frames),
          pct(r.screen_ok, r.frames), pct(r.flags_ok, r.frames));
    }
  }
  std::printf(
      "conformance: %zu cases, %llu frames, ram %.2f%%, screen %.2f%%, reward/lives/flags "
      "%.2f%%, exact cases %zu/%zu\n",
      results.size(), (unsigned long long)frames, pct(ram, frames), pct(screen, frames),
      pct(flags, frames), exact, results.size());

  if (!expect_file.empty()) {
    auto expected = read_case_list(expect_file);
    int missing = 0;
    std::set<std::string> seen;
    for (auto& r : results) {
      seen.insert(r.name);
      bool listed = expected.count(r.name) > 0;
      if (listed && !r.exact()) {
        std::printf("ratchet: %s is listed as exact but is not\n", r.name.c_str());
        ++missing;
      } else if (!listed && r.exact()) {
        std::printf("ratchet: %s is now exact: add it to %s\n", r.name.c_str(),
                    expect_file.c_str());
      }
    }
    for (auto& name : expected)
      if (!seen.count(name)) {
        std::printf("ratchet: %s is listed but was not run\n", name.c_str());
        ++missing;
      }
    return missing ? 1 : 0;
  }
  return exact == results.size() && !results.empty() ? 0 : 1;
}

}  // namespace ag::cli
