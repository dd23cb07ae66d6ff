#include "env/rom_catalog.hpp"

#include <algorithm>
#include <cctype>

#include "env/rom_catalog_rows.hpp"

namespace ag::env {

const std::vector<RomEntry>& all_rom_entries() {
  // Built once from the generated rows; immutable afterwards.
  static const std::vector<RomEntry> entries = [] {
    std::vector<RomEntry> out;
    out.reserve(catalog::kRomRowCount);
    for (size_t i = 0; i < catalog::kRomRowCount; ++i) {
      const catalog::RomRow& r = catalog::kRomRows[i];
      emu::RomProperties p;
      p.md5 = r.md5;
      p.name = r.name;
      p.cart_type = r.cart_type;
      p.left = r.left;
      p.right = r.right;
      p.swap_ports = r.swap_ports;
      p.swap_paddles = r.swap_paddles;
      p.left_difficulty_a = r.left_difficulty_a;
      p.right_difficulty_a = r.right_difficulty_a;
      p.hmove_blanks = r.hmove_blanks;
      p.phosphor = r.phosphor;
      p.display_ystart = r.display_ystart;
      p.display_height = r.display_height;
      out.push_back({r.file, r.md5, std::move(p)});
    }
    return out;
  }();
  return entries;
}

const RomEntry* find_rom_entry(std::string_view md5) {
  auto same = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  };
  for (const auto& e : all_rom_entries())
    if (std::equal(e.md5.begin(), e.md5.end(), md5.begin(), md5.end(), same)) return &e;
  return nullptr;
}

const emu::RomProperties* find_rom_properties(std::string_view md5) {
  const RomEntry* e = find_rom_entry(md5);
  return e ? &e->properties : nullptr;
}

}  // namespace ag::env
