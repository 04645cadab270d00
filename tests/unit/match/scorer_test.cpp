#include "server/match/scorer.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace atelier::match {
namespace {

class MatchScorerTest : public ::testing::Test {
 protected:
  CardProfile Make(CardKind kind, std::string company, std::string text,
                   std::function<void(Card&)> edit = {}) {
    Card c;
    c.id = "k" + std::to_string(++next_);
    c.company_id = std::move(company);
    c.kind = kind;
    c.text = std::move(text);
    if (edit) edit(c);
    return CardProfile::Build(c, Lexicon::Default(), WasteCatalogue::Default());
  }
  std::optional<Match> Pair(const CardProfile& a, const CardProfile& b, const Company* ca = nullptr,
                            const Company* cb = nullptr) {
    return scorer_.Pair(a, ca, b, cb);
  }
  static bool HasReason(const Match& m, std::string_view prefix) {
    return std::any_of(m.reasons.begin(), m.reasons.end(),
                       [&](const std::string& r) { return r.rfind(prefix, 0) == 0; });
  }

  Scorer scorer_{Lexicon::Default(), MatchOptions{}};
  int next_ = 0;
};

TEST_F(MatchScorerTest, SameResourceIsASubstitution) {
  const auto offer = Make(CardKind::kOffer, "a", "Palettes bois cassées");
  const auto need = Make(CardKind::kNeed, "b", "recherche palettes en bois");
  const auto m = Pair(need, offer);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->kind, SynergyKind::kSubstitution);
  EXPECT_EQ(m->key, "sub:k1|k2");
  EXPECT_EQ(m->card_ids, (std::vector<std::string>{"k1", "k2"}));
  EXPECT_EQ(m->reasons.front(), "Même ressource : palettes bois");
  EXPECT_GE(m->score, 0.8);
}

TEST_F(MatchScorerTest, LexiconEvidenceRanksAboveTheRecallFloor) {
  const auto floor_offer = Make(CardKind::kOffer, "a", "mousse polyuréthane");
  const auto floor_need = Make(CardKind::kNeed, "b", "chutes de mousse polyurethanne");
  const auto offer = Make(CardKind::kOffer, "c", "Palettes bois cassées");
  const auto need = Make(CardKind::kNeed, "d", "recherche palettes en bois");
  const auto by_words = Pair(floor_offer, floor_need);
  const auto by_lexicon = Pair(offer, need);
  ASSERT_TRUE(by_words && by_lexicon);
  EXPECT_TRUE(HasReason(*by_words, "Mots proches : "));
  EXPECT_GT(by_lexicon->score, by_words->score + 0.1);
  const auto sim = scorer_.Compare(floor_offer, floor_need);
  EXPECT_TRUE(sim.lexical);
  EXPECT_LE(sim.value, 0.7);
}

TEST_F(MatchScorerTest, TwoCardsFiledAlikeWithTheSameWordsOverrideANotSamePair) {
  // IBC and fixed tanks are told apart by the lexicon; "cuves IBC 1000 L" and "cuves 1000 L",
  // both filed as waste, say the same thing.
  auto as_waste = [](Card& c) { c.category = "dechet"; };
  const auto m = Pair(Make(CardKind::kOffer, "a", "GRV / cuves IBC 1000 L rincées", as_waste),
                      Make(CardKind::kNeed, "b", "cuves 1000 L", as_waste));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->reasons.front(), "Mêmes mots des deux côtés : cuve");
  // Filed apart, or sharing only a word, the pair stays vetoed.
  EXPECT_FALSE(Pair(Make(CardKind::kOffer, "a", "cuves IBC 1000 L"),
                    Make(CardKind::kNeed, "b", "cuve inox de stockage")));
  EXPECT_FALSE(Pair(Make(CardKind::kOffer, "a", "huile de friture usagée", as_waste),
                    Make(CardKind::kNeed, "b", "huile hydraulique", as_waste)));
}

