// `atari-gym plot`: one PNG comparing run folders, as a user runs it; a
// missing, foreign or empty run folder is a one-line error naming it.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "cli/run_cli.hpp"

namespace {

using ag::test::contains;
using ag::test::run_cli;
using ag::test::TempDir;
namespace fs = std::filesystem;

// A run folder with MetricLogger's episodes.csv: a life-episode per row,
// a game ending every third row, returns rising with `slope`.
fs::path fake_run(const fs::path& parent, const std::string& name, int rows, double slope) {
  const fs::path dir = parent / name;
  fs::create_directories(dir);
  std::ofstream csv(dir / "episodes.csv");
  csv << "episode,step,env,reward,length,mean_loss,mean_q,epsilon,game_return,game_length,"
         "wall_time\n";
  for (int i = 1; i <= rows; ++i) {
    csv << i << "," << i * 100 << ",0," << slope * i << ",50,0.5,1.5,0.1,";
    if (i % 3 == 0) csv << slope * i * 3 << ",150"; else csv << ",0";
    csv << ",1796550000\n";
  }
  return dir;
}

// MetricLogger's evals.csv beside a run's episodes.csv: `evals` evaluations,
// every 1,000 steps.
void fake_evals(const fs::path& dir, int evals) {
  std::ofstream csv(dir / "evals.csv");
  csv << "step,episodes,mean,std,min,max,median,wall_time\n";
  for (int i = 1; i <= evals; ++i)
    csv << i * 1000 << ",30," << 100 * i << ",25.5,50,400,110,1796550000\n";
}

// Width and height from the PNG's IHDR chunk (bytes 16-23, big-endian).
std::pair<int, int> png_size(const fs::path& file) {
  const std::string b = ag::test::slurp(file);
  if (b.size() < 24 || b.compare(1, 3, "PNG") != 0) return {0, 0};
  auto be32 = [&](size_t o) {
    return (static_cast<unsigned char>(b[o]) << 24) | (static_cast<unsigned char>(b[o + 1]) << 16) |
           (static_cast<unsigned char>(b[o + 2]) << 8) | static_cast<unsigned char>(b[o + 3]);
  };
  return {static_cast<int>(be32(16)), static_cast<int>(be32(20))};
}

TEST(CliPlot, TwoRunsMakeOnePngOfTheAskedSize) {
  const TempDir d("plot");
  const fs::path a = fake_run(d, "run-a", 300, 0.1), b = fake_run(d, "run-b", 200, 0.2);
  for (const char* metric : {"episodic_return", "episodic_length", "td_loss", "q_values"}) {
    const fs::path out = d / (std::string(metric) + ".png");
    auto r = run_cli({"plot", a.string(), b.string(), "--out", out.string(), "--metric", metric,
                      "--smooth", "10", "--width", "800", "--height", "500"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "2 run(s)")) << r.out;
    EXPECT_EQ(png_size(out), std::make_pair(800, 500)) << metric;
  }
}

TEST(CliPlot, EvalReturnChartsEachRunsEvaluations) {
  const TempDir d("plot-eval");
  const fs::path a = fake_run(d, "run-a", 30, 1), b = fake_run(d, "run-b", 30, 1);
  fake_evals(a, 5);
  fake_evals(b, 1);  // one evaluation: a lone point still charts
  const fs::path out = d / "evals.png";
  auto r = run_cli({"plot", a.string(), b.string(), "--out", out.string(), "--metric",
                    "eval_return", "--width", "640", "--height", "400"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "2 run(s), eval_return")) << r.out;
  EXPECT_EQ(png_size(out), std::make_pair(640, 400));

  // A run folder without evals.csv, or with no evaluation in it, is named.
  const fs::path c = fake_run(d, "run-c", 30, 1);
  r = run_cli({"plot", a.string(), c.string(), "--out", (d / "x.png").string(), "--metric",
               "eval_return"});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "run-c: no readable evals.csv beside its episodes.csv")) << r.err;
  fake_evals(c, 0);  // header only
  r = run_cli({"plot", c.string(), "--out", (d / "x.png").string(), "--metric", "eval_return"});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "run-c: no eval_return logged yet (no evaluation has finished)"))
      << r.err;
  EXPECT_FALSE(fs::exists(d / "x.png"));
}

TEST(CliPlot, MissingForeignOrEmptyRunFoldersAreNamedErrors) {
  const TempDir d("plot-bad");
  const fs::path good = fake_run(d, "good", 30, 1);
  const fs::path out = d / "x.png";

  auto r = run_cli({"plot", good.string(), (d / "nope").string(), "--out", out.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "nope: no such run folder")) << r.err;

  fs::create_directories(d / "foreign");
  r = run_cli({"plot", (d / "foreign").string(), "--out", out.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "foreign: not a run folder")) << r.err;

  fake_run(d, "empty", 0, 1);  // header only: the run has not finished an episode
  r = run_cli({"plot", (d / "empty").string(), "--out", out.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "empty: no episodic_return logged yet")) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_FALSE(fs::exists(out));

  r = run_cli({"plot", good.string(), "--out", out.string(), "--label", "a", "--label", "b"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(contains(r.err, "2 --label for 1 run(s)")) << r.err;

  r = run_cli({"plot", good.string(), "--out", out.string(), "--metric", "fps"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(contains(r.err, "--metric")) << r.err;
}

}  // namespace
