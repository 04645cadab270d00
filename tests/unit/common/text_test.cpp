#include "server/common/text.hpp"

#include <gtest/gtest.h>

namespace atelier::common {
namespace {

TEST(CsvTextTest, FoldsAccentsCaseAndLigatures) {
  EXPECT_EQ(FoldText("Élévateur ÇA Œuvre"), "elevateur ca oeuvre");
  EXPECT_EQ(FoldText("déchets"), "dechets");
}

TEST(CsvTextTest, FoldsTypographicSigns) {
  EXPECT_EQ(FoldText("l\xE2\x80\x99huile"), "l'huile");
  EXPECT_EQ(FoldText("200 m\xC2\xB2"), "200 m2");
  EXPECT_EQ(FoldText("juin\xE2\x80\x93"
                     "août"),
            "juin-aout");
  EXPECT_EQ(FoldText("1\xC2\xA0"
                     "200"),
            "1 200");
}

TEST(CsvTextTest, InvalidUtf8DoesNotCrash) {
  EXPECT_EQ(FoldText("a\xFF"
                     "b\xC3"),
            "a b ");
}

TEST(CsvTextTest, FoldedEqualsTrims) {
  EXPECT_TRUE(FoldedEquals(" Société ", "societe"));
  EXPECT_FALSE(FoldedEquals("zone", "zones"));
}

TEST(Utf8Test, AcceptsWellFormedAndRefusesWhatProtobufRefuses) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Société « 200 m² » 😀"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated é
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong, 3 bytes
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\x80"));              // stray continuation
  EXPECT_FALSE(
      IsValidUtf8("a\xFF"
                  "b"));
}

TEST(Utf8Test, CountsCodePoints) {
  EXPECT_EQ(CountChars(""), 0u);
  EXPECT_EQ(CountChars("abc"), 3u);
  EXPECT_EQ(CountChars("éèà"), 3u);
  EXPECT_EQ(CountChars("🏭€"), 2u);
}

TEST(Utf8Test, TruncationNeverCutsACharacter) {
  EXPECT_EQ(TruncateChars("éèàç", 2), "éè");
  EXPECT_EQ(TruncateChars("éèàç", 4), "éèàç");
  EXPECT_EQ(TruncateChars("éèàç", 3, "…"), "éè…");
  EXPECT_EQ(TruncateChars("éèàç", 10, "…"), "éèàç") << "nothing cut, no ellipsis";
  EXPECT_EQ(TruncateChars("🏭🏭🏭", 1), "🏭");
  EXPECT_EQ(TruncateChars("abc", 0, "…"), "");
  EXPECT_EQ(TruncateChars("a\xC3"
                          "b",
                          5),
            "a\xEF\xBF\xBD"
            "b")
      << "bad bytes replaced";
  // Every prefix length of a mixed string gives well-formed text of that many characters.
  const std::string mixed = "aé€🏭 b\xCC\x81";
  for (size_t n = 0; n <= CountChars(mixed); ++n) {
    const std::string cut = TruncateChars(mixed, n);
    EXPECT_TRUE(IsValidUtf8(cut)) << n;
    EXPECT_EQ(CountChars(cut), n);
    EXPECT_EQ(mixed.compare(0, cut.size(), cut), 0) << "a prefix";
  }
}

TEST(TextTest, FrenchPluralAgreesLikeFrench) {
  EXPECT_EQ(FrenchPlural(0, "atelier tenu", "ateliers tenus"), "atelier tenu");
  EXPECT_EQ(FrenchPlural(1, "atelier tenu", "ateliers tenus"), "atelier tenu");
  EXPECT_EQ(FrenchPlural(1.5, "tonne", "tonnes"), "tonne");
  EXPECT_EQ(FrenchPlural(2, "atelier tenu", "ateliers tenus"), "ateliers tenus");
}

TEST(TextTest, FrenchLongDates) {
  EXPECT_EQ(FrenchLongDate("2026-03-12"), "12 mars 2026");
  EXPECT_EQ(FrenchLongDate("2026-08-01"), "1er août 2026");
  EXPECT_EQ(FrenchLongDate("2026-12-31"), "31 décembre 2026");
  EXPECT_EQ(FrenchLongDate("fin mars"), "fin mars");
  EXPECT_EQ(FrenchLongDate("2026-13-01"), "2026-13-01");
}

}  // namespace
}  // namespace atelier::common
