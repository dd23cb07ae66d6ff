#include "agent/env_factory.hpp"

#include <algorithm>

#include "gym/corridor_env.hpp"
#include "gym/registry.hpp"
#include "gym/wrapper_spec.hpp"

namespace ag::agent {

namespace {

bool is_corridor(const Config& c) { return c.env == gym::CorridorEnv::kId; }

// The synthetic corridor (learning tests): its own frames, stacked.
std::unique_ptr<gym::Env> make_corridor(const Config& c) {
  std::unique_ptr<gym::Env> env = std::make_unique<gym::CorridorEnv>();
  env = gym::apply_wrapper(std::move(env), "record-episode-statistics");
  return gym::apply_wrapper(std::move(env), "frame-stack:stack_size=" + std::to_string(c.frame_stack));
}

}  // namespace

std::vector<std::string> wrapper_specs(const Config& c, EnvPurpose purpose) {
  const bool train = purpose == EnvPurpose::kTrain;
  std::vector<std::string> w;
  w.push_back("atari-preprocessing:noop_max=" + std::to_string(c.noop_max) +
              ",frame_skip=" + std::to_string(c.frame_skip) +
              ",screen_size=" + std::to_string(c.screen_size) + ",terminal_on_life_loss=" +
              (train && c.life_loss == "reset" ? "true" : "false"));
  w.push_back("record-episode-statistics");
  if (train && c.life_loss == "terminal") w.push_back("episodic-life");
  // Above EpisodicLife, so a lost life's NOOP-continued reset fires too (baselines' order).
  if (c.fire_reset) w.push_back("fire-reset");
  w.push_back("frame-stack:stack_size=" + std::to_string(c.frame_stack));
  if (!c.actions.empty()) w.push_back("action-space:actions=" + c.actions);
  return w;
}

gym::Options env_options(const Config& c, const gym::Options& extra) {
  gym::Options o = {{"frameskip", 1},
                    {"repeat_action_probability", c.repeat_action_probability},
                    {"max_num_frames_per_episode", static_cast<long long>(c.max_episode_frames)}};
  for (const auto& [key, value] : extra) {
    auto it = std::find_if(o.begin(), o.end(), [&](const auto& kv) { return kv.first == key; });
    if (it != o.end())
      it->second = value;
    else
      o.emplace_back(key, value);
  }
  return o;
}

std::unique_ptr<gym::Env> make_env(const Config& c, EnvPurpose purpose, const gym::Options& extra,
                                   const FrameTap::Callback& on_frame) {
  if (is_corridor(c)) return make_corridor(c);
  if (!on_frame) return gym::make_wrapped(c.env, env_options(c, extra), wrapper_specs(c, purpose));
  std::unique_ptr<gym::Env> env =
      std::make_unique<FrameTap>(gym::make(c.env, env_options(c, extra)), on_frame);
  for (const auto& w : wrapper_specs(c, purpose)) env = gym::apply_wrapper(std::move(env), w);
  return env;
}

std::unique_ptr<gym::VectorEnv> make_train_envs(const Config& c) {
  gym::VectorEnvOptions vo;
  vo.num_threads = 1;
  vo.autoreset_mode = gym::AutoresetMode::kSameStep;
  if (is_corridor(c))
    return std::make_unique<gym::VectorEnv>(
        static_cast<int>(c.num_envs), [&](int) { return make_corridor(c); }, vo);
  return gym::make_vector(c.env, static_cast<int>(c.num_envs), env_options(c),
                          wrapper_specs(c, EnvPurpose::kTrain), vo);
}

}  // namespace ag::agent
