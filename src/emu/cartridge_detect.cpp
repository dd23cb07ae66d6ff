// Cartridge type detection, reproducing ALE's Cartridge::autodetectType: the
// size decides the family, then byte signatures (mostly from MESS) pick the
// scheme. Every rule here, including its odd corners, is ALE's: ROMs whose
// properties state no type (all 104 supported ones) get exactly this.
#include <algorithm>
#include <cstring>
#include <initializer_list>

#include "emu/cartridge.hpp"

namespace ag::emu {

namespace {

using Image = std::vector<uint8_t>;

// ALE's searchForBytes: counts non-overlapping occurrences of `sig`, scanning
// start offsets 0 .. size - len - 1 (the last possible offset is never tried),
// and after a hit resumes len + 1 bytes further on.
bool has_signature(const Image& img, std::initializer_list<uint8_t> sig, unsigned min_hits) {
  const size_t len = sig.size();
  if (len > img.size()) return false;
  unsigned hits = 0;
  for (size_t i = 0; i < img.size() - len; ++i) {
    if (std::equal(sig.begin(), sig.end(), img.begin() + i)) {
      ++hits;
      i += len;
    }
    if (hits >= min_hits) break;
  }
  return hits >= min_hits;
}

// Super Chip: the first 256 bytes of every 4K bank (its RAM ports) hold one value.
bool probably_superchip(const Image& img) {
  for (size_t bank = 0; bank + 4096 <= img.size(); bank += 4096)
    for (size_t j = 0; j < 256; ++j)
      if (img[bank + j] != img[bank]) return false;
  return true;
}

bool probably_3f(const Image& img) {
  return has_signature(img, {0x85, 0x3F}, 2);
}  // STA $3F

bool probably_3e(const Image& img) {
  return has_signature(img, {0x85, 0x3E, 0xA9, 0x00}, 1);  // STA $3E; LDA #$00
}

bool probably_e0(const Image& img) {
  for (auto sig : {std::initializer_list<uint8_t>{0x8D, 0xE0, 0x1F},   // STA $1FE0
                   std::initializer_list<uint8_t>{0x8D, 0xE0, 0x5F},   // STA $5FE0
                   std::initializer_list<uint8_t>{0x8D, 0xE9, 0xFF},   // STA $FFE9
                   std::initializer_list<uint8_t>{0xAD, 0xE9, 0xFF},   // LDA $FFE9
                   std::initializer_list<uint8_t>{0xAD, 0xED, 0xFF},   // LDA $FFED
                   std::initializer_list<uint8_t>{0xAD, 0xF3, 0xBF}})  // LDA $BFF3
    if (has_signature(img, sig, 1)) return true;
  return false;
}

// E7 (16K only): its second RAM block sits at image $3800-$39FF and is assumed
// uniform, with something different in the 32 bytes before or after it.
bool probably_e7(const Image& img) {
  const uint8_t first = img[0x3800];
  for (size_t i = 0x3800; i < 0x3A00; ++i)
    if (img[i] != first) return false;
  for (size_t i = 0x3800 - 32; i < 0x3800; ++i)
    if (img[i] != first) return true;
  for (size_t i = 0x3A00; i < 0x3A00 + 32; ++i)
    if (img[i] != first) return true;
  return false;
}

bool probably_ua(const Image& img) {
  return has_signature(img, {0x8D, 0x40, 0x02}, 1);
}  // STA $240

bool probably_cv(const Image& img) {
  return has_signature(img, {0x9D, 0xFF, 0xF3}, 1) ||  // STA $F3FF,X
         has_signature(img, {0x99, 0x00, 0xF4}, 1);    // STA $F400,Y
}

bool probably_fe(const Image& img) {
  for (auto sig :
       {std::initializer_list<uint8_t>{0x20, 0x00, 0xD0, 0xC6, 0xC5},   // JSR $D000; DEC $C5
        std::initializer_list<uint8_t>{0x20, 0xC3, 0xF8, 0xA5, 0x82},   // JSR $F8C3; LDA $82
        std::initializer_list<uint8_t>{0xD0, 0xFB, 0x20, 0x73, 0xFE},   // BNE; JSR $FE73
        std::initializer_list<uint8_t>{0x20, 0x00, 0xF0, 0x84, 0xD6}})  // JSR $F000; STY $D6
    if (has_signature(img, sig, 1)) return true;
  return false;
}

bool halves_equal(const Image& img) {
  const size_t half = img.size() / 2;
  return std::memcmp(img.data(), img.data() + half, half) == 0;
}

// Sizes with no family of their own: Tigervision-style schemes, or nothing.
const char* by_signature_only(const Image& img) {
  if (probably_3e(img)) return "3E";
  if (probably_3f(img)) return "3F";
  return nullptr;
}

}  // namespace

std::string detect_cartridge_type(const std::vector<uint8_t>& rom) {
  const Image& img = rom;
  const size_t size = img.size();
  if (size != 0 && size % 8448 == 0) return "AR";
  if (size == 2048 || (size == 4096 && halves_equal(img))) return probably_cv(img) ? "CV" : "2K";
  if (size == 4096) return probably_cv(img) ? "CV" : "4K";
  if (size == 8192) {
    if (probably_superchip(img)) return "F8SC";
    if (halves_equal(img)) return "4K";
    if (probably_e0(img)) return "E0";
    if (probably_3e(img)) return "3E";
    if (probably_3f(img)) return "3F";
    if (probably_ua(img)) return "UA";
    if (probably_fe(img)) return "FE";
    return "F8";
  }
  if (size == 10495 || size == 10496 || size == 10240) return "DPC";  // Pitfall II
  if (size == 12288) return "FASC";  // ALE assumes every 12K image is CBS RAM Plus
  if (size == 16384) {
    if (probably_superchip(img)) return "F6SC";
    if (probably_e7(img)) return "E7";
    if (auto t = by_signature_only(img)) return t;
    return "F6";
  }
  if (size == 32768) {
    if (probably_superchip(img)) return "F4SC";
    if (auto t = by_signature_only(img)) return t;
    return "F4";
  }
  if (size == 65536) {
    if (auto t = by_signature_only(img)) return t;
    return "MB";
  }
  if (size == 131072) {
    if (auto t = by_signature_only(img)) return t;
    return "MC";
  }
  if (auto t = by_signature_only(img)) return t;
  throw CartridgeError("unrecognized cartridge: a ROM image of " + std::to_string(size) +
                       " bytes matches no bank-switching scheme");
}

}  // namespace ag::emu
