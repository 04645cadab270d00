// SHA-256 and HMAC-SHA-256 against the published test vectors (FIPS 180-2, RFC 4231).
#include "server/common/digest.hpp"

#include <gtest/gtest.h>

namespace atelier::digest {
namespace {

TEST(Digest, Sha256OfTheStandardVectors) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Digest, HmacSha256OfRfc4231Case2) {
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Digest, ATokenIsKeptAsItsHashOnly) {
  const std::string token = "0123456789abcdef0123456789abcdef";
  EXPECT_EQ(TokenHash(token).size(), 64u);
  EXPECT_EQ(TokenHash(token).find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(TokenHash(token).find(token), std::string::npos);
  EXPECT_NE(TokenHash(token), TokenHash(token.substr(1) + "0"));
}

TEST(Digest, SecretsCompareWhole) {
  EXPECT_TRUE(SameSecret("0123456789abcdef", "0123456789abcdef"));
  EXPECT_FALSE(SameSecret("0123456789abcdef", "0123456789abcdee"));
  EXPECT_FALSE(SameSecret("0123456789abcdef", "0123456789abcde")) << "a prefix is not the key";
  EXPECT_FALSE(SameSecret("", "0123456789abcdef"));
}

}  // namespace
}  // namespace atelier::digest