TEST_F(MatchScorerTest, CollectorsOfferMeetsTheWasteOffered) {
  auto as = [](const char* category) { return [category](Card& c) { c.category = category; }; };
  const auto collector = Make(CardKind::kOffer, "a",
                              "Nous collectons et recyclons les filets de pêche", as("service"));
  const auto nets = Make(CardKind::kOffer, "b", "filets de pêche usagés", as("dechet"));
  const auto m = Pair(collector, nets);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->key, "sub:k2|k1");  // the waste stands as the offer, the collector as the need
  EXPECT_TRUE(HasReason(*m, "Collecte proposée : a propose de reprendre ce que b offre"));
  // Two producers' offers, or a collector and equipment lent, never meet.
  const auto more_nets = Make(CardKind::kOffer, "c", "filets de pêche à valoriser", as("dechet"));
  EXPECT_FALSE(Pair(nets, more_nets));
  const auto truck = Make(CardKind::kOffer, "d", "camion libre le week-end", as("equipement"));
  EXPECT_FALSE(Pair(
      Make(CardKind::kOffer, "e", "nous collectons vos déchets avec notre camion", as("service")),
      truck));
}

TEST_F(MatchScorerTest, AWasteCompanysOrAnAddressedOfferIsACollectorsService) {
  auto as = [](const char* category) { return [category](Card& c) { c.category = category; }; };
  Company dealer{"a", "Métaux Recyclage", "", "38.32Z", "", std::nullopt, std::nullopt, 10, false};
  Company printer{"b", "Imprimerie", "", "18.12Z", "", std::nullopt, std::nullopt, 40, false};
  const auto buys =
      Make(CardKind::kOffer, "a", "achat ferreux / non ferreux, alu, inox, bennes", as("matiere"));
  const auto plates = Make(CardKind::kOffer, "b", "plaques offset alu usagées", as("dechet"));
  EXPECT_TRUE(Scorer::Collects(buys, &dealer));
  EXPECT_FALSE(Scorer::Collects(plates, &printer));
  std::string veto;
  const auto m = scorer_.Pair(buys, &dealer, plates, &printer, true, &veto);
  ASSERT_TRUE(m) << veto << " " << scorer_.Compare(plates, buys, true, true).value;
  EXPECT_EQ(m->key, "sub:" + plates.card.id + "|" + buys.card.id);
  // The same words from a company outside waste (NAF 38, 39) are one more producer's offer.
  Company mill{"a", "Laminoir", "", "24.31Z", "", std::nullopt, std::nullopt, 200, false};
  EXPECT_FALSE(Scorer::Collects(buys, &mill));
  EXPECT_FALSE(scorer_.Pair(buys, &mill, plates, &printer));
  // One product of a waste company (compost, regranulate) is not a collection.
  const auto product = Make(CardKind::kOffer, "a", "compost normé en vrac", as("matiere"));
  EXPECT_FALSE(Scorer::Collects(product, &dealer));
  // "Collecte de vos huiles": a taker word addressed to others' waste, whatever the company.
  const auto oil =
      Make(CardKind::kOffer, "c", "collecte de vos huiles alimentaires usagées", as("dechet"));
  const auto fryer = Make(CardKind::kOffer, "d", "huiles de friture usagées, 50 L/mois");
  EXPECT_TRUE(Scorer::Collects(oil, nullptr));
  EXPECT_FALSE(Scorer::Collects(fryer, nullptr));
  EXPECT_TRUE(Pair(oil, fryer));
}

TEST_F(MatchScorerTest, AGeneralTakerOfHazardousWasteTakesAnyKindButASpecialistDoesNot) {
  auto as = [](const char* category) { return [category](Card& c) { c.category = category; }; };
  Company treater{"a", "Déchets Spéciaux", "", "38.22Z", "", std::nullopt, std::nullopt, 30, false};
  Company garage{"b", "Garage", "", "45.20A", "", std::nullopt, std::nullopt, 8, false};
  const auto general = Make(CardKind::kOffer, "a",
                            "Reprise des déchets dangereux du BTP (amiante, peintures, lampes), "
                            "agréé",
                            as("dechet"));
  const auto oil =
      Make(CardKind::kOffer, "b", "huiles hydrauliques usagées des engins", as("dechet"));
  const auto m = scorer_.Pair(general, &treater, oil, &garage);
  ASSERT_TRUE(m);
  EXPECT_TRUE(HasReason(*m, "Repreneur de déchets dangereux en général : Déchets Spéciaux"));
  EXPECT_TRUE(m->hazardous);
  // A specialist of one hazardous kind is not a general taker.
  const auto batteries =
      Make(CardKind::kOffer, "a", "collecte de vos batteries usagées, agréé", as("dechet"));
  const auto s = scorer_.Pair(batteries, &treater, oil, &garage);
  EXPECT_FALSE(s && HasReason(*s, "Repreneur de déchets dangereux en général"));
}

