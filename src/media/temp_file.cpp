#include "media/temp_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>

namespace ag::media {

namespace fs = std::filesystem;

namespace {

void fsync_path(const fs::path& p, int flags) {
  const int fd = ::open(p.c_str(), flags);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

TempFile::TempFile(fs::path target)
    : target_(std::move(target)), temp_(target_.string() + ".tmp-" + std::to_string(::getpid())) {}

TempFile::~TempFile() {
  if (committed_) return;
  std::error_code ec;
  fs::remove(temp_, ec);
}

void TempFile::commit() {
  fsync_path(temp_, O_RDONLY);
  if (std::rename(temp_.c_str(), target_.c_str()) != 0)
    throw std::runtime_error(
        target_.string() + ": cannot rename the finished file into place: " + std::strerror(errno));
  committed_ = true;
  // The rename itself is durable once the folder is synced.
  fsync_path(target_.has_parent_path() ? target_.parent_path() : fs::path("."),
             O_RDONLY | O_DIRECTORY);
}

}  // namespace ag::media
