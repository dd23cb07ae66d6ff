#include "base/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace ag::base {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what, const fs::path& p) {
  throw std::runtime_error("cannot " + what + " " + p.string() + ": " + std::strerror(errno));
}

void fsync_path(const fs::path& p, int flags) {
  const int fd = ::open(p.c_str(), flags);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

fs::path temp_path_for(const fs::path& path) {
  return path.string() + ".tmp-" + std::to_string(::getpid());
}

void commit_temp_file(const fs::path& temp, const fs::path& path) {
  fsync_path(temp, O_RDONLY);
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int e = errno;
    std::error_code ec;
    fs::remove(temp, ec);
    errno = e;
    fail("rename onto", path);
  }
  // The rename itself is durable once the folder is synced.
  fsync_path(path.has_parent_path() ? path.parent_path() : fs::path("."), O_RDONLY | O_DIRECTORY);
}

void write_file_atomic(const fs::path& path, std::string_view bytes) {
  const fs::path temp = temp_path_for(path);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("write", temp);
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int e = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      errno = e;
      fail("write", temp);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(temp.c_str());
    fail("write", temp);
  }
  commit_temp_file(temp, path);
}

int remove_stale_temp_files(const fs::path& dir) {
  int n = 0;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return 0;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().filename().string().find(".tmp-") != std::string::npos) {
      fs::remove(it->path(), ec);
      ++n;
    }
  }
  return n;
}

void ensure_writable_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create folder " + dir.string() + ": " + ec.message());
  const fs::path probe = dir / (".write-test.tmp-" + std::to_string(::getpid()));
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) fail("write in folder", dir);
  ::close(fd);
  ::unlink(probe.c_str());
}

}  // namespace ag::base