TEST_F(MatchScorerTest, TwoLikeNeedsArePooledUnlessTheirCodesDiffer) {
  auto as = [](const char* category) { return [category](Card& c) { c.category = category; }; };
  const auto a = Make(CardKind::kNeed, "a", "AFGSU niveau 2 pour 8 soignants", as("formation"));
  const auto b = Make(CardKind::kNeed, "b", "AFGSU niveau 2 pour nos infirmieres", as("formation"));
  EXPECT_TRUE(Scorer::Pools(a));
  const auto m = Pair(a, b);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->kind, SynergyKind::kMutualisation);
  EXPECT_EQ(m->key.rfind("pool:", 0), 0u);
  // Two needs of the same goods are a group purchase, ranked under an offer of them; two needs
  // to get rid of something are not; two CACES of different codes are vetoed.
  const auto group = Pair(Make(CardKind::kNeed, "a", "palettes bois", as("matiere")),
                          Make(CardKind::kNeed, "b", "palettes bois", as("matiere")));
  ASSERT_TRUE(group);
  EXPECT_EQ(group->kind, SynergyKind::kMutualisation);
  const auto offered = Pair(Make(CardKind::kOffer, "a", "palettes bois", as("matiere")),
                            Make(CardKind::kNeed, "b", "palettes bois", as("matiere")));
  ASSERT_TRUE(offered);
  EXPECT_GT(offered->score, group->score);
  EXPECT_FALSE(Scorer::Pools(Make(CardKind::kNeed, "a", "palettes bois à évacuer", as("dechet"))));
  std::string veto;
  EXPECT_FALSE(scorer_.Pair(
      Make(CardKind::kNeed, "a", "CACES R489 cat 3", as("formation")), nullptr,
      Make(CardKind::kNeed, "b", "CACES R482 cat A", as("formation")), nullptr, true, &veto));
}

TEST_F(MatchScorerTest, IdleStaffLentRanksAboveTwoNeedsInInverseSeasons) {
  auto months = [](std::vector<int> m) { return [m](Card& c) { c.months = m; }; };
  const auto idle = Make(CardKind::kOffer, "a", "personnel disponible", months({11, 12, 1, 2}));
  const auto winter = Make(CardKind::kNeed, "b", "renforts saisonniers", months({12, 1}));
  const auto summer = Make(CardKind::kNeed, "c", "saisonniers", months({7, 8}));
  const auto loan = Pair(idle, winter);
  const auto inverse = Pair(summer, winter);
  ASSERT_TRUE(loan && inverse);
  EXPECT_EQ(inverse->kind, SynergyKind::kMutualisation);
  EXPECT_GT(loan->score, inverse->score + 0.1);
}

TEST_F(MatchScorerTest, TwoCardsFiledAlikeAgreeOnTheirResource) {
  // Big bags are equipment to the lexicon; both people filed theirs as waste.
  auto as_waste = [](Card& c) { c.category = "dechet"; };
  const auto offer = Make(CardKind::kOffer, "a", "big bags vides à donner", as_waste);
  const auto need = Make(CardKind::kNeed, "b", "cherche des big bags", as_waste);
  ASSERT_TRUE(Pair(need, offer));
  // Filed apart, the contradiction still counts: a training about forklifts
  // is not a forklift.
  const auto training = Make(CardKind::kOffer, "c", "formation conduite chariot élévateur",
                             [](Card& c) { c.category = "formation"; });
  const auto forklift = Make(CardKind::kNeed, "d", "cherche un chariot élévateur",
                             [](Card& c) { c.category = "equipement"; });
  EXPECT_FALSE(Pair(forklift, training));
}

