// Atari's 16K scheme: touching $1FF6-$1FF9 shows bank 0-3 (reads and writes
// alike); ALE starts in bank 0. F6SC adds the 128-byte Super Chip.
#include "emu/cartridge_banked.hpp"

namespace ag::emu::mappers {

std::unique_ptr<Cartridge> make_f6(const std::vector<uint8_t>& rom) {
  return std::make_unique<BankedCartridge>(BankScheme{"F6", 4, 0x0FF6, 0}, rom);
}

std::unique_ptr<Cartridge> make_f6sc(const std::vector<uint8_t>& rom) {
  return std::make_unique<BankedCartridge>(BankScheme{"F6SC", 4, 0x0FF6, 0, 128}, rom);
}

}  // namespace ag::emu::mappers
