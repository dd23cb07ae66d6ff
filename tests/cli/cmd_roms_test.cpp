// `atari-gym roms`: list shows every supported game with the file found for
// it (the folders given first win); import copies recognised images (by MD5,
// whatever their names) into the user's ROM folder and skips the rest.
#include <gtest/gtest.h>

#include <regex>

#include "cli/run_cli.hpp"
#include "support/paths.hpp"

using namespace ag::test;
namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

// The `file` column of a game's row in `roms list`.
std::string listed_file(const std::string& out, const std::string& rom) {
  std::smatch m;
  if (!std::regex_search(out, m, std::regex("\n" + rom + " +ALE/[A-Za-z0-9]+-v5 +([^\n]+)")))
    return "";
  return m[1];
}

}  // namespace

TEST(CliRoms, ListShowsAllSupportedGamesAndTheFolderGivenFirstWins) {
  if (!fs::exists(rom_path("pong"))) GTEST_SKIP() << "no pong ROM";
  const TempDir dir("roms-list");
  write_file(dir / "mine" / "my_pong_copy.a26", slurp(rom_path("pong")));
  auto r = run_cli({"roms", "list", "--rom-dir", (dir / "mine").string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(listed_file(r.out, "pong"), (dir / "mine" / "my_pong_copy.a26").string()) << r.out;
  // The others are found where they are (the path may be spelt another way).
  std::error_code ec;
  EXPECT_TRUE(fs::equivalent(listed_file(r.out, "space_invaders"), rom_path("space_invaders"), ec))
      << r.out;
  EXPECT_EQ(last_line(r.out), "104 of 104 supported games available");
}

TEST(CliRoms, ListWithActionsGivesEachGamesActionSetInActionSpaceOrder) {
  auto r = run_cli({"roms", "list", "--actions"});
  ASSERT_EQ(r.status, 0) << r.err;
  // The same names and order as the env's action_meanings() (ALE's minimal set).
  EXPECT_TRUE(contains(r.out, "  actions: 0:NOOP 1:FIRE 2:RIGHT 3:LEFT 4:RIGHTFIRE 5:LEFTFIRE\n"))
      << r.out;
  EXPECT_TRUE(contains(r.out, "  actions: 0:NOOP 1:FIRE 2:RIGHT 3:LEFT\n")) << r.out;  // Breakout
  size_t lines = 0;
  for (size_t at = 0; (at = r.out.find("  actions: 0:", at)) != std::string::npos; ++at) ++lines;
  EXPECT_EQ(lines, 104u);
  // Without the flag, no action lines.
  r = run_cli({"roms", "list"});
  EXPECT_FALSE(contains(r.out, "actions:")) << r.out;
}

TEST(CliRoms, ImportCopiesRecognisedImagesUnderTheirGameNames) {
  if (!fs::exists(rom_path("pong")) || !fs::exists(rom_path("breakout"))) GTEST_SKIP();
  const TempDir dir("roms-import");
  const std::string pong = slurp(rom_path("pong")), breakout = slurp(rom_path("breakout"));
  write_file(dir / "src" / "Pong (1972).a26", pong);
  write_file(dir / "src" / "nested" / "BRKOUT.BIN", breakout);
  write_file(dir / "src" / "pong_cut.bin", pong.substr(0, 1000));  // MD5 of no game
  write_file(dir / "src" / "notes.txt", "not a ROM\n");
  write_file(dir / "src" / "empty.bin", "");  // not even read

  auto r = run_cli({"roms", "import", (dir / "src").string()},
                   {.cwd = {}, .env = {{"XDG_DATA_HOME", (dir / "data").string()}}});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto dest = dir / "data" / "atari-gym" / "roms";
  EXPECT_EQ(slurp(dest / "pong.bin"), pong);
  EXPECT_EQ(slurp(dest / "breakout.bin"), breakout);
  size_t files = 0;
  for ([[maybe_unused]] auto& e : fs::directory_iterator(dest)) ++files;
  EXPECT_EQ(files, 2u) << "only the two games, no temp files";
  EXPECT_EQ(last_line(r.out),
            "2 ROMs imported into " + dest.string() + " (2 files not recognised)");

  // --dest puts them elsewhere; importing again overwrites in place.
  r = run_cli({"roms", "import", (dir / "src").string(), "--dest", (dir / "other").string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(slurp(dir / "other" / "pong.bin"), pong);
}

TEST(CliRoms, ImportFromAMissingFolderFailsNamingIt) {
  auto r = run_cli({"roms", "import", "/no/such/folder"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("/no/such/folder is not a folder"), std::string::npos) << r.err;
}
