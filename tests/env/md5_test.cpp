#include "env/md5.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ag::env {
namespace {

std::string md5_of(const std::string& s) {
  return md5_hex(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

// The test suite of RFC 1321, appendix A.5.
TEST(Md5, MatchesRfc1321TestSuite) {
  EXPECT_EQ(md5_of(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(md5_of("a"), "0cc175b9c0f1b6a831c399e269772661");
  EXPECT_EQ(md5_of("abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(md5_of("message digest"), "f96b697d7cb7938d525a2f31aaf161d0");
  EXPECT_EQ(md5_of("abcdefghijklmnopqrstuvwxyz"), "c3fcd3d76192e4007dfb496cca67e13b");
  EXPECT_EQ(md5_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
            "d174ab98d277d9f5a5611c2c9f419d9f");
  EXPECT_EQ(md5_of("1234567890123456789012345678901234567890"
                   "1234567890123456789012345678901234567890"),
            "57edf4a22be3c955ac49da2e2107b67a");
}

// Padding boundaries: 55 bytes fit one final block, 56..63 need two, 64 is a whole block.
TEST(Md5, HandlesPaddingBoundaries) {
  EXPECT_EQ(md5_of(std::string(55, 'a')), "ef1772b6dff9a122358552954ad0df65");
  EXPECT_EQ(md5_of(std::string(56, 'a')), "3b0c8ac703f828b04c6c197006d17218");
  EXPECT_EQ(md5_of(std::string(63, 'a')), "b06521f39153d618550606be297466d5");
  EXPECT_EQ(md5_of(std::string(64, 'a')), "014842d480b571495a4a0363793f7367");
}

TEST(Md5, DigestBytesMatchHex) {
  const std::string s = "abc";
  auto d = md5_digest(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  EXPECT_EQ(d[0], 0x90);
  EXPECT_EQ(d[15], 0x72);
}

}  // namespace
}  // namespace ag::env
