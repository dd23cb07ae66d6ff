#include "gym/atari_preprocessing.hpp"

#include <algorithm>
#include <cstring>

#include "gym/palette_gray.hpp"

namespace ag::gym {

namespace {

Box preprocessed_box(const AtariPreprocessingOptions& o) {
  if (o.frame_skip <= 0)
    throw GymError("AtariPreprocessing: expect the frame_skip to be positive, actually: " +
                   std::to_string(o.frame_skip));
  if (o.screen_width <= 0 || o.screen_height <= 0)
    throw GymError("AtariPreprocessing: expect the screen_size to be positive, actually: (" +
                   std::to_string(o.screen_width) + ", " + std::to_string(o.screen_height) + ")");
  if (o.noop_max < 0)
    throw GymError("AtariPreprocessing: expect the noop_max to be non-negative, actually: " +
                   std::to_string(o.noop_max));
  Box b;
  b.low = 0;
  b.high = o.scale_obs ? 1 : 255;
  b.dtype = o.scale_obs ? DType::kFloat32 : DType::kUInt8;
  b.shape = {o.screen_height, o.screen_width};
  if (!o.grayscale_obs)
    b.shape.push_back(3);
  else if (o.grayscale_newaxis)
    b.shape.push_back(1);
  return b;
}

std::unique_ptr<Env> checked_env(std::unique_ptr<Env> env, const AtariPreprocessingOptions& o) {
  if (!env) throw GymError("AtariPreprocessing: no environment to wrap");
  preprocessed_box(o);  // validates the options
  AtariBackend& backend = atari_backend(*env, "AtariPreprocessing");
  if (o.frame_skip > 1 && backend.frameskip() != 1)
    throw GymError(
        "AtariPreprocessing: disable frame-skipping in the original env (" + env->name() +
        " has frameskip " +
        (backend.frameskip() == 0 ? std::string("stochastic")
                                  : std::to_string(backend.frameskip())) +
        "; make it with frameskip=1). Otherwise, more than one frame-skip will happen as "
        "through this wrapper");
  if (o.noop_max > 0) {
    const auto meanings = env->unwrapped().action_meanings();
    if (meanings.empty() || meanings[0] != "NOOP")
      throw GymError(
          "AtariPreprocessing: when noop_max > 0, the first action meaning must be "
          "'NOOP'");
  }
  return env;
}

}  // namespace

AtariPreprocessing::AtariPreprocessing(std::unique_ptr<Env> env, AtariPreprocessingOptions options)
    : Wrapper(checked_env(std::move(env), options), OwnObservation{}),
      options_(options),
      backend_(atari_backend(*inner_, "AtariPreprocessing")),
      resize_(backend_.screen_height(), backend_.screen_width(), options.screen_height,
              options.screen_width, options.grayscale_obs ? 1 : 3) {
  observation_space_ = preprocessed_box(options_);
  const size_t frame_bytes = static_cast<size_t>(backend_.screen_height()) *
                             backend_.screen_width() * (options_.grayscale_obs ? 1 : 3);
  frames_[0].assign(frame_bytes, 0);
  frames_[1].assign(frame_bytes, 0);
  fused_ = options_.grayscale_obs && options_.frame_skip > 1 && backend_.gray_table();
  if (fused_) older_palette_.assign(frame_bytes, 0);
  if (options_.scale_obs)
    resized_.assign(static_cast<size_t>(options_.screen_height) * options_.screen_width *
                        (options_.grayscale_obs ? 1 : 3),
                    0);
}

void AtariPreprocessing::grab(std::vector<uint8_t>& frame) {
  if (options_.grayscale_obs)
    backend_.screen_grayscale(frame.data());
  else
    backend_.screen_rgb(frame.data());
}

void AtariPreprocessing::grab_older() {
  if (fused_) {
    std::memcpy(older_palette_.data(), backend_.palette_screen(), older_palette_.size());
    older_pending_ = true;
  } else {
    grab(frames_[1]);
  }
}

bool AtariPreprocessing::grab_newer() {
  if (fused_ && older_pending_) {
    palette_to_gray_max(older_palette_.data(), backend_.palette_screen(), backend_.gray_table(),
                        frames_[1].data(), frames_[0].data(), frames_[0].size());
    older_pending_ = false;
    return true;
  }
  grab(frames_[0]);
  return false;
}

// Gymnasium pools in place (np.maximum(buf0, buf1, out=buf0)) on every
// observation; doing it eagerly keeps that state exact even when the
// observation is never read. The resize is done lazily.
void AtariPreprocessing::pool() {
  if (options_.frame_skip > 1) {
    uint8_t* a = frames_[0].data();
    const uint8_t* b = frames_[1].data();
    const size_t n = frames_[0].size();
    for (size_t i = 0; i < n; ++i) a[i] = std::max(a[i], b[i]);
  }
  obs_stale_ = true;
}

ResetResult AtariPreprocessing::do_reset(std::optional<uint64_t> seed, const Options& options) {
  Info info = inner_->reset(seed, options).info;
  const int noops = options_.noop_max > 0
                        ? static_cast<int>(backend_.np_random().integers(1, options_.noop_max + 1))
                        : 0;
  for (int i = 0; i < noops; ++i) {
    const StepResult s = inner_->step(0);
    update_info(info, s.info);
    if (s.terminated || s.truncated) info = inner_->reset(seed, options).info;
  }
  lives_ = backend_.lives();
  older_pending_ = false;
  grab(frames_[0]);
  std::fill(frames_[1].begin(), frames_[1].end(), 0);
  pool();
  return {observation(), info};
}

StepResult AtariPreprocessing::do_step(int action) {
  StepResult out{observation(), 0.0, false, false, Info{}};
  const int fs = options_.frame_skip;
  bool pooled = false;
  for (int t = 0; t < fs; ++t) {
    const StepResult s = inner_->step(action);
    out.reward += s.reward;
    out.terminated = s.terminated;
    out.truncated = s.truncated;
    out.info = s.info;
    game_over_ = s.terminated;
    if (options_.terminal_on_life_loss) {
      const int new_lives = backend_.lives();
      out.terminated = out.terminated || new_lives < lives_;
      game_over_ = out.terminated;
      lives_ = new_lives;
    }
    if (out.terminated || out.truncated) break;
    if (t == fs - 2)
      grab_older();
    else if (t == fs - 1)
      pooled = grab_newer();
  }
  if (older_pending_) {  // stopped early between the two grabs
    palette_to_gray(older_palette_.data(), backend_.gray_table(), frames_[1].data(),
                    frames_[1].size());
    older_pending_ = false;
  }
  if (pooled)
    obs_stale_ = true;
  else
    pool();
  return out;
}

void AtariPreprocessing::save_state(emu::StateWriter& out) const {
  put_state_tag(out, "AtariPreprocessing");
  const AtariPreprocessingOptions& o = options_;
  for (int v : {o.noop_max, o.frame_skip, o.screen_width, o.screen_height}) out.put<int32_t>(v);
  for (bool v : {o.terminal_on_life_loss, o.grayscale_obs, o.grayscale_newaxis, o.scale_obs})
    out.put<uint8_t>(v);
  out.put<int32_t>(lives_);
  out.put<uint8_t>(game_over_);
  out.put_bytes(frames_[0].data(), frames_[0].size());
  out.put_bytes(frames_[1].data(), frames_[1].size());
  // Pending only inside a step; kept for completeness.
  out.put<uint8_t>(older_pending_);
  if (older_pending_) out.put_bytes(older_palette_.data(), older_palette_.size());
  inner_->save_state(out);
}

void AtariPreprocessing::load_state(emu::StateReader& raw) {
  EnvStateReader in(raw, *this);
  in.expect_tag("AtariPreprocessing");
  const AtariPreprocessingOptions& o = options_;
  in.expect_same("noop_max", int32_t{o.noop_max});
  in.expect_same("frame_skip", int32_t{o.frame_skip});
  in.expect_same("screen width", int32_t{o.screen_width});
  in.expect_same("screen height", int32_t{o.screen_height});
  in.expect_same("terminal_on_life_loss", uint8_t{o.terminal_on_life_loss});
  in.expect_same("grayscale_obs", uint8_t{o.grayscale_obs});
  in.expect_same("grayscale_newaxis", uint8_t{o.grayscale_newaxis});
  in.expect_same("scale_obs", uint8_t{o.scale_obs});
  const int lives = in.get<int32_t>();
  const bool game_over = in.get_bool();
  std::vector<uint8_t> newer = in.get_bytes(frames_[0].size(), "the newest frame");
  std::vector<uint8_t> older = in.get_bytes(frames_[1].size(), "the older frame");
  const bool pending = in.get_bool();
  if (pending && !fused_) in.fail("corrupt state: a pending palette frame without the fused path");
  std::vector<uint8_t> palette;
  if (pending) palette = in.get_bytes(older_palette_.size(), "the pending palette frame");
  inner_->load_state(raw);
  lives_ = lives;
  game_over_ = game_over;
  frames_[0] = std::move(newer);
  frames_[1] = std::move(older);
  older_pending_ = pending;
  if (pending) older_palette_ = std::move(palette);
  obs_stale_ = true;
}

const void* AtariPreprocessing::render_observation() {
  void* out = obs_buffer();
  if (obs_stale_) {
    if (options_.scale_obs) {
      resize_(frames_[0].data(), resized_.data());
      float* f = static_cast<float*>(out);
      for (size_t i = 0; i < resized_.size(); ++i) f[i] = static_cast<float>(resized_[i]) / 255.0f;
    } else {
      resize_(frames_[0].data(), static_cast<uint8_t*>(out));
    }
    obs_stale_ = false;
  }
  return out;
}

}  // namespace ag::gym
