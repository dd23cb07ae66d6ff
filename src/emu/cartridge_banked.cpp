#include "emu/cartridge_banked.hpp"

namespace ag::emu::mappers {

namespace {
// All hotspots of these schemes ($FF4-$FFB) lie in the window's last page,
// which therefore always goes through peek()/poke().
constexpr int kHotspotPage = Cartridge::kPages - 1;
}  // namespace

BankedCartridge::BankedCartridge(const BankScheme& scheme, const std::vector<uint8_t>& rom)
    : scheme_(scheme), rom_(rom.begin(), rom.begin() + scheme.banks * 4096) {
  select(scheme_.start_bank);
}

void BankedCartridge::reset(EmuRng& rng) {
  randomize(s_.ram.data(), scheme_.ram_bytes, rng);
  select(scheme_.start_bank);
}

void BankedCartridge::select(int bank) {
  s_.bank = static_cast<uint8_t>(bank);
  const uint8_t* base = rom_.data() + bank * 4096;
  const int ram_pages = scheme_.ram_bytes / kPageSize;
  // ALE leaves the write port's reads to peek(), which returns the ROM byte
  // beneath it; the read port's writes go to poke(), which ignores them.
  map_read(0, ram_pages, base);
  map_write(0, ram_pages, s_.ram.data());
  map_read(ram_pages, ram_pages, s_.ram.data());
  map_write(ram_pages, ram_pages, nullptr);
  const int rom_first = 2 * ram_pages;
  map_read(rom_first, kHotspotPage - rom_first, base + rom_first * kPageSize);
  map_write(rom_first, kHotspotPage - rom_first, nullptr);
  map_read(kHotspotPage, 1, nullptr);
  map_write(kHotspotPage, 1, nullptr);
}

void BankedCartridge::touch(uint16_t offset) {
  const int bank = offset - scheme_.first_hotspot;
  if (bank >= 0 && bank < scheme_.banks) select(bank);
}

uint8_t BankedCartridge::peek(uint16_t addr) {
  const uint16_t offset = addr & 0x0FFF;
  touch(offset);
  return rom_[s_.bank * 4096 + offset];
}

void BankedCartridge::poke(uint16_t addr, uint8_t) {
  if (scheme_.writes_switch) touch(addr & 0x0FFF);
}

void BankedCartridge::save_state(StateWriter& w) const {
  save_tagged(w, type(), s_);
}

void BankedCartridge::load_state(StateReader& r) {
  auto s = load_tagged<State>(r, type());
  if (s.bank >= scheme_.banks)
    throw StateError("cartridge state selects bank " + std::to_string(s.bank) + " of " +
                     std::to_string(scheme_.banks));
  s_ = s;
  select(s_.bank);
}

}  // namespace ag::emu::mappers
