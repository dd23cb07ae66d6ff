// Line charts as PNG files (episode returns, their moving averages, losses),
// drawn by PLplot's cairo driver ("pngcairo"). PLplot-free header.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace ag::agent {

struct PlotSeries {
  std::string label;
  std::vector<double> x, y;  // same length; points with a NaN/inf coordinate are gaps
  // Optional, empty or as long as y: a shaded band y +- spread (a standard
  // deviation), drawn under the line in the series' colour.
  std::vector<double> spread = {};
  bool markers = false;  // a circle at every point (sparse series: evaluations)
};

struct PlotOptions {
  std::string title, x_label, y_label;
  int width = 1000, height = 600;  // pixels
};

// Draws every non-empty series as a line in its own colour (its band, if
// any, shaded beneath), with a legend of the labels, on axes spanning the
// finite points and bands; with no finite point at all the chart says "no
// data". Creates the folder if needed and writes through a temp file in it,
// renamed over `out_png`, so readers never see half a PNG. Throws
// std::invalid_argument on mismatched x/y/spread lengths or a non-positive
// size, std::runtime_error naming the path on I/O errors. Thread-safe
// (PLplot itself is not; calls are serialized).
void plot_lines(const std::vector<PlotSeries>& series, const PlotOptions& options,
                const std::filesystem::path& out_png);

// Trailing mean: out[i] = mean of the finite values among y[i-window+1..i]
// (fewer at the start, NaN if there are none), as the original's 100-episode
// moving average. Throws std::invalid_argument if window < 1.
std::vector<double> moving_average(const std::vector<double>& y, int window);

}  // namespace ag::agent
