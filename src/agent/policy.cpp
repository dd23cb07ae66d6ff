#include "agent/policy.hpp"

#include <fstream>
#include <sstream>

#include "agent/checkpoint.hpp"
#include "agent/model_export.hpp"
#include "agent/q_network.hpp"

namespace ag::agent {

namespace fs = std::filesystem;

namespace {

class NetQ final : public QFunction {
 public:
  NetQ(int in_channels, int actions, bool dueling, int quantiles)
      : net_(in_channels, actions, dueling, quantiles) {
    net_->eval();
  }
  int actions() const override { return net_->online->actions(); }
  void q_values(const uint8_t* obs, int n, float* out) override {
    agent::q_values(net_->online, obs, n, out);
  }
  AgentNet& net() { return net_; }

 private:
  AgentNet net_;
};

// The action count of a state_dict: the last layer's rows over the quantiles.
int actions_of(const std::map<std::string, torch::Tensor>& d, bool dueling, int quantiles) {
  const auto it = d.find(dueling ? "online.advantage.2.bias" : "online.9.bias");
  return it == d.end() ? 0 : static_cast<int>(it->second.size(0)) / quantiles;
}

}  // namespace

LoadedPolicy load_policy(const fs::path& file, int threads) {
  torch::set_num_threads(threads);
  LoadedPolicy p;
  std::error_code ec;
  if (!fs::exists(file, ec)) throw std::runtime_error(file.string() + ": no such model file");
  if (file.extension() == ".ckpt") {
    const Checkpoint c = load_checkpoint(file);
    p.config = config_from_json(c.config_json, file.string());
    auto q = std::make_unique<NetQ>(c.in_channels, c.action_dim, c.dueling, c.quantiles);
    torch::serialize::InputArchive archive;
    try {
      archive.load_from(c.nets.data(), c.nets.size());
      q->net()->load(archive);
    } catch (const c10::Error& e) {
      throw CheckpointError(file.string() + ": nets: " + e.what_without_backtrace());
    }
    q->net()->eval();
    p.q = std::move(q);
    return p;
  }
  const fs::path config_file = file.parent_path() / "config.json";
  if (!fs::exists(config_file, ec))
    throw std::runtime_error(file.string() + ": needs the run's config.json beside it (" +
                             config_file.string() + " not found)");
  p.config = load_config_file(config_file);
  const auto dict = import_state_dict(file);
  const bool dueling = dict.count("online.value.0.weight") > 0;
  // model.pt of a QR-DQN net without the dueling head holds the quantiles'
  // mean (model_export.hpp): a plain net.
  const int quantiles = dueling ? static_cast<int>(p.config.quantiles) : 1;
  const int actions = actions_of(dict, dueling, quantiles);
  const auto w0 = dict.find("online.0.weight");
  if (actions <= 0 || w0 == dict.end())
    throw std::runtime_error(file.string() + ": not an atari-gym/original AgentNet state_dict");
  auto q = std::make_unique<NetQ>(static_cast<int>(w0->second.size(1)), actions, dueling, quantiles);
  load_state_dict(q->net(), dict, file.string());
  p.q = std::move(q);
  return p;
}

}  // namespace ag::agent
