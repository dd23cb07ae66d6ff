// Files written whole or not at all (base/atomic_file.hpp): what lands under
// the real name, what is left behind, and the errors that name the path.
#include "base/atomic_file.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_files.hpp"

namespace ag::base {
namespace {

namespace fs = std::filesystem;

class AtomicFile : public ::testing::Test {
 protected:
  int files() const {
    int n = 0;
    for (const auto& e : fs::directory_iterator(dir_)) n += e.is_regular_file();
    return n;
  }
  const ag::test::TempDir dir_{"atomic"};
};

TEST_F(AtomicFile, WriteReplacesTheTargetAndLeavesNoTempFile) {
  const fs::path f = dir_ / "a.json";
  write_file_atomic(f, "old");
  write_file_atomic(f, std::string("new\0bytes", 9));
  EXPECT_EQ(ag::test::slurp(f), std::string("new\0bytes", 9));
  EXPECT_EQ(files(), 1);
}

TEST_F(AtomicFile, AStreamedTempFileAppearsOnlyAtCommit) {
  const fs::path f = dir_ / "video.gif";
  const fs::path temp = temp_path_for(f);
  EXPECT_EQ(temp.parent_path(), dir_);  // beside it: rename() stays in the filesystem
  EXPECT_NE(temp.filename().string().find("video.gif.tmp-"), std::string::npos);
  std::ofstream(temp) << "frames";
  EXPECT_FALSE(fs::exists(f));
  commit_temp_file(temp, f);
  EXPECT_EQ(ag::test::slurp(f), "frames");
  EXPECT_FALSE(fs::exists(temp));
}

TEST_F(AtomicFile, AFailedRenameNamesTheTargetAndRemovesTheTemp) {
  const fs::path temp = temp_path_for(dir_ / "x");
  std::ofstream(temp) << "data";
  const fs::path target = dir_ / "no-such-folder" / "x";
  try {
    commit_temp_file(temp, target);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(target.string()), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(temp));
}

TEST_F(AtomicFile, StaleTempFilesOfAKilledRunAreRemovedAndCounted) {
  fs::create_directories(dir_ / "checkpoints");
  std::ofstream(dir_ / "model.pt") << "keep";
  std::ofstream(dir_ / "model.pt.tmp-123") << "half";
  std::ofstream(dir_ / "checkpoints" / "step_1.ckpt.tmp-9") << "half";
  EXPECT_EQ(remove_stale_temp_files(dir_), 2);
  EXPECT_TRUE(fs::exists(dir_ / "model.pt"));
  EXPECT_EQ(files(), 1);
  EXPECT_EQ(remove_stale_temp_files(dir_ / "missing"), 0);
}

TEST_F(AtomicFile, AFolderThatCannotBeMadeIsANamedError) {
  std::ofstream(dir_ / "file") << "x";
  const fs::path bad = dir_ / "file" / "run";  // below a regular file
  try {
    ensure_writable_dir(bad);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(bad.string()), std::string::npos) << e.what();
  }
  EXPECT_THROW(write_file_atomic(bad / "config.json", "{}"), std::runtime_error);
  ensure_writable_dir(dir_ / "new" / "deep");
  EXPECT_TRUE(fs::is_directory(dir_ / "new" / "deep"));
}

}  // namespace
}  // namespace ag::base
