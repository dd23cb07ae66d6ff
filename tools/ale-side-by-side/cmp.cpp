// Side-by-side comparison (developer tool, see README.md): real ALE 0.12.x vs atari-gym's AleEnv.
// Same ROM, same settings, same harness-drawn action sequence; every frame compares
// RAM, screen crc32, reward, lives, game_over, truncation, episode frame number.
// usage: cmp ROM [frames=20000] [seeds=0,1] [mode_frames=2000] [max_ep_frames=0]
//            [poke_frames=5000]
#include <ale/ale_interface.hpp>
#include <ale/common/Log.hpp>
#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "env/ale_env.hpp"

namespace {

std::string join(const std::vector<int>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + std::to_string(v[i]);
  return s;
}
template <class T>
std::vector<int> ints(const T& v) {
  std::vector<int> r;
  for (auto x : v) r.push_back(static_cast<int>(x));
  return r;
}

// POKE_TARGETS="80:ac,81:f2,9f:40,e2:*": targeted poke runs pick from these
// (CPU address, value or * for any) instead of any byte.
std::vector<std::pair<int, int>> g_targets;

struct Snap {
  std::vector<uint8_t> ram;
  uint32_t crc = 0;
  int height = 0;
  int reward = 0, lives = 0, over = 0, trunc = 0, ep = 0, fn = 0;
};

Snap snap_ale(ale::ALEInterface& a, int reward) {
  Snap s;
  const auto& ram = a.getRAM();
  s.ram.resize(128);
  for (int i = 0; i < 128; ++i) s.ram[i] = ram.get(i);
  const auto& scr = a.getScreen();
  s.height = scr.height();
  s.crc = crc32(0, scr.getArray(), scr.height() * scr.width());
  s.reward = reward;
  s.lives = a.lives();
  s.over = a.game_over(false);
  s.trunc = a.game_truncated();
  s.ep = a.getEpisodeFrameNumber();
  s.fn = a.getFrameNumber();
  return s;
}
Snap snap_ours(ag::env::AleEnv& e, int reward) {
  Snap s;
  s.ram.assign(e.ram(), e.ram() + 128);
  s.height = e.screen_height();
  s.crc = crc32(0, e.screen(), e.screen_height() * 160);
  s.reward = reward;
  s.lives = e.lives();
  s.over = e.game_over(false);
  s.trunc = e.game_truncated();
  s.ep = e.episode_frame_number();
  s.fn = e.frame_number();
  return s;
}

// Empty if equal, else a description of the first differences.
std::string diff(const Snap& a, const Snap& o) {
  std::ostringstream d;
  auto f = [&](const char* n, long x, long y) {
    if (x != y) d << " " << n << " ale=" << x << " ours=" << y;
  };
  f("reward", a.reward, o.reward);
  f("lives", a.lives, o.lives);
  f("game_over", a.over, o.over);
  f("truncated", a.trunc, o.trunc);
  f("episode_frame", a.ep, o.ep);
  f("frame", a.fn, o.fn);
  f("height", a.height, o.height);
  int nram = 0;
  for (int i = 0; i < 128; ++i)
    if (a.ram[i] != o.ram[i]) {
      if (nram++ < 8) {
        char b[64];
        snprintf(b, sizeof b, " ram[%02x] ale=%02x ours=%02x", 0x80 + i, a.ram[i], o.ram[i]);
        d << b;
      }
    }
  if (nram > 8) d << " (+" << nram - 8 << " ram bytes)";
  if (a.crc != o.crc) {
    char b[64];
    snprintf(b, sizeof b, " screen ale=%08x ours=%08x", a.crc, o.crc);
    d << b;
  }
  return d.str();
}

struct Result {
  long frames = 0;
  std::string mismatch;  // empty: exact
  long episodes = 0;
  long reward_sum = 0;
  long life_changes = 0;
  long screen_only = 0;      // poke runs: frames where only the screen differed
  std::string first_screen;  // the first of them
};

// One side-by-side run. Returns at the first mismatch.
Result run(const char* rom, int seed, int mode, int difficulty, int frames, int max_ep,
           bool life_trunc = false, int poke_every = 0, bool all_actions = false) {
  Result r;
  ale::ALEInterface ale;
  ale.setInt("random_seed", seed);
  ale.setFloat("repeat_action_probability", 0.25f);
  ale.setInt("max_num_frames_per_episode", max_ep);
  ale.setBool("truncate_on_loss_of_life", life_trunc);
  ale.loadROM(rom);
  ag::env::AleSettings st;
  st.random_seed = seed;
  st.repeat_action_probability = 0.25f;
  st.max_num_frames_per_episode = max_ep;
  st.truncate_on_loss_of_life = life_trunc;
  std::unique_ptr<ag::env::AleEnv> ours;
  try {
    ours = std::make_unique<ag::env::AleEnv>(rom, st);
  } catch (const std::exception& e) {
    r.mismatch = std::string("construct: ") + e.what();
    return r;
  }
  if (mode >= 0 || difficulty >= 0) {
    try {
      if (mode >= 0) {
        ale.setMode(mode);
        ours->set_mode(mode);
      }
      if (difficulty >= 0) {
        ale.setDifficulty(difficulty);
        ours->set_difficulty(difficulty);
      }
    } catch (const std::exception& e) {
      r.mismatch = std::string("set mode/difficulty: ") + e.what();
      return r;
    }
    ale.reset_game();
    ours->reset_game();
  }
  auto d = diff(snap_ale(ale, 0), snap_ours(*ours, 0));
  if (!d.empty()) {
    r.mismatch = "at reset (frame 0):" + d;
    return r;
  }
  auto acts = ale.getMinimalActionSet();
  if (all_actions) {  // every joystick action, illegal ones included (ALE turns those into NOOP)
    acts.clear();
    for (int i = 0; i < 18; ++i) acts.push_back(static_cast<ale::Action>(i));
  }
  std::mt19937 pick(static_cast<uint32_t>(seed * 7919 + 17 + mode * 31 + difficulty * 131));
  int held = 0;
  ale::Action a = acts[0];
  int prev_lives = ale.lives();
  for (int t = 0; t < frames; ++t) {
    if (held == 0) {
      a = acts[pick() % acts.size()];
      held = 1 + pick() % 12;
    }
    --held;
    int ra = ale.act(a);
    int ro = ours->act(static_cast<ag::env::Action>(a));
    ++r.frames;
    auto sa = snap_ale(ale, ra);
    Snap so = snap_ours(*ours, ro);
    if (poke_every > 0 && sa.crc != so.crc) {
      // Poked states can reach TIA corners (emulator territory, reported apart);
      // the run goes on while everything else agrees.
      if (r.screen_only++ == 0)
        r.first_screen = "step " + std::to_string(t) + " frame " + std::to_string(sa.ep);
      so.crc = sa.crc;
    }
    d = diff(sa, so);
    if (!d.empty()) {
      r.mismatch = "step " + std::to_string(t) + " (episode " + std::to_string(r.episodes) +
                   " frame " + std::to_string(sa.ep) + ", action " + std::to_string(a) + "):" + d;
      return r;
    }
    // RAM pokes (same byte, same value on both) drive the game into states
    // random play rarely reaches, exercising the reward/lives/game-over decoders.
    if (poke_every > 0 && t % poke_every == 0) {
      int addr = pick() % 128, val = pick() & 0xFF;
      if (!g_targets.empty()) {  // targeted: a listed address, a listed value (or any)
        const auto& [ta, tv] = g_targets[pick() % g_targets.size()];
        addr = ta - 0x80;
        if (tv >= 0) val = tv;
      }
      ale.setRAM(addr, val);
      ours->set_ram(addr, static_cast<uint8_t>(val));
    }
    r.reward_sum += ra;
    if (sa.lives != prev_lives) ++r.life_changes;
    prev_lives = sa.lives;
    if (ale.game_over()) {
      if (!ours->game_over()) {
        r.mismatch = "step " + std::to_string(t) + ": ALE game over, ours not";
        return r;
      }
      ++r.episodes;
      ale.reset_game();
      ours->reset_game();
      d = diff(snap_ale(ale, 0), snap_ours(*ours, 0));
      if (!d.empty()) {
        r.mismatch = "after reset_game at step " + std::to_string(t) + ":" + d;
        return r;
      }
      prev_lives = ale.lives();
    }
  }
  return r;
}

void print(const char* tag, const Result& r) {
  std::string scr;
  if (r.screen_only)
    scr = " screen_only_diffs=" + std::to_string(r.screen_only) + " (first " + r.first_screen + ")";
  printf("%s frames=%ld episodes=%ld reward=%ld lifechanges=%ld%s %s%s\n", tag, r.frames,
         r.episodes, r.reward_sum, r.life_changes, scr.c_str(),
         r.mismatch.empty() ? "EXACT" : "MISMATCH", r.mismatch.c_str());
  fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: cmp ROM [frames] [seeds] [mode_frames] [max_ep_frames] [poke_frames]\n");
    return 2;
  }
  ale::Logger::setMode(ale::Logger::Error);
  const char* rom = argv[1];
  int frames = argc > 2 ? atoi(argv[2]) : 20000;
  std::vector<int> seeds = {0, 1};
  if (argc > 3) {
    seeds.clear();
    std::stringstream ss(argv[3]);
    std::string x;
    while (std::getline(ss, x, ',')) seeds.push_back(atoi(x.c_str()));
  }
  int mode_frames = argc > 4 ? atoi(argv[4]) : 2000;
  int max_ep = argc > 5 ? atoi(argv[5]) : 0;
  int poke_frames = argc > 6 ? atoi(argv[6]) : 5000;
  if (const char* t = getenv("POKE_TARGETS")) {
    std::stringstream ss(t);
    std::string x;
    while (std::getline(ss, x, ',')) {
      auto c = x.find(':');
      int a = std::stoi(x.substr(0, c), nullptr, 16);
      std::string v = x.substr(c + 1);
      g_targets.push_back({a, v == "*" ? -1 : std::stoi(v, nullptr, 16)});
    }
  }

