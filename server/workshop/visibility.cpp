#include "server/workshop/visibility.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <set>
#include <string_view>

namespace atelier::workshop {

namespace {

// SipHash-2-4 (Aumasson and Bernstein): a keyed hash, so that an opaque key
// cannot be computed from the card ids without the server's secret.
uint64_t Rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

uint64_t SipHash(uint64_t k0, uint64_t k1, std::string_view in) {
  uint64_t v0 = 0x736f6d6570736575ULL ^ k0;
  uint64_t v1 = 0x646f72616e646f6dULL ^ k1;
  uint64_t v2 = 0x6c7967656e657261ULL ^ k0;
  uint64_t v3 = 0x7465646279746573ULL ^ k1;
  auto round = [&] {
    v0 += v1;
    v1 = Rotl(v1, 13);
    v1 ^= v0;
    v0 = Rotl(v0, 32);
    v2 += v3;
    v3 = Rotl(v3, 16);
    v3 ^= v2;
    v0 += v3;
    v3 = Rotl(v3, 21);
    v3 ^= v0;
    v2 += v1;
    v1 = Rotl(v1, 17);
    v1 ^= v2;
    v2 = Rotl(v2, 32);
  };
  const size_t n = in.size();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t m = 0;
    for (int b = 0; b < 8; ++b) m |= uint64_t{static_cast<unsigned char>(in[i + b])} << (8 * b);
    v3 ^= m;
    round();
    round();
    v0 ^= m;
  }
  uint64_t last = uint64_t{n & 0xff} << 56;
  for (size_t b = 0; i + b < n; ++b) {
    last |= uint64_t{static_cast<unsigned char>(in[i + b])} << (8 * b);
  }
  v3 ^= last;
  round();
  round();
  v0 ^= last;
  v2 ^= 0xff;
  for (int r = 0; r < 4; ++r) round();
  return v0 ^ v1 ^ v2 ^ v3;
}

bool Contains(const google::protobuf::RepeatedPtrField<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// Of a card's copy in an event and its current version, the stricter
// visibility: a card moved to « animateurs » stays hidden in replays of the
// events from before the move.
v1::Visibility Strictest(const WorkshopState& state, const v1::Card& copy) {
  auto rank = [](v1::Visibility v) {
    return v == v1::VISIBILITY_FACILITATORS ? 2 : v == v1::VISIBILITY_ANONYMOUS ? 1 : 0;
  };
  v1::Visibility v = copy.visibility();
  if (const v1::Card* now = state.FindCard(copy.id()); now && rank(now->visibility()) > rank(v)) {
    v = now->visibility();
  }
  return v;
}

bool OwnCompany(const Viewer& viewer, const std::string& company) {
  return !viewer.company_id.empty() && viewer.company_id == company;
}

bool Sees(const WorkshopState& state, const Viewer& viewer, const v1::Card& card) {
  return viewer.is_facilitator() || OwnCompany(viewer, card.company_id()) ||
         Strictest(state, card) != v1::VISIBILITY_FACILITATORS;
}

// True when `card` is anonymous to `viewer`: its company, and everything that
// points at it, stays hidden until a synergy on it is confirmed.
bool HidesCompany(const WorkshopState& state, const Viewer& viewer, const v1::Card& card) {
  return !viewer.is_facilitator() && !OwnCompany(viewer, card.company_id()) &&
         Strictest(state, card) == v1::VISIBILITY_ANONYMOUS && !state.IsRevealed(card.id());
}

// The companies that cards of `card_ids` keep hidden from `viewer`.
std::set<std::string> HiddenCompanies(const WorkshopState& state, const Viewer& viewer,
                                      const google::protobuf::RepeatedPtrField<std::string>& ids) {
  std::set<std::string> hidden;
  for (const auto& id : ids) {
    const v1::Card* card = state.FindCard(id);
    if (card && HidesCompany(state, viewer, *card)) hidden.insert(card->company_id());
  }
  return hidden;
}

void RemoveAll(google::protobuf::RepeatedPtrField<std::string>* list,
               const std::set<std::string>& gone) {
  list->erase(std::remove_if(list->begin(), list->end(),
                             [&](const std::string& s) { return gone.count(s) > 0; }),
              list->end());
}

// Reasons that would single out a hidden company: its name, its distance
// (with every company's coordinates in the room), its ESS status, its trade.
void DropRevealingReasons(const WorkshopState& state, const std::set<std::string>& hidden,
                          v1::Match* match) {
  static constexpr std::array<std::string_view, 4> kRevealing = {
      "Distance", "Structure ESS", "Repreneur", "Prestataire possible"};
  std::vector<std::string> names;
  for (const auto& id : hidden) {
    const v1::Company* c = state.FindCompany(id);
    if (c && !c->name().empty()) names.push_back(c->name());
    names.push_back(id);
  }
  auto* reasons = match->mutable_reasons();
  reasons->erase(std::remove_if(reasons->begin(), reasons->end(),
                                [&](const std::string& r) {
                                  for (std::string_view p : kRevealing) {
                                    if (r.rfind(p, 0) == 0) return true;
                                  }
                                  for (const auto& name : names) {
                                    if (r.find(name) != std::string::npos) return true;
                                  }
                                  return false;
                                }),
                 reasons->end());
}

bool RedactCard(const WorkshopState& state, const Viewer& viewer, v1::Card* card) {
  if (!Sees(state, viewer, *card)) return false;
  if (HidesCompany(state, viewer, *card)) {
    card->clear_company_id();
    card->clear_author();
    card->clear_table();
  }
  return true;
}

bool Interested(const WorkshopState& state, const std::string& key, const std::string& company) {
  const auto* reactions = state.ReactionsTo(key);
  if (!reactions) return false;
  auto it = reactions->find(company);
  return it != reactions->end() && it->second == v1::REACTION_INTERESTED;
}

}  // namespace

Visibility::Visibility(const std::string& key_secret)
    : k0_(SipHash(0x61746c6965720001ULL, 0, key_secret)),
      k1_(SipHash(0x61746c6965720002ULL, 0, key_secret)) {}

std::string Visibility::OpaqueKey(const std::string& key) const {
  char out[18];
  std::snprintf(out, sizeof out, "k%016llx",
                static_cast<unsigned long long>(SipHash(k0_, k1_, key)));
  return out;
}

bool Visibility::CanSeeCard(const WorkshopState& state, const Viewer& viewer,
                            const v1::Card& card) const {
  return Sees(state, viewer, card);
}

bool Visibility::CanSeeMatch(const WorkshopState& state, const Viewer& viewer,
                             const v1::Match& match) const {
  if (viewer.is_facilitator()) return true;
  if (match.earlier_cards_size() > 0) {
    // A match with another workshop's card is for the companies it involves
    // here and for the board; a card that workshop kept for its facilitators
    // stays with facilitators.
    const bool involved =
        !viewer.company_id.empty() && Contains(match.company_ids(), viewer.company_id);
    if (viewer.role != v1::ROLE_BOARD && !involved) return false;
    for (const auto& earlier : match.earlier_cards()) {
      if (earlier.visibility() == v1::VISIBILITY_FACILITATORS) return false;
    }
  }
  for (const auto& id : match.card_ids()) {
    const v1::Card* card = state.FindCard(id);
    if (card && !Sees(state, viewer, *card)) return false;
  }
  return true;
}

bool Visibility::CanSeeContact(const WorkshopState& state, const Viewer& viewer,
                               const std::string& company) const {
  if (viewer.is_facilitator() || OwnCompany(viewer, company)) return true;
  if (viewer.company_id.empty()) return false;
  const std::string& me = viewer.company_id;
  for (const auto& [id, s] : state.synergies()) {
    if (s.status() == v1::SYNERGY_STATUS_ABANDONED || s.match_key().empty()) continue;
    if (!Contains(s.company_ids(), me) || !Contains(s.company_ids(), company)) continue;
    if (!Interested(state, s.match_key(), me) || !Interested(state, s.match_key(), company)) {
      continue;
    }
    if (HiddenCompanies(state, viewer, s.card_ids()).count(company)) continue;
    // Nor when the synergy stands on a card of theirs this viewer may not see.
    bool unseen = false;
    for (const auto& card_id : s.card_ids()) {
      const v1::Card* card = state.FindCard(card_id);
      unseen |= card && card->company_id() == company && !Sees(state, viewer, *card);
    }
    if (!unseen) return true;
  }
  return false;
}

const v1::Match* Visibility::ResolveMatch(const WorkshopState& state, const Viewer& viewer,
                                          const std::string& key) const {
  const v1::Match* match = nullptr;
  if (viewer.is_facilitator()) match = state.FindMatch(key);
  if (!match) {
    auto it = opaque_to_key_.find(key);
    if (it == opaque_to_key_.end() || !state.FindMatch(it->second)) {
      for (const auto& real : state.MatchKeys()) opaque_to_key_.emplace(OpaqueKey(real), real);
      it = opaque_to_key_.find(key);
    }
    if (it != opaque_to_key_.end()) match = state.FindMatch(it->second);
  }
  if (!match || !CanSeeMatch(state, viewer, *match)) return nullptr;
  return match;
}

namespace {

// The parts of Visibility that need its key.
struct Redaction {
  const Visibility& rules;
  const WorkshopState& state;
  const Viewer& viewer;

