#include "server/match/quantity.hpp"

#include <gtest/gtest.h>

namespace atelier::match {
namespace {

TEST(MatchQuantityTest, ConvertsUnitsAndPeriodsToMonthlyBase) {
  const auto q = Quantity::FromCard(3, "t", "par an", "");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->dimension, Quantity::Dimension::kMass);
  EXPECT_DOUBLE_EQ(q->BasePerMonth(), 250.0);  // kg per month
  const auto w = Quantity::FromCard(2, "m³", "hebdo", "");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->dimension, Quantity::Dimension::kVolume);
  EXPECT_NEAR(w->BasePerMonth(), 2000.0 * 52 / 12, 1e-6);  // litres per month
}

TEST(MatchQuantityTest, UnitMayCarryThePeriod) {
  const auto q = Quantity::FromCard(500, "kg/mois", "", "");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->period, Quantity::Period::kMonth);
  EXPECT_EQ(q->Describe(), "500 kg/mois");
}

TEST(MatchQuantityTest, ReadsQuantityFromText) {
  auto q = Quantity::FromCard(std::nullopt, "", "", "200 m2 de stockage dispo");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->dimension, Quantity::Dimension::kArea);
  EXPECT_EQ(q->Describe(), "200 m²");
  q = Quantity::FromCard(std::nullopt, "", "", "Chutes de bois, 3t/mois");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->Describe(), "3 t/mois");
  q = Quantity::FromCard(std::nullopt, "", "", "env 1,5 tonnes par semaine");
  ASSERT_TRUE(q);
  EXPECT_DOUBLE_EQ(q->value, 1.5);
  EXPECT_EQ(q->period, Quantity::Period::kWeek);
  EXPECT_FALSE(Quantity::FromCard(std::nullopt, "", "", "palettes cassées"));
}

TEST(MatchQuantityTest, DescribesOneAmountInAnothersUnit) {
  const auto offer = Quantity::FromCard(2, "t", "mois", "");
  const auto need = Quantity::FromCard(6000, "kg", "an", "");
  EXPECT_EQ(need->DescribeIn(*offer), "0,5 t/mois");
  const auto pieces = Quantity::FromCard(150, "pièces", "mois", "");
  EXPECT_EQ(pieces->Describe(), "150 pièces/mois");
}

TEST(MatchQuantityTest, UnknownUnitGivesNothing) {
  EXPECT_FALSE(Quantity::FromCard(3, "bennes", "", ""));
}

}  // namespace
}  // namespace atelier::match
