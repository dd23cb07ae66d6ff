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

// The same for a registered env id's game (ALE/SpaceInvaders-v5 ->
// space_invaders); nullopt for an unknown id or a game outside the 57.
std::optional<ReferenceScores> reference_scores_for_env(std::string_view env_id);

}  // namespace ag::agent