  std::string Key(const std::string& key) const {
    return viewer.is_facilitator() || key.empty() ? key : rules.OpaqueKey(key);
  }

  bool Match(v1::Match* match) const {
    if (!rules.CanSeeMatch(state, viewer, *match)) return false;
    for (auto& earlier : *match->mutable_earlier_cards()) {
      if (earlier.visibility() == v1::VISIBILITY_ANONYMOUS) earlier.clear_company_name();
    }
    std::set<std::string> hidden = HiddenCompanies(state, viewer, match->card_ids());
    if (!hidden.empty()) {
      RemoveAll(match->mutable_company_ids(), hidden);
      DropRevealingReasons(state, hidden, match);
      // « ESS bridge » would say which company it is when one ESS structure is in the room,
      // and the score's last digits carry its distance: both coarsened.
      for (const auto& id : hidden) {
        const v1::Company* c = state.FindCompany(id);
        if (c && c->ess() && match->kind() == v1::SYNERGY_KIND_ESS_BRIDGE) {
          match->set_kind(v1::SYNERGY_KIND_SUBSTITUTION);
        }
      }
      match->set_score(std::round(match->score() * 10) / 10);
    }
    match->set_key(Key(match->key()));
    return true;
  }

  void Company(v1::Company* company) const {
    if (!rules.CanSeeContact(state, viewer, company->id())) company->clear_contact();
  }