TEST_F(MatchScorerTest, SynonymsAreExplained) {
  const auto m = Pair(Make(CardKind::kNeed, "b", "besoin d'un chariot élévateur le vendredi"),
                      Make(CardKind::kOffer, "a", "Fenwick 2,5 t dispo"));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->reasons.front(), "Synonymes : Fenwick ≈ chariot élévateur");
}

TEST_F(MatchScorerTest, FamilyMatchIsWeakerThanSameResource) {
  const auto same = Pair(Make(CardKind::kOffer, "a", "palettes bois"),
                         Make(CardKind::kNeed, "b", "palettes bois"));
  const auto family = Pair(Make(CardKind::kOffer, "a", "palettes bois"),
                           Make(CardKind::kNeed, "b", "emballages bois"));
  ASSERT_TRUE(same && family);
  EXPECT_LT(family->score, same->score);
  EXPECT_EQ(family->reasons.front(), "Même famille : palettes bois → emballages bois");
}

TEST_F(MatchScorerTest, NotSameResourcesNeverMatch) {
  EXPECT_FALSE(Pair(Make(CardKind::kOffer, "a", "huile de friture usagée"),
                    Make(CardKind::kNeed, "b", "huile hydraulique usagée")));
}

TEST_F(MatchScorerTest, PlasticForWoodPalletsIsWeakAndExcludedWhenRefused) {
  const auto offer = Make(CardKind::kOffer, "a", "palettes plastique");
  const auto need = Make(CardKind::kNeed, "b", "palettes bois");
  const auto sim = scorer_.Compare(offer, need);
  EXPECT_GT(sim.value, 0.0);
  EXPECT_LT(sim.value, 0.5);
  EXPECT_FALSE(Pair(offer, need));
  const auto strict = Make(CardKind::kNeed, "b", "palettes bois uniquement, pas de plastique");
  EXPECT_TRUE(scorer_.Compare(offer, strict).vetoed);
}

TEST_F(MatchScorerTest, SameWasteCodeIsAReason) {
  auto code = [](Card& c) { c.waste_code = "150103"; };
  const auto m = Pair(Make(CardKind::kOffer, "a", "caisses et palettes", code),
                      Make(CardKind::kNeed, "b", "emballages bois", code));
  ASSERT_TRUE(m);
  EXPECT_TRUE(HasReason(*m, "Code déchet identique 15 01 03 (emballages en bois)"));
  EXPECT_FALSE(m->hazardous);
}

TEST_F(MatchScorerTest, SameCodeAloneIsEnough) {
  auto code = [](Card& c) { c.waste_code = "12 01 01"; };
  EXPECT_TRUE(Pair(Make(CardKind::kOffer, "a", "rebuts de découpe", code),
                   Make(CardKind::kNeed, "b", "matière première secondaire", code)));
}

TEST_F(MatchScorerTest, HazardousCodeIsFlaggedWithAWarning) {
  auto code = [](Card& c) { c.waste_code = "16 06 01*"; };
  const auto m = Pair(Make(CardKind::kOffer, "a", "batteries plomb usagées", code),
                      Make(CardKind::kNeed, "b", "collecte de batteries", code));
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->hazardous);
  EXPECT_TRUE(HasReason(*m, "Déchet dangereux (code 16 06 01*"));
}

TEST_F(MatchScorerTest, QuantitiesAreConvertedAndCompared) {
  const auto m = Pair(Make(CardKind::kOffer, "a", "palettes bois",
                           [](Card& c) {
                             c.quantity = 200;
                             c.unit = "pièces";
                             c.frequency = "mois";
                           }),
                      Make(CardKind::kNeed, "b", "palettes bois", [](Card& c) {
                        c.quantity = 1800;
                        c.unit = "pièces";
                        c.frequency = "an";
                      }));
  ASSERT_TRUE(m);
  EXPECT_TRUE(HasReason(
      *m, "Quantités compatibles : 200 pièces/mois offertes pour 150 pièces/mois demandées"));
}

