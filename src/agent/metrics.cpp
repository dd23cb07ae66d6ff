#include "agent/metrics.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <sstream>

#include "base/atomic_file.hpp"
#include "agent/plot.hpp"
#include "agent/tensorboard_writer.hpp"

namespace ag::agent {

namespace fs = std::filesystem;

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

constexpr const char* kEpisodesHeader =
    "episode,step,env,reward,length,mean_loss,mean_q,epsilon,game_return,game_length,wall_time\n";
constexpr const char* kEvalsHeader = "step,episodes,mean,std,min,max,median,wall_time\n";

std::string csv_row(const EpisodeRecord& r) {
  char buf[320];
  char game[64] = "";
  if (!std::isnan(r.game_return)) std::snprintf(game, sizeof game, "%.9g", r.game_return);
  std::snprintf(buf, sizeof buf, "%lld,%lld,%d,%.9g,%d,%.9g,%.9g,%.9g,%s,%d,%.3f\n",
                static_cast<long long>(r.episode), static_cast<long long>(r.step), r.env,
                r.reward, r.length, r.mean_loss, r.mean_q, r.epsilon, game,
                std::isnan(r.game_return) ? 0 : r.game_length, r.wall_time);
  return buf;
}

std::string csv_row(const EvalRecord& r) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%lld,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.3f\n",
                static_cast<long long>(r.step), r.episodes, r.mean, r.std, r.min, r.max,
                r.median, r.wall_time);
  return buf;
}

