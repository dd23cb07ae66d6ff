// Wrappers named in text, for the command line and config files:
//
//   NAME                      the wrapper with its defaults
//   NAME:key=value,key=value  with options (Gymnasium's argument names)
//
// A comma followed by a token without '=' continues the previous value, so
// lists need no quoting: action-space:actions=0,1,3,4 and
// atari-preprocessing:screen_size=84,84,noop_max=0.
//
//   atari-preprocessing  noop_max=30 frame_skip=4 screen_size=84 (or W,H)
//                        terminal_on_life_loss=false grayscale_obs=true
//                        grayscale_newaxis=false scale_obs=false
//   frame-stack          stack_size=4 padding_type=reset|zero
//   clip-reward          min_reward=-1 max_reward=1
//   time-limit           max_episode_steps=N (required)
//   record-episode-statistics  buffer_length=100
//   episodic-life, fire-reset  (no options)
//   skip-frame           skip=4
//   action-space         actions=A,B,... (required; indices into the inner action space)
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gym/env.hpp"

namespace ag::gym {

// Splits "NAME:k=v,..." into the name and its options. Throws GymError on
// malformed text.
std::pair<std::string, Options> parse_wrapper_spec(std::string_view spec);

// Wraps `env` in the wrapper `spec` names. Throws GymError for an unknown
// wrapper or option (with close matches) or a bad value.
std::unique_ptr<Env> apply_wrapper(std::unique_ptr<Env> env, std::string_view spec);

std::vector<std::string> wrapper_names();

}  // namespace ag::gym