TEST_F(MatchScorerTest, SeasonsAreCompared) {
  auto summer = [](Card& c) { c.months = {7, 8}; };
  const auto m = Pair(Make(CardKind::kOffer, "a", "chambre froide", summer),
                      Make(CardKind::kNeed, "b", "stockage réfrigéré", summer));
  ASSERT_TRUE(m);
  EXPECT_TRUE(HasReason(*m,
                        "Saisons compatibles : besoin en juillet\u2013août, disponible en "
                        "juillet\u2013août"));
  // Disjoint seasons are a contradiction, not a penalty: the pair is not shown.
  std::string veto;
  const auto late = scorer_.Pair(
      Make(CardKind::kOffer, "a", "chambre froide", summer), nullptr,
      Make(CardKind::kNeed, "b", "stockage réfrigéré", [](Card& c) { c.availability = "l'hiver"; }),
      nullptr, true, &veto);
  EXPECT_FALSE(late);
  EXPECT_EQ(veto,
            "Calendriers incompatibles : besoin en décembre\u2013février, disponible en "
            "juillet\u2013août");
}

TEST_F(MatchScorerTest, ConstraintsVetoWithTheirReason) {
  auto veto_of = [&](const char* offer, const char* need, const char* category = "") {
    std::string veto;
    auto as = [category](Card& c) { c.category = category; };
    const auto m = scorer_.Pair(Make(CardKind::kOffer, "a", offer, as), nullptr,
                                Make(CardKind::kNeed, "b", need, as), nullptr, true, &veto);
    return m ? std::string("shown") : veto;
  };
  EXPECT_EQ(veto_of("chambre froide négative -20 °C", "chambre froide à +2 °C"),
            "Températures incompatibles : froid négatif offert, froid positif demandé");
  EXPECT_EQ(veto_of("chaleur fatale à 30 °C", "chaleur à 80 °C pour le séchage"),
            "Température insuffisante : chaleur à 30 °C offerte, 80 °C demandés");
  EXPECT_EQ(veto_of("chaleur fatale à 90 °C", "chaleur à 60 °C pour le séchage"), "shown");
  EXPECT_EQ(veto_of("formation CACES R489", "formation CACES R482 pour nos conducteurs d'engins"),
            "Référentiels différents (CACES) : R482 demandé, R489 proposé");
  EXPECT_EQ(veto_of("formation habilitation électrique NF C18-510",
                    "formation habilitation électrique NF C 18-550 véhicules"),
            "Référentiels différents (NF C 18) : C18-550 demandé, C18-510 proposé");
  EXPECT_EQ(veto_of("broyat plastique PVC", "cherche broyat plastique PP", "matiere"),
            "Polymères différents : PVC offert, PP demandé");
  EXPECT_EQ(veto_of("eaux pluviales de toiture", "eau potable obligatoire pour le process", "eau"),
            "Eau potable exigée : l'eau offerte n'est pas potable");
  EXPECT_EQ(veto_of("fûts plastique non alimentaires, rincés",
                    "fûts plastique pour contact alimentaire", "dechet"),
            "Contact alimentaire exigé : l'offre a contenu des produits non alimentaires");
  EXPECT_EQ(veto_of("solvants usagés", "reprise de déchets, PAS de déchets dangereux", "dechet"),
            "Ressource exclue par l'une des fiches : produits chimiques (« pas de », « sans »)");
  EXPECT_EQ(veto_of("solvants usagés", "Nous reprenons les solvants, pas de produits dangereux",
                    "dechet"),
            "Déchets dangereux exclus par le besoin");
  EXPECT_EQ(veto_of("bois classe B", "bois classe A uniquement pour chaudière", "dechet"),
            "Bois classe A exigé, classe B offert");
}

TEST_F(MatchScorerTest, DistanceVetoDependsOnWhatTravels) {
  Company a{"a", "Datacenter"}, b{"b", "Piscine"}, c{"c", "Menuiserie"};
  a.lat = 48.10;
  a.lon = -1.70;
  b.lat = 48.19;  // 10 km north
  b.lon = -1.70;
  c.lat = 48.19;
  c.lon = -1.70;
  std::string veto;
  const auto heat =
      scorer_.Pair(Make(CardKind::kOffer, "a", "chaleur fatale des serveurs"), &a,
                   Make(CardKind::kNeed, "b", "chauffage des bassins"), &b, true, &veto);
  EXPECT_FALSE(heat);
  EXPECT_EQ(veto.rfind("Trop loin pour ce qui voyage (chaleur, froid et fluides) : 10", 0), 0u)
      << veto;
  // Pallets travel further than heat.
  EXPECT_TRUE(scorer_.Pair(Make(CardKind::kOffer, "a", "palettes bois"), &a,
                           Make(CardKind::kNeed, "c", "cherche palettes"), &c));
}

