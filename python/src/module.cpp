// The extension module atari_gym._atari_gym: the C++ emulator, envs and
// vector env. The package atari_gym (python/atari_gym) is its public face.
#include <optional>
#include <string>
#include <utility>

#include "agent/human_scores.hpp"
#include "bindings.hpp"
#include "gym/registry.hpp"  // env_ids, make_option_names

PYBIND11_MODULE(_atari_gym, m) {
  using namespace ag::python;
  m.doc() = "atari-gym's exact Atari 2600 emulator and Gymnasium envs (C++ core)";
  bind_errors(m);
  bind_roms(m);
  bind_env(m);
  bind_vector_env(m);
  bind_ale_interface(m);
  m.def("env_ids", &ag::gym::env_ids, "Every registered id (v5 ids first)");
  m.def("make_option_names", &ag::gym::make_option_names, "The keywords make() takes");
  m.def(
      "reference_scores",
      [](const std::string& id) -> std::optional<std::pair<double, double>> {
        const auto ref = ag::agent::reference_scores_for_env(id);
        if (!ref) return std::nullopt;
        return std::make_pair(ref->random, ref->human);
      },
      "(random, human) reference scores of an id's game, or None (atari-gym eval's "
      "human_normalized)");
}