  // A person's name is for the facilitators and their own company's devices; the room sees
  // which company joined, at which table. Facilitators' names are the room's to know.
  void Participant(v1::Participant* p) const {
    if (p->role() == v1::ROLE_FACILITATOR || OwnCompany(viewer, p->company_id())) return;
    p->clear_name();
  }

  void Synergy(v1::Synergy* s) const {
    // Involved in this version and (for a replayed one) still involved now.
    const v1::Synergy* now = state.FindSynergy(s->id());
    const bool involved = !viewer.company_id.empty() &&
                          Contains(s->company_ids(), viewer.company_id) &&
                          (!now || Contains(now->company_ids(), viewer.company_id));
    std::set<std::string> unseen;
    for (const auto& id : s->card_ids()) {
      const v1::Card* card = state.FindCard(id);
      if (card && !Sees(state, viewer, *card)) unseen.insert(id);
    }
    if (!unseen.empty()) {
      // Its title may be the hidden card's text.
      RemoveAll(s->mutable_card_ids(), unseen);
      s->clear_title();
    }
    std::set<std::string> hidden = HiddenCompanies(state, viewer, s->card_ids());
    for (const auto& id : unseen) {
      const v1::Card* card = state.FindCard(id);
      if (!OwnCompany(viewer, card->company_id())) hidden.insert(card->company_id());
    }
    if (involved) {
      for (const auto& c : s->company_ids()) {
        if (c == viewer.company_id || hidden.count(c) || !rules.CanSeeContact(state, viewer, c)) {
          continue;
        }
        const v1::Company* company = state.FindCompany(c);
        if (!company) continue;
        v1::Company* partner = s->add_partners();
        partner->set_id(company->id());
        partner->set_name(company->name());
        partner->set_contact(company->contact());
      }
    }
    RemoveAll(s->mutable_company_ids(), hidden);
    s->set_match_key(Key(s->match_key()));
    if (!involved) {
      // Follow-up is for the facilitators and the companies concerned.
      v1::Synergy kept;
      kept.set_id(s->id());
      kept.set_kind(s->kind());
      *kept.mutable_card_ids() = s->card_ids();
      *kept.mutable_company_ids() = s->company_ids();
      kept.set_status(s->status());
      kept.set_match_key(s->match_key());
      kept.set_title(s->title());
      kept.set_created_at_ms(s->created_at_ms());
      *s = std::move(kept);
    }
  }

