// Atari's 8K scheme: touching $1FF8 shows bank 0, $1FF9 bank 1 (reads and
// writes alike). ALE starts in bank 1; "F8 swapped" (two mis-dumped images
// ALE recognises by MD5) starts in bank 0. F8SC adds the 128-byte Super Chip.
#include "emu/cartridge_banked.hpp"

namespace ag::emu::mappers {

std::unique_ptr<Cartridge> make_f8(const std::vector<uint8_t>& rom) {
  return std::make_unique<BankedCartridge>(BankScheme{"F8", 2, 0x0FF8, 1}, rom);
}

std::unique_ptr<Cartridge> make_f8_swapped(const std::vector<uint8_t>& rom) {
  return std::make_unique<BankedCartridge>(BankScheme{"F8 swapped", 2, 0x0FF8, 0}, rom);
}

std::unique_ptr<Cartridge> make_f8sc(const std::vector<uint8_t>& rom) {
  return std::make_unique<BankedCartridge>(BankScheme{"F8SC", 2, 0x0FF8, 1, 128}, rom);
}

}  // namespace ag::emu::mappers
