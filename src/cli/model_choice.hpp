// What eval, watch and record share: their model options, which model to
// load (--checkpoint, or the shipped agent), the protocol they print, the
// screen of the games they show, and how a finished game is reported.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "agent/evaluator.hpp"
#include "agent/policy.hpp"
#include "gym/options.hpp"

namespace ag::cli {

// The options of eval, watch and record beside their own.
struct ModelOptions {
  std::string checkpoint;  // empty: the shipped model
  std::string env;         // empty: the env the model was trained on
  double epsilon = -1;     // < 0: the config's eval_epsilon
  uint64_t seed = 0;       // of game 0
  int threads = 1;
  std::vector<std::string> env_opts;  // --opt key=value
};

// --checkpoint, --env, --epsilon, --seed, --opt, --threads.
void add_model_options(CLI::App& app, ModelOptions& o, const std::string& threads_help);

// The model the options name, loaded, with what its games need.
struct ChosenModel {
  std::string path;
  agent::LoadedPolicy policy;
  agent::Config config;  // the model's, with --env applied
  double epsilon = 0;    // --epsilon, else the config's eval_epsilon
  gym::Options extra;    // --opt
};

// An empty --checkpoint becomes the shipped model's path; without one,
// prints the one-line error of `command` (how to provide a model) and
// returns nothing. A bad model file throws (load_policy's errors).
std::optional<ChosenModel> choose_model(const ModelOptions& o, const char* command);

// "model: PATH" and the evaluation protocol (agent::protocol_text).
void print_protocol(const ChosenModel& m, int episodes, uint64_t seed);

// The screen of the model's games: size, frame rate and action names, from
// an env made as the games' are. Throws when the env is not an Atari game
// ("... is not an Atari game: nothing to <what>").
struct GameScreen {
  int height = 0, width = 0;
  int frame_rate = 0;  // Hz
  std::vector<std::string> action_names;
};
GameScreen game_screen(const ChosenModel& m, const char* what);

// "game 3: seed=3 score=410 steps=1234 frames=4936 actions=... [truncated]"
void print_game(const agent::EvalGame& g);

}  // namespace ag::cli
