#include "cli/model_choice.hpp"

#include <cstdio>
#include <filesystem>
#include <vector>

#include "agent/shipped_model.hpp"

namespace ag::cli {

bool choose_model(std::string& checkpoint, const char* command) {
  if (!checkpoint.empty()) return true;
  // The source checkout is searched last (agent/shipped_model.hpp's order).
  const std::vector<std::filesystem::path> checkout = {AG_SOURCE_DIR};
  const auto shipped = agent::find_shipped_model(checkout);
  if (!shipped) {
    std::fprintf(stderr, "atari-gym %s: %s\n", command,
                 agent::no_shipped_model_message(checkout).c_str());
    return false;
  }
  checkpoint = shipped->string();
  return true;
}

void print_game(const agent::EvalGame& g) {
  std::string counts;
  for (size_t a = 0; a < g.action_counts.size(); ++a)
    counts += (a ? "," : "") + std::to_string(g.action_counts[a]);
  std::printf("game %d: seed=%llu score=%g steps=%lld frames=%lld actions=%s%s%s\n", g.index,
              static_cast<unsigned long long>(g.seed), g.score, static_cast<long long>(g.steps),
              static_cast<long long>(g.frames), counts.c_str(), g.truncated ? " truncated" : "",
              g.stopped ? " stopped" : "");
  std::fflush(stdout);
}

}  // namespace ag::cli
