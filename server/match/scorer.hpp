#pragma once

#include <optional>
#include <string>
#include <vector>

#include "server/match/card_profile.hpp"
#include "server/match/lexicon.hpp"
#include "server/match/types.hpp"

namespace atelier::match {

// Thresholds of the engine. The defaults are tuned on tests/eval; see docs/matching.md.
struct MatchOptions {
  double show_threshold = 0.40;  // a pair below this score is not shown
  double min_similarity = 0.30;  // below this, what the cards are about differs: no pair
  // Candidate caps of the index, so that a card about a broad family ("bois", "formation") costs
  // the same on a 100k catalogue as on a workshop. Newest cards first; results only depend on
  // insertion order when a cap binds, which never happens at workshop scale.
  int max_postings_per_key = 1000;  // cards scanned per concept, word or code
  int max_token_postings = 300;     // a free word shared by more cards says little
  int max_candidates = 1000;        // cards scored per new card
  // A new card keeps its best pairs only (ties by key). Far above what a workshop produces; it
  // bounds memory on dense territory catalogues, where it makes the kept set depend on order.
  int max_pairs_per_card = 24;
};

// Scores one pair of cards, or one group of needs, and writes the reasons. Pure function of its
// inputs (profiles and companies), which is what makes the engine's results independent of the
// order cards arrive in. Immutable: safe to share.
class Scorer {
 public:
  // What the two cards' texts have in common, before context (code, seasons, distance).
  struct Similarity {
    double value = 0;
    bool vetoed = false;   // NOT-same concepts, or a concept one card excludes
    bool lexical = false;  // decided by the recall floor (shared rare words), not the lexicon
    int excluded = -1;     // the concept one card excludes and the other names ("pas de plastique")
    std::string reason;
    // What decided it, for Match.evidence: "<offer concept>><need concept>", "<concept>>filiere:
    // <route>" or "mots:<shared words>". Written with the reason only.
    std::string subject;
  };

  Scorer(const Lexicon& lexicon, MatchOptions options);

  // `explain` = false skips the reason, for the hot path of the index.
  // `collected`: `need` is a collector's offer of what `offer` is; its concepts count as what it is
  // about, whatever the category it was filed under.
  Similarity Compare(const CardProfile& offer, const CardProfile& need, bool explain = true,
                     bool collected = false) const;

  // The synergy between cards of two different companies, or nullopt. `ca`, `cb` may be null.
  // With `explain` = false only kind and score are set (no key, ids or reasons): for ranking.
  // `veto`, when given, receives the constraint that rules out a pair the texts would make
  // ("Températures incompatibles : …"); left alone otherwise.
  std::optional<Match> Pair(const CardProfile& a, const Company* ca, const CardProfile& b,
                            const Company* cb, bool explain = true,
                            std::string* veto = nullptr) const;

  // A mutualisation group as the engine keeps it, so that a group of hundreds of cards is redrawn
  // without sorting or looking anything up. Pointers into the engine's cards and companies.
  struct GroupInput {
    std::vector<const CardProfile*> needs;           // sorted by card id
    std::vector<const CardProfile*> providers;       // sorted by card id
    std::vector<const Company*> provider_companies;  // one per provider, may be null
    std::vector<const std::string*> company_ids;     // of needs and providers: sorted, distinct
    int need_company_count = 0;                      // distinct companies among the needs
    std::vector<const std::string*> terms;  // the needs' words for the concept: sorted, distinct
    double farthest_km = -1;                // between the needs' companies, < 0 when unknown
  };

  // The mutualisation of `concept` between the group's needs (from at least two companies) and
  // the providers that offer it.
  Match Group(int concept_index, const GroupInput& group) const;

  // Farthest distance between two of `companies`, or -1 when there is no pair or one of them has
  // no position.
  static double FarthestKm(const std::vector<const Company*>& companies);

  static std::string GroupKey(const Lexicon& lexicon, int concept_index);

  // Whether an offer is a collector's service, which meets producers' offers as a need would:
  // the card says so ("nous collectons", filed as a service with taker words), or it is addressed
  // to others' waste with a taker word ("collecte de vos huiles"), or its company's activity is
  // the collection, treatment or recovery of waste (NAF 38.1, 38.2, 38.3, 39) and the card takes,
  // buys or lists several resources ("achat ferreux, non ferreux, alu, inox"), not one product.
  static bool Collects(const CardProfile& p, const Company* company);

  // Whether a need can be pooled with another company's like need (a trainer, a service, a
  // purchase, a delivery round, shared staff that is not seasonal): two such needs saying the same
  // thing make a mutualisation pair, unless a group of the lexicon's poolable concepts
  // (`mut:<concept>`) already holds them both.
  static bool Pools(const CardProfile& p);
  const MatchOptions& options() const { return options_; }

 private:
  std::string FamilyChain(int from, int to) const;

  const Lexicon& lexicon_;
  MatchOptions options_;
};

}  // namespace atelier::match
