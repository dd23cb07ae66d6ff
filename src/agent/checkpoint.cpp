#include "agent/checkpoint.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

#include "base/atomic_file.hpp"

namespace ag::agent {

namespace fs = std::filesystem;

namespace {

constexpr char kMagic[8] = {'A', 'G', 'C', 'K', 'P', 'T', '\0', '\1'};

class Writer {
 public:
  void section(const std::string& name, std::string_view bytes) {
    put_string(name);
    put<uint64_t>(bytes.size());
    put<uint32_t>(static_cast<uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size()))));
    out_.append(bytes);
  }
  template <class T>
  void put(const T& v) {
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void put_string(const std::string& s) {
    put<uint32_t>(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

// Reads one section's bytes; errors name the file and what is wrong.
class Reader {
 public:
  Reader(std::string_view data, std::string file, std::string what)
      : data_(data), file_(std::move(file)), what_(std::move(what)) {}
  template <class T>
  T get() {
    need(sizeof(T));
    T v;
    std::memcpy(&v, data_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  std::string get_string() {
    const auto n = get<uint32_t>();
    need(n);
    std::string s(data_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  std::string_view take(size_t n) {
    need(n);
    auto s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  bool done() const { return pos_ == data_.size(); }
  [[noreturn]] void fail(const std::string& why) const {
    throw CheckpointError(file_ + ": " + why + " (" + what_ + ")");
  }

 private:
  void need(size_t n) const {
    if (data_.size() - pos_ < n) fail("truncated");
  }
  std::string_view data_;
  size_t pos_ = 0;
  std::string file_, what_;
};

template <class T>
std::string pod_bytes(const T& v) {
  static_assert(std::is_trivially_copyable_v<T>);
  return std::string(reinterpret_cast<const char*>(&v), sizeof v);
}

template <class T>
std::string vector_bytes(const std::vector<T>& v) {
  static_assert(std::is_trivially_copyable_v<T>);
  return std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

// A struct written by an older version may be shorter (fields are only ever
// added at the end): the fields it lacks keep their defaults.
template <class T>
void read_pod(std::string_view bytes, T& v, const Reader& r) {
  if (bytes.size() > sizeof v) r.fail("section of the wrong size (a newer format?)");
  std::memcpy(&v, bytes.data(), bytes.size());
}

template <class T>
void read_vector(std::string_view bytes, std::vector<T>& v, const Reader& r) {
  if (bytes.size() % sizeof(T)) r.fail("section of the wrong size");
  v.resize(bytes.size() / sizeof(T));
  // An empty section leaves v.data() null: memcpy's arguments must not be
  // null even for 0 bytes (UBSan flags it on resume of a replay-less run).
  if (!bytes.empty()) std::memcpy(v.data(), bytes.data(), bytes.size());
}

}  // namespace

void save_checkpoint(const fs::path& file, const Checkpoint& c) {
  Writer w;
  w.bytes().append(kMagic, sizeof kMagic);
  Writer meta;
  meta.put_string(c.env_id);
  meta.put(c.action_dim);
  meta.put(c.in_channels);
  meta.put<uint8_t>(c.dueling);
  meta.put(c.quantiles);
  w.section("meta", meta.bytes());
  w.section("config", c.config_json);
  w.section("trainer", pod_bytes(c.trainer));
  w.section("agent", pod_bytes(c.agent));
  w.section("accumulators", vector_bytes(c.accumulators));
  w.section("nets", c.nets);
  w.section("optimizer", c.optimizer);
  w.section("episodes", vector_bytes(c.metrics.episodes));
  w.section("evals", vector_bytes(c.metrics.evals));
  w.section("envs", vector_bytes(c.envs));
  w.section("observations", vector_bytes(c.observations));
  w.section("end", "");
  base::write_file_atomic(file, w.bytes());
}

Checkpoint load_checkpoint(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw CheckpointError(file.string() + ": cannot read the checkpoint");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string data = ss.str();
  const std::string name = file.string();
  if (data.size() < sizeof kMagic || std::memcmp(data.data(), kMagic, 6) != 0)
    throw CheckpointError(name + ": not an atari-gym checkpoint");
  if (data[7] != kMagic[7])
    throw CheckpointError(name + ": checkpoint format version " + std::to_string(int(data[7])) +
                          ", this program reads version " + std::to_string(int(kMagic[7])));
  Reader r(std::string_view(data).substr(sizeof kMagic), name, "checkpoint");
  Checkpoint c;
  bool ended = false;
  std::vector<std::string> seen;
  while (!ended) {
    const std::string section = r.get_string();
    const auto size = r.get<uint64_t>();
    const auto crc = r.get<uint32_t>();
    const std::string_view bytes = r.take(size);
    const Reader s(bytes, name, "section '" + section + "'");
    if (crc32(0, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())) !=
        crc)
      s.fail("corrupt: CRC mismatch");
    seen.push_back(section);
    if (section == "meta") {
      Reader m(bytes, name, "section 'meta'");
      c.env_id = m.get_string();
      c.action_dim = m.get<int32_t>();
      c.in_channels = m.get<int32_t>();
      c.dueling = m.get<uint8_t>() != 0;
      c.quantiles = m.done() ? 1 : m.get<int32_t>();  // absent before QR-DQN: 1
    } else if (section == "config") {
      c.config_json = std::string(bytes);
    } else if (section == "trainer") {
      read_pod(bytes, c.trainer, s);
    } else if (section == "agent") {
      read_pod(bytes, c.agent, s);
    } else if (section == "accumulators") {
      read_vector(bytes, c.accumulators, s);
    } else if (section == "nets") {
      c.nets = std::string(bytes);
    } else if (section == "optimizer") {
      c.optimizer = std::string(bytes);
    } else if (section == "episodes") {
      read_vector(bytes, c.metrics.episodes, s);
    } else if (section == "evals") {
      read_vector(bytes, c.metrics.evals, s);
    } else if (section == "envs") {
      read_vector(bytes, c.envs, s);
    } else if (section == "observations") {
      read_vector(bytes, c.observations, s);
    } else if (section == "end") {
      ended = true;
    }  // unknown sections: from a newer writer, skipped
  }
  for (const char* need : {"meta", "config", "trainer", "agent", "nets", "optimizer"})
    if (std::find(seen.begin(), seen.end(), need) == seen.end())
      throw CheckpointError(name + ": section '" + need + "' missing");
  return c;
}

std::string checkpoint_name(int64_t step) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "step_%09lld.ckpt", static_cast<long long>(step));
  return buf;
}

namespace {

std::vector<fs::path> step_checkpoints(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::end(it); it.increment(ec)) {
    const std::string n = it->path().filename().string();
    if (n.rfind("step_", 0) == 0 && n.size() > 5 && it->path().extension() == ".ckpt")
      out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());  // zero-padded steps sort by name
  return out;
}

}  // namespace

fs::path find_checkpoint(const fs::path& run_or_file) {
  std::error_code ec;
  if (fs::is_regular_file(run_or_file, ec)) return run_or_file;
  if (!fs::is_directory(run_or_file, ec))
    throw CheckpointError(run_or_file.string() + ": no such run folder or checkpoint file");
  auto list = step_checkpoints(run_or_file / "checkpoints");
  if (list.empty()) list = step_checkpoints(run_or_file);
  if (list.empty())
    throw CheckpointError(run_or_file.string() + ": no checkpoint (step_*.ckpt) in this folder");
  return list.back();
}

void prune_checkpoints(const fs::path& dir, int64_t keep) {
  auto list = step_checkpoints(dir);
  std::error_code ec;
  for (size_t i = 0; i + keep < list.size(); ++i) fs::remove(list[i], ec);
}

}  // namespace ag::agent
