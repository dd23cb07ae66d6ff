// CBS RAM Plus (ALE's "FASC"), 12K: touching $1FF8-$1FFA shows bank 0-2;
// ALE starts in bank 2. 256 bytes of RAM: write $1000-$10FF, read $1100-$11FF.
#include "emu/cartridge_banked.hpp"

namespace ag::emu::mappers {

std::unique_ptr<Cartridge> make_fasc(const std::vector<uint8_t>& rom) {
  return std::make_unique<BankedCartridge>(BankScheme{"FASC", 3, 0x0FF8, 2, 256}, rom);
}

}  // namespace ag::emu::mappers
