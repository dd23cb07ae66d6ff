// Pins the cartridge type ALE's autodetection gives each of the 104 supported
// ROMs (their properties state none), plus the detection rules' corners.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "emu/cartridge.hpp"

namespace ag::emu {
namespace {

namespace fs = std::filesystem;

fs::path rom_dir() {
  if (const char* env = std::getenv("ATARI_ROM_DIR"); env && *env) {
    std::string dirs = env;
    for (size_t start = 0; start <= dirs.size();) {
      size_t end = dirs.find(':', start);
      if (end == std::string::npos) end = dirs.size();
      fs::path p = dirs.substr(start, end - start);
      if (!p.empty() && fs::is_directory(p)) return p;
      start = end + 1;
    }
  }
  return fs::path(AG_SOURCE_DIR) / ".." / "shared" / "roms";
}

std::vector<uint8_t> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Derived by applying ALE's Cartridge::autodetectType rules to each image.
const std::map<std::string, std::string>& expected_types() {
  static const std::map<std::string, std::string> types = {
      {"adventure", "4K"},
      {"air_raid", "4K"},
      {"alien", "4K"},
      {"amidar", "4K"},
      {"assault", "4K"},
      {"asterix", "F8"},
      {"asteroids", "F8"},
      {"atlantis", "4K"},
      {"atlantis2", "4K"},
      {"backgammon", "4K"},
      {"bank_heist", "4K"},
      {"basic_math", "2K"},
      {"battle_zone", "F8"},
      {"beam_rider", "F8"},
      {"berzerk", "4K"},
      {"blackjack", "2K"},
      {"bowling", "2K"},
      {"boxing", "2K"},
      {"breakout", "2K"},
      {"carnival", "4K"},
      {"casino", "4K"},
      {"centipede", "F8"},
      {"chopper_command", "4K"},
      {"crazy_climber", "F8"},
      {"crossbow", "F6"},
      {"darkchambers", "F6SC"},
      {"defender", "4K"},
      {"demon_attack", "4K"},
      {"donkey_kong", "4K"},
      {"double_dunk", "F6"},
      {"earthworld", "F8"},
      {"elevator_action", "F8SC"},
      {"enduro", "4K"},
      {"entombed", "4K"},
      {"et", "F8"},
      {"fishing_derby", "2K"},
      {"flag_capture", "2K"},
      {"freeway", "2K"},
      {"frogger", "4K"},
      {"frostbite", "4K"},
      {"galaxian", "F8"},
      {"gopher", "4K"},
      {"gravitar", "F8"},
      {"hangman", "4K"},
      {"haunted_house", "4K"},
      {"hero", "F8"},
      {"human_cannonball", "2K"},
      {"ice_hockey", "4K"},
      {"jamesbond", "E0"},
      {"journey_escape", "4K"},
      {"kaboom", "2K"},
      {"kangaroo", "F8"},
      {"keystone_kapers", "4K"},
      {"king_kong", "4K"},
      {"klax", "F6SC"},
      {"koolaid", "4K"},
      {"krull", "F8"},
      {"kung_fu_master", "F8"},
      {"laser_gates", "4K"},
      {"lost_luggage", "4K"},
      {"mario_bros", "F8"},
      {"miniature_golf", "2K"},
      {"montezuma_revenge", "E0"},
      {"mr_do", "F8"},
      {"ms_pacman", "F8"},
      {"name_this_game", "4K"},
      {"othello", "2K"},
      {"pacman", "4K"},
      {"phoenix", "F8"},
      {"pitfall", "4K"},
      {"pitfall2", "DPC"},
      {"pong", "2K"},
      {"pooyan", "4K"},
      {"private_eye", "F8"},
      {"qbert", "4K"},
      {"riverraid", "4K"},
      {"road_runner", "F6"},
      {"robotank", "FE"},
      {"seaquest", "4K"},
      {"sir_lancelot", "F8"},
      {"skiing", "2K"},
      {"solaris", "F6"},
      {"space_invaders", "4K"},
      {"space_war", "2K"},
      {"star_gunner", "4K"},
      {"superman", "4K"},
      {"surround", "2K"},
      {"tennis", "2K"},
      {"tetris", "2K"},
      {"tic_tac_toe_3d", "2K"},
      {"time_pilot", "F8"},
      {"trondead", "4K"},
      {"turmoil", "4K"},
      {"tutankham", "E0"},
      {"up_n_down", "F8"},
      {"venture", "4K"},
      {"video_checkers", "4K"},
      {"video_chess", "4K"},
      {"video_cube", "4K"},
      {"video_pinball", "4K"},
      {"wizard_of_wor", "4K"},
      {"word_zapper", "4K"},
      {"yars_revenge", "4K"},
      {"zaxxon", "F8"},
  };
  return types;
}

TEST(CartridgeDetect, EverySupportedRomGetsAlesType) {
  const fs::path dir = rom_dir();
  if (!fs::is_directory(dir)) GTEST_SKIP() << "ROM folder " << dir << " not found";
  ASSERT_EQ(expected_types().size(), 104u);
  for (const auto& [rom, type] : expected_types()) {
    const fs::path file = dir / (rom + ".bin");
    if (!fs::exists(file)) {
      ADD_FAILURE() << file << " missing";
      continue;
    }
    const auto image = read_file(file);
    EXPECT_EQ(detect_cartridge_type(image), type) << rom;
    auto cart = make_cartridge(image, "");
    EXPECT_EQ(cart->type(), type) << rom;
  }
}

std::vector<uint8_t> filler(size_t size) {
  std::vector<uint8_t> rom(size);
  for (size_t i = 0; i < size; ++i) rom[i] = static_cast<uint8_t>(i * 13 + (i >> 8) + 1);
  return rom;
}

void put(std::vector<uint8_t>& rom, size_t at, std::initializer_list<uint8_t> bytes) {
  std::copy(bytes.begin(), bytes.end(), rom.begin() + at);
}

TEST(CartridgeDetect, EightKFamilyInAlesOrder) {
  auto rom = filler(8192);
  EXPECT_EQ(detect_cartridge_type(rom), "F8");
  put(rom, 100, {0x20, 0x00, 0xD0, 0xC6, 0xC5});  // FE signature
  EXPECT_EQ(detect_cartridge_type(rom), "FE");
  put(rom, 200, {0x8D, 0x40, 0x02});  // UA beats FE
  EXPECT_EQ(detect_cartridge_type(rom), "UA");
  put(rom, 300, {0x85, 0x3F});
  put(rom, 400, {0x85, 0x3F});  // 3F needs two hits
  EXPECT_EQ(detect_cartridge_type(rom), "3F");
  put(rom, 500, {0x85, 0x3E, 0xA9, 0x00});
  EXPECT_EQ(detect_cartridge_type(rom), "3E");
  put(rom, 600, {0xAD, 0xF3, 0xBF});
  EXPECT_EQ(detect_cartridge_type(rom), "E0");
  std::copy(rom.begin(), rom.begin() + 4096, rom.begin() + 4096);
  EXPECT_EQ(detect_cartridge_type(rom), "4K");
  std::fill(rom.begin(), rom.begin() + 256, 0x00);
  std::fill(rom.begin() + 4096, rom.begin() + 4096 + 256, 0xFF);
  EXPECT_EQ(detect_cartridge_type(rom), "F8SC");
}

TEST(CartridgeDetect, SignatureSearchFollowsAlesScan) {
  auto rom = filler(8192);
  put(rom, 100, {0x85, 0x3F});
  EXPECT_EQ(detect_cartridge_type(rom), "F8");  // one STA $3F is not enough
  // ALE never tries the last possible offset.
  put(rom, 8190, {0x85, 0x3F});
  EXPECT_EQ(detect_cartridge_type(rom), "F8");
  put(rom, 8189, {0x85, 0x3F});
  EXPECT_EQ(detect_cartridge_type(rom), "3F");
  // After a hit the scan resumes len + 1 bytes on: back-to-back hits count once.
  rom = filler(8192);
  put(rom, 100, {0x85, 0x3F, 0x85, 0x3F});
  EXPECT_EQ(detect_cartridge_type(rom), "F8");
  put(rom, 100, {0x85, 0x3F, 0x00, 0x85, 0x3F});
  EXPECT_EQ(detect_cartridge_type(rom), "3F");
}

TEST(CartridgeDetect, SixteenAndThirtyTwoK) {
  auto rom = filler(16384);
  EXPECT_EQ(detect_cartridge_type(rom), "F6");
  std::fill(rom.begin() + 0x3800, rom.begin() + 0x3A00, 0x42);
  EXPECT_EQ(detect_cartridge_type(rom), "E7");
  for (int b = 0; b < 4; ++b) std::fill(rom.begin() + b * 4096, rom.begin() + b * 4096 + 256, b);
  EXPECT_EQ(detect_cartridge_type(rom), "F6SC");
  rom = filler(32768);
  EXPECT_EQ(detect_cartridge_type(rom), "F4");
  for (int b = 0; b < 8; ++b) std::fill(rom.begin() + b * 4096, rom.begin() + b * 4096 + 256, 0);
  EXPECT_EQ(detect_cartridge_type(rom), "F4SC");
  EXPECT_EQ(detect_cartridge_type(filler(12288)), "FASC");
}

TEST(CartridgeDetect, OtherSizes) {
  EXPECT_EQ(detect_cartridge_type(filler(8448)), "AR");
  EXPECT_EQ(detect_cartridge_type(filler(131072)), "MC");
  auto odd = filler(6000);
  EXPECT_THROW(detect_cartridge_type(odd), CartridgeError);
  put(odd, 10, {0x85, 0x3E, 0xA9, 0x00});
  EXPECT_EQ(detect_cartridge_type(odd), "3E");
  EXPECT_THROW(detect_cartridge_type({}), CartridgeError);
  EXPECT_THROW(detect_cartridge_type(filler(1000)), CartridgeError);
}

}  // namespace
}  // namespace ag::emu
