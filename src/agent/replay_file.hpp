// The replay saved beside a run's checkpoints (replay.bin), so a resumed run
// continues with the same memory instead of refilling it (burnin steps of
// acting without learning, and a memory that differs from the uninterrupted
// run's). Several GB for a 1M replay: written by streaming to a temp file and
// renamed; tied to a checkpoint by the step in its header.
#pragma once

#include <cstdint>
#include <filesystem>

#include "agent/prioritized_replay.hpp"
#include "agent/replay_buffer.hpp"

namespace ag::agent {

void save_replay(const std::filesystem::path& file, ReplayBuffer& replay, PrioritizedReplay* per,
                 int64_t step);
// The step the file was saved at, or -1 when there is no file. Throws
// std::runtime_error (naming the file) when it is damaged or of another shape.
int64_t replay_file_step(const std::filesystem::path& file);
void load_replay(const std::filesystem::path& file, ReplayBuffer& replay, PrioritizedReplay* per);

}  // namespace ag::agent
