#include "media/temp_file.hpp"

#include <system_error>

#include "base/atomic_file.hpp"

namespace ag::media {

namespace fs = std::filesystem;

TempFile::TempFile(fs::path target)
    : target_(std::move(target)), temp_(base::temp_path_for(target_)) {}

TempFile::~TempFile() {
  if (committed_) return;
  std::error_code ec;
  fs::remove(temp_, ec);
}

void TempFile::commit() {
  base::commit_temp_file(temp_, target_);
  committed_ = true;
}

}  // namespace ag::media