  // Static facts.
  ale::ALEInterface ale;
  ale.setInt("random_seed", 0);
  ale.loadROM(rom);
  std::vector<int> am = ints(ale.getMinimalActionSet()), al = ints(ale.getLegalActionSet()),
                   amodes = ints(ale.getAvailableModes()),
                   adiffs = ints(ale.getAvailableDifficulties());
  int bad = 0;
  try {
    ag::env::AleEnv ours(rom);
    std::vector<int> om = ints(ours.minimal_action_set()), ol = ints(ours.legal_action_set()),
                     omodes = ints(ours.available_modes()),
                     odiffs = ints(ours.available_difficulties());
    auto cmpv = [&](const char* n, const std::vector<int>& x, const std::vector<int>& y) {
      bool ok = x == y;
      bad += !ok;
      printf("SET %s %s ale=[%s]%s%s%s\n", n, ok ? "OK" : "DIFF", join(x).c_str(),
             ok ? "" : " ours=[", ok ? "" : join(y).c_str(), ok ? "" : "]");
    };
    cmpv("minimal", am, om);
    cmpv("legal", al, ol);
    cmpv("modes", amodes, omodes);
    cmpv("difficulties", adiffs, odiffs);
  } catch (const std::exception& e) {
    printf("SET construct FAIL %s\n", e.what());
    return 1;
  }
  fflush(stdout);

