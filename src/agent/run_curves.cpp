#include "agent/run_curves.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>

#include "agent/plot.hpp"

namespace ag::agent {

namespace {

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string cell;
  while (std::getline(ss, cell, ',')) out.push_back(cell);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

constexpr const char* kEval = "eval_return";

// The episodes.csv (evals.csv for eval_return) column each metric reads.
const char* column_of(const std::string& metric) {
  if (metric == "episodic_return") return "game_return";
  if (metric == "episodic_length") return "game_length";
  if (metric == "td_loss") return "mean_loss";
  if (metric == "q_values") return "mean_q";
  if (metric == kEval) return "mean";
  return nullptr;
}

}  // namespace

const std::vector<std::string>& curve_metrics() {
  static const std::vector<std::string> m = {"episodic_return", "episodic_length", "td_loss",
                                             "q_values", kEval};
  return m;
}

RunCurve read_run_curve(const std::filesystem::path& run_dir, const std::string& metric) {
  const char* column = column_of(metric);
  if (!column) throw std::invalid_argument("unknown metric '" + metric + "'");
  const std::string name = run_dir.string();
  if (!std::filesystem::is_directory(run_dir))
    throw RunCurveError(name + ": no such run folder");
  const bool eval = metric == kEval;
  const auto csv = run_dir / (eval ? "evals.csv" : "episodes.csv");
  std::ifstream in(csv);
  // The trainer writes evals.csv (its header at least) when it starts: a
  // run folder without one was made by hand or lost the file.
  if (!in && eval && std::filesystem::exists(run_dir / "episodes.csv"))
    throw RunCurveError(name + ": no readable evals.csv beside its episodes.csv");
  if (!in) throw RunCurveError(name + ": not a run folder (no readable episodes.csv)");
  std::string line;
  std::getline(in, line);
  const auto header = split_csv(line);
  const auto find = [&](const std::string& c) {
    return static_cast<size_t>(std::find(header.begin(), header.end(), c) - header.begin());
  };
  const size_t step_col = find("step"), value_col = find(column),
               spread_col = eval ? find("std") : step_col;
  if (step_col >= header.size() || value_col >= header.size() || spread_col >= header.size())
    throw RunCurveError(csv.string() + ": not a training log (no 'step' and '" + column +
                        (eval ? "' and 'std" : "") + "' columns)");
  RunCurve c;
  c.label = std::filesystem::absolute(run_dir).lexically_normal().filename().string();
  if (c.label.empty())
    c.label = std::filesystem::absolute(run_dir).lexically_normal().parent_path().filename().string();
  const bool games_only = metric == "episodic_return" || metric == "episodic_length";
  while (std::getline(in, line)) {
    const auto cells = split_csv(line);
    // A row cut by a kill (no newline, fewer cells) may hold a cut number too.
    if (cells.size() < header.size()) continue;
    const std::string& v = cells[value_col];
    // Episodes that did not end a game leave the full-game columns empty
    // (game_length 0 as well).
    if (v.empty() || (metric == "episodic_length" && v == "0")) continue;
    char* end = nullptr;
    const double value = std::strtod(v.c_str(), &end);
    if (end == v.c_str()) continue;
    c.steps.push_back(std::strtod(cells[step_col].c_str(), nullptr));
    c.values.push_back(value);
    if (eval) {
      // An empty or unreadable std leaves a gap in the band, not a zero width.
      const std::string& sd = cells[spread_col];
      char* sd_end = nullptr;
      const double spread = std::strtod(sd.c_str(), &sd_end);
      c.spread.push_back(sd_end == sd.c_str() ? std::numeric_limits<double>::quiet_NaN() : spread);
    }
  }
  if (c.values.empty())
    throw RunCurveError(name + ": no " + metric + " logged yet (" +
                        (eval         ? "no evaluation has finished"
                         : games_only ? "no game has ended"
                                      : "no episode has ended") +
                        ")");
  return c;
}

void plot_run_curves(const std::vector<RunCurve>& curves, const std::string& metric, int smooth,
                     int width, int height, const std::filesystem::path& out_png) {
  const bool eval = metric == kEval;
  std::vector<PlotSeries> series;
  for (const auto& c : curves) {
    if (eval) {
      series.push_back({c.label, c.steps, c.values, c.spread, true});
      continue;
    }
    series.push_back({c.label, c.steps, smooth > 1 ? moving_average(c.values, smooth) : c.values});
  }
  PlotOptions o;
  o.title = eval ? "eval_return (each evaluation's mean over full games; band: +-1 std)"
                 : metric + (smooth > 1 ? " (mean of " + std::to_string(smooth) + ")" : "");
  o.x_label = "agent steps";
  o.y_label = metric;
  o.width = width;
  o.height = height;
  plot_lines(series, o, out_png);
}

}  // namespace ag::agent
