#include "server/match/lexicon.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

namespace atelier::match {
namespace {

const Lexicon& L() { return Lexicon::Default(); }

// The concept ids a text names, in text order.
std::vector<std::string> Concepts(std::string_view text) {
  std::vector<std::string> ids;
  for (const auto& h : L().Analyze(text).hits) {
    ids.push_back((h.negated ? "!" : "") + L().ConceptAt(h.concept_index).id);
  }
  return ids;
}

std::string Head(std::string_view text) {
  const auto c = Concepts(text);
  return c.empty() ? "" : c.front();
}

TEST(LexiconTest, CoversEveryCategoryWithHundredsOfConcepts) {
  EXPECT_GE(L().size(), 180);
  std::set<Category> seen;
  for (int i = 0; i < L().size(); ++i) seen.insert(L().ConceptAt(i).category);
  EXPECT_EQ(seen.size(), 11u);
}

TEST(LexiconTest, NoWordBelongsToTwoConcepts) {
  EXPECT_TRUE(L().collisions().empty()) << L().collisions().front();
}

TEST(LexiconTest, SynonymsThatShareNoWordAreOneConcept) {
  EXPECT_EQ(Head("Fenwick"), "chariot_elevateur");
  EXPECT_EQ(Head("chariot élévateur"), "chariot_elevateur");
  EXPECT_EQ(Head("transpalette électrique"), "chariot_elevateur");
  for (auto t : {"gardiennage", "surveillance", "vigile", "rondes de nuit"}) {
    EXPECT_EQ(Head(t), "gardiennage") << t;
  }
  EXPECT_EQ(Head("sécurité du site"), "securite");
  EXPECT_EQ(Head("big bags"), "big_bag");
  EXPECT_EQ(Head("GRVS"), "big_bag");
  EXPECT_EQ(Head("cartons"), "carton");
  EXPECT_EQ(Head("emballages carton ondulé"), "carton");
  for (auto t : {"chaleur fatale", "récupération de chaleur", "calories"}) {
    EXPECT_EQ(Head(t), "chaleur_fatale") << t;
  }
}

TEST(LexiconTest, PluralsAccentsAndWordOrderDoNotMatter) {
  EXPECT_EQ(Head("PALETTE BOIS"), "palettes_bois");
  EXPECT_EQ(Head("bois de palettes"), "palettes_bois");
  EXPECT_EQ(Head("dechets verts"), "dechets_verts");
}

TEST(LexiconTest, FamiliesGoFromPalettesToWood) {
  const int pallets = L().Find("palettes_bois");
  int steps = 0;
  EXPECT_EQ(L().Relate(pallets, L().Find("emballages_bois"), &steps), Relation::kFamily);
  EXPECT_EQ(steps, 1);
  EXPECT_EQ(L().Relate(pallets, L().Find("bois"), &steps), Relation::kFamily);
  EXPECT_EQ(steps, 2);
}

TEST(LexiconTest, NotSamePairsWinOverSharedWords) {
  EXPECT_EQ(L().Relate(L().Find("huile_friture"), L().Find("huile_minerale")), Relation::kNotSame);
  EXPECT_EQ(Head("huile de friture usagée"), "huile_friture");
  EXPECT_EQ(Head("huiles hydrauliques"), "huile_minerale");
}

TEST(LexiconTest, PlasticPalletsAreOnlyWeaklyWoodPallets) {
  EXPECT_EQ(L().Relate(L().Find("palettes_bois"), L().Find("palettes_plastique")), Relation::kWeak);
  EXPECT_EQ(Head("palettes plastique"), "palettes_plastique");
}

TEST(LexiconTest, CorrectsTyposOnLongWordsOnly) {
  EXPECT_EQ(L().Correct("fenwik"), "fenwick");
  EXPECT_EQ(L().Correct("gardienage"), "gardiennage");
  EXPECT_EQ(L().Correct("plastqiue"), "plastique");  // transposition
  EXPECT_EQ(L().Correct("ligne"), "");               // short: too close to real words
  EXPECT_EQ(L().Correct("palette"), "");             // known
  EXPECT_EQ(L().Correct("xylophone"), "");           // nothing near
  EXPECT_EQ(Head("cherche fenwik"), "chariot_elevateur");
}

TEST(LexiconTest, NegatedConceptIsExcluded) {
  EXPECT_EQ(Concepts("palettes bois uniquement, pas de plastique"),
            (std::vector<std::string>{"palettes_bois", "!plastique"}));
}

TEST(LexiconTest, PurposeMarksContext) {
  const auto a = L().Analyze("big bags pour gravats");
  ASSERT_EQ(a.hits.size(), 2u);
  EXPECT_FALSE(a.hits[0].context);
  EXPECT_TRUE(a.hits[1].context);
}

TEST(LexiconTest, FlagsDriveMutualisationAndStaff) {
  EXPECT_TRUE(L().ConceptAt(L().Find("gardiennage")).mutualisable);
  EXPECT_TRUE(L().ConceptAt(L().Find("sst")).mutualisable);
  EXPECT_TRUE(L().ConceptAt(L().Find("saisonniers")).staff);
  EXPECT_FALSE(L().ConceptAt(L().Find("palettes_bois")).mutualisable);
}

TEST(LexiconTest, MalformedDataIsRejectedWithItsLine) {
  EXPECT_THROW(Lexicon("C|x|nowhere|-|-|a"), std::invalid_argument);
  EXPECT_THROW(Lexicon("C|x|matiere|missing_parent|-|a"), std::invalid_argument);
  EXPECT_THROW(Lexicon("Z|what"), std::invalid_argument);
  const Lexicon tiny("# comment\nC|a|matiere|-|-|pomme; fruit rouge\nC|b|matiere|a|-|poire\n");
  EXPECT_EQ(tiny.size(), 2);
  EXPECT_EQ(tiny.Relate(0, 1), Relation::kFamily);
}

TEST(LexiconTest, CollecteAloneIsVagueAndYieldsToWhatIsCollected) {
  EXPECT_EQ(Head("collecte des déchets"), "collecte_dechets");
  EXPECT_EQ(Head("Collecte des papiers et cartons"), "collecte_dechets");
  EXPECT_EQ(Head("collecte"), "collecte");
  EXPECT_TRUE(L().ConceptAt(L().Find("collecte")).generic);
  EXPECT_EQ(Concepts("collecte de mobilier"), (std::vector<std::string>{"collecte", "mobilier"}));
  EXPECT_EQ(Head("collecte d'objets réutilisables"), "reemploi");
  EXPECT_EQ(L().Relate(L().Find("collecte_dechets"), L().Find("reemploi")), Relation::kNotSame);
}

TEST(LexiconTest, HazardousResourcesAreFlaggedNotTheirProducts) {
  for (const char* id : {"solvants_usages", "huile_minerale", "batteries", "deee", "amiante"}) {
    EXPECT_TRUE(L().ConceptAt(L().Find(id)).hazardous) << id;
  }
  for (const char* id : {"solvants", "materiel_info", "electromenager", "gravats"}) {
    EXPECT_FALSE(L().ConceptAt(L().Find(id)).hazardous) << id;
  }
  EXPECT_EQ(Head("solvants souillés"), "solvants_usages");
  EXPECT_EQ(Head("solvant régénéré"), "solvants");
  EXPECT_EQ(Head("plaques fibrociment amiantées"), "amiante");
}

TEST(LexiconTest, TakerAndDisposalWords) {
  EXPECT_TRUE(L().Analyze("collecte de batteries, filière agréée").taker);
  EXPECT_TRUE(L().Analyze("on collecte vos DEEE").taker);
  EXPECT_TRUE(L().Analyze("colecte de piles").taker);  // corrected first
  EXPECT_FALSE(L().Analyze("cherche solvant régénéré").taker);
  EXPECT_FALSE(L().Analyze("cherche une filière agréée pour nos batteries").taker);
  EXPECT_TRUE(L().Analyze("besoin de se débarrasser de vieux meubles").disposal);
  EXPECT_TRUE(L().Analyze("palettes à évacuer").disposal);
  EXPECT_FALSE(L().Analyze("recherche palettes").disposal);
}

TEST(LexiconTest, CommonResourcesOfAWorkshop) {
  EXPECT_EQ(Head("réseau de chaleur"), "chaleur");
  EXPECT_EQ(Head("PDIE covoiturage"), "navette");
  EXPECT_EQ(Head("formation sécurité"), "formation_securite");
  EXPECT_EQ(L().Relate(L().Find("sst"), L().Find("formation_securite")), Relation::kFamily);
  EXPECT_EQ(Head("voiture de service"), "vehicule");
  EXPECT_EQ(Head("pots en verre"), "verre");
  EXPECT_EQ(Head("reliefs de repas"), "biodechets");
  EXPECT_EQ(Head("tourteaux"), "dreches");
  EXPECT_EQ(Head("station GNV"), "biogaz");
  EXPECT_EQ(Head("petit électroménager"), "electromenager");
}

}  // namespace
}  // namespace atelier::match
