#include "server/sheets/text_encoding.hpp"

#include <gtest/gtest.h>

namespace atelier::sheets {
namespace {

TEST(TextEncodingTest, StrictUtf8IsKeptAndTheBomSaid) {
  auto plain = DecodeText("Société;Zone d'activités");
  EXPECT_EQ(plain.encoding, Encoding::kUtf8);
  EXPECT_EQ(plain.utf8, "Société;Zone d'activités");
  auto bom = DecodeText("\xEF\xBB\xBFSociété");
  EXPECT_EQ(bom.encoding, Encoding::kUtf8Bom);
  EXPECT_EQ(bom.utf8, "Société");
}

TEST(TextEncodingTest, AnythingElseIsWindows1252WithItsEuroAndQuotes) {
  // « Société Générale ; 12 € ; l’été ; Œuvre » as older Excel saves it.
  auto d = DecodeText("Soci\xE9t\xE9 G\xE9n\xE9rale;12 \x80;l\x92\xE9t\xE9;\x8Cuvre");
  EXPECT_EQ(d.encoding, Encoding::kWindows1252);
  EXPECT_EQ(d.utf8, "Société Générale;12 €;l’été;Œuvre");
  EXPECT_EQ(EncodingLabel(d.encoding), "Windows-1252 (ANSI)");
}

TEST(TextEncodingTest, Utf16WithBomAsExcelTexteUnicode) {
  const std::string bytes(
      "\xFF\xFE"
      "N\0o\0m\0\t\0\xE9\0",
      12);
  auto d = DecodeText(bytes);
  EXPECT_EQ(d.encoding, Encoding::kUtf16Le);
  EXPECT_EQ(d.utf8, "Nom\té");
}

}  // namespace
}  // namespace atelier::sheets
