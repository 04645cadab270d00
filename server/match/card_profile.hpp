#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/match/category.hpp"
#include "server/match/constraints.hpp"
#include "server/match/lexical.hpp"
#include "server/match/lexicon.hpp"
#include "server/match/quantity.hpp"
#include "server/match/types.hpp"
#include "server/match/waste_catalogue.hpp"

namespace atelier::match {

// A card read once for matching: its concepts, remaining words, months, quantity and waste code.
// Built when the card is added so that scoring a pair does no text work. Plain value.
struct CardProfile {
  struct ConceptRef {
    int concept_index = -1;
    double weight = 1;  // lower when the concept's category contradicts the card's
    // The weight without that contradiction: two cards filed under the same
    // category and naming the same resource agree with each other ("big bags
    // vides" and "cherche des big bags", both under déchets).
    double agreed_weight = 1;
    std::string term;  // the lexicon term the card used
  };

  Card card;
  Category category = Category::kNone;  // as given, else inferred from the first concept
  std::vector<ConceptRef> concepts;     // wanted concepts, sorted by concept index
  std::vector<int> excluded;            // "pas de plastique"
  std::vector<int> required;            // "bois uniquement": a partner must name it or a kind of it
  Constraints constraints;              // temperatures, codes, polymers, potable, food contact
  // How far what the card is about travels (data/portee-des-flux.tsv): 0 when unlimited.
  double reach_km = 0;
  const std::string* reach_label = nullptr;
  std::vector<int> groups;            // mutualisable concepts this card pools on
  std::vector<std::string> residual;  // sorted words no concept covers
  // The recall floor's features, one entry per item of the card ("nous reprenons cartons,
  // palettes" has two); items without any feature are left out.
  std::vector<LexicalModel::Item> items;
  float lexical_norm = 0;  // sum of the weights of the items' distinct features
  // Recovery routes (data/filieres-valorisation.tsv) the card names a resource of, and an outlet
  // of ("méthaniseur", "paillage"), sorted; the outlet term found for each outlet route.
  std::vector<int> route_sources, route_outlets, route_outlet_terms;
  std::optional<Quantity> quantity;
  std::uint16_t months = 0;  // 0: unknown
  std::uint8_t weekdays = 0;
  std::string waste_code;                        // canonical "15 01 03" or ""
  const WasteCatalogue::Entry* waste = nullptr;  // nullptr when unknown
  bool staff = false;                            // about seasonal or idle staff
  // Hazardous waste: a code marked * or a hazardous resource named ("solvants usagés").
  bool hazardous = false;
  int hazard_concept = -1;  // the hazardous concept named, for the reason; -1 for a code alone
  // Says it collects or treats waste ("collecte", "filière agréée"); a need also by giving a
  // hazardous code. Such a card may receive hazardous waste.
  bool taker = false;
  // An offer of a collection or recovery service ("nous collectons / reprenons / valorisons ..."):
  // it meets the offers of what it collects, as a need would.
  bool collector = false;
  // Addressed to other companies' waste: a second-person possessive ("collecte de vos huiles",
  // "nous reprenons votre ferraille"), or a buying word ("achat ferraille", "rachat de métaux").
  bool addressed = false;
  bool buys = false;
  // A need to get rid of something ("vieux meubles à faire enlever"): a source, unless its
  // author takes waste (a collector's "évacuation de l'amiante").
  bool disposal = false;

  static CardProfile Build(const Card& card, const Lexicon& lexicon,
                           const WasteCatalogue& catalogue,
                           const LexicalModel& model = LexicalModel::Default());
};

}  // namespace atelier::match
