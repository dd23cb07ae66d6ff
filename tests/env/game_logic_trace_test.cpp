// Every golden trace recorded from ALE, replayed through our game logic alone:
// the RAM ALE saw after each frame goes in, and reward, lives and game over
// must come out as ALE reported them. Independent of the emulator.
//
// A trace records RAM after each step and right after each reset, not the
// frames inside the reset sequence; the logic is reset and stepped once on the
// post-reset RAM, which is the state ALE's logic ends the sequence in for
// every game whose memory is only the last decoded frame (all the games the
// traces cover).
#include <gtest/gtest.h>

#include <sstream>

#include "conformance/trace.hpp"
#include "env/game.hpp"
#include "support/fake_game_host.hpp"
#include "support/paths.hpp"

using namespace ag;

namespace {

std::vector<std::filesystem::path> trace_files() {
  auto dir = test::shared_dir() / "conformance" / "traces";
  if (!std::filesystem::exists(dir)) return {};
  return conformance::collect_traces(dir);
}

std::string trace_name(const std::filesystem::path& p) {
  std::string s = p.filename().string();
  return s.substr(0, s.find(".trace"));
}

}  // namespace

class GameLogicTrace : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(GameLogicTrace, RewardLivesAndGameOverMatchAle) {
  const conformance::Trace trace = conformance::read_trace(GetParam());
  const std::string rom = trace.rom.substr(0, trace.rom.rfind('.'));
  const env::GameSpec* spec = env::find_game_by_rom(rom);
  ASSERT_NE(spec, nullptr) << rom;

  std::vector<int> minimal(spec->minimal_actions.begin(), spec->minimal_actions.end());
  EXPECT_EQ(minimal, trace.minimal_actions);

  test::FakeGameHost host;
  auto logic = spec->make_logic();
  int mismatches = 0;
  std::ostringstream report;
  for (const auto& f : trace.frames) {
    std::copy(f.ram.begin(), f.ram.end(), host.ram.begin());
    if (f.is_reset) {
      logic->reset();
      logic->step(host);
      if (logic->lives() != f.lives && ++mismatches <= 10)
        report << "reset before step " << f.step << ": lives " << logic->lives() << " vs ALE "
               << f.lives << "\n";
      continue;
    }
    logic->step(host);
    const bool ok = logic->reward() == f.reward && logic->lives() == f.lives &&
                    logic->terminal() == f.game_over;
    if (!ok && ++mismatches <= 10) {
      report << "step " << f.step << ": reward " << logic->reward() << " vs " << f.reward
             << ", lives " << logic->lives() << " vs " << f.lives << ", over " << logic->terminal()
             << " vs " << f.game_over << "\n";
    }
  }
  EXPECT_EQ(mismatches, 0) << trace_name(GetParam()) << "\n" << report.str();
}

INSTANTIATE_TEST_SUITE_P(AllTraces, GameLogicTrace, ::testing::ValuesIn(trace_files()),
                         [](const auto& info) {
                           std::string n = trace_name(info.param);
                           for (char& c : n)
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GameLogicTrace);