  for (int s : seeds) {
    Result r = run(rom, s, -1, -1, frames, max_ep);
    bad += !r.mismatch.empty();
    print(("RUN seed=" + std::to_string(s)).c_str(), r);
  }
  // Truncation: an episode frame limit, and episodes cut at the first life lost.
  if (frames > 0) {
    Result r = run(rom, 7, -1, -1, 4000, 1000);
    bad += !r.mismatch.empty();
    print("TRUNC seed=7 max_num_frames_per_episode=1000", r);
    r = run(rom, 5, -1, -1, 4000, 0, true);
    bad += !r.mismatch.empty();
    print("LIFE seed=5 truncate_on_loss_of_life=1", r);
    r = run(rom, 13, -1, -1, 3000, 0, false, 0, true);
    bad += !r.mismatch.empty();
    print("ALL18 seed=13 actions=0..17", r);
  }
  if (poke_frames > 0) {
    const char* pe = getenv("POKE_EVERY");
    const int every = pe ? atoi(pe) : 8;
    Result r = run(rom, 11, -1, -1, poke_frames, 0, false, every);
    bad += !r.mismatch.empty();
    print(("POKE seed=11 every=" + std::to_string(every) + (g_targets.empty() ? "" : " targeted"))
              .c_str(),
          r);
  }
  if (mode_frames > 0) {
    for (int m : amodes)
      for (int dd : adiffs) {
        Result r = run(rom, 3, m, dd, mode_frames, 0);
        bad += !r.mismatch.empty();
        print(("MODE mode=" + std::to_string(m) + " difficulty=" + std::to_string(dd)).c_str(), r);
      }
  }
  printf("DONE %s\n", bad ? "MISMATCH" : "EXACT");
  return bad ? 1 : 0;
}