TEST_F(MatchScorerTest, DistanceAndEssBridge) {
  Company a{"a", "Menuiserie Lebreton"};
  a.lat = 48.1262;
  a.lon = -1.6031;
  Company b{"b", "ESAT Les Ateliers du Blosne"};
  b.lat = 48.1113;
  b.lon = -1.6800;
  b.ess = true;
  const auto offer = Make(CardKind::kOffer, "a", "palettes bois");
  const auto need = Make(CardKind::kNeed, "b", "palettes bois");
  const auto m = Pair(offer, need, &a, &b);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->kind, SynergyKind::kEssBridge);
  EXPECT_EQ(m->key, "ess:k1|k2");
  EXPECT_TRUE(HasReason(*m, "Distance : 5,9 km")) << ::testing::PrintToString(m->reasons);
  EXPECT_TRUE(HasReason(*m, "Structure ESS : ESAT Les Ateliers du Blosne"));
}

TEST_F(MatchScorerTest, InverseSeasonsMakeSharedStaff) {
  const auto m = Pair(Make(CardKind::kNeed, "a", "personnel saisonnier",
                           [](Card& c) {
                             c.months = {7, 8};
                           }),
                      Make(CardKind::kNeed, "b", "renforts en production",
                           [](Card& c) { c.availability = "l'hiver"; }));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->kind, SynergyKind::kMutualisation);
  EXPECT_TRUE(HasReason(*m, "Saisons complémentaires"));
  EXPECT_FALSE(Pair(Make(CardKind::kNeed, "a", "saisonniers", [](Card& c) { c.months = {7}; }),
                    Make(CardKind::kNeed, "b", "saisonniers", [](Card& c) { c.months = {7}; })));
}

TEST_F(MatchScorerTest, IdleStaffInTheSeasonNeeded) {
  const auto m = Pair(Make(CardKind::kOffer, "a", "salariés disponibles (creux d'activité)",
                           [](Card& c) {
                             c.months = {7, 8};
                           }),
                      Make(CardKind::kNeed, "b", "personnel saisonnier", [](Card& c) {
                        c.months = {7, 8};
                      }));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->kind, SynergyKind::kMutualisation);
  EXPECT_TRUE(HasReason(*m,
                        "Saisons complémentaires : besoin en juillet\u2013août, disponible en "
                        "juillet\u2013août"));
}

TEST_F(MatchScorerTest, NoPairWithinACompanyOrBetweenTwoOffers) {
  EXPECT_FALSE(Pair(Make(CardKind::kOffer, "a", "palettes bois"),
                    Make(CardKind::kNeed, "a", "palettes bois")));
  EXPECT_FALSE(Pair(Make(CardKind::kOffer, "a", "palettes bois"),
                    Make(CardKind::kOffer, "b", "palettes bois")));
}

TEST_F(MatchScorerTest, PurposeIsNotTheResource) {
  EXPECT_FALSE(Pair(Make(CardKind::kOffer, "a", "gravats concassés"),
                    Make(CardKind::kNeed, "b", "big bags pour gravats")));
}

TEST_F(MatchScorerTest, HazardousWasteDoesNotGoToAPlainMaterialNeed) {
  const auto solvents = Make(CardKind::kOffer, "a", "solvants usagés, fûts de 200 L");
  EXPECT_TRUE(solvents.hazardous);
  EXPECT_FALSE(Pair(solvents, Make(CardKind::kNeed, "b", "cherche solvant pour dégraissage")));
  // Same rule for a code marked * without a hazardous word.
  const auto coded =
      Make(CardKind::kOffer, "a", "fûts vides", [](Card& c) { c.waste_code = "15 01 10*"; });
  EXPECT_FALSE(Pair(coded, Make(CardKind::kNeed, "b", "besoin de fûts métalliques")));
}

