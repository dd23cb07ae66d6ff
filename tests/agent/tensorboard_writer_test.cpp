// TensorBoard event files: CRC-32C vectors, round trips, resume, damaged
// files, and an independent reader (tests/agent/read_tfevents.py: Python's
// protobuf over protoc's output for the same .proto, its own CRC-32C).
#include "agent/tensorboard_writer.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>

#include "support/temp_files.hpp"

namespace ag::agent {
namespace {

namespace fs = std::filesystem;

using ag::test::slurp;
using ag::test::spit;

// Record start offsets, from the framing's length fields alone.
std::vector<size_t> record_offsets(const std::string& bytes) {
  std::vector<size_t> offsets;
  for (size_t pos = 0; pos + 12 <= bytes.size();) {
    uint64_t length = 0;
    for (int i = 0; i < 8; ++i) length |= uint64_t(uint8_t(bytes[pos + i])) << (8 * i);
    offsets.push_back(pos);
    pos += 12 + length + 4;
  }
  return offsets;
}

class TensorBoardWriterTest : public ::testing::Test {
 protected:
  void SetUp() override { file_ = dir_ / "run" / "tb" / "events.out.tfevents.atari-gym"; }

  // Steps 1..n, tags "a" and "b" per step.
  void write_steps(int n, std::optional<int64_t> resume = std::nullopt, double offset = 0) {
    TensorBoardWriter writer(file_, resume);
    for (int step = 1; step <= n; ++step) {
      writer.add_scalar("a", step, step + offset, 1000.0 + step);
      writer.add_scalar("b", step, -0.5 * step, 1000.0 + step);
    }
  }

  const ag::test::TempDir dir_{"tensorboard"};
  fs::path file_;
};

TEST(Crc32c, KnownVectors) {
  EXPECT_EQ(crc32c("123456789", 9), 0xE3069283u);
  EXPECT_EQ(crc32c("", 0), 0u);
  // RFC 3720 (iSCSI) B.4: 32 zero bytes, 32 0xFF bytes, 0x00..0x1F.
  std::string zeros(32, '\0'), ones(32, '\xff'), inc(32, '\0');
  for (int i = 0; i < 32; ++i) inc[i] = char(i);
  EXPECT_EQ(crc32c(zeros.data(), 32), 0x8A9136AAu);
  EXPECT_EQ(crc32c(ones.data(), 32), 0x62A8AB43u);
  EXPECT_EQ(crc32c(inc.data(), 32), 0x46DD794Eu);
  // Continuation equals one pass.
  EXPECT_EQ(crc32c("56789", 5, crc32c("1234", 4)), 0xE3069283u);
  const uint32_t crc = 0xE3069283u;
  EXPECT_EQ(masked_crc32c("123456789", 9), ((crc >> 15) | (crc << 17)) + 0xa282ead8u);
}

TEST_F(TensorBoardWriterTest, RoundTrip) {
  {
    TensorBoardWriter writer(file_);
    writer.add_scalar("episode/return", 0, 12.5, 1700000000.25);
    writer.add_scalar("episode/return", 7, -3.0, 1700000001.5);
    writer.add_scalar("train/loss", 7, 0.1, 1700000002.75);  // 0.1 is not a float
  }
  const std::vector<ScalarEvent> got = read_tensorboard_scalars(file_);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].tag, "episode/return");
  EXPECT_EQ(got[0].step, 0);
  EXPECT_EQ(got[0].value, 12.5);
  EXPECT_EQ(got[0].wall_time, 1700000000.25);
  EXPECT_EQ(got[1].step, 7);
  EXPECT_EQ(got[1].value, -3.0);
  EXPECT_EQ(got[2].tag, "train/loss");
  EXPECT_EQ(got[2].value, double(0.1f));
  EXPECT_EQ(got[2].wall_time, 1700000002.75);
}

