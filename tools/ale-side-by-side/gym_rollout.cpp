// ale-py's AtariEnv and Gymnasium's AtariPreprocessing / FrameStackObservation
// over real ALE + OpenCV (developer tool, see README.md), printing the lines
// `atari-gym rollout --verbose` prints for the same settings, so the two can
// be compared with a plain diff (gym_check.sh does that).
//
// usage: gym_rollout ROM ALE_SEED SEED ACTIONS [key=value ...]
//        gym_rollout ROM --num-actions
//   ALE_SEED: ALE's random_seed as ale-py sets it for reset(seed=SEED):
//     np.int32(np.random.SeedSequence(SEED).generate_state(2)[1]);
//     SEED is only printed.
//   keys: obs=rgb|grayscale|ram (default rgb), frameskip=N (4),
//     sticky=P (repeat_action_probability, 0.25), max_frames=N (108000),
//     pre=gray|rgb (AtariPreprocessing with noop_max 0 and frame_skip=fs
//       over the env; the env's frameskip must then be 1), fs=N (4),
//     size=W,H (84,84), stack=N (FrameStackObservation, padding "reset").
//
// What is modelled, from ale-py 0.12 (ale_py/env.py) and Gymnasium 1.x
// (wrappers/atari_preprocessing.py, wrappers/stateful_observation.py):
// - AtariEnv: setInt random_seed, setFloat repeat_action_probability,
//   setInt max_num_frames_per_episode, loadROM; reset = reset_game();
//   step = frameskip x act(a, 1.0), terminated = game_over(false),
//   truncated = game_truncated(); observation getScreenRGB /
//   getScreenGrayscale / getRAM, the whole screen (getScreenDims()).
// - AtariPreprocessing (noop_max 0): reset grabs the screen into buffer 0
//   and zeroes buffer 1; step stops at terminated/truncated, grabs into
//   buffer 1 after frame fs-2 and buffer 0 after fs-1; the observation is
//   max(buf0, buf1) stored into buf0 (fs > 1), resized with
//   cv::resize(INTER_AREA) to W x H.
// - FrameStackObservation: the last N observations; a reset fills all N
//   with the reset observation.
// - The rollout loop: an episode end (terminated or truncated) resets the
//   env without a seed before the next action.
#include <zlib.h>

#include <ale/ale_interface.hpp>
#include <ale/common/Log.hpp>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-enum-enum-conversion"
#include <opencv2/imgproc.hpp>
#pragma GCC diagnostic pop

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace {

std::vector<int> read_actions(const char* path) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "cannot open %s\n", path);
    std::exit(1);
  }
  std::vector<int> a;
  std::string line;
  while (std::getline(in, line)) {
    if (auto h = line.find('#'); h != std::string::npos) line.resize(h);
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    a.push_back(std::stoi(line));
  }
  return a;
}

struct Settings {
  std::string obs = "rgb", pre;
  int frameskip = 4, max_frames = 108000, fs = 4, width = 84, height = 84, stack = 0;
  float sticky = 0.25f;
};

class Rollout {
 public:
  Rollout(ale::ALEInterface& ale, const Settings& s) : ale_(ale), s_(s) {
    actions_ = ale_.getMinimalActionSet();
    h_ = static_cast<int>(ale_.getScreen().height());
    w_ = static_cast<int>(ale_.getScreen().width());
    const int cn = s_.pre == "rgb" ? 3 : 1;
    if (!s_.pre.empty()) {
      buf_[0].assign(static_cast<size_t>(h_) * w_ * cn, 0);
      buf_[1].assign(buf_[0].size(), 0);
    }
  }

  // Observation after a reset (without a seed: ale-py's reset_game()).
  std::vector<uint8_t> reset() {
    ale_.reset_game();
    if (s_.pre.empty()) return stacked(env_obs(), true);
    grab(buf_[0]);
    std::fill(buf_[1].begin(), buf_[1].end(), 0);
    return stacked(pre_obs(), true);
  }

  struct Step {
    std::vector<uint8_t> obs;
    int reward = 0;
    bool terminated = false, truncated = false;
  };
  Step step(int action) {
    Step r;
    if (s_.pre.empty()) {
      env_step(action, r);
      r.obs = stacked(env_obs(), false);
      return r;
    }
    for (int t = 0; t < s_.fs; ++t) {
      Step one;
      env_step(action, one);
      r.reward += one.reward;
      r.terminated = one.terminated;
      r.truncated = one.truncated;
      if (r.terminated || r.truncated) break;
      if (t == s_.fs - 2)
        grab(buf_[1]);
      else if (t == s_.fs - 1)
        grab(buf_[0]);
    }
    r.obs = stacked(pre_obs(), false);
    return r;
  }
  int lives() { return ale_.lives(); }