TEST_F(MatchScorerTest, HazardousWasteGoesToACollectorWithTheReasons) {
  const auto oil = Make(CardKind::kOffer, "a", "huiles de vidange moteur");
  const auto m = Pair(oil, Make(CardKind::kNeed, "b", "Collecte d'huiles minérales usagées"));
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->hazardous);
  EXPECT_TRUE(HasReason(*m, "Déchet dangereux (huile de vidange) : ")) << m->reasons.back();
  EXPECT_TRUE(HasReason(*m, "Repreneur : b collecte ou traite des déchets"));
  // A need that gives the hazardous code knows what it asks for.
  EXPECT_TRUE(
      Pair(Make(CardKind::kOffer, "a", "fûts vides", [](Card& c) { c.waste_code = "15 01 10*"; }),
           Make(CardKind::kNeed, "b", "besoin de fûts métalliques",
                [](Card& c) { c.waste_code = "15 01 10*"; })));
}

TEST_F(MatchScorerTest, WasteOperatorActivityCodeMakesATaker) {
  Company plant{"b", "Ouest Dépollution"};
  plant.naf = "38.22Z";
  Company compost{"c", "Compost'Ille"};
  compost.naf = "38.21Z";  // non-hazardous waste only
  const auto batteries = Make(CardKind::kOffer, "a", "batteries PL HS");
  EXPECT_TRUE(
      Pair(batteries, Make(CardKind::kNeed, "b", "reprise de batteries usagées"), nullptr, &plant));
  EXPECT_FALSE(Pair(batteries, Make(CardKind::kNeed, "c", "reprise de batteries usagées"), nullptr,
                    &compost));
}

TEST_F(MatchScorerTest, ProducerLookingForAChannelIsNoTaker) {
  EXPECT_FALSE(Pair(Make(CardKind::kOffer, "a", "batteries PL HS"),
                    Make(CardKind::kNeed, "b", "cherche une filière agréée pour nos batteries")));
}

TEST_F(MatchScorerTest, CollectorNeedSayingEvacuationStillTakes) {
  Company plant{"b", "Ouest Dépollution"};
  plant.naf = "38.22Z";
  const auto need = Make(CardKind::kNeed, "b", "Désamiantage : évacuation de l'amiante");
  EXPECT_TRUE(need.disposal);
  EXPECT_TRUE(
      Pair(Make(CardKind::kOffer, "a", "plaques fibrociment amiantées"), need, nullptr, &plant));
}

TEST_F(MatchScorerTest, CollectorOfferMeetsANeedToGetRidOfHazardousWaste) {
  const auto m = Pair(Make(CardKind::kOffer, "a", "Collecte des DEEE et néons, filière agréée"),
                      Make(CardKind::kNeed, "b", "évacuer nos DEEE de chantier"));
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->hazardous);
  EXPECT_TRUE(HasReason(*m, "Repreneur : a"));
}

TEST_F(MatchScorerTest, HazardInAPurposeCountsOnlyForMaterials) {
  EXPECT_TRUE(
      Make(CardKind::kOffer, "a", "fûts métalliques ayant contenu des solvants usagés").hazardous);
  EXPECT_FALSE(Make(CardKind::kOffer, "a", "bacs de rétention pour solvants usagés").hazardous);
  EXPECT_FALSE(Make(CardKind::kOffer, "a", "gravats sans amiante").hazardous);
  EXPECT_FALSE(Make(CardKind::kOffer, "a", "PC portables réformés").hazardous);
}

TEST_F(MatchScorerTest, NeedToGetRidOfGoodsWantsATakerNotMoreGoods) {
  const auto disposal =
      Make(CardKind::kNeed, "b", "fin de bail, besoin de se debarasser de vieux meubles");
  EXPECT_TRUE(disposal.disposal);
  EXPECT_FALSE(
      Pair(Make(CardKind::kOffer, "a", "mobilier de bureau suite déménagement"), disposal));
  EXPECT_TRUE(Pair(Make(CardKind::kOffer, "c", "collecte de mobilier réutilisable"), disposal));
}