TEST_F(TensorBoardWriterTest, FlushHandsWholeRecordsToTheOs) {
  TensorBoardWriter writer(file_);
  writer.add_scalar("a", 1, 1, 1);
  EXPECT_TRUE(read_tensorboard_scalars(file_).empty());  // buffered
  writer.flush();
  EXPECT_EQ(read_tensorboard_scalars(file_).size(), 1u);
  // Past the 64 KiB buffer the writer writes on its own, whole records only.
  for (int i = 0; i < 5000; ++i) writer.add_scalar("a", i, i, 1);
  const size_t seen = read_tensorboard_scalars(file_).size();
  EXPECT_GT(seen, 1u);
  EXPECT_LT(seen, 5001u);
  EXPECT_EQ(record_offsets(slurp(file_)).size(), seen + 1);  // + the version record
}

TEST_F(TensorBoardWriterTest, ResumeKeepsStepsUpToTheResumeStep) {
  write_steps(10);
  const std::string before = slurp(file_);
  write_steps(7, /*resume=*/5, /*offset=*/100);  // steps 1..5 again are new events
  const std::string after = slurp(file_);
  // Kept: the version record and the events of steps 1..5 (2 each), byte for byte.
  const size_t kept = record_offsets(before)[1 + 2 * 5];
  EXPECT_EQ(after.substr(0, kept), before.substr(0, kept));
  const std::vector<ScalarEvent> got = read_tensorboard_scalars(file_);
  ASSERT_EQ(got.size(), 2u * 5 + 2u * 7);
  for (int i = 0; i < 10; ++i) EXPECT_LE(got[i].step, 5);
  EXPECT_EQ(got[8].tag, "a");
  EXPECT_EQ(got[8].value, 5.0);   // old step 5
  EXPECT_EQ(got[10].value, 101);  // the resumed run's first event
  EXPECT_EQ(got.back().step, 7);
}

TEST_F(TensorBoardWriterTest, NoResumeReplacesAndResumeWithoutFileStartsFresh) {
  write_steps(4);
  write_steps(2, std::nullopt, 50);
  std::vector<ScalarEvent> got = read_tensorboard_scalars(file_);
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].value, 51);
  fs::remove(file_);
  write_steps(3, /*resume=*/10);
  EXPECT_EQ(read_tensorboard_scalars(file_).size(), 6u);
  EXPECT_EQ(std::distance(fs::directory_iterator(file_.parent_path()), {}), 1)
      << "no temp file left behind";
}

TEST_F(TensorBoardWriterTest, TruncatedLastRecordIsDropped) {
  write_steps(3);
  const std::string bytes = slurp(file_);
  const size_t last = record_offsets(bytes).back();
  // Cut inside the last record's data, and inside its header.
  for (size_t cut : {bytes.size() - 5, last + 7}) {
    spit(file_, bytes.substr(0, cut));
    const std::vector<ScalarEvent> got = read_tensorboard_scalars(file_);
    ASSERT_EQ(got.size(), 5u);
    EXPECT_EQ(got.back().tag, "a");
    EXPECT_EQ(got.back().step, 3);
  }
  // Resuming from it drops the tail and appends cleanly.
  { TensorBoardWriter(file_, 100).add_scalar("c", 4, 4, 4); }
  const std::vector<ScalarEvent> got = read_tensorboard_scalars(file_);
  ASSERT_EQ(got.size(), 6u);
  EXPECT_EQ(got.back().tag, "c");
}

TEST_F(TensorBoardWriterTest, FlippedByteNamesFileAndOffset) {
  write_steps(5);
  const std::string bytes = slurp(file_);
  const std::vector<size_t> offsets = record_offsets(bytes);
  const size_t record = offsets[4];
  // A byte of the data, then a byte of the length: both caught by a CRC.
  for (size_t at : {record + 14, record + 2}) {
    std::string bad = bytes;
    bad[at] ^= 0x40;
    spit(file_, bad);
    const std::string offset = "byte offset " + std::to_string(record);
    try {
      read_tensorboard_scalars(file_);
      ADD_FAILURE() << "no error for a flipped byte at " << at;
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(file_.string()), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(offset), std::string::npos) << e.what();
    }
    // Resuming refuses too, and leaves the file as it was.
    EXPECT_THROW(TensorBoardWriter(file_, 100), std::runtime_error);
    EXPECT_EQ(slurp(file_), bad);
  }
}

