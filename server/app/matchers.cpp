#include "server/app/matchers.hpp"

#include <optional>
#include <set>
#include <unordered_map>

#include "server/match/engine.hpp"
#include "server/match/waste_catalogue.hpp"

namespace atelier::app {

namespace {

// EngineMatcher: the matching engine behind a live workshop, translating the
// wire types. Not thread-safe: used on the workshop's strand.
class EngineMatcher final : public workshop::Matcher {
 public:
  workshop::MatchChanges UpsertCompany(const v1::Company& c) override {
    match::Company company;
    company.id = c.id();
    company.name = c.name();
    company.siret = c.siret();
    company.naf = c.naf();
    company.zone = c.zone();
    if (c.has_location()) {
      company.lat = c.lat();
      company.lon = c.lon();
    }
    company.headcount = c.headcount();
    company.ess = c.ess();
    return Convert(engine_.UpsertCompany(company));
  }
  workshop::MatchChanges Add(const v1::Card& card) override {
    local_.insert(card.id());
    return Convert(engine_.Add(Read(card)));
  }
  workshop::MatchChanges Update(const v1::Card& card) override {
    return Convert(engine_.Update(Read(card)));
  }
  workshop::MatchChanges Remove(const std::string& card_id) override {
    local_.erase(card_id);
    return Convert(engine_.Remove(card_id));
  }
  void SetEarlierCards(const std::vector<workshop::EarlierCard>& cards) override {
    // Indexed to be found by this workshop's cards; their matches among
    // themselves are never computed (nor shown).
    std::vector<match::Card> references;
    references.reserve(cards.size());
    for (const auto& e : cards) {
      if (earlier_companies_.insert(e.card.company_id()).second) {
        match::Company company;
        company.id = e.card.company_id();
        company.name = e.summary.company_name();
        company.ess = e.company_ess;
        engine_.UpsertCompany(company);
      }
      earlier_[e.card.id()] = e.summary;
      references.push_back(ToEngine(e.card));
    }
    engine_.AddReferences(references);
  }
  void SetTerritoryEvidence(const workshop::TerritoryEvidence& evidence) override {
    for (const auto& [subject, verdicts] : evidence) {
      match::Evidence& e = evidence_[subject];
      e.territory_validated = verdicts.validated;
      e.territory_rejected = verdicts.rejected;
      engine_.SetEvidence(subject, e);
    }
  }
  bool HasTerritoryEvidence(const std::string& subject) const override {
    const auto it = evidence_.find(subject);
    return it != evidence_.end() &&
           (it->second.territory_validated || it->second.territory_rejected);
  }
  workshop::MatchChanges SetEvidence(const std::string& subject,
                                     const std::map<std::string, int>& verdicts) override {
    match::Evidence& e = evidence_[subject];
    e.here = verdicts;
    return Convert(engine_.SetEvidence(subject, e));
  }
  std::vector<v1::Match> Current() const override {
    std::vector<v1::Match> out;
    std::set<std::string> seen;
    for (const auto& id : local_) {
      for (const match::Match& m : engine_.ForCard(id)) {
        if (!seen.insert(m.key).second) continue;
        if (auto w = ToWire(m)) out.push_back(std::move(*w));
      }
    }
    return out;
  }
  bool IsHazardousCard(const v1::Card& card) const override {
    // The workshop asks before it adds the card: the profile is kept for that Add, so the text
    // is analysed once per post.
    read_ = engine_.Read(ToEngine(card));
    return read_->hazardous;
  }
  bool IsHazardousWaste(const std::string& code) const override {
    const auto* entry = match::WasteCatalogue::Default().Find(code);
    return entry && entry->hazardous;
  }