TEST_F(MatchScorerTest, ReuseCollectionIsNotWasteCollection) {
  const auto waste = Make(CardKind::kNeed, "b", "collecte des déchets de bureau");
  EXPECT_FALSE(
      Pair(Make(CardKind::kOffer, "a", "Ressourcerie : collecte d'objets réutilisables"), waste));
  EXPECT_FALSE(Pair(Make(CardKind::kOffer, "a", "collecte de mobilier"), waste));
  EXPECT_TRUE(Pair(Make(CardKind::kOffer, "a", "collecte sélective des déchets de bureau"), waste));
  // And the other way: a waste collector is not where reusable furniture goes.
  EXPECT_FALSE(Pair(Make(CardKind::kOffer, "a", "collecte des déchets en mélange"),
                    Make(CardKind::kNeed, "b", "dons de meubles et objets réutilisables")));
  EXPECT_TRUE(Pair(Make(CardKind::kOffer, "a", "collecte de mobilier, on passe avec le camion"),
                   Make(CardKind::kNeed, "b", "vieux meubles de bureau à faire enlever")));
}

TEST_F(MatchScorerTest, AListInParenthesesNamesWhatTheCardIsAbout) {
  // "(portes, fenêtres, carrelage)" lists what is taken; "(déballage palettes)" is a detail.
  const auto taker = Make(CardKind::kNeed, "a",
                          "on récupère vos matériaux de réemploi (portes, fenêtres, carrelage)",
                          [](Card& c) { c.category = "service"; });
  const auto doors = Make(CardKind::kOffer, "b", "portes intérieures démontées, réutilisables",
                          [](Card& c) { c.category = "dechet"; });
  EXPECT_GE(taker.items.size(), 3u);
  ASSERT_TRUE(Pair(doors, taker));
  // A decimal comma in parentheses is a number, not a list.
  EXPECT_EQ(Make(CardKind::kOffer, "c", "sciure de bois (2,5 t par mois)").items.size(), 1u);
  const auto detail = Make(CardKind::kOffer, "c", "film étirable (déballage palettes)");
  for (const auto& c : detail.concepts) {
    if (Lexicon::Default().ConceptAt(c.concept_index).id == "palettes_bois") {
      EXPECT_LT(c.weight, 0.5);
    }
  }
}

TEST_F(MatchScorerTest, AContainerThatHeldAHazardousSubstanceIsHazardous) {
  const auto grv = Make(CardKind::kOffer, "a", "GRV 1000 L ayant contenu de l'acide sulfurique",
                        [](Card& c) { c.category = "equipement"; });
  EXPECT_TRUE(grv.hazardous);
  const auto rinsed = Make(CardKind::kOffer, "a", "GRV 1000 L alimentaires rincés (sirop)",
                           [](Card& c) { c.category = "equipement"; });
  EXPECT_FALSE(rinsed.hazardous);
  EXPECT_FALSE(Pair(grv, Make(CardKind::kNeed, "b", "GRV 1000 L pour l'arrosage du jardin")));
}

TEST_F(MatchScorerTest, WhatTravelsFurtherReachesFurther) {
  // 7 km apart: too far for warm water, not for heat at 250 °C through a network; 40 km: too far
  // for a canteen's lunch, not for meals the caterer delivers.
  Company a{"a", "A", "", "", "", 48.00, -1.60, 0, false};
  Company b{"b", "B", "", "", "", 48.063, -1.60, 0, false};
  Company far{"b", "B", "", "", "", 48.36, -1.60, 0, false};
  auto energy = [](Card& c) { c.category = "energie"; };
  const auto need = Make(CardKind::kNeed, "b", "réseau de chaleur : sources de chaleur", energy);
  EXPECT_FALSE(
      Pair(Make(CardKind::kOffer, "a", "chaleur fatale, eau tiède 35°C", energy), need, &a, &b));
  EXPECT_TRUE(Pair(Make(CardKind::kOffer, "a", "chaleur fatale des fours, fumées 250°C", energy),
                   need, &a, &b));
  auto service = [](Card& c) { c.category = "service"; };
  const auto lunch = Make(CardKind::kNeed, "b", "repas du midi pour 90 salariés", service);
  EXPECT_FALSE(
      Pair(Make(CardKind::kOffer, "a", "restaurant d'entreprise : 50 repas libres", service), lunch,
           &a, &far));
  EXPECT_TRUE(Pair(Make(CardKind::kOffer, "a", "repas en liaison froide, livraison", service),
                   lunch, &a, &far));
}

}  // namespace
}  // namespace atelier::match