 private:
  void env_step(int action, Step& r) {
    for (int k = 0; k < s_.frameskip; ++k) r.reward += ale_.act(actions_[action], 1.0f);
    r.terminated = ale_.game_over(false);
    r.truncated = ale_.game_truncated();
  }
  std::vector<uint8_t> env_obs() {
    std::vector<uint8_t> o;
    if (s_.obs == "rgb") {
      o.resize(static_cast<size_t>(h_) * w_ * 3);
      ale_.getScreenRGB(o);
    } else if (s_.obs == "grayscale") {
      o.resize(static_cast<size_t>(h_) * w_);
      ale_.getScreenGrayscale(o);
    } else {
      const auto& ram = ale_.getRAM();
      for (size_t i = 0; i < ram.size(); ++i) o.push_back(ram.get(i));
    }
    return o;
  }
  void grab(std::vector<uint8_t>& b) {
    if (s_.pre == "rgb")
      ale_.getScreenRGB(b);
    else
      ale_.getScreenGrayscale(b);
  }
  std::vector<uint8_t> pre_obs() {
    const int cn = s_.pre == "rgb" ? 3 : 1;
    if (s_.fs > 1)
      for (size_t i = 0; i < buf_[0].size(); ++i) buf_[0][i] = std::max(buf_[0][i], buf_[1][i]);
    cv::Mat in(h_, w_, cn == 1 ? CV_8UC1 : CV_8UC3, buf_[0].data());
    cv::Mat out;
    cv::resize(in, out, cv::Size(s_.width, s_.height), 0, 0, cv::INTER_AREA);
    return std::vector<uint8_t>(out.data, out.data + out.total() * out.elemSize());
  }
  std::vector<uint8_t> stacked(std::vector<uint8_t> o, bool reset) {
    if (s_.stack <= 0) return o;
    if (reset)
      frames_.assign(s_.stack, o);
    else {
      frames_.pop_front();
      frames_.push_back(o);
    }
    std::vector<uint8_t> all;
    for (const auto& f : frames_) all.insert(all.end(), f.begin(), f.end());
    return all;
  }

  ale::ALEInterface& ale_;
  Settings s_;
  ale::ActionVect actions_;
  int h_ = 0, w_ = 0;
  std::vector<uint8_t> buf_[2];
  std::deque<std::vector<uint8_t>> frames_;
};

uint32_t crc(const std::vector<uint8_t>& v) {
  return static_cast<uint32_t>(crc32(0L, v.data(), static_cast<uInt>(v.size())));
}

}  // namespace

int main(int argc, char** argv) {
  ale::Logger::setMode(ale::Logger::Error);
  if (argc == 3 && std::string(argv[2]) == "--num-actions") {
    ale::ALEInterface ale;
    ale.loadROM(argv[1]);
    std::printf("%zu\n", ale.getMinimalActionSet().size());
    return 0;
  }
  if (argc < 5) {
    std::fprintf(stderr, "usage: gym_rollout ROM ALE_SEED SEED ACTIONS [key=value ...]\n");
    return 2;
  }
  Settings s;
  for (int i = 5; i < argc; ++i) {
    const std::string kv = argv[i];
    const auto eq = kv.find('=');
    const std::string k = kv.substr(0, eq), v = eq == std::string::npos ? "" : kv.substr(eq + 1);
    if (k == "obs")
      s.obs = v;
    else if (k == "frameskip")
      s.frameskip = std::stoi(v);
    else if (k == "sticky")
      s.sticky = std::stof(v);
    else if (k == "max_frames")
      s.max_frames = std::stoi(v);
    else if (k == "pre")
      s.pre = v;
    else if (k == "fs")
      s.fs = std::stoi(v);
    else if (k == "stack")
      s.stack = std::stoi(v);
    else if (k == "size") {
      s.width = std::stoi(v);
      const auto c = v.find(',');
      s.height = c == std::string::npos ? s.width : std::stoi(v.substr(c + 1));
    } else {
      std::fprintf(stderr, "unknown key %s\n", k.c_str());
      return 2;
    }
  }
  const std::vector<int> actions = read_actions(argv[4]);
  ale::ALEInterface ale;
  ale.setInt("random_seed", std::atoi(argv[2]));
  ale.setFloat("repeat_action_probability", s.sticky);
  ale.setInt("max_num_frames_per_episode", s.max_frames);
  ale.loadROM(argv[1]);
  Rollout env(ale, s);
  std::vector<uint8_t> obs = env.reset();
  std::printf("# reset seed=%s lives=%d obs_crc32=%08x\n", argv[3], env.lives(), crc(obs));
  for (size_t t = 0; t < actions.size(); ++t) {
    const auto r = env.step(actions[t]);
    std::printf("%zu %d %d %d %d %d %08x\n", t, actions[t], r.reward, r.terminated ? 1 : 0,
                r.truncated ? 1 : 0, env.lives(), crc(r.obs));
    if ((r.terminated || r.truncated) && t + 1 < actions.size()) {
      obs = env.reset();
      std::printf("# reset lives=%d obs_crc32=%08x\n", env.lives(), crc(obs));
    }
  }
  return 0;
}
