// MD5 (RFC 1321): ALE identifies a ROM image by the MD5 of its bytes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace ag::env {

std::array<uint8_t, 16> md5_digest(const uint8_t* data, size_t size);

// The digest as 32 lowercase hex digits, as ALE's property table spells it.
std::string md5_hex(const uint8_t* data, size_t size);

}  // namespace ag::env
