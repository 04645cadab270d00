#include "server/app/matchers.hpp"

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
    return Convert(engine_.Add(ToEngine(card)));
  }
  workshop::MatchChanges Update(const v1::Card& card) override {
    return Convert(engine_.Update(ToEngine(card)));
  }
  workshop::MatchChanges Remove(const std::string& card_id) override {
    return Convert(engine_.Remove(card_id));
  }
  bool IsHazardousWaste(const std::string& code) const override {
    const auto* entry = match::WasteCatalogue::Default().Find(code);
    return entry && entry->hazardous;
  }

 private:
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
  static workshop::MatchChanges Convert(const match::MatchDelta& delta) {
    workshop::MatchChanges out;
    out.removed_keys = delta.removed_keys;
    for (const match::Match& m : delta.upserted) {
      v1::Match& w = out.upserted.emplace_back();
      w.set_key(m.key);
      w.set_kind(Kind(m.kind));
      for (const auto& id : m.card_ids) w.add_card_ids(id);
      for (const auto& id : m.company_ids) w.add_company_ids(id);
      w.set_score(m.score);
      for (const auto& r : m.reasons) w.add_reasons(r);
      w.set_hazardous(m.hazardous);
    }
    return out;
  }

  match::Engine engine_;
};

}  // namespace

MatcherFactory DefaultMatcherFactory() {
  return [] { return std::make_unique<EngineMatcher>(); };
}

}  // namespace atelier::app
