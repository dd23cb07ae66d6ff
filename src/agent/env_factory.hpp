// The environment stacks the agent trains and evaluates on, built from the
// config as the original built its own:
//   make(env, frameskip=1, repeat_action_probability, max_num_frames_per_episode)
//   -> AtariPreprocessing(noop_max, frame_skip, 84x84 gray[, terminal_on_life_loss])
//   -> RecordEpisodeStatistics   (full-game return and length, in agent steps)
//   -> EpisodicLife              (life_loss = terminal, training only)
//   -> FireReset                 (fire_reset)
//   -> FrameStackObservation(frame_stack)
//   -> ActionSpaceWrapper(actions)  (when a subset is configured)
// life_loss = reset is the original's AtariPreprocessing(terminal_on_life_loss=True):
// a life loss ends the episode and the next reset restarts the game.
// Evaluation always plays full games (no life-loss terminal).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "agent/config.hpp"
#include "agent/frame_tap.hpp"
#include "gym/env.hpp"
#include "gym/vector_env.hpp"

namespace ag::agent {

enum class EnvPurpose { kTrain, kEval };

// The wrapper specs (gym/wrapper_spec.hpp syntax) of the stack, innermost first.
std::vector<std::string> wrapper_specs(const Config& config, EnvPurpose purpose);
// `extra` replaces or adds make() options (eval's --opt).
gym::Options env_options(const Config& config, const gym::Options& extra = {});

// `on_frame`: a FrameTap on the Atari env (watch, record), seeing every frame.
std::unique_ptr<gym::Env> make_env(const Config& config, EnvPurpose purpose,
                                   const gym::Options& extra = {},
                                   const FrameTap::Callback& on_frame = {});
// config.num_envs envs, SAME_STEP autoreset (the final observation of an
// ending episode is kept for the replay), stepped on the calling thread.
std::unique_ptr<gym::VectorEnv> make_train_envs(const Config& config);

}  // namespace ag::agent
