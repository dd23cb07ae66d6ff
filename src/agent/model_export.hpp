// The agent's nets as a PyTorch state_dict: a pickle that Python's
// torch.load reads (LibTorch's torch::pickle_save writes the zip format
// PyTorch uses), with the original project's key names: online.0.weight,
// online.0.bias, online.2.*, online.4.*, online.7.*, online.9.* and the same
// under target. (dueling: online.value.{0,2}.* and online.advantage.{0,2}.*
// instead of 7 and 9), so the original's AgentNet loads it with
// load_state_dict(..., strict=True). A QR-DQN net (quantiles > 1) without
// the dueling head is exported with its last layer averaged over the
// quantiles (online.9.weight [actions, 512]): the original's net, giving the
// same Q-values (the quantiles' mean). Checkpoints keep the quantiles.
//
// LibTorch header: include only in the agent's .cpp files and tests.
#pragma once

#include <torch/torch.h>

#include <filesystem>
#include <map>
#include <string>

#include "agent/q_network.hpp"

namespace ag::agent {

void export_state_dict(AgentNet& net, const std::filesystem::path& file);
// Reads a state_dict written by export_state_dict (or by Python's
// torch.save(dict(...)) in the zip format). Throws std::runtime_error naming
// the file, with the Python line that converts a file LibTorch 1.13 cannot
// read (an OrderedDict state_dict, the legacy non-zip format).
std::map<std::string, torch::Tensor> import_state_dict(const std::filesystem::path& file);
// Copies the tensors into `net`; every parameter must be there with its shape.
void load_state_dict(AgentNet& net, const std::map<std::string, torch::Tensor>& dict,
                     const std::string& source);

}  // namespace ag::agent
