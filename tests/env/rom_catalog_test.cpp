#include "env/rom_catalog.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "env/md5.hpp"

namespace ag::env {
namespace {

namespace fs = std::filesystem;

fs::path rom_dir() {
  if (const char* env = std::getenv("ATARI_ROM_DIR"); env && *env) {
    std::string first(env, std::string(env).find(':') == std::string::npos
                               ? std::string(env).size()
                               : std::string(env).find(':'));
    if (fs::is_directory(first)) return first;
  }
  return fs::path(AG_SOURCE_DIR) / ".." / "shared" / "roms";
}

TEST(RomCatalog, Has104DistinctRoms) {
  const auto& all = all_rom_entries();
  EXPECT_EQ(all.size(), 104u);
  std::set<std::string_view> md5s, files;
  for (const auto& e : all) {
    md5s.insert(e.md5);
    files.insert(e.file);
    EXPECT_EQ(e.md5.size(), 32u) << e.file;
    EXPECT_EQ(e.properties.md5, e.md5) << e.file;
  }
  EXPECT_EQ(md5s.size(), 104u);
  EXPECT_EQ(files.size(), 104u);
}

TEST(RomCatalog, FindsByMd5InEitherCase) {
  const auto* p = find_rom_properties("72ffbef6504b75e69ee1045af9075f66");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "Space Invaders (1978) (Atari) [!]");
  EXPECT_EQ(find_rom_properties("72FFBEF6504B75E69EE1045AF9075F66"), p);
  EXPECT_EQ(find_rom_properties("00000000000000000000000000000000"), nullptr);
  EXPECT_EQ(find_rom_properties("72ffbef6"), nullptr);
  EXPECT_EQ(find_rom_entry("72ffbef6504b75e69ee1045af9075f66")->file, "space_invaders.bin");
}

const emu::RomProperties& props_of(std::string_view file) {
  for (const auto& e : all_rom_entries())
    if (e.file == file) return e.properties;
  throw std::runtime_error("no catalog entry " + std::string(file));
}

// Stated properties map onto RomProperties; everything else keeps ALE's defaults.
TEST(RomCatalog, MapsStatedPropertiesAndKeepsAleDefaults) {
  const auto& pong = props_of("pong.bin");
  EXPECT_EQ(pong.left, emu::Controller::Paddles);
  EXPECT_EQ(pong.right, emu::Controller::Paddles);
  EXPECT_TRUE(pong.swap_paddles);
  const auto& amidar = props_of("amidar.bin");
  EXPECT_TRUE(amidar.left_difficulty_a);
  EXPECT_TRUE(amidar.right_difficulty_a);
  EXPECT_EQ(amidar.right, emu::Controller::None);
  EXPECT_TRUE(props_of("surround.bin").swap_ports);
  EXPECT_FALSE(props_of("asteroids.bin").hmove_blanks);
  EXPECT_TRUE(props_of("asteroids.bin").phosphor);
  const auto& carnival = props_of("carnival.bin");
  EXPECT_EQ(carnival.display_ystart, 26);
  EXPECT_EQ(carnival.display_height, 214);
  EXPECT_EQ(props_of("qbert.bin").display_ystart, 40);
  EXPECT_EQ(props_of("qbert.bin").display_height, 210);

  const auto& road = props_of("road_runner.bin");  // no entry in ALE's table
  EXPECT_EQ(road.name, "Untitled");
  EXPECT_EQ(road.cart_type, "");
  EXPECT_EQ(road.left, emu::Controller::Joystick);
  EXPECT_EQ(road.right, emu::Controller::Joystick);
  EXPECT_FALSE(road.swap_ports || road.swap_paddles || road.left_difficulty_a ||
               road.right_difficulty_a || road.phosphor);
  EXPECT_TRUE(road.hmove_blanks);
  EXPECT_EQ(road.display_ystart, 34);
  EXPECT_EQ(road.display_height, 210);
}

TEST(RomCatalog, Md5OfEachRomFileMatchesItsEntry) {
  const fs::path dir = rom_dir();
  if (!fs::is_directory(dir)) GTEST_SKIP() << "ROM folder " << dir << " not found";
  for (const auto& e : all_rom_entries()) {
    std::ifstream in(dir / e.file, std::ios::binary);
    if (!in) {
      ADD_FAILURE() << e.file << " missing in " << dir;
      continue;
    }
    std::vector<uint8_t> rom{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    EXPECT_EQ(md5_hex(rom.data(), rom.size()), e.md5) << e.file;
  }
}

}  // namespace
}  // namespace ag::env
