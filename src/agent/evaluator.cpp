#include "agent/evaluator.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "agent/agent_game.hpp"
#include "gym/registry.hpp"

namespace ag::agent {

EvalSummary summarize(std::vector<EvalGame> games) {
  EvalSummary s;
  s.games = std::move(games);
  if (s.games.empty()) return s;
  std::vector<double> v;
  for (const auto& g : s.games) v.push_back(g.score);
  double sum = 0;
  for (double x : v) sum += x;
  s.mean = sum / v.size();
  double var = 0;
  for (double x : v) var += (x - s.mean) * (x - s.mean);
  s.std = std::sqrt(var / v.size());  // population std, as numpy's default
  std::sort(v.begin(), v.end());
  s.min = v.front();
  s.max = v.back();
  s.median = v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
  return s;
}

EvalSummary evaluate(QFunction& q, const Config& config, int episodes, double epsilon,
                     uint64_t seed, const gym::Options& extra,
                     const std::function<void(const EvalGame&)>& on_game) {
  std::vector<EvalGame> games;
  for (int i = 0; i < episodes; ++i) {
    EvalGame g = play_game(q, config, i, seed, epsilon, extra);
    if (on_game) on_game(g);
    games.push_back(std::move(g));
  }
  return summarize(std::move(games));
}

std::string protocol_text(const Config& c, int episodes, double epsilon, uint64_t seed,
                          const gym::Options& extra) {
  double sticky = c.repeat_action_probability;
  long long frames = c.max_episode_frames;
  int noop = static_cast<int>(c.noop_max);
  for (const auto& [k, v] : extra) {
    if (k == "repeat_action_probability") sticky = std::stod(v.text());
    if (k == "max_num_frames_per_episode") frames = std::stoll(v.text());
  }
  std::ostringstream s;
  s << "protocol: env=" << c.env << " full games (all lives) episodes=" << episodes
    << " seeds=" << seed << ".." << seed + episodes - 1 << " epsilon=" << epsilon
    << " sticky_actions=" << sticky << " noop_max=" << noop << " frame_skip=" << c.frame_skip
    << " frame_stack=" << c.frame_stack << " max_frames=" << frames;
  if (!c.actions.empty()) s << " actions=" << c.actions;
  return s.str();
}

}  // namespace ag::agent
