#include "agent/replay_file.hpp"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "base/atomic_file.hpp"

namespace ag::agent {

namespace fs = std::filesystem;

namespace {

constexpr char kMagic[8] = {'A', 'G', 'R', 'P', 'L', 'A', 'Y', '\1'};

struct Header {
  char magic[8];
  int64_t step, slots, num_envs, stack, frame_bytes, n_step;
  int64_t per;  // 1 when the sum tree follows
  double max_priority;
};

Header header_of(ReplayBuffer& r, PrioritizedReplay* per, int64_t step) {
  Header h{};
  std::memcpy(h.magic, kMagic, 8);
  h.step = step;
  h.slots = r.slots();
  h.num_envs = r.config().num_envs;
  h.stack = r.config().stack;
  h.frame_bytes = r.config().frame_bytes;
  h.n_step = r.config().n_step;
  h.per = per != nullptr;
  h.max_priority = per ? per->max_priority() : 1.0;
  return h;
}

template <class T>
void put(std::ofstream& out, const std::vector<T>& v) {
  const uint64_t n = v.size();
  out.write(reinterpret_cast<const char*>(&n), sizeof n);
  out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T)));
}

template <class T>
void get(std::ifstream& in, std::vector<T>& v, const fs::path& file) {
  uint64_t n = 0;
  in.read(reinterpret_cast<char*>(&n), sizeof n);
  if (!in || n != v.size())
    throw std::runtime_error(file.string() + ": replay file damaged or of another shape");
  in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T)));
  if (!in) throw std::runtime_error(file.string() + ": replay file truncated");
}

}  // namespace

void save_replay(const fs::path& file, ReplayBuffer& r, PrioritizedReplay* per, int64_t step) {
  const fs::path temp = base::temp_path_for(file);
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + temp.string());
    const Header h = header_of(r, per, step);
    out.write(reinterpret_cast<const char*>(&h), sizeof h);
    const auto c = r.counters();
    put(out, c.written);
    put(out, c.open);
    put(out, std::vector<int64_t>{c.transitions});
    put(out, r.frames());
    put(out, r.slot_abs());
    put(out, r.actions());
    put(out, r.rewards());
    put(out, r.flags());
    if (per) put(out, per->tree().nodes());
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(temp, ec);
      throw std::runtime_error("cannot write " + temp.string() + " (disk full?)");
    }
  }
  base::commit_temp_file(temp, file);
}

int64_t replay_file_step(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return -1;
  Header h{};
  in.read(reinterpret_cast<char*>(&h), sizeof h);
  if (!in || std::memcmp(h.magic, kMagic, 8) != 0)
    throw std::runtime_error(file.string() + ": not an atari-gym replay file");
  return h.step;
}

void load_replay(const fs::path& file, ReplayBuffer& r, PrioritizedReplay* per) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  Header h{};
  in.read(reinterpret_cast<char*>(&h), sizeof h);
  const Header want = header_of(r, per, h.step);
  if (!in || std::memcmp(h.magic, kMagic, 8) != 0 || h.slots != want.slots ||
      h.num_envs != want.num_envs || h.stack != want.stack || h.frame_bytes != want.frame_bytes ||
      h.n_step != want.n_step || h.per != want.per)
    throw std::runtime_error(file.string() + ": replay of another shape than this run's");
  auto c = r.counters();
  std::vector<int64_t> transitions(1);
  get(in, c.written, file);
  get(in, c.open, file);
  get(in, transitions, file);
  c.transitions = transitions[0];
  get(in, r.frames(), file);
  get(in, r.slot_abs(), file);
  get(in, r.actions(), file);
  get(in, r.rewards(), file);
  get(in, r.flags(), file);
  if (per) {
    get(in, per->tree().nodes(), file);
    per->set_max_priority(h.max_priority);
  }
  r.set_counters(c);
}

}  // namespace ag::agent
