// Environments by id, with ALE's (ale-py's registration.py) conventions:
//
//   ALE/<Game>-v5            frameskip 4, repeat_action_probability 0.25
//   <Game>-v4                frameskip stochastic in [2, 5), repeat_action_probability 0
//   <Game>NoFrameskip-v4     frameskip 1, repeat_action_probability 0
//   <Game>Deterministic-v4   frameskip 4 (3 for SpaceInvaders), repeat_action_probability 0
//   <Game>-v0, <Game>NoFrameskip-v0, <Game>Deterministic-v0: as v4 with
//                            repeat_action_probability 0.25
//   <Game>-ram-v4, <Game>-ramNoFrameskip-v4, ...: the same with obs_type ram
//
// all with full_action_space false and max_num_frames_per_episode 108000
// (30 minutes of play), observations rgb. <Game> is ale-py's name for the ROM
// (rom.title() without underscores: space_invaders -> SpaceInvaders,
// tic_tac_toe_3d -> TicTacToe3D). ale-py registers v0/v4 only for its 62
// legacy games; here they exist for every supported game.
//
// Options use Gymnasium's keyword names: obs_type (rgb|grayscale|ram),
// frameskip (n, or "low,high" for stochastic), repeat_action_probability,
// full_action_space, mode, difficulty, max_num_frames_per_episode, and
// gym.make's max_episode_steps (adds a TimeLimit).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gym/atari_env.hpp"
#include "gym/env.hpp"
#include "gym/vector_env.hpp"

namespace ag::gym {

struct EnvSpec {
  std::string id;
  AtariEnvConfig config;  // the id's defaults (config.game, config.id set)
};

// Every registered id, in a stable order (v5 ids first).
const std::vector<EnvSpec>& env_specs();
std::vector<std::string> env_ids();
const EnvSpec* find_env_spec(std::string_view id);

// ale-py's display name of a ROM: Python's str.title() without underscores.
std::string game_id_name(std::string_view rom);

// gym.make(id, **options). Throws GymError for an unknown id or option (with
// close matches) or a bad value, env::EnvError when the ROM is not found.
std::unique_ptr<Env> make(std::string_view id, const Options& options = {},
                          const std::vector<std::filesystem::path>& rom_dirs = {});

// The option names make() takes (Gymnasium's keywords: obs_type, frameskip, ...),
// for bindings that check keyword arguments before making anything.
const std::vector<std::string>& make_option_names();

// The AtariEnvConfig make() would use, without loading anything.
AtariEnvConfig make_config(std::string_view id, const Options& options = {});

// make(id, options) wrapped in `wrappers` (wrapper_spec.hpp syntax, innermost
// first), as one env...
std::unique_ptr<Env> make_wrapped(std::string_view id, const Options& options,
                                  const std::vector<std::string>& wrappers,
                                  const std::vector<std::filesystem::path>& rom_dirs = {});
// ...or num_envs of them in a VectorEnv.
std::unique_ptr<VectorEnv> make_vector(std::string_view id, int num_envs, const Options& options,
                                       const std::vector<std::string>& wrappers,
                                       VectorEnvOptions vector_options = {},
                                       const std::vector<std::filesystem::path>& rom_dirs = {});

}  // namespace ag::gym
