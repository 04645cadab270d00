#include "server/match/waste_catalogue.hpp"

#include <gtest/gtest.h>

namespace atelier::match {
namespace {

TEST(MatchWasteCatalogueTest, CanonicalisesTypedCodes) {
  EXPECT_EQ(WasteCatalogue::Canonical("150103"), "15 01 03");
  EXPECT_EQ(WasteCatalogue::Canonical("15.01.03"), "15 01 03");
  EXPECT_EQ(WasteCatalogue::Canonical(" 13 02 05* "), "13 02 05");
  EXPECT_EQ(WasteCatalogue::Canonical("15 01"), "");
}

TEST(MatchWasteCatalogueTest, EmbeddedListHasLabelsAndHazardFlags) {
  const auto& c = WasteCatalogue::Default();
  const auto* wood = c.Find("15 01 03");
  ASSERT_NE(wood, nullptr);
  EXPECT_EQ(wood->label, "emballages en bois");
  EXPECT_FALSE(wood->hazardous);
  const auto* lead = c.Find("16 06 01");
  ASSERT_NE(lead, nullptr);
  EXPECT_TRUE(lead->hazardous);
  EXPECT_NE(c.Find("15 01"), nullptr);  // subchapter
  EXPECT_EQ(c.Find("99 99 99"), nullptr);
}

}  // namespace
}  // namespace atelier::match
