// A file written under a temporary name beside its target and renamed into
// place only when complete (the videos: a Ctrl-C, an exception or a full disk
// never leaves half a video under the real name). The temp name is
// "<name>.tmp-<pid>", base/atomic_file.hpp's (as the checkpoints).
#pragma once

#include <filesystem>

namespace ag::media {

class TempFile {
 public:
  explicit TempFile(std::filesystem::path target);
  // Not committed: the temp file is removed (the target is left as it was).
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::filesystem::path& path() const { return temp_; }
  const std::filesystem::path& target() const { return target_; }
  // fsync, then rename over the target. Throws std::runtime_error naming the target.
  void commit();

 private:
  std::filesystem::path target_, temp_;
  bool committed_ = false;
};

}  // namespace ag::media
