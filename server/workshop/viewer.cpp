#include "server/workshop/viewer.hpp"

#include <algorithm>

namespace atelier::workshop {

namespace {

bool Restricted(const v1::Card& card) {
  return card.visibility() == v1::VISIBILITY_FACILITATORS ||
         card.visibility() == v1::VISIBILITY_ANONYMOUS;
}

const v1::Card* CardOf(const v1::Event& event) {
  switch (event.body_case()) {
    case v1::Event::kCardPosted:
      return &event.card_posted().card();
    case v1::Event::kCardEdited:
      return &event.card_edited().card();
    default:
      return nullptr;
  }
}

bool MatchHasRestrictedCard(const WorkshopState& state, const v1::Match& match) {
  return std::any_of(match.card_ids().begin(), match.card_ids().end(), [&](const std::string& id) {
    const v1::Card* c = state.FindCard(id);
    return c && Restricted(*c);
  });
}

bool HasEarlierCards(const v1::Event& event) {
  return event.has_match_found() && event.match_found().match().earlier_cards_size() > 0;
}

bool Involves(const v1::Match& match, const Viewer& viewer) {
  return !viewer.company_id.empty() &&
         std::find(match.company_ids().begin(), match.company_ids().end(), viewer.company_id) !=
             match.company_ids().end();
}

}  // namespace

bool CanSeeCard(const WorkshopState& /*state*/, const Viewer& viewer, const v1::Card& card) {
  if (viewer.is_facilitator()) return true;
  if (card.visibility() != v1::VISIBILITY_FACILITATORS) return true;
  return !viewer.company_id.empty() && viewer.company_id == card.company_id();
}

bool RedactCard(const WorkshopState& state, const Viewer& viewer, v1::Card* card) {
  if (!CanSeeCard(state, viewer, *card)) return false;
  if (viewer.is_facilitator() || card->visibility() != v1::VISIBILITY_ANONYMOUS) return true;
  if (!viewer.company_id.empty() && viewer.company_id == card->company_id()) return true;
  if (state.IsRevealed(card->id())) return true;
  card->clear_company_id();
  card->clear_author();
  return true;
}

bool RedactMatch(const WorkshopState& state, const Viewer& viewer, v1::Match* match) {
  if (viewer.is_facilitator()) return true;
  if (match->earlier_cards_size() > 0) {
    // A match with another workshop's card is for the companies it involves
    // here and for the board; a card that workshop kept for its facilitators
    // stays with facilitators, and an anonymous one keeps its company hidden.
    if (viewer.role != v1::ROLE_BOARD && !Involves(*match, viewer)) return false;
    for (auto& earlier : *match->mutable_earlier_cards()) {
      if (earlier.visibility() == v1::VISIBILITY_FACILITATORS) return false;
      if (earlier.visibility() == v1::VISIBILITY_ANONYMOUS) earlier.clear_company_name();
    }
  }
  for (int i = 0; i < match->card_ids_size(); ++i) {
    const v1::Card* card = state.FindCard(match->card_ids(i));
    if (!card) continue;
    v1::Card copy = *card;
    if (!RedactCard(state, viewer, &copy)) return false;
    if (copy.company_id().empty() && !card->company_id().empty()) {
      auto* ids = match->mutable_company_ids();
      ids->erase(std::remove(ids->begin(), ids->end(), card->company_id()), ids->end());
    }
  }
  return true;
}

bool NeedsFiltering(const WorkshopState& state, const v1::Event& event) {
  if (const v1::Card* card = CardOf(event)) {
    const v1::Card* before = state.FindCard(card->id());
    return Restricted(*card) || (before && Restricted(*before));
  }
  if (HasEarlierCards(event)) return true;
  if (event.has_match_found()) return MatchHasRestrictedCard(state, event.match_found().match());
  return false;
}

v1::Event FilterEvent(const WorkshopState& state, const Viewer& viewer, const v1::Event& event) {
  if (viewer.is_facilitator() || !NeedsFiltering(state, event)) return event;
  v1::Event out = event;
  auto hide = [&] {
    v1::Event empty;
    empty.set_seq(event.seq());
    empty.set_at_ms(event.at_ms());
    return empty;
  };
  switch (event.body_case()) {
    case v1::Event::kCardPosted:
      if (!RedactCard(state, viewer, out.mutable_card_posted()->mutable_card())) return hide();
      return out;
    case v1::Event::kCardEdited:
      if (!RedactCard(state, viewer, out.mutable_card_edited()->mutable_card())) {
        // The card may have been visible before the edit: tell the viewer it left.
        v1::Event gone = hide();
        gone.mutable_card_withdrawn()->set_card_id(event.card_edited().card().id());
        return gone;
      }
      return out;
    case v1::Event::kMatchFound:
      if (!RedactMatch(state, viewer, out.mutable_match_found()->mutable_match())) return hide();
      return out;
    default:
      return out;
  }
}

std::string ViewKey(const WorkshopState& state, const Viewer& viewer, const v1::Event& event) {
  if (viewer.is_facilitator() || !NeedsFiltering(state, event)) return "all";
  if (HasEarlierCards(event)) {
    const v1::Match& match = event.match_found().match();
    if (viewer.role == v1::ROLE_BOARD) return "board";
    return Involves(match, viewer) ? "c:" + viewer.company_id : "room";
  }
  // Only the owner company sees its restricted cards differently from the room.
  auto involved = [&](const std::string& company) {
    return !viewer.company_id.empty() && company == viewer.company_id;
  };
  if (const v1::Card* card = CardOf(event); card && involved(card->company_id())) {
    return "c:" + viewer.company_id;
  }
  if (event.has_match_found()) {
    for (const auto& id : event.match_found().match().card_ids()) {
      const v1::Card* c = state.FindCard(id);
      if (c && involved(c->company_id())) return "c:" + viewer.company_id;
    }
  }
  return "room";
}

v1::Snapshot SnapshotFor(const WorkshopState& state, const Viewer& viewer) {
  v1::Snapshot snap = state.FullSnapshot();
  if (viewer.is_facilitator()) return snap;
  auto* cards = snap.mutable_cards();
  for (int i = cards->size() - 1; i >= 0; --i) {
    if (!RedactCard(state, viewer, cards->Mutable(i))) cards->DeleteSubrange(i, 1);
  }
  auto* matches = snap.mutable_matches();
  for (int i = matches->size() - 1; i >= 0; --i) {
    if (!RedactMatch(state, viewer, matches->Mutable(i))) matches->DeleteSubrange(i, 1);
  }
  for (auto& c : *snap.mutable_companies()) c.clear_contact();
  return snap;
}

}  // namespace atelier::workshop
