// TensorBoard event files for scalar metrics, written without TensorFlow:
// TFRecord framing around serialized Event protos (src/agent/tensorboard.proto,
// TensorBoard's own field numbers), so `tensorboard --logdir` reads them.
//
// A file is a sequence of records; each record is
//   uint64 length (little-endian), uint32 masked CRC-32C of those 8 bytes,
//   `length` bytes of data, uint32 masked CRC-32C of the data,
// with mask(crc) = ((crc >> 15) | (crc << 17)) + 0xa282ead8 (TFRecord's
// format). The first record is an Event with file_version "brain.Event:2";
// each scalar is one Event (wall_time, step, one Summary.Value{tag,
// simple_value}).
//
// This header is protobuf- and torch-free so the CLI can include it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ag::agent {

// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), continuing from
// `crc` (0 for a fresh checksum): crc32c("123456789") == 0xE3069283.
uint32_t crc32c(const void* data, size_t size, uint32_t crc = 0);
// TFRecord's masked CRC, stored in the file so that a CRC of data that itself
// contains CRCs is not degenerate.
uint32_t masked_crc32c(const void* data, size_t size);

struct ScalarEvent {
  std::string tag;
  int64_t step = 0;
  double value = 0;  // stored as float (TensorBoard's simple_value is a float)
  double wall_time = 0;
};

class TensorBoardWriter {
 public:
  // Creates `file`'s folder if needed. Without `resume_step` an existing file
  // is replaced; with it, the existing file's file_version record and every
  // event with step <= *resume_step are kept (a truncated last record, as
  // left by kill -9, is dropped) and new scalars are appended after them.
  // Either way the starting content is written to a temp file in the same
  // folder, fsynced and renamed over `file`, so a crash leaves the old or the
  // new file, never a mix. Throws std::runtime_error naming the path on I/O
  // errors and on a corrupt existing file (with the record's byte offset).
  explicit TensorBoardWriter(std::filesystem::path file,
                             std::optional<int64_t> resume_step = std::nullopt);
  ~TensorBoardWriter();  // flushes; reports (does not throw) a failure on stderr
  TensorBoardWriter(const TensorBoardWriter&) = delete;
  TensorBoardWriter& operator=(const TensorBoardWriter&) = delete;

  // Buffers one scalar event (whole records only; written out at 64 KiB or
  // flush()). `value` is stored as a float.
  void add_scalar(const std::string& tag, int64_t step, double value, double wall_time);
  // Hands buffered records to the OS (write(2), no fsync). A failed write is
  // truncated back to the last whole record, then throws std::runtime_error.
  void flush();

  const std::filesystem::path& path() const { return file_; }

 private:
  std::filesystem::path file_;
  int fd_ = -1;
  uint64_t committed_ = 0;  // bytes of whole records in the file
  std::string buffer_;      // whole records not yet written
};

// Every scalar (Summary.Value with a simple_value) of an event file, in file
// order. A truncated last record (a writer killed mid-write, or one still
// writing) is ignored; a bad CRC or unparsable record throws
// std::runtime_error naming the file and the record's byte offset.
std::vector<ScalarEvent> read_tensorboard_scalars(const std::filesystem::path& file);

}  // namespace ag::agent
