// The info dict of reset() and step(), as a struct: what ale-py's AtariEnv
// puts there, plus what the wrappers add. Plain data, no allocation.
#pragma once

#include <cstdint>
#include <optional>

namespace ag::gym {

// RecordEpisodeStatistics' info["episode"]: return, length (agent steps), wall time (s).
struct EpisodeStatistics {
  double r = 0;
  int64_t l = 0;
  double t = 0;
};

// ale-py's info["seeds"] after reset(seed=...): (np_random's seed, ALE's random_seed).
struct SeedsUsed {
  uint32_t np_seed = 0;
  uint32_t ale_seed = 0;
};

struct Info {
  int lives = 0;                             // ale.lives()
  int episode_frame_number = 0;              // frames since the last reset_game()
  int frame_number = 0;                      // frames since the ROM was loaded
  std::optional<double> raw_reward;          // ClipReward: the reward before clipping
  std::optional<SeedsUsed> seeds;            // reset(seed) of an Atari env
  std::optional<EpisodeStatistics> episode;  // RecordEpisodeStatistics, at episode end
};

// Python's info.update(other) for these keys: what `other` has replaces.
inline void update_info(Info& info, const Info& other) {
  info.lives = other.lives;
  info.episode_frame_number = other.episode_frame_number;
  info.frame_number = other.frame_number;
  if (other.raw_reward) info.raw_reward = other.raw_reward;
  if (other.seeds) info.seeds = other.seeds;
  if (other.episode) info.episode = other.episode;
}

}  // namespace ag::gym
