// Atari's 32K scheme: touching $1FF4-$1FFB shows bank 0-7; ALE starts in
// bank 0. F4SC adds the 128-byte Super Chip, and in ALE only reads switch its
// banks (its poke() compares the unmasked address with $0FF4-$0FFB).
#include "emu/cartridge_banked.hpp"

namespace ag::emu::mappers {

std::unique_ptr<Cartridge> make_f4(const std::vector<uint8_t>& rom) {
  return std::make_unique<BankedCartridge>(BankScheme{"F4", 8, 0x0FF4, 0}, rom);
}

std::unique_ptr<Cartridge> make_f4sc(const std::vector<uint8_t>& rom) {
  return std::make_unique<BankedCartridge>(
      BankScheme{"F4SC", 8, 0x0FF4, 0, 128, /*writes_switch=*/false}, rom);
}

}  // namespace ag::emu::mappers
