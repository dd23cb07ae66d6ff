// keep_brighter (media/frame_merge.hpp): record's merge of the emulator
// frames one video frame stands for keeps, per pixel, the brighter pixel whole.
#include "media/frame_merge.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace ag::media {
namespace {

TEST(FrameMerge, KeepsTheBrighterPixelWholeAndTheNewerOnATie) {
  // black, a dark blue, grey, red, and a colour as bright as (100, 100, 100).
  std::vector<uint8_t> acc = {0, 0, 0, 0, 0, 80, 120, 120, 120, 200, 72, 72, 96, 110, 59};
  const std::vector<uint8_t> frame = {
      200, 72,  72,   // red over black: red
      0,   0,   0,    // black over blue: blue stays
      40,  40,  200,  // a blue darker than the grey: grey stays
      200, 72,  72,   // the same red
      100, 100, 100,  // as bright (luma): the newer one
  };
  keep_brighter(acc.data(), frame.data(), 5);
  EXPECT_EQ(acc, (std::vector<uint8_t>{200, 72, 72, 0, 0, 80, 120, 120, 120, 200, 72, 72, 100, 100,
                                       100}));
  // Channels are never mixed: a green brighter than a red takes all three.
  std::vector<uint8_t> a = {200, 0, 0};
  const std::vector<uint8_t> b = {0, 200, 0};
  keep_brighter(a.data(), b.data(), 1);
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace ag::media
