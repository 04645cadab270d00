#include "server/match/scorer.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <set>

#include "server/common/text.hpp"
#include "server/match/calendar.hpp"
#include "server/match/geo.hpp"
#include "server/match/routes.hpp"

namespace atelier::match {
namespace {

constexpr double kFamilyOneStep = 0.75;
constexpr double kFamilyTwoSteps = 0.6;
constexpr double kGenericFamily = 0.45;
constexpr double kWeak = 0.35;
constexpr double kSibling = 0.3;
constexpr double kSameCodeFloor = 0.7;
constexpr double kTextWeight = 0.8;
constexpr std::size_t kMaxNamedProviders = 3;
// Shared staff: two needs in inverse seasons, against idle staff lent in the season it is needed.
constexpr double kInverseSeasonsNeeds = 0.85;
constexpr double kStaffLoan = 0.08;

double TokenWeight(const std::string& w) { return w.size() >= 4 ? 1.0 : 0.5; }

// Share of the smaller card's free words that the other card also uses.
double TokenOverlap(const std::vector<std::string>& a, const std::vector<std::string>& b,
                    std::vector<std::string>* shared) {
  double wa = 0, wb = 0, ws = 0;
  bool strong = false;
  for (const auto& w : a) wa += TokenWeight(w);
  for (const auto& w : b) wb += TokenWeight(w);
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i < *j) {
      ++i;
    } else if (*j < *i) {
      ++j;
    } else {
      ws += TokenWeight(*i);
      strong = strong || i->size() >= 4;
      if (shared) shared->push_back(*i);
      ++i;
      ++j;
    }
  }
  if (!strong || wa == 0 || wb == 0) return 0;
  return ws / std::min(wa, wb);
}

// The recall floor (see Scorer::Compare): cosines under kFloorMin say nothing, kFloorFull and
// above give kFloorMax, which stays under a family relation of the lexicon.
constexpr double kPooledNeeds = 0.9;
constexpr double kFloorMin = 0.3;
constexpr double kFloorFull = 0.65;
constexpr double kFloorMax = 0.7;
constexpr double kFloorKnownApart = 0.8;

// Best cosine between an item of `a` and an item of `b`: a card naming several resources
// matches on each.
double BestItemCosine(const CardProfile& a, const CardProfile& b,
                      std::vector<std::string>* shared) {
  const LexicalModel& model = LexicalModel::Default();
  double best = 0;
  std::size_t bi = 0, bj = 0;
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    for (std::size_t j = 0; j < b.items.size(); ++j) {
      const double c = model.Similarity(a.items[i], b.items[j], nullptr);
      if (c > best) {
        best = c;
        bi = i;
        bj = j;
      }
    }
  }
  if (shared && best > 0) model.Similarity(a.items[bi], b.items[bj], shared);
  return best;
}

// Whether every word of `term` (a lexicon term as written) is among the card's words.
bool NamesTerm(const CardProfile& p, const std::string& term, const Lexicon& lexicon) {
  const auto tokens = lexicon.normalizer().Tokenize(term);
  if (tokens.empty()) return false;
  for (const auto& t : tokens) {
    bool found = false;
    for (const auto& item : p.items) {
      found = found || std::binary_search(item.words.begin(), item.words.end(), t.word);
    }
    if (!found) return false;
  }
  return true;
}

double Round3(double v) { return std::round(v * 1000.0) / 1000.0; }

// The evidence subject of a pair decided by shared words: the first three, sorted.
std::string WordsSubject(std::vector<std::string> words) {
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::string out = "mots:";
  for (std::size_t i = 0; i < words.size() && i < 3; ++i) out += (i ? "," : "") + words[i];
  return words.empty() ? std::string() : out;
}

