// Temporary folders and whole-file reads and writes for tests. A folder's name
// carries the tag, the process id and a per-process count, so the test
// processes ctest -j runs side by side never share one.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

namespace ag::test {

// A fresh empty folder under the system's temp folder, unique per call; the
// caller removes it (or holds a TempDir, which does).
inline std::filesystem::path fresh_temp_dir(const std::string& tag) {
  static std::atomic<int> counter{0};
  auto dir =
      std::filesystem::temp_directory_path() /
      ("atari-gym-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// A fresh empty folder that is removed, with what it holds, when this goes out
// of scope (a test fixture's member: one folder per test).
class TempDir {
 public:
  explicit TempDir(const std::string& tag) : path_(fresh_temp_dir(tag)) {}
  ~TempDir() {
    std::error_code ignored;  // a test that failed half-way must not throw from here
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Used where a path is: `dir / "file"`, `dir.string()`, or passed as a path.
  const std::filesystem::path& path() const { return path_; }
  operator const std::filesystem::path&() const { return path_; }
  std::filesystem::path operator/(const std::filesystem::path& rel) const { return path_ / rel; }
  std::string string() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// The whole file as bytes; empty if it cannot be read.
inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Writes `bytes` as the whole file (replacing it).
inline void spit(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace ag::test