  // False when the reaction is to a match the viewer may not see.
  bool Reaction(v1::Reacted* r) const {
    const v1::Match* match = state.FindMatch(r->match_key());
    if (!match || !rules.CanSeeMatch(state, viewer, *match)) return false;
    if (HiddenCompanies(state, viewer, match->card_ids()).count(r->company_id())) {
      r->clear_company_id();
    }
    r->set_match_key(Key(r->match_key()));
    return true;
  }

  void Actor(v1::Event* e) const {
    const std::string& actor = e->actor();
    if (actor.empty() || actor == "system") return;
    const v1::Participant* p = state.FindParticipant(actor);
    if (p && OwnCompany(viewer, p->company_id())) return;
    e->clear_actor();
  }
};

}  // namespace

v1::Event Visibility::Event(const WorkshopState& state, const Viewer& viewer,
                            const v1::Event& event) const {
  if (viewer.is_facilitator()) return event;
  Redaction r{*this, state, viewer};
  v1::Event hidden;
  hidden.set_seq(event.seq());
  hidden.set_at_ms(event.at_ms());
  v1::Event out = event;
  r.Actor(&out);
  switch (out.body_case()) {
    case v1::Event::kCompanyUpserted:
      r.Company(out.mutable_company_upserted()->mutable_company());
      return out;
    case v1::Event::kCardPosted:
      return RedactCard(state, viewer, out.mutable_card_posted()->mutable_card()) ? out : hidden;
    case v1::Event::kCardEdited:
      if (!RedactCard(state, viewer, out.mutable_card_edited()->mutable_card())) {
        // The card may have been visible before the edit: tell the viewer it left.
        hidden.mutable_card_withdrawn()->set_card_id(event.card_edited().card().id());
        return hidden;
      }
      return out;
    case v1::Event::kCardWithdrawn: {
      v1::CardWithdrawn* w = out.mutable_card_withdrawn();
      const v1::Card* card = state.FindCard(w->card_id());
      if (card && !Sees(state, viewer, *card)) return hidden;
      if (!w->merged_into().empty()) {
        // « Doublon de « <texte> » » quotes the kept card as it was then,
        // perhaps while it was for facilitators only.
        w->clear_reason();
        const v1::Card* kept = state.FindCard(w->merged_into());
        if (kept && !Sees(state, viewer, *kept)) w->clear_merged_into();
      }
      return out;
    }
    case v1::Event::kMatchFound:
      return r.Match(out.mutable_match_found()->mutable_match()) ? out : hidden;
    case v1::Event::kMatchRemoved:
      out.mutable_match_removed()->set_key(r.Key(out.match_removed().key()));
      return out;
    case v1::Event::kReacted:
      return r.Reaction(out.mutable_reacted()) ? out : hidden;
    case v1::Event::kSynergyUpserted:
      r.Synergy(out.mutable_synergy_upserted()->mutable_synergy());
      return out;
    case v1::Event::kParticipantJoined:
      r.Participant(out.mutable_participant_joined()->mutable_participant());
      return out;
    case v1::Event::kParticipantRevoked: {
      // The company whose device it was sees it go; the room does not.
      const v1::Participant* p =
          state.FindParticipant(event.participant_revoked().participant_id());
      return p && !viewer.company_id.empty() && p->company_id() == viewer.company_id ? out : hidden;
    }
    case v1::Event::kWorkshopCreated:
    case v1::Event::kWorkshopUpdated:
    case v1::Event::kCompanyDataErased:
    case v1::Event::BODY_NOT_SET:
      return out;
  }
  return hidden;
}

v1::Snapshot Visibility::Snapshot(const WorkshopState& state, const Viewer& viewer) const {
  v1::Snapshot snap = state.FullSnapshot();
  if (viewer.is_facilitator()) return snap;
  Redaction r{*this, state, viewer};
  for (auto& c : *snap.mutable_companies()) r.Company(&c);
  auto keep_if = [](auto* list, auto&& keep) {
    for (int i = list->size() - 1; i >= 0; --i) {
      if (!keep(list->Mutable(i))) list->DeleteSubrange(i, 1);
    }
  };
  keep_if(snap.mutable_cards(), [&](v1::Card* c) { return RedactCard(state, viewer, c); });
  keep_if(snap.mutable_matches(), [&](v1::Match* m) { return r.Match(m); });
  keep_if(snap.mutable_reactions(),
          [&](v1::Reacted* x) { return r.Reaction(x) && !x->company_id().empty(); });
  for (auto& s : *snap.mutable_synergies()) r.Synergy(&s);
  for (auto& p : *snap.mutable_participants()) r.Participant(&p);
  return snap;
}

v1::Lobby Visibility::Lobby(const WorkshopState& state) const {
  v1::Lobby lobby;
  *lobby.mutable_workshop() = state.info();
  // Joins by table tent only: the code alone tells nobody which companies are here.
  if (state.info().tents_only()) return lobby;
  for (const auto& id : state.company_order()) {
    const v1::Company* c = state.FindCompany(id);
    v1::Company* out = lobby.add_companies();
    out->set_id(c->id());
    out->set_name(c->name());
    out->set_zone(c->zone());
    out->set_table(c->table());
  }
  return lobby;
}

std::string Visibility::ViewKey(const WorkshopState& state, const Viewer& viewer,
                                const v1::Event& event) const {
  if (viewer.is_facilitator()) return "f";
  if (viewer.company_id.empty()) return viewer.role == v1::ROLE_BOARD ? "b" : "r";
  // The companies whose view of `event` may differ from the room's.
  std::set<std::string> concerned;
  auto card_company = [&](const std::string& card_id) {
    if (const v1::Card* c = state.FindCard(card_id)) concerned.insert(c->company_id());
  };
  auto cards_and_companies = [&](const auto& card_ids, const auto& company_ids) {
    for (const auto& id : card_ids) card_company(id);
    concerned.insert(company_ids.begin(), company_ids.end());
  };
  if (const v1::Participant* p = state.FindParticipant(event.actor())) {
    concerned.insert(p->company_id());
  }
  switch (event.body_case()) {
    case v1::Event::kCardPosted:
      concerned.insert(event.card_posted().card().company_id());
      break;
    case v1::Event::kCardEdited:
      concerned.insert(event.card_edited().card().company_id());
      card_company(event.card_edited().card().id());
      break;
    case v1::Event::kCardWithdrawn:
      card_company(event.card_withdrawn().card_id());
      card_company(event.card_withdrawn().merged_into());
      break;
    case v1::Event::kMatchFound:
      cards_and_companies(event.match_found().match().card_ids(),
                          event.match_found().match().company_ids());
      break;
    case v1::Event::kReacted:
      concerned.insert(event.reacted().company_id());
      if (const v1::Match* m = state.FindMatch(event.reacted().match_key())) {
        cards_and_companies(m->card_ids(), m->company_ids());
      }
      break;
    case v1::Event::kSynergyUpserted:
      cards_and_companies(event.synergy_upserted().synergy().card_ids(),
                          event.synergy_upserted().synergy().company_ids());
      break;
    case v1::Event::kParticipantJoined:
      concerned.insert(event.participant_joined().participant().company_id());
      break;
    case v1::Event::kParticipantRevoked:
      if (const v1::Participant* p =
              state.FindParticipant(event.participant_revoked().participant_id())) {
        concerned.insert(p->company_id());
      }
      break;
    case v1::Event::kCompanyUpserted: {
      const std::string& id = event.company_upserted().company().id();
      concerned.insert(id);
      for (const auto& [sid, s] : state.synergies()) {
        if (Contains(s.company_ids(), id)) {
          concerned.insert(s.company_ids().begin(), s.company_ids().end());
        }
      }
      break;
    }
    default:
      break;
  }
  if (concerned.count(viewer.company_id)) return "c:" + viewer.company_id;
  return viewer.role == v1::ROLE_BOARD ? "b" : "r";
}

}  // namespace atelier::workshop
