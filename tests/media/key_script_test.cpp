// --keys: scripted presses and releases, checked before any window opens.
#include "media/key_script.hpp"

#include <gtest/gtest.h>

using ag::media::parse_key_script;

namespace {

TEST(KeyScript, ParsesPressesAndReleasesInFrameOrder) {
  const auto e = parse_key_script("60:-Right,0:+Right,61:+Space");
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].frame, 0);
  EXPECT_EQ(e[0].key, "Right");
  EXPECT_TRUE(e[0].down);
  EXPECT_EQ(e[1].frame, 60);
  EXPECT_FALSE(e[1].down);
  EXPECT_EQ(e[2].key, "Space");
  EXPECT_TRUE(parse_key_script("").empty());
}

TEST(KeyScript, BadItemsAreErrorsNamingTheItem) {
  for (const std::string bad : {"Right", "x:+Right", "5:Right", "5:+NoSuchKey", "-1:+Right", "5:+"}) {
    try {
      parse_key_script("0:+Left," + bad);
      FAIL() << bad;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("'" + bad + "'"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
