// Real Atari frames for tests: the screens ALE itself recorded in the shared
// conformance traces (../shared/conformance/traces/*.screens.gz: records of
// int32 tag + 210x160 palette indices), as ALE's grayscale or RGB.
#pragma once

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "emu/palette.hpp"
#include "support/paths.hpp"

namespace ag::test {

constexpr int kScreenH = 210, kScreenW = 160;

// Up to `per_file` screens from each of up to `max_files` screens files (sorted by name).
inline std::vector<std::vector<uint8_t>> load_real_screens(size_t max_files, size_t per_file) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  const fs::path dir = shared_dir() / "conformance" / "traces";
  if (!fs::is_directory(dir)) return {};
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".screens.gz") != std::string::npos)
      files.push_back(e.path());
  std::sort(files.begin(), files.end());
  if (files.size() > max_files) files.resize(max_files);
  std::vector<std::vector<uint8_t>> screens;
  for (const auto& f : files) {
    gzFile gz = gzopen(f.c_str(), "rb");
    if (!gz) continue;
    for (size_t k = 0; k < per_file; ++k) {
      int32_t tag;
      std::vector<uint8_t> s(kScreenH * kScreenW);
      if (gzread(gz, &tag, sizeof tag) != sizeof tag) break;
      if (gzread(gz, s.data(), static_cast<unsigned>(s.size())) != static_cast<int>(s.size()))
        break;
      screens.push_back(std::move(s));
    }
    gzclose(gz);
  }
  return screens;
}

inline std::vector<uint8_t> to_gray(const std::vector<uint8_t>& palette_screen) {
  std::vector<uint8_t> g(palette_screen.size());
  for (size_t i = 0; i < g.size(); ++i) g[i] = emu::palette_gray(palette_screen[i]);
  return g;
}

inline std::vector<uint8_t> to_rgb(const std::vector<uint8_t>& palette_screen) {
  std::vector<uint8_t> rgb(palette_screen.size() * 3);
  for (size_t i = 0; i < palette_screen.size(); ++i) {
    const uint8_t* c = emu::palette_rgb(palette_screen[i]);
    rgb[3 * i] = c[0];
    rgb[3 * i + 1] = c[1];
    rgb[3 * i + 2] = c[2];
  }
  return rgb;
}

}  // namespace ag::test