std::string Shorten(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

std::string HazardReason(const CardProfile& p, const Lexicon& lexicon) {
  // The words the card used ("huiles de vidange"), else the concept's label.
  std::string what = lexicon.ConceptAt(std::max(p.hazard_concept, 0)).label;
  for (const auto& c : p.concepts) {
    if (c.concept_index == p.hazard_concept) what = c.term;
  }
  if (p.waste && p.waste->hazardous) what = "code " + p.waste_code + "*, " + p.waste->label;
  return "Déchet dangereux (" + what +
         ") : à valider avec un professionnel, filière agréée et traçabilité obligatoires";
}

// Companies whose activity code (NAF) is the collection or treatment of hazardous waste,
// dismantling, recovery of sorted waste, or remediation: 38.12, 38.22, 38.31, 38.32, 39.
bool WasteOperator(const Company* c) {
  if (!c) return false;
  std::string digits;
  for (char ch : c->naf) {
    if (ch >= '0' && ch <= '9') digits.push_back(ch);
  }
  for (const char* prefix : {"3812", "3822", "3831", "3832", "39"}) {
    if (digits.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

// Goods change hands; services, staff and training are provided.
bool Goods(Category c) {
  return c == Category::kMatiere || c == Category::kDechet || c == Category::kEquipement ||
         c == Category::kEnergie || c == Category::kEau;
}

// Companies whose activity (NAF) is the collection, treatment or recovery of waste, or
// remediation: division 38 (38.1 collection, 38.2 treatment, 38.3 recovery) and 39.
bool WasteCompany(const Company* c) {
  if (!c) return false;
  std::string digits;
  for (char ch : c->naf) {
    if (ch >= '0' && ch <= '9') digits.push_back(ch);
  }
  return digits.rfind("38", 0) == 0 || digits.rfind("39", 0) == 0;
}

constexpr double kGeneralHazardTaker = 0.8;

// A taker of hazardous waste in general, not of one kind (a DASRI or battery specialist): it
// names hazardous waste as such (« déchets dangereux », « produits chimiques », the word
// « dangereux » on a taker's card), or its company treats hazardous waste (NAF 38.22) and the
// card names no single hazardous kind.
bool GeneralHazardTaker(const CardProfile& p, const Company* c, const Lexicon& lexicon) {
  const int general = lexicon.Find("chimiques");  // "déchets dangereux", "produits chimiques"
  int kinds = 0;
  for (const auto& ref : p.concepts) {
    if (ref.concept_index == general) return true;
    kinds += lexicon.ConceptAt(ref.concept_index).hazardous;
  }
  const bool says_hazardous = std::any_of(p.residual.begin(), p.residual.end(),
                                          [](auto& w) { return w.rfind("dangereu", 0) == 0; });
  if (says_hazardous && (p.taker || p.collector)) return true;
  std::string digits;
  if (c) {
    for (char ch : c->naf) {
      if (ch >= '0' && ch <= '9') digits.push_back(ch);
    }
  }
  return digits.rfind("3822", 0) == 0 && (kinds != 1 || says_hazardous);
}

bool TakesHazardous(const CardProfile& p, const Company* c) { return p.taker || WasteOperator(c); }

std::optional<double> DistanceKm(const Company* a, const Company* b) {
  if (!a || !b || !a->lat || !a->lon || !b->lat || !b->lon) return std::nullopt;
  return HaversineKm(*a->lat, *a->lon, *b->lat, *b->lon);
}

}  // namespace

Scorer::Scorer(const Lexicon& lexicon, MatchOptions options)
    : lexicon_(lexicon), options_(options) {}

bool Scorer::Collects(const CardProfile& p, const Company* company) {
  if (p.card.kind != CardKind::kOffer) return false;
  if (p.collector) return true;
  if (p.taker && p.addressed) return true;
  return WasteCompany(company) && (p.taker || p.addressed || p.buys || p.items.size() >= 2);
}

bool Scorer::Pools(const CardProfile& p) {
  if (p.card.kind != CardKind::kNeed || p.disposal) return false;
  return !(p.staff && p.months);
}

std::string Scorer::GroupKey(const Lexicon& lexicon, int concept_index) {
  return "mut:" + lexicon.ConceptAt(concept_index).id;
}

std::string Scorer::FamilyChain(int from, int to) const {
  std::string out = lexicon_.ConceptAt(from).label;
  for (int c = lexicon_.ConceptAt(from).parent; c >= 0; c = lexicon_.ConceptAt(c).parent) {
    out += " → " + lexicon_.ConceptAt(c).label;
    if (c == to) break;
  }
  return out;
}

Scorer::Similarity Scorer::Compare(const CardProfile& a, const CardProfile& b, bool explain,
                                   bool collected) const {
  Similarity sim;
  // A concept one card explicitly excludes, or a descendant of it, vetoes the pair.
  auto excludes = [&](const CardProfile& x, const CardProfile& y) {
    for (int ex : x.excluded) {
      for (const auto& c : y.concepts) {
        const Relation r = lexicon_.Relate(ex, c.concept_index);
        if (r == Relation::kSame || r == Relation::kFamily) return ex;
      }
    }
    return -1;
  };
  if (int ex = std::max(excludes(a, b), excludes(b, a)); ex >= 0) {
    sim.vetoed = true;
    sim.excluded = ex;
    return sim;
  }
  double best = 0;
  bool not_same = false;
  const CardProfile::ConceptRef* best_a = nullptr;
  const CardProfile::ConceptRef* best_b = nullptr;
  Relation best_relation = Relation::kNone;
  bool best_named = false;  // a NOT-same pair both cards name with the same words
  for (const auto& ca : a.concepts) {
    for (const auto& cb : b.concepts) {
      int steps = 0;
      const Relation r = lexicon_.Relate(ca.concept_index, cb.concept_index, &steps);
      double v = 0;
      Relation seen = r;
      switch (r) {
        case Relation::kSame:
          v = 1.0;
          break;
        case Relation::kFamily:
          // A vague card ("formation", "eau") is not evidence for each precise one under it.
          v = lexicon_.ConceptAt(ca.concept_index).generic ||
                      lexicon_.ConceptAt(cb.concept_index).generic
                  ? kGenericFamily
                  : (steps == 1 ? kFamilyOneStep : kFamilyTwoSteps);
          break;
        case Relation::kWeak:
          v = kWeak;
          break;
        case Relation::kSibling:
          v = kSibling;
          break;
        case Relation::kNotSame:
          // Two cards filed alike, one naming the other's very words ("cuves IBC 1000 L" and
          // "cuves 1000 L"), are about the same thing whatever the lexicon tells apart.
          if (a.category != b.category || a.category == Category::kNone ||
              !(NamesTerm(a, cb.term, lexicon_) || NamesTerm(b, ca.term, lexicon_))) {
            not_same = true;
          } else {
            v = kFamilyOneStep;
            seen = Relation::kSame;
          }
          break;
        case Relation::kNone:
          break;
      }
      // A collector's card is about what it collects, whatever category it was filed under.
      const bool agree = collected || (seen == Relation::kSame && a.category == b.category &&
                                       a.category != Category::kNone);
      v *= agree ? std::min(ca.agreed_weight, cb.agreed_weight) : std::min(ca.weight, cb.weight);
      if (v > best) {
        best = v;
        best_a = &ca;
        best_b = &cb;
        best_relation = seen;
        best_named = seen != r;
      }
    }
  }
  // A recovery route: what the offer is can become what the need does ("coques de cacao" ->
  // "paillage"). As strong as a parent/child relation of the lexicon.
  int route = -1;
  if (best < kFamilyOneStep) {
    std::size_t j = 0;
    for (int r : a.route_sources) {
      while (j < b.route_outlets.size() && b.route_outlets[j] < r) ++j;
      if (j < b.route_outlets.size() && b.route_outlets[j] == r) {
        route = static_cast<int>(j);
        break;
      }
    }
  }
  std::vector<std::string> shared;
  const double overlap = TokenOverlap(a.residual, b.residual, explain ? &shared : nullptr);
  if (route >= 0 && !not_same) {
    sim.value = std::min(1.0, kFamilyOneStep + 0.1 * overlap);
    if (explain) {
      const Routes::Route& r = Routes::Default().At(b.route_outlets[route]);
      std::string what = best_a ? best_a->term : r.id;
      if (!a.concepts.empty() && !best_a) what = a.concepts.front().term;
      sim.reason = "Filière de valorisation : " + what + " → " +
                   r.outlet_labels[b.route_outlet_terms[route]] + " (" + r.operation + ")";
      const CardProfile::ConceptRef* source =
          best_a ? best_a : (a.concepts.empty() ? nullptr : &a.concepts.front());
      sim.subject = (source ? lexicon_.ConceptAt(source->concept_index).id : std::string("mots")) +
                    ">filiere:" + r.id;
    }
    return sim;
  }
  if (not_same && best_relation != Relation::kSame) {
    sim.vetoed = true;
    return sim;
  }
  // The recall floor: what the words of the best pair of items share, weighted by rarity. It
  // ranks under lexicon evidence (at most kFloorMax), never overrides a relation the lexicon
  // knows (weak pairs, siblings), and counts less when the lexicon names a resource on both sides
  // and relates neither.
  const double concept_value = best > 0 ? std::min(1.0, best + 0.1 * overlap) : 0;
  double floor = 0;
  std::vector<std::string> floor_words;
  // The floor also lifts a weak concept evidence (a resource named in passing, or under a
  // category that contradicts it) when the items' words agree; it stays under the relations the
  // lexicon knows (weak pairs, siblings). Two cards filed under the same category agree on what
  // kind of thing is exchanged: their shared rare words count in full.
  const bool related_apart =
      best_relation == Relation::kWeak || best_relation == Relation::kSibling;
  if (!related_apart && concept_value < kFloorMax) {
    const double cosine = BestItemCosine(a, b, explain ? &floor_words : nullptr);
    if (cosine >= kFloorMin) {
      floor = kFloorMax * std::min(1.0, cosine / kFloorFull);
      const bool same_category = a.category == b.category && a.category != Category::kNone;
      if (!a.concepts.empty() && !b.concepts.empty() && !same_category) floor *= kFloorKnownApart;
    }
  }
  if (floor > concept_value &&
      floor > (a.concepts.empty() || b.concepts.empty() ? 0.7 : 0.3) * overlap) {
    sim.value = floor;
    sim.lexical = true;
    if (explain) {
      std::sort(floor_words.begin(), floor_words.end());
      floor_words.erase(std::unique(floor_words.begin(), floor_words.end()), floor_words.end());
      std::string words;
      for (const auto& w : floor_words) words += (words.empty() ? "" : ", ") + w;
      sim.reason = "Mots proches : " + words;
      sim.subject = WordsSubject(floor_words);
    }
    return sim;
  }
  if (best > 0) {
    sim.value = concept_value;
    if (!explain) return sim;
    const Concept& c = lexicon_.ConceptAt(best_a->concept_index);
    sim.subject = c.id + ">" + lexicon_.ConceptAt(best_b->concept_index).id;
    switch (best_relation) {
      case Relation::kSame:
        if (best_named) {
          sim.reason = "Mêmes mots des deux côtés : " +
                       (NamesTerm(a, best_b->term, lexicon_) ? best_b->term : best_a->term);
        } else if (best_a->term == best_b->term ||
                   common::FoldedEquals(best_a->term, best_b->term)) {
          sim.reason = "Même ressource : " + c.label;
        } else {
          sim.reason = "Synonymes : " + best_a->term + " ≈ " + best_b->term;
        }
        break;
      case Relation::kFamily: {
        int steps = 0;
        lexicon_.Relate(best_a->concept_index, best_b->concept_index, &steps);
        bool a_is_child = false;
        for (int p = c.parent; p >= 0; p = lexicon_.ConceptAt(p).parent) {
          if (p == best_b->concept_index) a_is_child = true;
        }
        sim.reason = "Même famille : " +
                     (a_is_child ? FamilyChain(best_a->concept_index, best_b->concept_index)
                                 : FamilyChain(best_b->concept_index, best_a->concept_index));
        break;
      }
      default:
        sim.reason = "Ressources proches mais différentes : " + best_a->term + " / " + best_b->term;
    }
  } else if (!a.concepts.empty() && !b.concepts.empty()) {
    sim.value = 0.3 * overlap;
  } else {
    sim.value = 0.7 * overlap;
  }
  if (explain && best == 0 && overlap > 0) {
    std::string words;
    for (const auto& w : shared) words += (words.empty() ? "" : ", ") + w;
    sim.reason = "Mots en commun : " + words;
    sim.subject = WordsSubject(shared);
  }
  return sim;
}

std::optional<Match> Scorer::Pair(const CardProfile& a, const Company* ca, const CardProfile& b,
                                  const Company* cb, bool explain, std::string* veto) const {
  // A pair the texts would make but a constraint rules out: nullopt, and the reason in `veto`.
  auto vetoed = [&](auto&& reason) -> std::optional<Match> {
    if (veto) *veto = reason();
    return std::nullopt;
  };
  if (a.card.company_id == b.card.company_id) return std::nullopt;
  const bool a_offer = a.card.kind == CardKind::kOffer;
  const bool b_offer = b.card.kind == CardKind::kOffer;
  // Two offers meet only when one is a collector's service ("nous reprenons vos palettes") and
  // the other what it collects: the collector stands where a need would.
  const bool both_offers = a_offer && b_offer;
  const bool a_collects = both_offers && Collects(a, ca);
  if (both_offers && a_collects == Collects(b, cb)) return std::nullopt;
  const bool both_needs = !a_offer && !b_offer;
  // Shared staff between needs only works when the seasons do not overlap.
  const bool inverse_staff =
      both_needs && a.staff && b.staff && a.months && b.months && !(a.months & b.months);
  // Two like needs pooled (one trainer, one service, one purchase), unless a group holds both.
  bool pooled = both_needs && !inverse_staff && Pools(a) && Pools(b);
  if (pooled) {
    for (int g : a.groups)
      pooled = pooled && !std::binary_search(b.groups.begin(), b.groups.end(), g);
  }
  if (both_needs && !inverse_staff && !pooled) return std::nullopt;
  const CardProfile& offer = both_offers
                                 ? (a_collects ? b : a)
                                 : ((a_offer || (both_needs && a.card.id < b.card.id)) ? a : b);
  const CardProfile& need = &offer == &a ? b : a;
  // What a collector takes is waste or material, not equipment lent or space let.
  if (both_offers && offer.category != Category::kDechet && offer.category != Category::kMatiere &&
      offer.category != Category::kNone) {
    return std::nullopt;
  }
  const Company* offer_company = &offer == &a ? ca : cb;
  const Company* need_company = &offer == &a ? cb : ca;

  // A need addressed to what others have ("on récupère vos matériaux"), like a collector's offer,
  // is about what it takes, whatever category it was filed under.
  Similarity sim = Compare(offer, need, explain, /*collected=*/both_offers || need.addressed);
  if (sim.excluded >= 0) {
    return vetoed([&] {
      return "Ressource exclue par l'une des fiches : " + lexicon_.ConceptAt(sim.excluded).label +
             " (« pas de », « sans »)";
    });
  }
  if (sim.vetoed) return std::nullopt;
  // A taker of hazardous waste in general (« collecte des déchets dangereux », or a company
  // treating hazardous waste, NAF 38.22, that names no particular kind) takes any hazardous
  // waste offered, whatever the lexicon relates; what it excludes was checked above.
  bool general_taker = false;
  if (offer.hazardous && sim.value < kGeneralHazardTaker &&
      (both_offers || need.taker || WasteCompany(need_company))) {
    general_taker = GeneralHazardTaker(need, need_company, lexicon_);
    if (general_taker) {
      sim.value = kGeneralHazardTaker;
      sim.lexical = false;
      if (explain) {
        sim.reason = "Repreneur de déchets dangereux en général : " +
                     (need_company ? need_company->name : need.card.company_id);
        sim.subject = (offer.hazard_concept >= 0 ? lexicon_.ConceptAt(offer.hazard_concept).id
                                                 : "code:" + offer.waste_code) +
                      ">repreneur-dangereux";
      }
    }
  }
  const bool same_code = !offer.waste_code.empty() && offer.waste_code == need.waste_code;
  if (same_code) sim.value = std::max(sim.value, kSameCodeFloor);
  if (explain && sim.subject.empty() && same_code) sim.subject = "code:" + offer.waste_code;
  // A collector's service is filed under services: that is what collecting waste is.
  // Nor is the category of a collector's offer filed as waste a contradiction: it meets the
  // needs of a collection service.
  if (!both_offers && !offer.collector && !CategoriesCompatible(offer.category, need.category)) {
    sim.value *= 0.7;
  }
  if (sim.value < options_.min_similarity) return std::nullopt;

  // Hazardous waste offered only goes to a need that can take it (a collector, a treatment
  // plant), or to a collector's offer when the need is to get rid of hazardous waste: a plain
  // "cherche matière" need never receives it.
  const bool check_takers = !both_needs && (offer.hazardous || need.hazardous || need.disposal);
  const bool need_takes = check_takers && TakesHazardous(need, need_company);
  const bool offer_takes = check_takers && TakesHazardous(offer, offer_company);
  if (!both_needs && offer.hazardous && !need_takes && !(offer_takes && need.hazardous)) {
    return vetoed([&] {
      return "Déchet dangereux : " + (need_company ? need_company->name : need.card.company_id) +
             " n'est pas un repreneur agréé";
    });
  }
  if (!both_needs && offer.hazardous && need.constraints.refuses_hazardous) {
    return vetoed([] { return std::string("Déchets dangereux exclus par le besoin"); });
  }
  // A need to get rid of goods is a second source of them: it wants a taker, not more goods.
  if (!both_needs && need.disposal && !need_takes && Goods(offer.category) && !offer_takes) {
    return std::nullopt;
  }
  // Constraints veto: a match whose reasons would state a contradiction is not shown.
  if (!both_needs || pooled) {
    std::string contradiction = Contradiction(offer.constraints, need.constraints);
    if (contradiction.empty() && (both_offers || pooled)) {
      contradiction = Contradiction(need.constraints, offer.constraints);
    }
    if (!contradiction.empty()) return vetoed([&] { return contradiction; });
  }
  for (const CardProfile* side : {&offer, &need}) {
    const CardProfile& other = side == &offer ? need : offer;
    if (side->required.empty() || other.concepts.empty()) continue;
    bool met = false;
    for (int r : side->required) {
      for (const auto& c : other.concepts) {
        const Relation rel = lexicon_.Relate(r, c.concept_index);
        met = met || rel == Relation::kSame || rel == Relation::kFamily;
      }
    }
    if (!met) {
      return vetoed([&] {
        return "Exigence non remplie : « " + lexicon_.ConceptAt(side->required.front()).label +
               " » exigé";
      });
    }
  }
  if (!both_needs && offer.months && need.months && offer.months != Calendar::kAllMonths &&
      need.months != Calendar::kAllMonths &&
      !(offer.staff && need.staff && !(offer.months & need.months))) {
    // The offer must cover the need's core period: one month of up to four, a third of more.
    const int wanted = std::popcount(need.months);
    const int covered = std::popcount(static_cast<std::uint16_t>(offer.months & need.months));
    if (covered < (wanted <= 4 ? 1 : (wanted + 2) / 3)) {
      return vetoed([&] {
        return "Calendriers incompatibles : besoin en " + Calendar::DescribeMonths(need.months) +
               ", disponible en " + Calendar::DescribeMonths(offer.months);
      });
    }
  }
  if (offer.weekdays && need.weekdays && !(offer.weekdays & need.weekdays)) {
    return vetoed([&] {
      return "Jours incompatibles : besoin le " + Calendar::DescribeWeekdays(need.weekdays) +
             ", disponible le " + Calendar::DescribeWeekdays(offer.weekdays);
    });
  }
  const std::optional<double> km = DistanceKm(offer_company, need_company);
  {
    const CardProfile& travels = offer.reach_km > 0 ? offer : need;
    if (km && travels.reach_km > 0 && *km > travels.reach_km) {
      return vetoed([&] {
        return "Trop loin pour ce qui voyage (" + *travels.reach_label +
               ") : " + FormatFrench(*km) + " km, " + FormatFrench(travels.reach_km, 0) +
               " km au plus";
      });
    }
  }

  Match m;
  double score = kTextWeight * sim.value;
  if (explain && !sim.reason.empty()) m.reasons.push_back(sim.reason);

  if (same_code) {
    score += 0.1;
    if (explain)
      m.reasons.push_back("Code déchet identique " + offer.waste_code +
                          (offer.waste ? " (" + offer.waste->label + ")" : std::string()));
  } else if (offer.waste_code.size() == 8 && need.waste_code.size() == 8 &&
             offer.waste_code.compare(0, 5, need.waste_code, 0, 5) == 0) {
    score += 0.04;
    const std::string sub = offer.waste_code.substr(0, 5);
    const auto* entry = WasteCatalogue::Default().Find(sub);
    if (explain)
      m.reasons.push_back("Même sous-chapitre de la liste des déchets " + sub +
                          (entry ? " (" + entry->label + ")" : std::string()));
  }
  if (!both_offers && offer.category != Category::kNone && need.category != Category::kNone) {
    if (offer.category == need.category) {
      score += 0.03;
      if (explain)
        m.reasons.push_back("Même catégorie : " + std::string(CategoryLabel(offer.category)));
    } else if (CategoriesCompatible(offer.category, need.category)) {
      if (explain)
        m.reasons.push_back(
            "Catégories compatibles : " + std::string(CategoryLabel(offer.category)) + " → " +
            std::string(CategoryLabel(need.category)));
    }
  }
  const bool staff_pair = offer.staff && need.staff;
  // Idle staff only helps in the season it is idle.
  if (staff_pair && !both_needs && offer.months && need.months && !(offer.months & need.months)) {
    return std::nullopt;
  }
  if (offer.months && need.months && offer.months != Calendar::kAllMonths &&
      need.months != Calendar::kAllMonths) {
    if (both_needs) {
      // Two needs in inverse seasons are an idea to explore; a company lending idle staff in the
      // season another needs it is a synergy ready to go, and ranks above.
      score *= kInverseSeasonsNeeds;
      if (explain)
        m.reasons.push_back("Saisons complémentaires : besoin en " +
                            Calendar::DescribeMonths(offer.months) + " d'un côté, en " +
                            Calendar::DescribeMonths(need.months) + " de l'autre");
    } else if (offer.months & need.months) {
      score += staff_pair ? kStaffLoan : 0.04;
      if (explain)
        m.reasons.push_back(
            std::string(staff_pair ? "Saisons complémentaires" : "Saisons compatibles") +
            " : besoin en " + Calendar::DescribeMonths(need.months) + ", disponible en " +
            Calendar::DescribeMonths(offer.months));
    }
  }
  if (offer.weekdays && need.weekdays) {
    if (offer.weekdays & need.weekdays) {
      score += 0.02;
      if (explain)
        m.reasons.push_back("Jours compatibles : " +
                            Calendar::DescribeWeekdays(offer.weekdays & need.weekdays));
    }
  }
  if (!both_needs && offer.quantity && need.quantity &&
      offer.quantity->dimension == need.quantity->dimension) {
    const double o = offer.quantity->BasePerMonth();
    const double n = need.quantity->BasePerMonth();
    const double ratio = n > 0 ? o / n : 0;
    const std::string both = !explain
                                 ? std::string()
                                 : offer.quantity->Describe() + " offertes pour " +
                                       need.quantity->DescribeIn(*offer.quantity) + " demandées";
    if (ratio >= 0.5 && ratio <= 20) {
      score += 0.04;
      if (explain) m.reasons.push_back("Quantités compatibles : " + both);
    } else if (ratio >= 0.05 && ratio < 0.5) {
      if (explain) m.reasons.push_back("Quantités partielles : " + both);
    } else {
      score *= 0.85;
      if (explain) m.reasons.push_back("Quantités très différentes : " + both);
    }
  }
  if (km) {
    if (*km <= 5) {
      score += 0.04;
    } else if (*km <= 20) {
      score += 0.02;
    } else if (*km > 60) {
      score *= 0.85;
    }
    if (explain) m.reasons.push_back("Distance : " + FormatFrench(*km) + " km");
  }

  const bool offer_ess = offer_company && offer_company->ess;
  const bool need_ess = need_company && need_company->ess;
  if (both_offers && explain) {
    m.reasons.push_back(
        "Collecte proposée : " + (need_company ? need_company->name : need.card.company_id) +
        " propose de reprendre ce que " +
        (offer_company ? offer_company->name : offer.card.company_id) + " offre");
  }
  if (pooled) {
    // A need met by an offer is ready to go; two companies with the same need still have to
    // organise it together: a pooled pair ranks under an offer of the same strength.
    score *= kPooledNeeds;
    m.kind = SynergyKind::kMutualisation;
    if (explain) {
      m.key = "pool:" + offer.card.id + "|" + need.card.id;
      m.reasons.insert(m.reasons.begin(), "Besoin commun à mutualiser entre les deux entreprises");
    }
  } else if (staff_pair || both_needs) {
    m.kind = SynergyKind::kMutualisation;
    if (explain) m.key = "staff:" + offer.card.id + "|" + need.card.id;
    if (explain)
      m.reasons.insert(m.reasons.begin(),
                       "Emploi partagé : saisons inverses entre les deux entreprises");
  } else if (offer_ess != need_ess) {
    m.kind = SynergyKind::kEssBridge;
    if (explain) m.key = "ess:" + offer.card.id + "|" + need.card.id;
    score += 0.03;
    const Company* ess = offer_ess ? offer_company : need_company;
    if (explain) m.reasons.push_back("Structure ESS : " + ess->name);
  } else {
    m.kind = SynergyKind::kSubstitution;
    if (explain) m.key = "sub:" + offer.card.id + "|" + need.card.id;
  }
  if (offer.hazardous || need.hazardous) {
    m.hazardous = true;
    if (explain) {
      m.reasons.push_back(HazardReason(offer.hazardous ? offer : need, lexicon_));
      const bool need_receives = offer.hazardous && need_takes;
      if (need_receives || (offer_takes && need.hazardous)) {
        const Company* taker = need_receives ? need_company : offer_company;
        const CardProfile& taker_card = need_receives ? need : offer;
        m.reasons.push_back("Repreneur : " + (taker ? taker->name : taker_card.card.company_id) +
                            " collecte ou traite des déchets, agrément et bordereau de suivi à "
                            "vérifier");
      }
    }
  }
  m.score = Round3(std::clamp(score, 0.0, 1.0));
  if (m.score < options_.show_threshold) return std::nullopt;
  if (!explain) return m;  // the index only ranks: key and ids are written when shown
  if (!sim.subject.empty()) {
    m.evidence = std::string(pooled                       ? "pool:"
                             : (staff_pair || both_needs) ? "staff:"
                                                          : "flow:") +
                 sim.subject;
  }
  m.card_ids = {offer.card.id, need.card.id};
  m.company_ids = {offer.card.company_id};
  if (need.card.company_id != offer.card.company_id) m.company_ids.push_back(need.card.company_id);
  return m;
}

double Scorer::FarthestKm(const std::vector<const Company*>& companies) {
  double max_km = -1;
  for (std::size_t i = 0; i < companies.size(); ++i) {
    for (std::size_t j = i + 1; j < companies.size(); ++j) {
      const auto km = DistanceKm(companies[i], companies[j]);
      if (!km) return -1;
      max_km = std::max(max_km, *km);
    }
  }
  return max_km;
}

Match Scorer::Group(int concept_index, const GroupInput& group) const {
  Match m;
  m.kind = SynergyKind::kMutualisation;
  m.key = GroupKey(lexicon_, concept_index);
  m.evidence = "group:" + lexicon_.ConceptAt(concept_index).id;
  m.card_ids.reserve(group.needs.size() + group.providers.size());
  for (const CardProfile* p : group.needs) m.card_ids.push_back(p->card.id);
  for (const CardProfile* p : group.providers) m.card_ids.push_back(p->card.id);
  m.company_ids.reserve(group.company_ids.size());
  for (const std::string* c : group.company_ids) m.company_ids.push_back(*c);
  const int n = group.need_company_count;
  const Concept& c = lexicon_.ConceptAt(concept_index);
  m.reasons.push_back("Besoin commun à " + std::to_string(n) + " entreprises : " + c.label);
  if (group.terms.size() > 1) {
    std::string list;
    int shown = 0;
    for (const std::string* t : group.terms) {
      if (shown++ == 4) break;
      list += (list.empty() ? "" : " ≈ ") + *t;
    }
    m.reasons.push_back("Synonymes : " + list);
  }
  double score = 0.6 + 0.1 * std::min(n - 1, 3);
  if (group.farthest_km >= 0) {
    m.reasons.push_back("Distance : sites à " + FormatFrench(group.farthest_km) +
                        " km au plus les uns des autres");
    if (group.farthest_km <= 5) score += 0.03;
  }
  std::set<std::string> named;
  // A board card names a few providers; the others are in card_ids.
  for (std::size_t i = 0; i < group.providers.size() && named.size() < kMaxNamedProviders; ++i) {
    const Company* pc = group.provider_companies[i];
    const std::string& who = pc ? pc->name : group.providers[i]->card.company_id;
    if (!named.insert(who).second) continue;
    m.reasons.push_back("Prestataire possible : " + who + " propose « " +
                        Shorten(group.providers[i]->card.text, 80) + " »");
    if (pc && pc->ess) m.reasons.push_back("Structure ESS : " + pc->name);
  }
  m.score = Round3(std::min(score, 0.95));
  return m;
}

}  // namespace atelier::match
