// The per-ROM facts of ALE's property table for the 104 supported ROM images
// (../shared/roms/properties.json + md5.json, embedded by
// tools/gen_rom_catalog.py into rom_catalog_table.cpp).
#pragma once

#include <string_view>
#include <vector>

#include "emu/rom_properties.hpp"

namespace ag::env {

struct RomEntry {
  std::string_view file;  // as distributed: "space_invaders.bin"
  std::string_view md5;   // 32 lowercase hex digits
  emu::RomProperties properties;
};

// Every catalogued ROM, ordered by file name.
const std::vector<RomEntry>& all_rom_entries();

// The entry for an image's MD5 (hex digits, either case), or nullptr.
const RomEntry* find_rom_entry(std::string_view md5);
const emu::RomProperties* find_rom_properties(std::string_view md5);

}  // namespace ag::env
