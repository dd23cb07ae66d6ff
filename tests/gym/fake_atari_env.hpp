// A scripted stand-in for AtariEnv: frames, lives, rewards and episode ends
// happen at frame numbers the test chooses, and everything the wrappers do to
// it (steps, actions, resets, screen grabs, renders) is counted.
//
// Frame model (as ALE + ale-py): reset() puts the episode frame at 0; each
// step emulates `frameskip` frames, each adding one to the episode frame,
// unless the episode is already over (then nothing happens, as ALE's act()).
// The screen shows frame `episode_frame` of the script.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "gym/env.hpp"
#include "gym/np_random.hpp"

namespace ag::test {

struct FakeScript {
  int height = 210, width = 160;
  int frameskip = 1;
  std::vector<std::string> meanings = {"NOOP", "FIRE", "UP", "DOWN"};
  int start_lives = 3;
  std::set<int> life_loss_frames;  // episode frames at which one life is lost
  int game_over_frame = -1;        // the game ends at this episode frame (-1: never)
  int max_frames = 0;              // truncated once episode frame >= this (0: never)
  // Reward of the frame that reaches episode frame `frame` under `action`.
  std::function<double(int frame, int action)> reward = [](int, int action) {
    return static_cast<double>(action);
  };
  // Expose the screen as palette indices with an identity gray table (as
  // AtariEnv exposes its raw screen), so AtariPreprocessing takes its fused path.
  bool expose_palette = false;
  // Pixel (y, x, channel) of the screen at episode frame `frame`; default:
  // distinct per frame and position.
  std::function<uint8_t(int frame, int y, int x, int c)> pixel = [](int f, int y, int x, int c) {
    return static_cast<uint8_t>(f * 13 + y * 3 + x * 5 + c * 7);
  };
};

class FakeAtariEnv final : public gym::Env, public gym::AtariBackend {
 public:
  explicit FakeAtariEnv(FakeScript script = {})
      : Env(gym::Discrete{static_cast<int>(script.meanings.size())},
            gym::Box{0, 255, {script.height, script.width}, gym::DType::kUInt8}),
        s_(std::move(script)),
        np_random_(0) {
    lives_ = s_.start_lives;
    // The logs must not allocate while tests count allocations.
    actions.reserve(1 << 16);
    reset_seeds.reserve(1 << 12);
  }

  // What happened so far.
  int resets = 0;
  int steps = 0;
  int renders = 0;
  mutable int grabs = 0;
  std::vector<int> actions;  // every step's action, in order
  std::vector<std::optional<uint64_t>> reset_seeds;
  int episode_frame = 0;
  int total_frames = 0;

  std::vector<std::string> action_meanings() const override { return s_.meanings; }
  Env& unwrapped() override { return *this; }
  std::string name() const override { return "FakeAtariEnv"; }

  int lives() const override { return lives_; }
  int screen_height() const override { return s_.height; }
  int screen_width() const override { return s_.width; }
  void screen_grayscale(uint8_t* out) const override {
    ++grabs;
    for (int y = 0; y < s_.height; ++y)
      for (int x = 0; x < s_.width; ++x) out[y * s_.width + x] = s_.pixel(episode_frame, y, x, 0);
  }
  void screen_rgb(uint8_t* out) const override {
    ++grabs;
    for (int y = 0; y < s_.height; ++y)
      for (int x = 0; x < s_.width; ++x)
        for (int c = 0; c < 3; ++c)
          out[(y * s_.width + x) * 3 + c] = s_.pixel(episode_frame, y, x, c);
  }
  gym::NpRandom& np_random() override { return np_random_; }
  const uint8_t* palette_screen() const override {
    if (!s_.expose_palette) return nullptr;
    ++grabs;
    palette_.resize(s_.height * s_.width);
    for (int y = 0; y < s_.height; ++y)
      for (int x = 0; x < s_.width; ++x)
        palette_[y * s_.width + x] = s_.pixel(episode_frame, y, x, 0);
    return palette_.data();
  }
  const uint8_t* gray_table() const override {
    if (!s_.expose_palette) return nullptr;
    if (identity_.empty())
      for (int i = 0; i < 256; ++i) identity_.push_back(static_cast<uint8_t>(i));
    return identity_.data();
  }
  int frameskip() const override { return s_.frameskip; }

  bool terminal() const {
    return (s_.game_over_frame >= 0 && episode_frame >= s_.game_over_frame) || lives_ <= 0;
  }
  bool truncated() const { return s_.max_frames > 0 && episode_frame >= s_.max_frames; }

 protected:
  gym::ResetResult do_reset(std::optional<uint64_t> seed, const gym::Options&) override {
    ++resets;
    reset_seeds.push_back(seed);
    gym::Info info;
    if (seed) {
      const auto seeds = gym::atari_seeds(seed);
      np_random_ = gym::NpRandom(seeds.np_seed);
      info.seeds = gym::SeedsUsed{seeds.np_seed, seeds.ale_seed};
    }
    episode_frame = 0;
    lives_ = s_.start_lives;
    obs_stale_ = true;
    fill_info(info);
    return {observation(), info};
  }

  gym::StepResult do_step(int action) override {
    ++steps;
    actions.push_back(action);
    double reward = 0;
    for (int k = 0; k < s_.frameskip; ++k) {
      if (terminal() || truncated()) continue;
      ++episode_frame;
      ++total_frames;
      reward += s_.reward(episode_frame, action);
      if (s_.life_loss_frames.count(episode_frame)) --lives_;
    }
    obs_stale_ = true;
    gym::StepResult r{observation(), reward, terminal(), truncated(), gym::Info{}};
    fill_info(r.info);
    return r;
  }

  const void* render_observation() override {
    uint8_t* out = obs_buffer_as<uint8_t>();
    if (obs_stale_) {
      ++renders;
      for (int y = 0; y < s_.height; ++y)
        for (int x = 0; x < s_.width; ++x) out[y * s_.width + x] = s_.pixel(episode_frame, y, x, 0);
      obs_stale_ = false;
    }
    return out;
  }

 private:
  void fill_info(gym::Info& info) const {
    info.lives = lives_;
    info.episode_frame_number = episode_frame;
    info.frame_number = total_frames;
  }

  FakeScript s_;
  mutable std::vector<uint8_t> palette_, identity_;
  gym::NpRandom np_random_;
  int lives_ = 0;
};

}  // namespace ag::test