TEST_F(TensorBoardWriterTest, UnwritableFolderNamesThePath) {
  // A regular file where a folder should be: fails even for root, unlike chmod.
  spit(dir_ / "run", "not a folder");
  try {
    TensorBoardWriter writer(file_);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find((dir_ / "run" / "tb").string()), std::string::npos) << what;
    EXPECT_NE(what.find("Not a directory"), std::string::npos) << what;
  }
}

// The first python3 with google.protobuf: the one on PATH, else Debian's
// (a pyenv or venv python3 on PATH may lack python3-protobuf).
std::optional<std::string> python_with_protobuf() {
  for (std::string python : {"python3", "/usr/bin/python3"})
    if (std::system((python + " -c 'import google.protobuf' >/dev/null 2>&1").c_str()) == 0)
      return python;
  return std::nullopt;
}

TEST_F(TensorBoardWriterTest, IndependentPythonReaderAgrees) {
  const std::optional<std::string> python = python_with_protobuf();
  if (!python) GTEST_SKIP() << "needs python3 with google.protobuf (Debian: python3-protobuf)";
  std::vector<ScalarEvent> written = {{"episode/return", 1, 21.0, 10.5},
                                      {"episode/return", 2, -7.25, 11.5},
                                      {"train/loss", 2, 0.1, 12.0},
                                      {"train/q mean", 1000000000000, 3.4e38, 13.0},
                                      {"eval/tiny", 3, 1e-40, 14.0}};
  {
    TensorBoardWriter writer(file_);
    for (const ScalarEvent& e : written) writer.add_scalar(e.tag, e.step, e.value, e.wall_time);
  }
  const std::string source = AG_SOURCE_DIR;
  const fs::path err = dir_ / "stderr.txt";
  const std::string command = *python + " '" + source + "/tests/agent/read_tfevents.py' '" +
                              source + "/src/agent/tensorboard.proto' '" + file_.string() +
                              "' 2>'" + err.string() + "'";
  std::FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char chunk[4096];
  for (size_t n; (n = std::fread(chunk, 1, sizeof chunk, pipe)) > 0;) out.append(chunk, n);
  const int status = ::pclose(pipe);
  ASSERT_TRUE(WIFEXITED(status)) << command;
  if (WEXITSTATUS(status) == 3) GTEST_SKIP() << slurp(err);
  ASSERT_EQ(WEXITSTATUS(status), 0) << command << "\n" << slurp(err);

  std::istringstream lines(out);
  std::string line;
  ASSERT_TRUE(std::getline(lines, line));
  EXPECT_EQ(line, "file_version\tbrain.Event:2");
  for (const ScalarEvent& e : written) {
    ASSERT_TRUE(std::getline(lines, line)) << "missing " << e.tag;
    std::istringstream fields(line);
    std::string kind, tag, step, value;
    std::getline(fields, kind, '\t'), std::getline(fields, tag, '\t');
    std::getline(fields, step, '\t'), std::getline(fields, value);
    EXPECT_EQ(kind, "scalar");
    EXPECT_EQ(tag, e.tag);
    EXPECT_EQ(std::stoll(step), e.step);
    // Python prints the float32 widened to double with repr, which round-trips.
    EXPECT_EQ(std::strtod(value.c_str(), nullptr), double(float(e.value))) << line;
  }
  EXPECT_FALSE(std::getline(lines, line)) << "extra line: " << line;
}

}  // namespace
}  // namespace ag::agent
