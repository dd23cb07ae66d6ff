// What eval, watch and record share: which model to load (--checkpoint, or
// the shipped agent) and how a finished game is reported.
#pragma once

#include <string>

#include "agent/evaluator.hpp"

namespace ag::cli {

// An empty `checkpoint` becomes the shipped model's path. Returns false after
// printing the one-line error of `command` (how to provide a model) when
// there is none.
bool choose_model(std::string& checkpoint, const char* command);

// "game 3: seed=3 score=410 steps=1234 frames=4936 actions=... [truncated]"
void print_game(const agent::EvalGame& g);

}  // namespace ag::cli
