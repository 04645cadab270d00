#pragma once
// Matcher: what a workshop needs from a matching engine. The workshop feeds it
// cards and companies as they are committed and turns its deltas into events.
// Implementations are used from one thread (the workshop's actor).

#include <map>
#include <string>
#include <vector>

#include "atelier/v1/atelier.pb.h"

namespace atelier::workshop {

// A card of another workshop of the same territory: a read-only candidate for
// this workshop's cards, never one of its cards (it is in no event and no
// state). `card.id()` is already the composite id of `summary.card_id()`.
struct EarlierCard {
  v1::Card card;
  v1::EarlierCard summary;
  bool company_ess = false;
};

// What earlier workshops of the territory said of suggestions with one evidence
// (Match.evidence): how many validated one, how many only rejected one.
struct TerritoryVerdicts {
  int validated = 0;
  int rejected = 0;
};
using TerritoryEvidence = std::map<std::string, TerritoryVerdicts>;

struct MatchChanges {
  std::vector<v1::Match> upserted;
  std::vector<std::string> removed_keys;
};

class Matcher {
 public:
  virtual ~Matcher() = default;
  virtual MatchChanges UpsertCompany(const v1::Company& company) = 0;
  virtual MatchChanges Add(const v1::Card& card) = 0;
  virtual MatchChanges Update(const v1::Card& card) = 0;
  virtual MatchChanges Remove(const std::string& card_id) = 0;
  // Cards of earlier workshops to match this workshop's cards against. Matches
  // between two of them are never reported; a match with one carries its
  // summary in `earlier_cards`. REQUIRES: before any other call.
  virtual void SetEarlierCards(const std::vector<EarlierCard>& /*cards*/) {}
  // What the territory's earlier workshops said, by evidence. REQUIRES: before any other call.
  virtual void SetTerritoryEvidence(const TerritoryEvidence& /*evidence*/) {}
  virtual bool HasTerritoryEvidence(const std::string& /*evidence*/) const { return false; }
  // This workshop's verdicts on suggestions with `evidence` (match key -> +1 validated, -1
  // rejected or « pas pertinent »): the matches that carry it are re-ranked (never unvetoed).
  virtual MatchChanges SetEvidence(const std::string& /*evidence*/,
                                   const std::map<std::string, int>& /*verdicts*/) {
    return {};
  }
  // Every current match that involves at least one of this workshop's cards.
  virtual std::vector<v1::Match> Current() const { return {}; }
  // True for codes the European List of Waste marks hazardous (with a *).
  virtual bool IsHazardousWaste(const std::string& /*code*/) const { return false; }
  // True for a card of hazardous waste: its code, or a hazardous resource its
  // text names ("solvants usagés", "batteries au plomb").
  virtual bool IsHazardousCard(const v1::Card& card) const {
    return !card.waste_code().empty() && IsHazardousWaste(card.waste_code());
  }
};

// A matcher that never finds anything (tests of everything but matching).
class NullMatcher final : public Matcher {
 public:
  MatchChanges UpsertCompany(const v1::Company&) override { return {}; }
  MatchChanges Add(const v1::Card&) override { return {}; }
  MatchChanges Update(const v1::Card&) override { return {}; }
  MatchChanges Remove(const std::string&) override { return {}; }
};

}  // namespace atelier::workshop
