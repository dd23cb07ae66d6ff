#include "conformance/trace.hpp"

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <sstream>
#include <string_view>

namespace ag::conformance {

namespace {

std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t' && s[j] != '\r') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

struct LineParser {
  const std::string& origin;
  int line_no;

  [[noreturn]] void fail(const std::string& what) const {
    throw TraceError(origin + ":" + std::to_string(line_no) + ": " + what);
  }
  template <class T>
  T number(std::string_view field, const char* name, int base = 10) const {
    T v{};
    auto [p, ec] = std::from_chars(field.data(), field.data() + field.size(), v, base);
    if (ec != std::errc() || p != field.data() + field.size())
      fail(std::string("bad ") + name + " '" + std::string(field) + "'");
    return v;
  }
  // A number in [0, 1], the whole field ("0.25"; not "nan", "1e9", "0.5x").
  float probability(std::string_view field, const char* name) const {
    float v = 0;
    auto [p, ec] = std::from_chars(field.data(), field.data() + field.size(), v);
    if (ec != std::errc() || p != field.data() + field.size() || !(v >= 0 && v <= 1))
      fail(std::string("bad ") + name + " '" + std::string(field) + "' (expected 0..1)");
    return v;
  }
  bool flag(std::string_view field, const char* name) const {
    if (field == "0") return false;
    if (field == "1") return true;
    fail(std::string("bad ") + name + " '" + std::string(field) + "' (expected 0 or 1)");
  }
  std::array<uint8_t, 128> ram(std::string_view hex) const {
    if (hex.size() != 256)
      fail("ram_hex has " + std::to_string(hex.size()) + " digits, expected 256");
    std::array<uint8_t, 128> out{};
    for (int i = 0; i < 128; ++i) out[i] = number<uint8_t>(hex.substr(2 * i, 2), "ram_hex", 16);
    return out;
  }
};

}  // namespace

std::string gunzip_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw TraceError(path.string() + ": file not found");
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) throw TraceError(path.string() + ": cannot open");
  std::string out;
  char buf[1 << 16];
  for (;;) {
    int n = gzread(f, buf, sizeof buf);
    if (n < 0) {
      int err = 0;
      std::string msg = gzerror(f, &err);
      gzclose(f);
      throw TraceError(path.string() + ": corrupt gzip data: " + msg);
    }
    if (n == 0) break;
    out.append(buf, n);
    if (out.size() > (1u << 30)) {
      gzclose(f);
      throw TraceError(path.string() + ": larger than 1 GiB uncompressed");
    }
  }
  // gzread reports a truncated stream only through gzclose/gzerror.
  int rc = gzclose(f);
  if (rc == Z_BUF_ERROR) throw TraceError(path.string() + ": truncated gzip file");
  if (rc != Z_OK) throw TraceError(path.string() + ": corrupt gzip file");
  return out;
}

Trace parse_trace(const std::string& text, const std::string& origin) {
  Trace t;
  bool have_rom = false, have_settings = false, have_actions = false;
  int expected_step = 0;
  std::string_view rest(text);
  int line_no = 0;
  bool saw_magic = false;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    ++line_no;
    LineParser lp{origin, line_no};
    if (line_no == 1) {
      if (line.rfind("# atari-gym conformance trace v1", 0) != 0)
        lp.fail("not an atari-gym conformance trace (missing '# atari-gym conformance trace v1')");
      saw_magic = true;
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    auto f = split(line);
    if (f.empty()) continue;
    if (f[0] == "rom") {
      if (f.size() != 2) lp.fail("'rom' needs one file name");
      t.rom = std::string(f[1]);
      have_rom = true;
    } else if (f[0] == "settings") {
      for (size_t i = 1; i < f.size(); ++i) {
        auto eq = f[i].find('=');
        if (eq == std::string_view::npos) lp.fail("setting without '=': " + std::string(f[i]));
        auto key = f[i].substr(0, eq), val = f[i].substr(eq + 1);
        if (key == "frame_skip")
          t.frame_skip = lp.number<int>(val, "frame_skip");
        else if (key == "repeat_action_probability") {
          t.repeat_action_probability = lp.probability(val, "repeat_action_probability");
        } else if (key == "random_seed")
          t.random_seed = lp.number<int>(val, "random_seed");
        else if (key == "max_num_frames_per_episode")
          t.max_num_frames_per_episode = lp.number<int>(val, "max_num_frames_per_episode");
        else
          lp.fail("unknown setting '" + std::string(key) + "'");
      }
      have_settings = true;
    } else if (f[0] == "minimal_actions") {
      for (size_t i = 1; i < f.size(); ++i) {
        int a = lp.number<int>(f[i], "action");
        if (a < 0 || a > 17) lp.fail("action out of range: " + std::to_string(a));
        t.minimal_actions.push_back(a);
      }
      have_actions = true;
    } else if (f[0] == "R") {
      if (f.size() != 5) lp.fail("reset line needs 5 fields, has " + std::to_string(f.size()));
      TraceFrame fr;
      fr.is_reset = true;
      fr.lives = lp.number<int>(f[1], "lives");
      fr.episode_frame = lp.number<int>(f[2], "episode_frame");
      fr.ram = lp.ram(f[3]);
      fr.screen_crc = lp.number<uint32_t>(f[4], "screen_crc32", 16);
      t.frames.push_back(fr);
    } else {
      if (f.size() != 9) lp.fail("step line needs 9 fields, has " + std::to_string(f.size()));
      if (t.frames.empty()) lp.fail("step before the first reset line");
      TraceFrame fr;
      fr.step = lp.number<int>(f[0], "step");
      if (fr.step != expected_step)
        lp.fail("step " + std::to_string(fr.step) + " out of order (expected " +
                std::to_string(expected_step) + ")");
      ++expected_step;
      fr.action = lp.number<int>(f[1], "action");
      if (fr.action < 0 || fr.action > 17) lp.fail("action out of range");
      fr.reward = lp.number<int>(f[2], "reward");
      fr.lives = lp.number<int>(f[3], "lives");
      fr.game_over = lp.flag(f[4], "game_over");
      fr.truncated = lp.flag(f[5], "truncated");
      fr.episode_frame = lp.number<int>(f[6], "episode_frame");
      fr.ram = lp.ram(f[7]);
      fr.screen_crc = lp.number<uint32_t>(f[8], "screen_crc32", 16);
      t.frames.push_back(fr);
    }
  }
  if (!saw_magic) throw TraceError(origin + ": empty trace");
  if (!have_rom) throw TraceError(origin + ": no 'rom' line");
  if (!have_settings) throw TraceError(origin + ": no 'settings' line");
  if (!have_actions) throw TraceError(origin + ": no 'minimal_actions' line");
  if (t.frames.empty()) throw TraceError(origin + ": no frames");
  if (t.frame_skip != 1) throw TraceError(origin + ": frame_skip must be 1 (one line per frame)");
  return t;
}

Trace read_trace(const std::filesystem::path& path) {
  std::string text = gunzip_file(path);
  Trace t = parse_trace(text, path.string());
  t.name = case_name(path);
  return t;
}

std::string case_name(const std::filesystem::path& path) {
  std::string name = path.filename().string();
  if (auto p = name.find(".trace"); p != std::string::npos) name.resize(p);
  return name;
}

std::vector<std::filesystem::path> collect_traces(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) return {path};
  std::vector<std::filesystem::path> out;
  for (auto& e : std::filesystem::directory_iterator(path, ec)) {
    auto n = e.path().filename().string();
    if (n.size() > 9 && n.compare(n.size() - 9, 9, ".trace.gz") == 0) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace ag::conformance
