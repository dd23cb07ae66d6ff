// The mapper table and make_cartridge(); the mappers live in cartridge_<scheme>.cpp.
#include "emu/cartridge.hpp"

#include <string_view>

#include "emu/cartridge_mappers.hpp"

namespace ag::emu {

void Cartridge::map_read(int first, int count, const uint8_t* base) {
  for (int i = 0; i < count; ++i) {
    const uint8_t* page = base ? base + i * kPageSize : nullptr;
    if (read_map_[first + i] != page) {
      read_map_[first + i] = page;
      ++read_map_changes_;
    }
  }
}

void Cartridge::map_write(int first, int count, uint8_t* base) {
  for (int i = 0; i < count; ++i) write_map_[first + i] = base ? base + i * kPageSize : nullptr;
}

namespace mappers {

void write_tag(StateWriter& w, const char* type) {
  w.put_string(type);
}

void read_tag(StateReader& r, const char* type) {
  auto tag = r.get_string();
  if (tag != type)
    throw StateError("cartridge state is for mapper '" + tag + "', this cartridge is '" + type +
                     "'");
}

void randomize(uint8_t* ram, int n, EmuRng& rng) {
  for (int i = 0; i < n; ++i) ram[i] = static_cast<uint8_t>(rng());
}

}  // namespace mappers

namespace {

struct MapperEntry {
  std::string_view type;
  size_t min_size;  // bytes the mapper reads from the image (ALE copies that many)
  mappers::Factory make;
};

// ALE's Cartridge::create() names, minus the ones we do not emulate (listed below).
constexpr MapperEntry kMappers[] = {
    {"2K", 2048, mappers::make_2k},
    {"4K", 4096, mappers::make_4k},
    {"CV", 2048, mappers::make_cv},
    {"F8", 8192, mappers::make_f8},
    {"F8 swapped", 8192, mappers::make_f8_swapped},
    {"F8SC", 8192, mappers::make_f8sc},
    {"F6", 16384, mappers::make_f6},
    {"F6SC", 16384, mappers::make_f6sc},
    {"F4", 32768, mappers::make_f4},
    {"F4SC", 32768, mappers::make_f4sc},
    {"FASC", 12288, mappers::make_fasc},
    {"MB", 65536, mappers::make_mb},
    {"E0", 8192, mappers::make_e0},
    {"E7", 16384, mappers::make_e7},
    {"FE", 8192, mappers::make_fe},
    {"UA", 8192, mappers::make_ua},
    {"3F", 2048, mappers::make_3f},
    {"3E", 2048, mappers::make_3e},
    {"DPC", 10240, mappers::make_dpc},
};

// Types ALE knows that we do not emulate, with why.
constexpr std::string_view kUnsupported[][2] = {
    {"AR", "Starpath Supercharger (tape-loaded, needs its BIOS)"},
    {"MC", "Megacart (128K with RAM)"},
    {"4A50", "4A50 (ALE never detects it)"},
    {"0840", "0840 (ALE's mapper is an empty stub)"},
};

}  // namespace

std::unique_ptr<Cartridge> make_cartridge(const std::vector<uint8_t>& rom,
                                          const std::string& type) {
  std::string t = type.empty() || type == "AUTO-DETECT" ? detect_cartridge_type(rom) : type;
  for (const auto& m : kMappers) {
    if (m.type != t) continue;
    if (rom.size() < m.min_size)
      throw CartridgeError("ROM image of " + std::to_string(rom.size()) +
                           " bytes is too small for cartridge type " + t + " (needs " +
                           std::to_string(m.min_size) + ")");
    if (t == "CV" && rom.size() != 2048 && rom.size() != 4096)
      throw CartridgeError("cartridge type CV needs a 2048- or 4096-byte image, got " +
                           std::to_string(rom.size()) + " bytes");
    return m.make(rom);
  }
  for (const auto& u : kUnsupported)
    if (u[0] == t)
      throw CartridgeError("cartridge type " + t + " is not supported: " + std::string(u[1]));
  throw CartridgeError("unknown cartridge type '" + t + "'");
}

}  // namespace ag::emu
