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

}  // namespace
}  // namespace atelier::common
