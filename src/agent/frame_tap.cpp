#include "agent/frame_tap.hpp"

namespace ag::agent {

FrameTap::FrameTap(std::unique_ptr<gym::Env> env, Callback on_frame)
    : gym::Wrapper(std::move(env)),
      on_frame_(std::move(on_frame)),
      backend_(gym::atari_backend(inner(), "FrameTap")) {}

void FrameTap::emit(const gym::Info& info) {
  if (!on_frame_) return;
  const int h = backend_.screen_height(), w = backend_.screen_width();
  rgb_.resize(static_cast<size_t>(h) * w * 3);
  backend_.screen_rgb(rgb_.data());
  on_frame_(Frame{rgb_.data(), h, w, info.episode_frame_number, score_, info.lives});
}

gym::ResetResult FrameTap::do_reset(std::optional<uint64_t> seed, const gym::Options& options) {
  gym::ResetResult r = inner_->reset(seed, options);
  score_ = 0;
  emit(r.info);
  return r;
}

gym::StepResult FrameTap::do_step(int action) {
  gym::StepResult r = inner_->step(action);
  score_ += r.reward;
  emit(r.info);
  return r;
}

}  // namespace ag::agent
