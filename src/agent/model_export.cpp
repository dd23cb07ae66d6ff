#include "agent/model_export.hpp"

#include <fstream>
#include <sstream>

#include "base/atomic_file.hpp"

namespace ag::agent {

namespace fs = std::filesystem;

void export_state_dict(AgentNet& net, const fs::path& file) {
  c10::Dict<std::string, torch::Tensor> dict;
  const int64_t n = net->online->quantiles(), actions = net->online->actions();
  const bool fold = n > 1 && !net->online->dueling();
  for (const auto& p : net->named_parameters(/*recurse=*/true)) {
    torch::Tensor t = p.value().detach().clone();
    // QR-DQN acts on the quantiles' mean, and the mean of linear outputs is
    // a linear output: rows averaged per action give the original's layer 9
    // with the same Q-values.
    const bool last = p.key().size() > 2 && p.key().find(".9.") != std::string::npos;
    if (fold && last)
      t = p.key().find("weight") != std::string::npos ? t.view({actions, n, -1}).mean(1)
                                                       : t.view({actions, n}).mean(1);
    dict.insert(p.key(), t);
  }
  const std::vector<char> bytes = torch::pickle_save(c10::IValue(dict));
  base::write_file_atomic(file, std::string_view(bytes.data(), bytes.size()));
}

std::map<std::string, torch::Tensor> import_state_dict(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot read the model file");
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string convert =
      " (LibTorch 1.13 reads a plain dict in PyTorch's zip format; convert it in Python with: "
      "import torch; torch.save(dict(torch.load('IN', map_location='cpu')), 'OUT'))";
  if (bytes.size() < 4 || bytes[0] != 'P' || bytes[1] != 'K')
    throw std::runtime_error(file.string() + ": not a zip-format PyTorch file" + convert);
  c10::IValue value;
  try {
    value = torch::pickle_load(bytes);
  } catch (const std::exception& e) {
    throw std::runtime_error(file.string() + ": LibTorch cannot unpickle it" + convert);
  }
  if (!value.isGenericDict())
    throw std::runtime_error(file.string() + ": not a state_dict (a dict of tensors)" + convert);
  std::map<std::string, torch::Tensor> out;
  for (const auto& kv : value.toGenericDict()) {
    if (!kv.key().isString() || !kv.value().isTensor())
      throw std::runtime_error(file.string() + ": a state_dict entry is not name -> tensor");
    out[kv.key().toStringRef()] = kv.value().toTensor();
  }
  return out;
}

void load_state_dict(AgentNet& net, const std::map<std::string, torch::Tensor>& dict,
                     const std::string& source) {
  torch::NoGradGuard no_grad;
  auto params = net->named_parameters(true);
  for (auto& p : params) {
    auto it = dict.find(p.key());
    if (it == dict.end())
      throw std::runtime_error(source + ": key '" + p.key() + "' missing (another net shape?)");
    if (it->second.sizes() != p.value().sizes()) {
      std::ostringstream s;
      s << source << ": '" << p.key() << "' has shape " << it->second.sizes() << ", the net needs "
        << p.value().sizes() << " (another game's action count or net variant?)";
      throw std::runtime_error(s.str());
    }
    p.value().copy_(it->second.to(torch::kFloat32));
  }
  for (const auto& [key, tensor] : dict)
    if (!params.find(key))
      throw std::runtime_error(source + ": unexpected key '" + key + "' (another net variant?)");
}

}  // namespace ag::agent
