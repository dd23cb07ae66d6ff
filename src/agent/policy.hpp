// A trained agent loaded for evaluation (eval, and later watch and record):
// from a checkpoint (.ckpt: its config and nets) or an exported model (.pt
// state_dict) with the run's config.json beside it. LibTorch-free header.
#pragma once

#include <filesystem>
#include <memory>

#include "agent/config.hpp"
#include "agent/evaluator.hpp"

namespace ag::agent {

struct LoadedPolicy {
  Config config;  // the config the model was trained with
  std::unique_ptr<QFunction> q;
};

// Throws std::runtime_error (or CheckpointError) naming the file and the problem.
LoadedPolicy load_policy(const std::filesystem::path& model_or_checkpoint, int threads = 1);

}  // namespace ag::agent
