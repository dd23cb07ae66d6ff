// `atari-gym plot`: one chart comparing training runs (agent/run_curves.hpp).
#include <cstdio>
#include <map>

#include "agent/run_curves.hpp"
#include "agent/shipped_model.hpp"
#include "cli/parse.hpp"

namespace ag::cli {

namespace {

// The shipped agent's training history (models/space_invaders/training),
// beside the first shipped-model folder on the search path that has one.
std::optional<std::filesystem::path> reference_run() {
  for (const auto& dir : agent::shipped_model_search_path({AG_SOURCE_DIR}))
    if (std::filesystem::exists(dir / "training" / "episodes.csv")) return dir / "training";
  return std::nullopt;
}

}  // namespace

int cmd_plot(const Args& args) {
  CLI::App app(
      "Draw one chart comparing training runs: a metric of each run folder's episodes.csv "
      "(eval_return: evals.csv, the in-run evaluations) against agent steps, smoothed by a "
      "trailing mean, labelled by run folder.\n\n"
      "example: atari-gym plot runs/a runs/b --out compare.png --metric episodic_return "
      "--smooth 100",
      "atari-gym plot");
  std::vector<std::string> runs, labels;
  std::string out, metric = "episodic_return";
  int smooth = 100, width = 1000, height = 600;
  bool reference = false;
  app.add_option("runs", runs, "run folders (as `train` makes them)")->required();
  app.add_option("--out", out, "the chart, a PNG file")->required();
  app.add_option("--metric", metric,
                 "episodic_return (full games) | episodic_length | td_loss | q_values | "
                 "eval_return (in-run evaluations, +-1 std band)")
      ->check(CLI::IsMember(agent::curve_metrics()));
  app.add_option("--smooth", smooth,
                 "points in the trailing mean (1 = raw; eval_return is never smoothed)")
      ->check(CLI::Range(1, 1000000));
  app.add_option("--label", labels, "a run's name in the legend, in the order of the runs "
                 "(repeatable; default: the run folder's name)");
  app.add_flag("--reference", reference,
               "add the shipped Space Invaders agent's training run as a reference line");
  app.add_option("--width", width, "pixels")->check(CLI::Range(200, 8000));
  app.add_option("--height", height, "pixels")->check(CLI::Range(150, 8000));
  if (auto rc = parse(app, args)) return *rc;

  if (labels.size() > runs.size()) {
    std::fprintf(stderr, "atari-gym plot: %zu --label for %zu run(s)\n", labels.size(),
                 runs.size());
    return 2;
  }
  std::vector<std::filesystem::path> dirs(runs.begin(), runs.end());
  if (reference) {
    const auto ref = reference_run();
    if (!ref) {
      std::fprintf(stderr,
                   "atari-gym plot: --reference: no shipped agent's training history "
                   "(models/space_invaders/training/episodes.csv) on the model search path\n");
      return 1;
    }
    dirs.push_back(*ref);
  }
  try {
    std::vector<agent::RunCurve> curves;
    for (const auto& d : dirs) curves.push_back(agent::read_run_curve(d, metric));
    if (reference) curves.back().label = "shipped agent (reference)";
    // Same folder names (run/a/x, run/b/x): tell them apart by their parents.
    std::map<std::string, int> seen;
    for (const auto& c : curves) ++seen[c.label];
    for (size_t i = 0; i < curves.size(); ++i)
      if (seen[curves[i].label] > 1)
        curves[i].label = std::filesystem::absolute(dirs[i]).lexically_normal().parent_path()
                              .filename().string() + "/" + curves[i].label;
    for (size_t i = 0; i < labels.size(); ++i) curves[i].label = labels[i];
    agent::plot_run_curves(curves, metric, smooth, width, height, out);
    std::printf("plot: %zu run(s), %s -> %s\n", curves.size(), metric.c_str(), out.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "atari-gym plot: %s\n", e.what());
    return 1;
  }
  return 0;
}

}  // namespace ag::cli
