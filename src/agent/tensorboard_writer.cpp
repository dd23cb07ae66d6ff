#include "agent/tensorboard_writer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <string_view>

// protobuf_generate_cpp (FindProtobuf, APPEND_PATH by default) writes the
// generated code flat into the build dir, which ag_agent has on its include path.
#include "tensorboard.pb.h"

namespace ag::agent {
namespace fs = std::filesystem;
namespace {

constexpr std::array<uint32_t, 256> make_crc32c_table() {
  std::array<uint32_t, 256> table{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
    table[i] = c;
  }
  return table;
}
constexpr std::array<uint32_t, 256> kCrc32cTable = make_crc32c_table();

constexpr size_t kHeaderSize = 12;  // uint64 length + masked CRC of it
constexpr size_t kFooterSize = 4;   // masked CRC of the data
constexpr size_t kBufferLimit = 64 * 1024;
constexpr const char* kFileVersion = "brain.Event:2";

void put_le(std::string& out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}

uint64_t get_le(const char* p, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= uint64_t(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

void append_record(std::string& out, const std::string& data) {
  const size_t start = out.size();
  put_le(out, data.size(), 8);
  put_le(out, masked_crc32c(out.data() + start, 8), 4);
  out += data;
  put_le(out, masked_crc32c(data.data(), data.size()), 4);
}

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string version_record() {
  tensorboard::Event event;
  event.set_wall_time(now_seconds());
  event.set_file_version(kFileVersion);
  std::string record;
  append_record(record, event.SerializeAsString());
  return record;
}

std::runtime_error io_error(const std::string& what, const fs::path& path, int err) {
  return std::runtime_error("TensorBoard: cannot " + what + " " + path.string() + ": " +
                            std::strerror(err));
}

std::runtime_error corrupt(const fs::path& file, uint64_t offset, const char* what) {
  return std::runtime_error("TensorBoard event file " + file.string() +
                            " is corrupt: record at byte offset " + std::to_string(offset) + ": " +
                            what);
}

std::string read_file(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw io_error("open", file, errno);
  std::string bytes;
  char chunk[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      throw io_error("read", file, err);
    }
    if (n == 0) break;
    bytes.append(chunk, size_t(n));
  }
  ::close(fd);
  return bytes;
}

// Writes all of `data` at `offset`; returns 0 or the errno of the failure.
int pwrite_all(int fd, const char* data, size_t size, uint64_t offset) {
  while (size > 0) {
    const ssize_t n = ::pwrite(fd, data, size, off_t(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    data += n, size -= size_t(n), offset += uint64_t(n);
  }
  return 0;
}

struct Record {
  uint64_t offset;        // of the record's header in the file
  std::string_view data;  // the serialized Event
  size_t size() const { return kHeaderSize + data.size() + kFooterSize; }
};

// Splits a file's bytes into CRC-checked records. A last record that runs
// past the end of the file is dropped: appends are whole-record pwrite()s, so
// only a process killed mid-write (or a writer still writing, for a reader)
// leaves one. Anything else that does not check out throws.
std::vector<Record> split_records(const std::string& bytes, const fs::path& file) {
  std::vector<Record> records;
  uint64_t pos = 0;
  while (bytes.size() - pos >= kHeaderSize) {
    const char* p = bytes.data() + pos;
    // The length's own CRC catches a damaged length before it is trusted.
    if (get_le(p + 8, 4) != masked_crc32c(p, 8)) throw corrupt(file, pos, "length CRC mismatch");
    const uint64_t length = get_le(p, 8);
    const uint64_t available = bytes.size() - pos - kHeaderSize;
    if (available < kFooterSize || length > available - kFooterSize) break;  // truncated tail
    const std::string_view data(p + kHeaderSize, length);
    if (get_le(p + kHeaderSize + length, 4) != masked_crc32c(data.data(), data.size()))
      throw corrupt(file, pos, "data CRC mismatch");
    records.push_back({pos, data});
    pos += records.back().size();
  }
  return records;
}

tensorboard::Event parse_event(const Record& record, const fs::path& file) {
  tensorboard::Event event;
  if (!event.ParseFromArray(record.data.data(), int(record.data.size())))
    throw corrupt(file, record.offset, "not an Event message");
  return event;
}

}  // namespace

uint32_t crc32c(const void* data, size_t size, uint32_t crc) {
  const auto* p = static_cast<const unsigned char*>(data);
  crc = ~crc;
  for (size_t i = 0; i < size; ++i) crc = kCrc32cTable[(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

uint32_t masked_crc32c(const void* data, size_t size) {
  const uint32_t crc = crc32c(data, size);
  return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
}

TensorBoardWriter::TensorBoardWriter(fs::path file, std::optional<int64_t> resume_step)
    : file_(std::move(file)) {
  const fs::path dir = file_.parent_path();
  if (!dir.empty()) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw io_error("create folder", dir, ec.value());
  }

  // The starting content: the kept prefix of the old file, or a version record.
  std::string content;
  std::error_code ec;
  if (resume_step && fs::exists(file_, ec)) {
    const std::string bytes = read_file(file_);
    for (const Record& record : split_records(bytes, file_)) {
      const tensorboard::Event event = parse_event(record, file_);
      const bool version = event.what_case() == tensorboard::Event::kFileVersion;
      // The version record belongs first; a later one (there should be none) is dropped.
      if (version ? !content.empty() : event.step() > *resume_step) continue;
      if (!version && content.empty()) content = version_record();
      content.append(bytes, record.offset, record.size());
    }
  }
  if (content.empty()) content = version_record();

  // Temp file in the same folder (rename is atomic only within a file
  // system), fsynced before the rename so a crash cannot leave a renamed but
  // empty file. The fd stays open: after the rename it is `file_`.
  // "<name>.tmp-<pid>": base/atomic_file.hpp's remove_stale_temp_files() clears a kill's leftover.
  fs::path temp = file_;
  temp += ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) throw io_error("create", temp, errno);
  int err = pwrite_all(fd, content.data(), content.size(), 0);
  if (err == 0 && ::fsync(fd) != 0) err = errno;
  if (err == 0 && ::rename(temp.c_str(), file_.c_str()) != 0) err = errno;
  if (err != 0) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw io_error("write", file_, err);
  }
  // Persist the rename itself (the directory entry); best effort.
  if (const int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  fd_ = fd;
  committed_ = content.size();
}

TensorBoardWriter::~TensorBoardWriter() {
  try {
    flush();
  } catch (const std::exception& e) {
    std::cerr << e.what() << '\n';
  }
  ::close(fd_);
}

void TensorBoardWriter::add_scalar(const std::string& tag, int64_t step, double value,
                                   double wall_time) {
  tensorboard::Event event;
  event.set_wall_time(wall_time);
  event.set_step(step);
  tensorboard::Summary::Value* v = event.mutable_summary()->add_value();
  v->set_tag(tag);
  v->set_simple_value(static_cast<float>(value));
  append_record(buffer_, event.SerializeAsString());
  if (buffer_.size() >= kBufferLimit) flush();
}

void TensorBoardWriter::flush() {
  if (buffer_.empty()) return;
  if (const int err = pwrite_all(fd_, buffer_.data(), buffer_.size(), committed_)) {
    // Cut a partly written batch back to whole records; the buffer is kept,
    // so a later flush() (e.g. after disk space is freed) retries it.
    if (::ftruncate(fd_, off_t(committed_)) != 0) {
      // Nothing better to do: the next flush() rewrites from committed_ anyway.
    }
    throw io_error("write", file_, err);
  }
  committed_ += buffer_.size();
  buffer_.clear();
}

std::vector<ScalarEvent> read_tensorboard_scalars(const fs::path& file) {
  const std::string bytes = read_file(file);
  std::vector<ScalarEvent> scalars;
  for (const Record& record : split_records(bytes, file)) {
    const tensorboard::Event event = parse_event(record, file);
    if (!event.has_summary()) continue;
    for (const tensorboard::Summary::Value& v : event.summary().value())
      if (v.value_case() == tensorboard::Summary::Value::kSimpleValue)
        scalars.push_back({v.tag(), event.step(), v.simple_value(), event.wall_time()});
  }
  return scalars;
}

}  // namespace ag::agent
