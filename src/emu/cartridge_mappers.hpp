// Internal to the cartridge files: one factory per mapper (cartridge_<scheme>.cpp)
// and the shared pieces they use. Not part of the emulator's interface.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "emu/cartridge.hpp"

namespace ag::emu::mappers {

// A factory gets an image at least as large as its table entry asks
// (cartridge.cpp checks); it uses the first bytes it needs, as ALE does.
using Factory = std::unique_ptr<Cartridge> (*)(const std::vector<uint8_t>& rom);

std::unique_ptr<Cartridge> make_2k(const std::vector<uint8_t>& rom);
std::unique_ptr<Cartridge> make_4k(const std::vector<uint8_t>& rom);
std::unique_ptr<Cartridge> make_cv(const std::vector<uint8_t>& rom);
std::unique_ptr<Cartridge> make_f8(const std::vector<uint8_t>& rom);
std::unique_ptr<Cartridge> make_f8_swapped(const std::vector<uint8_t>& rom);
std::unique_ptr<Cartridge> make_f8sc(const std::vector<uint8_t>& rom);
std::unique_ptr<Cartridge> make_f6(const std::vector<uint8_t>& rom);
std::unique_ptr<Cartridge> make_f6sc(const std::vector<uint8_t>& rom);
std::unique_ptr<Cartridge> make_f4(const std::vector<uint8_t>& rom);
std::unique_ptr<Cartridge> make_f4sc(const std::vector<uint8_t>& rom);
std::unique_ptr<Cartridge> make_fasc(const std::vector<uint8_t>& rom);
std::unique_ptr<Cartridge> make_mb(const std::vector<uint8_t>& rom);
std::unique_ptr<Cartridge> make_e0(const std::vector<uint8_t>& rom);
std::unique_ptr<Cartridge> make_e7(const std::vector<uint8_t>& rom);
std::unique_ptr<Cartridge> make_fe(const std::vector<uint8_t>& rom);
std::unique_ptr<Cartridge> make_ua(const std::vector<uint8_t>& rom);
std::unique_ptr<Cartridge> make_3f(const std::vector<uint8_t>& rom);
std::unique_ptr<Cartridge> make_3e(const std::vector<uint8_t>& rom);
std::unique_ptr<Cartridge> make_dpc(const std::vector<uint8_t>& rom);

// Save-state framing shared by all mappers: the mapper name, then its state
// struct as bytes. read_tag throws StateError if the state is another mapper's.
void write_tag(StateWriter& w, const char* type);
void read_tag(StateReader& r, const char* type);

// The framing around a mapper whose whole state is one trivially copyable
// value (its State struct, a bank number, its RAM): load_tagged() returns the
// value unchecked, for the mapper to validate before it re-points its pages.
template <class T>
void save_tagged(StateWriter& w, const char* type, const T& state) {
  write_tag(w, type);
  w.put(state);
}
template <class T>
T load_tagged(StateReader& r, const char* type) {
  read_tag(r, type);
  return r.get<T>();
}

// Fills `n` bytes of cartridge RAM as ALE does: one RNG draw per byte, low 8 bits.
void randomize(uint8_t* ram, int n, EmuRng& rng);

}  // namespace ag::emu::mappers
