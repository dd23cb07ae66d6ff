// Curves of finished or running training runs, read back from their run
// folders (episodes.csv as MetricLogger writes it), for `atari-gym plot`:
// one chart comparing runs. PLplot- and torch-free header.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace ag::agent {

struct RunCurveError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The metrics a run logs, by CleanRL's TensorBoard names: per episode
// (episodes.csv) episodic_return / episodic_length are the full game's (all
// lives, rows where a game ended), td_loss / q_values the mean over the
// episode's updates; eval_return is each in-run evaluation's mean score
// (evals.csv: full games, sticky actions, epsilon 0.01) with its std.
const std::vector<std::string>& curve_metrics();

struct RunCurve {
  std::string label;          // the run folder's name
  std::vector<double> steps;  // agent steps at each point
  std::vector<double> values;
  std::vector<double> spread;  // eval_return: each evaluation's std; else empty
};

// Reads `metric` from run_dir/episodes.csv (eval_return: evals.csv). Throws
// RunCurveError naming the folder when it does not exist, holds no such
// file, the file's header is not MetricLogger's, or no row has the metric
// yet; std::invalid_argument for an unknown metric.
RunCurve read_run_curve(const std::filesystem::path& run_dir, const std::string& metric);

// One chart of every curve, each smoothed by a trailing mean of `smooth`
// points (1 = raw), x in agent steps, labelled by run; written atomically.
// eval_return is drawn unsmoothed (each point is already a mean over games),
// a marker per evaluation and its +-1 std as a band.
void plot_run_curves(const std::vector<RunCurve>& curves, const std::string& metric, int smooth,
                     int width, int height, const std::filesystem::path& out_png);

}  // namespace ag::agent