 private:
  // The profile IsHazardousCard read for this card's content, else a fresh one. The workshop asks
  // before it numbers the card, and what is read does not depend on the ids.
  match::CardProfile Read(const v1::Card& c) {
    match::Card card = ToEngine(c);
    if (read_) {
      match::Card asked = card;
      asked.id = read_->card.id;
      asked.company_id = read_->card.company_id;
      if (read_->card == asked) {
        match::CardProfile p = std::move(*read_);
        read_.reset();
        p.card = std::move(card);
        return p;
      }
    }
    read_.reset();
    return engine_.Read(card);
  }
  static match::Card ToEngine(const v1::Card& c) {
    match::Card card;
    card.id = c.id();
    card.company_id = c.company_id();
    card.kind = c.kind() == v1::CARD_KIND_NEED ? match::CardKind::kNeed : match::CardKind::kOffer;
    card.category = c.category();
    card.text = c.text();
    if (c.has_quantity()) card.quantity = c.quantity();
    card.unit = c.unit();
    card.frequency = c.frequency();
    card.months.assign(c.months().begin(), c.months().end());
    card.availability = c.availability();
    card.waste_code = c.waste_code();
    return card;
  }
  static v1::SynergyKind Kind(match::SynergyKind k) {
    switch (k) {
      case match::SynergyKind::kSubstitution:
        return v1::SYNERGY_KIND_SUBSTITUTION;
      case match::SynergyKind::kMutualisation:
        return v1::SYNERGY_KIND_MUTUALISATION;
      case match::SynergyKind::kEssBridge:
        return v1::SYNERGY_KIND_ESS_BRIDGE;
    }
    return v1::SYNERGY_KIND_UNSPECIFIED;
  }
  // The match as this workshop shows it, or nothing when it involves none of
  // its cards (two earlier cards).
  std::optional<v1::Match> ToWire(const match::Match& m) const {
    bool local = false;
    for (const auto& id : m.card_ids) local |= local_.count(id) > 0;
    if (!local) return std::nullopt;
    v1::Match w;
    w.set_key(m.key);
    w.set_kind(Kind(m.kind));
    for (const auto& id : m.card_ids) {
      w.add_card_ids(id);
      if (auto it = earlier_.find(id); it != earlier_.end()) *w.add_earlier_cards() = it->second;
    }
    for (const auto& id : m.company_ids) {
      if (!earlier_companies_.count(id)) w.add_company_ids(id);
    }
    w.set_score(m.score);
    for (const auto& r : m.reasons) w.add_reasons(r);
    w.set_hazardous(m.hazardous);
    w.set_evidence(m.evidence);
    return w;
  }
  workshop::MatchChanges Convert(const match::MatchDelta& delta) const {
    workshop::MatchChanges out;
    out.removed_keys = delta.removed_keys;
    for (const match::Match& m : delta.upserted) {
      if (auto w = ToWire(m)) {
        out.upserted.push_back(std::move(*w));
      } else if (!earlier_.empty()) {
        // A group that lost its last card of this workshop.
        out.removed_keys.push_back(m.key);
      }
    }
    return out;
  }

  match::Engine engine_;
  mutable std::optional<match::CardProfile> read_;             // see IsHazardousCard
  std::set<std::string> local_;                                // this workshop's live cards
  std::unordered_map<std::string, v1::EarlierCard> earlier_;   // by composite card id
  std::set<std::string> earlier_companies_;                    // composite company ids
  std::unordered_map<std::string, match::Evidence> evidence_;  // what the room said, by subject
};

}  // namespace

MatcherFactory DefaultMatcherFactory() {
  return [] { return std::make_unique<EngineMatcher>(); };
}

workshop::EarlierCard EarlierCardOf(const store::EarlierCardRow& row) {
  workshop::EarlierCard e;
  e.card = row.card;
  // Ids are per workshop ("c12", "e3"): qualified by it, so that they never
  // meet this workshop's own.
  e.card.set_id(row.workshop_id + "/" + row.card.id());
  e.card.set_company_id(row.workshop_id + "/" + row.card.company_id());
  e.company_ess = row.company_ess;
  v1::EarlierCard& s = e.summary;
  s.set_card_id(e.card.id());
  s.set_workshop_id(row.workshop_id);
  s.set_workshop_title(row.workshop_title);
  s.set_workshop_date(row.workshop_date);
  s.set_company_name(row.company_name);
  s.set_kind(row.card.kind());
  s.set_category(row.card.category());
  s.set_text(row.card.text());
  s.set_visibility(row.card.visibility() == v1::VISIBILITY_UNSPECIFIED ? v1::VISIBILITY_ROOM
                                                                       : row.card.visibility());
  s.set_posted_at_ms(row.card.posted_at_ms());
  return e;
}

store::WordExpander LexiconExpander() {
  return [](const std::string& word) {
    const match::Lexicon& lexicon = match::Lexicon::Default();
    std::vector<std::string> terms;
    for (const auto& hit : lexicon.Analyze(word).hits) {
      if (hit.negated) continue;
      for (const auto& term : lexicon.TermsOf(hit.concept_index)) terms.push_back(term);
    }
    return terms;
  };
}

}  // namespace atelier::app
