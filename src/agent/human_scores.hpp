// Random-play and human reference scores of the 57 Atari games that
// DQN-family papers report human-normalised scores on, keyed by ALE's ROM
// name: normalised = (score - random) / (human - random).
#pragma once

#include <optional>
#include <string_view>

namespace ag::agent {

struct ReferenceScores {
  double random, human;
};

std::optional<ReferenceScores> reference_scores(std::string_view rom);

}  // namespace ag::agent
