// The TV's colours: what a TIA colour byte (a frame-buffer pixel) looks like,
// as ALE's ColourPalette reports it (getScreenRGB / getScreenGrayscale).
//
// ALE keeps 256-entry tables whose even entries are the 128 TIA colours and
// whose odd entries are the grayscale of the colour before them. A pixel is
// normally even; on PAL it can be odd (colour loss sets bit 0 after a frame
// with an odd number of scanlines), and ALE then shows that grayscale entry.
#pragma once

#include <cstdint>

namespace ag::emu {

enum class TvStandard : uint8_t { Ntsc, Pal };

// 3 bytes (R, G, B) for a frame-buffer pixel, as ALE's getScreenRGB.
const uint8_t* palette_rgb(uint8_t pixel, TvStandard standard = TvStandard::Ntsc);
// Packed 0xRRGGBB.
uint32_t palette_rgb_packed(uint8_t pixel, TvStandard standard = TvStandard::Ntsc);
// The luminance byte ALE's getScreenGrayscale gives: entry pixel + 1 of the
// table, i.e. the grayscale of an even pixel. (For odd pixels ALE reads the
// blue byte of the next colour; pixel 255 would read past ALE's table, we give 0.)
uint8_t palette_gray(uint8_t pixel, TvStandard standard = TvStandard::Ntsc);

}  // namespace ag::emu
