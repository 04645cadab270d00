#include "server/match/card_profile.hpp"

#include <algorithm>
#include <cctype>

#include "server/match/calendar.hpp"
#include "server/match/reach.hpp"
#include "server/match/routes.hpp"

namespace atelier::match {
namespace {

// A concept whose category contradicts the card's still counts, at this weight: people pick
// categories fast, but "formation conduite de chariot" filed under formation is not a forklift.
constexpr double kCategoryMismatchWeight = 0.4;
// "Big bags pour gravats": gravats is what the big bags are for, not what is offered.
constexpr double kContextWeight = 0.4;
// Concepts after the first one of an item are often packaging or detail ("sciure en big bags").
constexpr double kSecondaryWeight = 0.75;
// Reach exceptions (data/portee-des-flux.tsv): heat offered at kNetworkHeatC or more travels
// kNetworkHeatKm through a heat network; a delivered service, kDeliveredKm.
constexpr int kNetworkHeatC = 80;
constexpr double kNetworkHeatKm = 8;
constexpr double kDeliveredKm = 50;

// "Renfort pour mise en sachet", "collecte pour réemploi": a service or a job described by its
// purpose is about that purpose too. For goods the purpose is only a use.
bool SameTrade(Category a, Category b) {
  auto people = [](Category c) { return c == Category::kService || c == Category::kRh; };
  return people(a) && people(b);
}

}  // namespace

CardProfile CardProfile::Build(const Card& card, const Lexicon& lexicon,
                               const WasteCatalogue& catalogue, const LexicalModel& model) {
  CardProfile p;
  p.card = card;
  Lexicon::Analysis analysis = lexicon.Analyze(card.text);
  p.residual = std::move(analysis.residual);
  for (const auto& words : analysis.items) {
    LexicalModel::Item item = model.Build(words);
    p.lexical_norm += item.norm;
    if (item.norm > 0) p.items.push_back(std::move(item));
  }
  {
    std::vector<LexicalModel::Feature> all;
    for (const auto& item : p.items)
      all.insert(all.end(), item.features.begin(), item.features.end());
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
      return a.id != b.id ? a.id < b.id : a.weight > b.weight;
    });
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (i == 0 || all[i].id != all[i - 1].id) p.lexical_norm += all[i].weight;
    }
  }

  const bool has_precise = std::any_of(analysis.hits.begin(), analysis.hits.end(), [&](auto& h) {
    return !h.negated && !lexicon.ConceptAt(h.concept_index).generic;
  });
  std::vector<Lexicon::Hit> wanted;
  for (auto& hit : analysis.hits) {
    if (hit.negated) {
      p.excluded.push_back(hit.concept_index);
    } else if (!(has_precise && lexicon.ConceptAt(hit.concept_index).generic)) {
      wanted.push_back(hit);
    }
  }

  p.category = ParseCategory(card.category);
  if (p.category == Category::kNone && !wanted.empty()) {
    const auto head =
        std::find_if(wanted.begin(), wanted.end(), [](auto& h) { return !h.context; });
    p.category =
        lexicon.ConceptAt((head == wanted.end() ? wanted.front() : *head).concept_index).category;
  }
  // A producer writes "sciure à valoriser"; a collector "nous valorisons", "collecteur agréé", or
  // files the card as a service.
  const bool service =
      p.category == Category::kService || p.category == Category::kLogistique ||
      (!wanted.empty() &&
       lexicon.ConceptAt(wanted.front().concept_index).category == Category::kService);
  const bool collects = analysis.taker_service || (analysis.taker && service);
  p.collector = card.kind == CardKind::kOffer && collects;
  {
    // Words as typed, folded to lower-case ASCII letters: the normalizer drops possessives.
    std::string word;
    auto flush = [&] {
      if (word == "vos" || word == "votre") p.addressed = true;
      if (word == "achat" || word == "achetons" || word == "rachat" || word == "rachetons" ||
          word == "rachete" || word == "achete")
        p.buys = true;
      word.clear();
    };
    for (char ch : card.text) {
      const unsigned char u = static_cast<unsigned char>(ch);
      if (std::isalpha(u)) {
        word.push_back(static_cast<char>(std::tolower(u)));
      } else if (u >= 0x80) {
        word.push_back('?');  // accented letters: none of the words above has one
      } else {
        flush();
      }
    }
    flush();
  }
  for (const auto& hit : wanted) {
    const Concept& c = lexicon.ConceptAt(hit.concept_index);
    double weight = CategoriesCompatible(c.category, p.category) ? 1.0 : kCategoryMismatchWeight;
    double agreed = 1.0;
    // The first concept of each item of a list is what that item is about: "nous reprenons
    // cartons, palettes, bidons" is about each of them.
    const Lexicon::Hit* first = wanted.data();
    const bool head = std::none_of(
        first, &hit, [&](const Lexicon::Hit& h) { return h.item == hit.item && !h.context; });
    if (hit.context && !SameTrade(c.category, p.category)) {
      weight = std::min(weight, kContextWeight);
      agreed = kContextWeight;
    } else if (!head) {
      weight = std::min(weight, kSecondaryWeight);
      agreed = kSecondaryWeight;
    }
    p.concepts.push_back(ConceptRef{hit.concept_index, weight, agreed, hit.term});
    if (hit.required) p.required.push_back(hit.concept_index);
    if (c.staff && !hit.context) p.staff = true;
    if (c.mutualisable && weight >= kSecondaryWeight) p.groups.push_back(hit.concept_index);
  }
  std::sort(p.concepts.begin(), p.concepts.end(), [](const ConceptRef& a, const ConceptRef& b) {
    return a.concept_index < b.concept_index;
  });
  std::sort(p.excluded.begin(), p.excluded.end());
  std::sort(p.groups.begin(), p.groups.end());

  // A hazardous resource counts when it is what the card is about, or, for a material or a
  // container, what it held or carries ("fûts ayant contenu des solvants", "GRV ayant contenu de
  // l'acide": packaging with residues of hazardous substances, 15 01 10* of the European List of
  // Waste, whatever category it was filed under); "bac de rétention pour solvants" is not.
  const int packaging = lexicon.Find("emballages");
  const int tank = lexicon.Find("cuve");
  const bool container = std::any_of(wanted.begin(), wanted.end(), [&](const Lexicon::Hit& h) {
    if (h.context) return false;
    for (int c = h.concept_index; c >= 0; c = lexicon.ConceptAt(c).parent) {
      if (c == packaging || c == tank) return true;
    }
    return false;
  });
  const bool material =
      p.category == Category::kMatiere || p.category == Category::kDechet || container;
  for (const auto& hit : wanted) {
    if (lexicon.ConceptAt(hit.concept_index).hazardous && (!hit.context || material)) {
      p.hazardous = true;
      p.hazard_concept = hit.concept_index;
      break;
    }
  }
  p.taker = analysis.taker;
  p.disposal = card.kind == CardKind::kNeed && analysis.disposal;

  {
    std::vector<int> about;
    for (const auto& hit : wanted) {
      if (!hit.context) about.push_back(hit.concept_index);
    }
    Routes::Found routes = Routes::Default().Find(analysis.items, analysis.lead_items, about);
    p.route_sources = std::move(routes.sources);
    p.route_outlets = std::move(routes.outlets);
    p.route_outlet_terms = std::move(routes.outlet_terms);
  }
  p.constraints = Constraints::Read(card.text + " " + card.availability);
  {
    // What travels: the head concept (first of the card, not a context), else the category.
    int head = -1;
    for (const auto& hit : wanted) {
      if (!hit.context) {
        head = hit.concept_index;
        break;
      }
    }
    if (const auto* reach = Reach::Default().Of(lexicon, head, p.category)) {
      p.reach_km = reach->km;
      p.reach_label = &reach->label;
    }
    // High-temperature heat feeds a heat network, which carries it further than warm water.
    if (p.reach_km > 0 && p.reach_km < kNetworkHeatKm && p.constraints.heat_c &&
        *p.constraints.heat_c >= kNetworkHeatC) {
      static const std::string kNetwork = "chaleur à haute température, par réseau";
      p.reach_km = kNetworkHeatKm;
      p.reach_label = &kNetwork;
    }
    // A service of presence the offerer delivers (meals in « liaison froide », a mobile crèche)
    // travels like its vans.
    const int delivery = lexicon.Find("transport");
    if (card.kind == CardKind::kOffer && p.reach_km > 0 && p.reach_km < kDeliveredKm &&
        p.category != Category::kEnergie && p.category != Category::kEau &&
        std::any_of(wanted.begin(), wanted.end(), [&](const Lexicon::Hit& h) {
          return h.concept_index == delivery && !h.context;
        })) {
      static const std::string kDelivered = "service livré par l'offreur";
      p.reach_km = kDeliveredKm;
      p.reach_label = &kDelivered;
    }
  }
  p.quantity = Quantity::FromCard(card.quantity, card.unit, card.frequency, card.text);
  p.months = Calendar::Months(card.months, card.availability, card.text);
  p.weekdays = Calendar::Weekdays(card.availability, card.text);
  p.waste_code = WasteCatalogue::Canonical(card.waste_code);
  if (!p.waste_code.empty()) p.waste = catalogue.Find(p.waste_code);
  if (p.waste) {
    // The European List of Waste names what the code is: its label is one more item for the
    // recall floor, at half weight (the card's own words say it better).
    std::vector<std::string> words;
    for (auto& t : lexicon.normalizer().Tokenize(p.waste->label)) {
      if (!t.negation && !t.purpose) words.push_back(std::move(t.word));
    }
    LexicalModel::Item item = model.Build(words);
    item.norm = 0;
    for (auto& f : item.features) {
      f.weight *= 0.5F;
      item.norm += f.weight;
    }
    p.lexical_norm += item.norm;
    if (item.norm > 0) p.items.push_back(std::move(item));
  }
  if (p.waste && p.waste->hazardous) {
    p.hazardous = true;
    if (card.kind == CardKind::kNeed) p.taker = true;
  }
  return p;
}

}  // namespace atelier::match