std::string iso_time(double t) {
  const std::time_t s = static_cast<std::time_t>(t);
  std::tm tm{};
  localtime_r(&s, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

std::string log_header() {
  char buf[200];
  std::snprintf(buf, sizeof buf, "%8s%8s%10s%15s%15s%15s%15s%15s%20s\n", "Episode", "Step",
                "Epsilon", "MeanReward", "MeanLength", "MeanLoss", "MeanQValue", "TimeDelta",
                "Time");
  return buf;
}

// The text log's lines up to `step` (its second column), the header kept.
std::string cut_log(const fs::path& file, int64_t step) {
  std::ifstream in(file);
  std::string line, out;
  bool first = true;
  while (std::getline(in, line)) {
    if (first) {
      out += line + "\n";
      first = false;
      continue;
    }
    long long episode = 0, s = 0;
    if (std::sscanf(line.c_str(), "%lld %lld", &episode, &s) == 2 && s <= step) out += line + "\n";
  }
  return first ? log_header() : out;
}

template <class T>
double mean_last(const std::vector<EpisodeRecord>& v, int window, T field) {
  double sum = 0;
  int n = 0;
  for (auto it = v.rbegin(); it != v.rend() && n < window; ++it, ++n) sum += field(*it);
  return n ? sum / n : 0.0;
}

}  // namespace

MetricLogger::MetricLogger(fs::path run_dir, int64_t log_every, MetricHistory history,
                           std::optional<int64_t> resume_step)
    : dir_(std::move(run_dir)), log_every_(log_every), history_(std::move(history)) {
  base::ensure_writable_dir(dir_);
  base::ensure_writable_dir(dir_ / "plots");
  // The CSVs are the history itself: rewritten from it (so rows written
  // after the checkpoint are gone), then appended to.
  std::string episodes = kEpisodesHeader, evals = kEvalsHeader;
  for (const auto& r : history_.episodes) episodes += csv_row(r);
  for (const auto& r : history_.evals) evals += csv_row(r);
  base::write_file_atomic(dir_ / "episodes.csv", episodes);
  base::write_file_atomic(dir_ / "evals.csv", evals);
  base::write_file_atomic(dir_ / "log.txt",
                    resume_step ? cut_log(dir_ / "log.txt", *resume_step) : log_header());
  auto open_append = [](std::ofstream& f, const fs::path& p) {
    f.open(p, std::ios::app);
    if (!f) throw std::runtime_error("cannot write " + p.string());
  };
  open_append(episodes_csv_, dir_ / "episodes.csv");
  open_append(evals_csv_, dir_ / "evals.csv");
  open_append(log_, dir_ / "log.txt");
  tb_ = std::make_unique<TensorBoardWriter>(dir_ / "tb" / "events.out.tfevents.atari-gym",
                                            resume_step);
  last_log_time_ = history_.episodes.empty() ? now_seconds() : history_.episodes.back().wall_time;
}

MetricLogger::~MetricLogger() = default;

double MetricLogger::mean_reward(int window) const {
  return mean_last(history_.episodes, window, [](const EpisodeRecord& r) { return r.reward; });
}

double MetricLogger::mean_game_return(int window) const {
  double sum = 0;
  int n = 0;
  for (auto it = history_.episodes.rbegin(); it != history_.episodes.rend() && n < window; ++it)
    if (!std::isnan(it->game_return)) sum += it->game_return, ++n;
  return n ? sum / n : NAN;
}

void MetricLogger::log_episode(const EpisodeRecord& r) {
  history_.episodes.push_back(r);
  episodes_csv_ << csv_row(r);
  if (!std::isnan(r.game_return)) {
    tb_->add_scalar("charts/episodic_return", r.step, r.game_return, r.wall_time);
    tb_->add_scalar("charts/episodic_length", r.step, r.game_length, r.wall_time);
  }
  tb_->add_scalar("charts/epsilon", r.step, r.epsilon, r.wall_time);
  // The original recorded at episode 0, 20, 40, ... (0-based).
  if ((r.episode - 1) % log_every_ == 0) write_log_line(r);
}

void MetricLogger::write_log_line(const EpisodeRecord& last) {
  const auto& h = history_.episodes;
  const double delta = last.wall_time - last_log_time_;
  last_log_time_ = last.wall_time;
  char buf[256];
  std::snprintf(buf, sizeof buf, "%8lld%8lld%10.3f%15.3f%15.3f%15.3f%15.3f%15.3f%20s\n",
                static_cast<long long>(last.episode - 1), static_cast<long long>(last.step),
                last.epsilon, mean_reward(),
                mean_last(h, 100, [](const EpisodeRecord& r) { return r.length; }),
                mean_last(h, 100, [](const EpisodeRecord& r) { return r.mean_loss; }),
                mean_last(h, 100, [](const EpisodeRecord& r) { return r.mean_q; }), delta,
                iso_time(last.wall_time).c_str());
  log_ << buf;
  log_.flush();
}

void MetricLogger::log_update(int64_t step, double loss, double q) {
  update_loss_sum_ += loss;
  update_q_sum_ += q;
  // CleanRL writes the losses every 100 updates.
  if (++update_count_ == 100) {
    const double t = now_seconds();
    tb_->add_scalar("losses/td_loss", step, update_loss_sum_ / update_count_, t);
    tb_->add_scalar("losses/q_values", step, update_q_sum_ / update_count_, t);
    update_loss_sum_ = update_q_sum_ = 0;
    update_count_ = 0;
  }
}

void MetricLogger::log_scalar(const std::string& tag, int64_t step, double value) {
  tb_->add_scalar(tag, step, value, now_seconds());
}

void MetricLogger::log_eval(const EvalRecord& r) {
  history_.evals.push_back(r);
  evals_csv_ << csv_row(r);
  evals_csv_.flush();
  tb_->add_scalar("eval/episodic_return", r.step, r.mean, r.wall_time);
}

void MetricLogger::flush() {
  episodes_csv_.flush();
  evals_csv_.flush();
  log_.flush();
  tb_->flush();
}

void MetricLogger::plot() const {
  const auto& h = history_.episodes;
  std::vector<double> x, reward, length, loss, q, gx, game;
  for (const auto& r : h) {
    x.push_back(static_cast<double>(r.step));
    reward.push_back(r.reward);
    length.push_back(r.length);
    loss.push_back(r.mean_loss);
    q.push_back(r.mean_q);
    if (!std::isnan(r.game_return)) {
      gx.push_back(static_cast<double>(r.step));
      game.push_back(r.game_return);
    }
  }
  auto chart = [&](const std::string& name, const std::string& what, const std::vector<double>& y,
                   bool with_games) {
    std::vector<PlotSeries> series;
    series.push_back({what + " per episode (mean of 100)", x, moving_average(y, 100)});
    if (with_games && !game.empty()) {
      series.push_back({"full game return (mean of 100)", gx, moving_average(game, 100)});
      std::vector<double> ex, ey;
      for (const auto& e : history_.evals) {
        ex.push_back(static_cast<double>(e.step));
        ey.push_back(e.mean);
      }
      if (!ex.empty())
        series.push_back({"evaluation (full games, epsilon 0.01)", ex, ey, {}, /*markers=*/true});
    }
    PlotOptions o;
    o.title = dir_.filename().string() + ": " + what;
    o.x_label = "agent steps";
    o.y_label = what;
    plot_lines(series, o, dir_ / "plots" / (name + ".png"));
  };
  chart("reward", "reward", reward, true);
  chart("length", "length (steps)", length, false);
  chart("loss", "mean loss", loss, false);
  chart("q", "mean Q", q, false);
}

}  // namespace ag::agent
