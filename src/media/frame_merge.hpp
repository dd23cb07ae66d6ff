// Several emulator frames shown as one video frame (record with
// --frame-stride N > 1): per pixel, the brightest of them. Atari games draw
// some objects only every other frame (Space Invaders' bombs and shots): a
// video of every 2nd frame would never show them, where the TV's afterglow
// did (and AtariPreprocessing's max-pool does for the agent). Each pixel
// stays one of the frames' own, so the colours stay the game's palette (a
// GIF stays exact).
#pragma once

#include <cstddef>
#include <cstdint>

namespace ag::media {

// acc[i] becomes the brighter (BT.601 luma) of the RGB pixels acc[i] and
// rgb[i]; on a tie, rgb's (the newer frame's).
void keep_brighter(uint8_t* acc_rgb, const uint8_t* rgb, size_t pixels);

}  // namespace ag::media
