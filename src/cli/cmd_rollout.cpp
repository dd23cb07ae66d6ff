// `atari-gym rollout`: make a Gymnasium-style env by id, wrap it, reset it
// with a seed and step it through a file of actions, one line per step:
//
//   step action reward terminated truncated lives obs_crc32
//
// step counts from 0 over the whole file; reward is printed as ALE and
// Gymnasium give it, without an exponent or a trailing ".0" (10, 100, 0.5);
// obs_crc32 is zlib's crc32 of the observation's bytes as stored (uint8, or
// float32 little-endian), 8 hex digits. When an episode ends (terminated or
// truncated) the env is reset without a seed before the next action, as a
// training loop would.
#include <zlib.h>

#include <charconv>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "cli/parse.hpp"
#include "gym/atari_env.hpp"
#include "gym/registry.hpp"
#include "gym/wrapper_spec.hpp"

namespace ag::cli {

namespace {

std::vector<int> read_actions(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw gym::GymError("cannot open actions file '" + path + "'");
  std::vector<int> actions;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    const size_t hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      actions.push_back(gym::parse_int(line, "action"));
    } catch (const gym::GymError&) {
      throw gym::GymError(path + ":" + std::to_string(n) + ": expected one integer action, got '" +
                          line + "'");
    }
  }
  return actions;
}

// A reward as Python prints a number, without the ".0" of a whole float:
// 10, 100, -1, 0.5, 0.1: the shortest digits that read back to the same
// double, in plain notation from 1e-4 up to 1e16 and in Python's exponent
// form outside ("1e+16", "1e-05"). So rollout's lines compare with a plain
// text diff to those of an ALE / Gymnasium rollout.
std::string format_reward(double r) {
  char buf[64];
  const double a = std::fabs(r);
  const bool plain = r == 0 || (a >= 1e-4 && a < 1e16) || !std::isfinite(r);
  const auto res = std::to_chars(buf, buf + sizeof buf, r,
                                 plain ? std::chars_format::fixed : std::chars_format::scientific);
  std::string s(buf, res.ptr);
  if (s == "-0") s = "0";
  return s;
}

uint32_t crc_of(const gym::Observation& obs) {
  const auto* p = static_cast<const Bytef*>(obs.data());
  return static_cast<uint32_t>(crc32(0L, p, static_cast<uInt>(obs.num_bytes())));
}

}  // namespace

int cmd_rollout(const Args& args) {
  CLI::App app(
      "Make a Gymnasium-style env, reset it with --seed, step it through the actions in FILE "
      "(one integer per line; '#' starts a comment) and print one line per step:\n"
      "  step action reward terminated truncated lives obs_crc32\n"
      "An episode end resets the env (without a seed) before the next action.",
      "atari-gym rollout");
  std::string id, actions_path;
  std::vector<std::string> opts, wraps, rom_dirs;
  uint64_t seed = 0;
  bool verbose = false;
  app.add_option("--env", id, "environment id, e.g. ALE/SpaceInvaders-v5")->required();
  add_env_options(app, opts,
                  "env option key=value (Gymnasium keyword names: obs_type, frameskip, "
                 "repeat_action_probability, full_action_space, mode, difficulty, "
                 "max_num_frames_per_episode, max_episode_steps); repeatable");
  app.add_option("--wrap", wraps,
                 "wrapper NAME[:key=value,...], innermost first; repeatable. Names: "
                 "atari-preprocessing, frame-stack, clip-reward, time-limit, "
                 "record-episode-statistics, episodic-life, fire-reset, skip-frame, action-space "
                 "(see docs/gym.md)");
  app.add_option("--seed", seed, "seed of the first reset")->required();
  app.add_option("--actions", actions_path, "file of actions, one integer per line")->required();
  app.add_option("--rom-dir", rom_dirs, "extra ROM folder(s)");
  app.add_flag("--verbose", verbose, "also print '# ...' lines: the env, spaces and resets");
  if (auto rc = parse(app, args)) return *rc;

  const gym::Options options = env_options(opts);
  const std::vector<int> actions = read_actions(actions_path);
  auto env = gym::make_wrapped(id, options, wraps, {rom_dirs.begin(), rom_dirs.end()});

  gym::ResetResult r = env->reset(seed);
  if (verbose) {
    std::printf("# env %s\n# action_space %s observation_space %s\n", env->name().c_str(),
                env->action_space().str().c_str(), env->observation_space().str().c_str());
    if (const auto* atari = dynamic_cast<const gym::AtariEnv*>(&env->unwrapped()))
      std::printf("# screen %dx%d %s %d Hz\n", atari->screen_height(), atari->screen_width(),
                  atari->tv_standard() == emu::TvStandard::Pal ? "PAL" : "NTSC",
                  atari->frame_rate());
    std::printf("# reset seed=%" PRIu64 " lives=%d obs_crc32=%08x\n", seed, r.info.lives,
                crc_of(r.obs));
  }
  for (size_t t = 0; t < actions.size(); ++t) {
    const int a = actions[t];
    if (!env->action_space().contains(a))
      throw gym::GymError(actions_path + ": action " + std::to_string(a) + " (step " +
                          std::to_string(t) + ") is outside " + env->action_space().str());
    const gym::StepResult s = env->step(a);
    std::printf("%zu %d %s %d %d %d %08x\n", t, a, format_reward(s.reward).c_str(),
                s.terminated ? 1 : 0, s.truncated ? 1 : 0, s.info.lives, crc_of(s.obs));
    if ((s.terminated || s.truncated) && t + 1 < actions.size()) {
      r = env->reset();
      if (verbose) std::printf("# reset lives=%d obs_crc32=%08x\n", r.info.lives, crc_of(r.obs));
    }
  }
  return 0;
}

}  // namespace ag::cli
