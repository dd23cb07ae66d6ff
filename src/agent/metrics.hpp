// The training run's metrics (the original's MetricLogger, and what people
// use today), all continuing across resumes from the checkpoint's step:
//   log.txt        the original's columns every log_every episodes: Episode,
//                  Step, Epsilon, MeanReward, MeanLength, MeanLoss,
//                  MeanQValue (means over the last 100 episodes), TimeDelta, Time
//   episodes.csv   one row per training episode (the env's episodes: one
//                  life when life loss ends them) with its game's return
//                  when the game ended with it
//   evals.csv      each evaluation of full games during training
//   tb/            TensorBoard scalars with CleanRL's names:
//                  charts/episodic_return and charts/episodic_length (full
//                  games, all lives), losses/td_loss, losses/q_values,
//                  charts/epsilon, charts/SPS, eval/episodic_return
//   plots/         reward, length, loss and Q per episode with their
//                  100-episode moving averages (the original's four plots)
#pragma once

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ag::agent {

class TensorBoardWriter;

// One training episode. Plain data: the checkpoint keeps the whole history.
struct EpisodeRecord {
  int64_t episode = 0;  // 1-based count of training episodes
  int64_t step = 0;     // agent step at its end
  int32_t env = 0;
  int32_t length = 0;       // agent steps
  float reward = 0;         // the game's rewards (not clipped)
  float mean_loss = 0;      // over the updates during the episode (0 before learning)
  float mean_q = 0;
  float epsilon = 0;
  float game_return = NAN;  // the full game's return, when the game ended here
  int32_t game_length = 0;
  double wall_time = 0;  // seconds since the epoch
};

struct EvalRecord {
  int64_t step = 0;
  int32_t episodes = 0;
  double mean = 0, std = 0, min = 0, max = 0, median = 0;
  double wall_time = 0;
};

struct MetricHistory {
  std::vector<EpisodeRecord> episodes;
  std::vector<EvalRecord> evals;
};

class MetricLogger {
 public:
  // A new run, or a resumed one (resume_step): files are cut back to the
  // checkpoint's step (rows written after it are dropped) and continue.
  MetricLogger(std::filesystem::path run_dir, int64_t log_every, MetricHistory history = {},
               std::optional<int64_t> resume_step = std::nullopt);
  ~MetricLogger();

  void log_episode(const EpisodeRecord& record);
  void log_update(int64_t step, double loss, double q);
  void log_scalar(const std::string& tag, int64_t step, double value);
  void log_eval(const EvalRecord& record);
  void plot() const;
  void flush();

  const MetricHistory& history() const { return history_; }
  // Means over the last `window` episodes (the original's moving averages).
  double mean_reward(int window = 100) const;
  double mean_game_return(int window = 100) const;  // NaN before any game ended

 private:
  void write_log_line(const EpisodeRecord& last);

  std::filesystem::path dir_;
  int64_t log_every_;
  MetricHistory history_;
  std::ofstream log_, episodes_csv_, evals_csv_;
  std::unique_ptr<TensorBoardWriter> tb_;
  double last_log_time_ = 0;
  double update_loss_sum_ = 0, update_q_sum_ = 0;
  int update_count_ = 0;
};

double now_seconds();  // wall time, seconds since the epoch

}  // namespace ag::agent
