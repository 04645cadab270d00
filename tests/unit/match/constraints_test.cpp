#include "server/match/constraints.hpp"

#include <gtest/gtest.h>

namespace atelier::match {
namespace {

using Cold = Constraints::Cold;

TEST(ConstraintsTest, ReadsTemperatureLevels) {
  EXPECT_EQ(Constraints::Read("chambre froide -18°C").cold, Cold::kNegative);
  EXPECT_EQ(Constraints::Read("surgelés").cold, Cold::kNegative);
  EXPECT_EQ(Constraints::Read("stockage réfrigéré +2 ºC").cold, Cold::kPositive);
  EXPECT_EQ(Constraints::Read("froid positif").cold, Cold::kPositive);
  EXPECT_EQ(Constraints::Read("eau à 35°C").heat_c, 35);
  // A range is not a negative temperature; the hottest end counts.
  const auto range = Constraints::Read("eau chaude 60-80 °C");
  EXPECT_EQ(range.cold, Cold::kNone);
  EXPECT_EQ(range.heat_c, 80);
  EXPECT_FALSE(Constraints::Read("lot de 20 cartons").heat_c);
  // A run of digits longer than any int saturates instead of overflowing.
  EXPECT_EQ(Constraints::Read("eau 2222222222222222222 °C").heat_c, 100000);
  EXPECT_EQ(Constraints::Read("froid -99999999999999 °C").cold, Cold::kNegative);
}

TEST(ConstraintsTest, ReadsCodesAndPolymers) {
  const auto caces = Constraints::Read("CACES R489 catégories 1, 3 et 5, CACES R 486");
  ASSERT_EQ(caces.codes.size(), 2u);
  EXPECT_EQ(caces.codes[0].second, "R489");
  EXPECT_EQ(caces.codes[1].second, "R486");
  EXPECT_EQ(Constraints::Read("NF C18-510").codes.at(0).second, "C18-510");
  EXPECT_EQ(
      Constraints::PolymerNames(Constraints::Read("film PEHD, bidons polypropylène").polymers),
      "PP, PE");
  EXPECT_EQ(Constraints::Read("bois classe A").wood_class, 'a');
}

TEST(ConstraintsTest, ReadsWaterFoodAndHazardRequirements) {
  EXPECT_TRUE(Constraints::Read("eau potable obligatoire").potable_required);
  EXPECT_FALSE(Constraints::Read("eau non potable").potable_required);
  EXPECT_TRUE(Constraints::Read("eau non potable").non_potable);
  EXPECT_TRUE(Constraints::Read("récupération d'eau de pluie").non_potable);
  EXPECT_TRUE(Constraints::Read("cuves aptes au contact alimentaire").food_contact_required);
  EXPECT_TRUE(Constraints::Read("IBC ayant contenu des hydrocarbures").non_food);
  EXPECT_TRUE(Constraints::Read("PAS de déchets dangereux").refuses_hazardous);
}

TEST(ConstraintsTest, ContradictionsGoOneWayWhereTheyShould) {
  // Hotter heat serves a cooler need, not the other way round; class A wood serves a class B
  // boiler.
  EXPECT_EQ(Contradiction(Constraints::Read("90 °C"), Constraints::Read("60 °C")), "");
  EXPECT_NE(Contradiction(Constraints::Read("40 °C"), Constraints::Read("60 °C")), "");
  EXPECT_EQ(Contradiction(Constraints::Read("bois classe A"), Constraints::Read("bois classe B")),
            "");
  EXPECT_NE(Contradiction(Constraints::Read("bois classe B"), Constraints::Read("bois classe A")),
            "");
  // A need that names no code accepts any.
  EXPECT_EQ(Contradiction(Constraints::Read("CACES R489"), Constraints::Read("formation CACES")),
            "");
}

TEST(ConstraintsTest, AStandardRequiredByNameMustBeNamedByTheOffer) {
  const auto need = Constraints::Read("traitement du linge des patients : norme RABC obligatoire");
  EXPECT_EQ(need.required_standards, (std::vector<std::string>{"RABC"}));
  EXPECT_NE(Contradiction(Constraints::Read("blanchisserie, linge d'hôtel"), need), "");
  EXPECT_EQ(Contradiction(Constraints::Read("blanchisserie industrielle, méthode RABC"), need), "");
  // As tablets type them: lower case after « norme », « méthode ».
  EXPECT_EQ(Contradiction(Constraints::Read("blanchisserie, méthode rabc"), need), "");
  EXPECT_EQ(Constraints::Read("norme rabc obligatoire").required_standards,
            (std::vector<std::string>{"RABC"}));
  // Named without being required, or required in lower case words only: nothing to check.
  EXPECT_TRUE(Constraints::Read("blanchisserie certifiée RABC").required_standards.empty());
  EXPECT_TRUE(Constraints::Read("casque obligatoire sur le site").required_standards.empty());
}

}  // namespace
}  // namespace atelier::match
