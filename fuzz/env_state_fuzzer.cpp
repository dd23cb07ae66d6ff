// libFuzzer target: AleEnv::restore_state on corrupted environment states.
// A real state (cloned from a real game a few frames in) is damaged as the
// input says (byte flips, truncation, appended bytes); restore_state must
// either throw EnvError and leave the environment as it was, or accept it and
// leave an environment that steps, clones and restores without crashing.
//
// ROMs come from ../shared/roms beside the checkout (or $ATARI_SHARED_DIR/roms):
// they are never part of the fuzzer's inputs or corpus.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "env/ale_env.hpp"
#include "support/paths.hpp"  // tests/support

namespace {

using ag::env::AleEnv;
using ag::env::AleState;
using ag::env::EnvError;

// Different mappers and controllers: 2K with paddles, 4K, F6SC with
// cartridge RAM, DPC.
constexpr const char* kRoms[] = {"pong", "space_invaders", "klax", "pitfall2"};

struct Game {
  std::unique_ptr<AleEnv> env;
  AleState base;  // a few frames after reset, environment RNG included
  AleState base_no_rng;
};

Game& game(size_t index) {
  // One environment per ROM for the whole fuzzing process (building one runs
  // over a hundred frames); every input starts by restoring `base`.
  static std::map<size_t, Game> games;
  auto it = games.find(index);
  if (it != games.end()) return it->second;
  Game g;
  ag::env::AleSettings settings;
  settings.repeat_action_probability = 0.25f;
  g.env = std::make_unique<AleEnv>(ag::test::rom_path(kRoms[index]), settings);
  const auto actions = g.env->minimal_action_set();
  for (int i = 0; i < 20; ++i) g.env->act(actions[i % actions.size()]);
  g.base = g.env->clone_state(true);
  g.base_no_rng = g.env->clone_state(false);
  return games.emplace(index, std::move(g)).first->second;
}

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "env state fuzzer: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  Game& g = game(in.ConsumeIntegralInRange<size_t>(0, std::size(kRoms) - 1));
  AleEnv& env = *g.env;
  env.restore_state(g.base);

  AleState state = in.ConsumeBool() ? g.base : g.base_no_rng;
  auto& bytes = state.bytes;
  const int edits = in.ConsumeIntegralInRange<int>(0, 16);
  for (int i = 0; i < edits; ++i) {
    switch (in.ConsumeIntegralInRange<int>(0, 3)) {
      case 0:
      case 1:  // flip bits in one byte
        if (!bytes.empty())
          bytes[in.ConsumeIntegralInRange<size_t>(0, bytes.size() - 1)] ^=
              in.ConsumeIntegralInRange<uint8_t>(1, 255);
        break;
      case 2:  // overwrite a 32-bit field
        if (bytes.size() >= 4) {
          const size_t at = in.ConsumeIntegralInRange<size_t>(0, bytes.size() - 4);
          const uint32_t v = in.ConsumeIntegral<uint32_t>();
          for (int b = 0; b < 4; ++b) bytes[at + b] = static_cast<uint8_t>(v >> (8 * b));
        }
        break;
      case 3:  // truncate or extend
        if (in.ConsumeBool())
          bytes.resize(in.ConsumeIntegralInRange<size_t>(0, bytes.size()));
        else
          bytes.resize(bytes.size() + in.ConsumeIntegralInRange<size_t>(1, 8), 0);
        break;
    }
  }

  const AleState before = env.clone_state(true);
  try {
    env.restore_state(state);
  } catch (const EnvError&) {
    if (env.clone_state(true).bytes != before.bytes)
      fail("a refused state left the environment changed");
    return 0;
  }
  // Accepted: the environment must run, and clone/restore what it now holds.
  const auto actions = env.legal_action_set();
  const int frames = in.ConsumeIntegralInRange<int>(1, 8);
  for (int i = 0; i < frames; ++i)
    env.act(actions[in.ConsumeIntegralInRange<size_t>(0, actions.size() - 1)],
            in.ConsumeFloatingPointInRange<float>(-1.0f, 1.0f));
  env.game_over();
  env.lives();
  const AleState now = env.clone_state(true);
  env.restore_state(now);
  if (env.clone_state(true).bytes != now.bytes) fail("clone/restore round trip changed the state");
  return 0;
}
