#include "server/workshop/workshop.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "server/common/text.hpp"
#include "server/workshop/followup.hpp"
#include "server/workshop/validate.hpp"

namespace atelier::workshop {

namespace {

constexpr std::array<const char*, 11> kCategories = {
    "matiere",    "dechet",  "energie", "eau",   "equipement", "espace",
    "logistique", "service", "rh",      "achat", "formation"};

Rejection Reject(v1::ErrorCode code, std::string message) { return {code, std::move(message)}; }

Outcome Rejected(v1::ErrorCode code, std::string message) {
  Outcome out;
  out.rejection = Reject(code, std::move(message));
  return out;
}

std::string Trim(const std::string& s) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

// Well-formed and at most `max_chars` characters.
bool FitsText(const std::string& s, size_t max_chars) {
  return common::IsValidUtf8(s) && common::CountChars(s) <= max_chars;
}

// What the reader of an excerpt sees when the text was longer.
constexpr std::string_view kEllipsis = "…";
constexpr size_t kTitleExcerptChars = 120;  // synergy title made from a card's text
constexpr size_t kReasonExcerptChars = 80;  // the kept card's text in a merge reason

std::string WithSeq(const char* prefix, uint64_t seq) { return prefix + std::to_string(seq); }

bool IsSynergyStatus(v1::SynergyStatus s) {
  return s >= v1::SYNERGY_STATUS_POTENTIAL && s <= v1::SYNERGY_STATUS_ABANDONED;
}

}  // namespace

bool IsKnownCategory(const std::string& category) {
  return std::find(kCategories.begin(), kCategories.end(), category) != kCategories.end();
}

std::string NormalizeWasteCode(const std::string& code) {
  std::string digits;
  for (char c : code) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c != ' ' && c != '*' && c != '.') {
      return "";
    }
  }
  if (digits.size() != 6) return "";
  return digits.substr(0, 2) + " " + digits.substr(2, 2) + " " + digits.substr(4, 2);
}

Workshop::Workshop(std::unique_ptr<Matcher> matcher) : matcher_(std::move(matcher)) {}

void Workshop::Restore(const v1::Event& event) { state_.Apply(event); }

void Workshop::RebuildMatcher() {
  // What the room said first, so that each match is weighed once, as the cards come.
  std::set<std::string> subjects;
  for (const auto& [id, s] : state_.synergies()) {
    if (!s.evidence().empty()) subjects.insert(s.evidence());
  }
  for (const auto& key : state_.MatchKeys()) {
    const v1::Match* m = state_.FindMatch(key);
    if (!m->evidence().empty() && state_.ReactionsTo(key)) subjects.insert(m->evidence());
  }
  for (const auto& subject : subjects) matcher_->SetEvidence(subject, Verdicts(subject));
  for (const auto& id : state_.company_order()) matcher_->UpsertCompany(*state_.FindCompany(id));
  for (const auto& id : state_.card_order()) {
    const v1::Card* card = state_.FindCard(id);
    if (!card->withdrawn()) matcher_->Add(*card);
  }
}

void Workshop::ReplaceMatcher(std::unique_ptr<Matcher> matcher) {
  matcher_ = std::move(matcher);
  RebuildMatcher();
}

Outcome Workshop::ReconcileEarlierMatches(int64_t now_ms) {
  std::map<std::string, v1::Match> current;
  for (v1::Match& m : matcher_->Current()) {
    std::string key = m.key();
    current.emplace(std::move(key), std::move(m));
  }
  // With earlier cards, or re-ranked by what the territory said of such suggestions.
  auto territorial = [&](const v1::Match& m) {
    return m.earlier_cards_size() > 0 ||
           (!m.evidence().empty() && matcher_->HasTerritoryEvidence(m.evidence()));
  };
  std::set<std::string> keys;
  for (const auto& [key, m] : current) {
    if (territorial(m)) keys.insert(key);
  }
  for (const auto& key : state_.MatchKeys()) {
    if (territorial(*state_.FindMatch(key))) keys.insert(key);
  }
  MatchChanges changes;
  for (const auto& key : keys) {
    const v1::Match* before = state_.FindMatch(key);
    auto now = current.find(key);
    if (now == current.end()) {
      changes.removed_keys.push_back(key);
    } else if (!before || before->SerializeAsString() != now->second.SerializeAsString()) {
      changes.upserted.push_back(now->second);
    }
  }
  Outcome out;
  EmitMatches(out, changes, now_ms);
  return out;
}

v1::Event& Workshop::Emit(Outcome& out, const Viewer& actor, int64_t now_ms) {
  v1::Event& e = out.events.emplace_back();
  e.set_seq(state_.seq() + 1);
  e.set_at_ms(now_ms);
  e.set_actor(actor.participant_id.empty() ? "system" : actor.participant_id);
  return e;
}

void Workshop::EmitMatches(Outcome& out, const MatchChanges& changes, int64_t now_ms) {
  Viewer system;
  for (const auto& key : changes.removed_keys) {
    if (!state_.FindMatch(key)) continue;
    v1::Event& e = Emit(out, system, now_ms);
    e.mutable_match_removed()->set_key(key);
    state_.Apply(e);
  }
  for (const auto& match : changes.upserted) {
    v1::Event& e = Emit(out, system, now_ms);
    *e.mutable_match_found()->mutable_match() = match;
    state_.Apply(e);
  }
}

Outcome Workshop::Create(const v1::WorkshopInfo& info, int64_t now_ms) {
  Outcome out;
  if (state_.seq() != 0) return Rejected(v1::ERROR_CODE_CONFLICT, "L'atelier existe déjà.");
  if (auto r = CheckInfo(info)) return {{}, {}, r};
  v1::Event& e = Emit(out, Viewer{}, now_ms);
  v1::WorkshopInfo* w = e.mutable_workshop_created()->mutable_workshop();
  *w = info;
  if (w->status() == v1::WORKSHOP_STATUS_UNSPECIFIED) w->set_status(v1::WORKSHOP_STATUS_OPEN);
  if (w->tables() <= 0) w->set_tables(1);
  state_.Apply(e);
  out.entity_id = info.id();
  return out;
}

Outcome Workshop::AddParticipant(const v1::Participant& participant, int64_t now_ms) {
  if (participant.role() == v1::ROLE_PARTICIPANT && !state_.FindCompany(participant.company_id())) {
    return Rejected(v1::ERROR_CODE_NOT_FOUND, "Entreprise inconnue dans cet atelier.");
  }
  if (!FitsText(participant.name(), kMaxPersonNameChars)) {
    return Rejected(v1::ERROR_CODE_INVALID, "Nom trop long (" +
                                                std::to_string(kMaxPersonNameChars) +
                                                " caractères au plus) ou mal encodé.");
  }
  if (auto bad = FindInvalidField(participant)) {
    return Rejected(v1::ERROR_CODE_INVALID, "Valeur invalide : " + *bad + ".");
  }
  Outcome out;
  v1::Event& e = Emit(out, Viewer{}, now_ms);
  v1::Participant* p = e.mutable_participant_joined()->mutable_participant();
  *p = participant;
  p->set_id(WithSeq("p", e.seq()));
  p->set_revoked(false);
  p->set_joined_at_ms(now_ms);
  e.set_actor(p->id());
  out.entity_id = p->id();
  state_.Apply(e);
  return out;
}

std::optional<Rejection> Workshop::CheckOpen(const Viewer& actor) const {
  if (actor.role == v1::ROLE_BOARD) {
    return Reject(v1::ERROR_CODE_FORBIDDEN, "L'écran de projection est en lecture seule.");
  }
  if (state_.info().status() == v1::WORKSHOP_STATUS_CLOSED) {
    return Reject(v1::ERROR_CODE_WORKSHOP_CLOSED, "L'atelier est clos.");
  }
  if (state_.info().paused() && !actor.is_facilitator()) {
    return Reject(v1::ERROR_CODE_PAUSED, "L'animateur a mis l'atelier en pause.");
  }
  return std::nullopt;
}

Outcome Workshop::SetTerritory(const std::string& territory, int64_t now_ms) {
  std::string t = Trim(territory);
  if (!FitsText(t, kMaxNameChars)) {
    return Rejected(v1::ERROR_CODE_INVALID, "Territoire trop long (" +
                                                std::to_string(kMaxNameChars) +
                                                " caractères au plus) ou mal encodé.");
  }
  Outcome out;
  if (t == state_.info().territory()) return out;
  v1::Event& e = Emit(out, Viewer{}, now_ms);
  v1::WorkshopInfo* info = e.mutable_workshop_updated()->mutable_workshop();
  *info = state_.info();
  info->set_territory(t);
  out.entity_id = info->id();
  state_.Apply(e);
  return out;
}

std::optional<Rejection> Workshop::CheckTerritoryChange(const v1::WorkshopInfo& update) const {
  if (update.territory().empty() || update.territory() == state_.info().territory()) {
    return std::nullopt;
  }
  return Reject(v1::ERROR_CODE_FORBIDDEN,
                "Le territoire d'un atelier est fixé par l'exploitant du serveur.");
}

std::optional<Rejection> Workshop::CheckCardOwner(const Viewer& actor, const v1::Card& card) const {
  if (actor.role == v1::ROLE_FACILITATOR) return std::nullopt;
  if (actor.role == v1::ROLE_TABLE_FACILITATOR) {
    const v1::Company* c = state_.FindCompany(card.company_id());
    if (c && c->table() == actor.table) return std::nullopt;
  }
  if (actor.role == v1::ROLE_PARTICIPANT && card.company_id() == actor.company_id) {
    return std::nullopt;
  }
  return Reject(v1::ERROR_CODE_FORBIDDEN, "Cette carte appartient à une autre entreprise.");
}

std::optional<Rejection> Workshop::ValidateDraft(const v1::CardDraft& d) const {
  if (d.kind() != v1::CARD_KIND_OFFER && d.kind() != v1::CARD_KIND_NEED) {
    return Reject(v1::ERROR_CODE_INVALID, "Choisissez « offre » ou « besoin ».");
  }
  if (!IsKnownCategory(d.category())) {
    return Reject(v1::ERROR_CODE_INVALID, "Catégorie inconnue : « " + d.category() + " ».");
  }
  std::string text = Trim(d.text());
  if (text.empty()) return Reject(v1::ERROR_CODE_INVALID, "Le texte de la carte est vide.");
  for (const std::string* s : {&d.text(), &d.unit(), &d.frequency(), &d.availability()}) {
    if (!common::IsValidUtf8(*s)) {
      return Reject(v1::ERROR_CODE_INVALID, "Texte mal encodé (UTF-8 attendu).");
    }
  }
  if (common::CountChars(text) > kMaxTextChars) {
    return Reject(v1::ERROR_CODE_INVALID,
                  "Texte trop long (" + std::to_string(kMaxTextChars) + " caractères au plus).");
  }
  if (common::CountChars(Trim(d.unit())) > kMaxUnitChars) {
    return Reject(v1::ERROR_CODE_INVALID,
                  "Unité trop longue (" + std::to_string(kMaxUnitChars) + " caractères au plus).");
  }
  for (const std::string* s : {&d.frequency(), &d.availability()}) {
    if (common::CountChars(Trim(*s)) > kMaxFieldChars) {
      return Reject(v1::ERROR_CODE_INVALID, "Fréquence ou disponibilité trop longue (" +
                                                std::to_string(kMaxFieldChars) +
                                                " caractères au plus).");
    }
  }
  if (d.has_quantity() && (!std::isfinite(d.quantity()) || d.quantity() < 0)) {
    return Reject(v1::ERROR_CODE_INVALID, "La quantité doit être un nombre positif.");
  }
  for (int m : d.months()) {
    if (m < 1 || m > 12) return Reject(v1::ERROR_CODE_INVALID, "Mois hors de 1 à 12.");
  }
  if (!d.waste_code().empty() && NormalizeWasteCode(d.waste_code()).empty()) {
    return Reject(v1::ERROR_CODE_INVALID,
                  "Code déchet invalide : six chiffres attendus, par exemple « 15 01 03 ».");
  }
  if (!v1::Visibility_IsValid(d.visibility())) {
    return Reject(v1::ERROR_CODE_INVALID, "Visibilité inconnue.");
  }
  return std::nullopt;
}

size_t Workshop::LiveCardsOf(const std::string& company_id) const {
  return state_.LiveCardsOf(company_id);
}

void Workshop::FillCard(const v1::CardDraft& d, v1::Card* c) const {
  c->set_kind(d.kind());
  c->set_category(d.category());
  c->set_text(Trim(d.text()));
  c->set_has_quantity(d.has_quantity());
  c->set_quantity(d.has_quantity() ? d.quantity() : 0);
  c->set_unit(Trim(d.unit()));
  c->set_frequency(Trim(d.frequency()));
  c->mutable_months()->Clear();
  std::vector<int> months(d.months().begin(), d.months().end());
  std::sort(months.begin(), months.end());
  months.erase(std::unique(months.begin(), months.end()), months.end());
  for (int m : months) c->add_months(m);
  c->set_availability(Trim(d.availability()));
  c->set_waste_code(NormalizeWasteCode(d.waste_code()));
  c->set_hazardous(d.waste_code().find('*') != std::string::npos || matcher_->IsHazardousCard(*c));
  c->set_visibility(d.visibility() == v1::VISIBILITY_UNSPECIFIED ? v1::VISIBILITY_ROOM
                                                                 : d.visibility());
}

Outcome Workshop::Handle(const Viewer& actor, const v1::ClientMessage& cmd, int64_t now_ms) {
  // Whatever sent it, a command holds only values the protocol declares.
  if (auto bad = FindInvalidField(cmd)) {
    return Rejected(v1::ERROR_CODE_INVALID, "Valeur invalide : " + *bad + ".");
  }
  switch (cmd.body_case()) {
    case v1::ClientMessage::kPostCard:
      return PostCard(actor, cmd.post_card(), now_ms);
    case v1::ClientMessage::kEditCard:
      return EditCard(actor, cmd.edit_card(), now_ms);
    case v1::ClientMessage::kWithdrawCard:
      return WithdrawCard(actor, cmd.withdraw_card(), now_ms);
    case v1::ClientMessage::kReact:
      return React(actor, cmd.react(), now_ms);
    case v1::ClientMessage::kUpdateWorkshop:
    case v1::ClientMessage::kUpsertCompany:
    case v1::ClientMessage::kSetJoinsLocked:
    case v1::ClientMessage::kStartRound:
    case v1::ClientMessage::kEndRound:
    case v1::ClientMessage::kSetSynergy:
    case v1::ClientMessage::kImportCompanies:
    case v1::ClientMessage::kMergeCards:
    case v1::ClientMessage::kEraseCompanyData:
    case v1::ClientMessage::kRevokeParticipant:
      return Facilitate(actor, cmd, now_ms);
    case v1::ClientMessage::kJoin:
      return Rejected(v1::ERROR_CODE_ALREADY_JOINED, "Déjà connecté à un atelier.");
    default:
      return Rejected(v1::ERROR_CODE_UNKNOWN_COMMAND, "Commande inconnue.");
  }
}

Outcome Workshop::PostCard(const Viewer& actor, const v1::PostCard& cmd, int64_t now_ms) {
  if (auto r = CheckOpen(actor)) return {{}, {}, r};
  const v1::CardDraft& d = cmd.card();
  std::string company_id = d.company_id().empty() ? actor.company_id : d.company_id();
  const v1::Company* company = state_.FindCompany(company_id);
  if (!company) return Rejected(v1::ERROR_CODE_NOT_FOUND, "Entreprise inconnue dans cet atelier.");
  v1::Card probe;
  probe.set_company_id(company_id);
  if (auto r = CheckCardOwner(actor, probe)) return {{}, {}, r};
  if (auto r = ValidateDraft(d)) return {{}, {}, r};
  if (state_.live_card_count() >= limits_.max_live_cards) {
    return Rejected(v1::ERROR_CODE_QUOTA, "L'atelier a atteint " +
                                              std::to_string(limits_.max_live_cards) +
                                              " cartes : l'animateur peut en retirer.");
  }
  if (LiveCardsOf(company_id) >= limits_.max_live_cards_per_company) {
    return Rejected(v1::ERROR_CODE_QUOTA, "Votre entreprise a déjà " +
                                              std::to_string(limits_.max_live_cards_per_company) +
                                              " cartes : retirez-en avant d'en publier d'autres.");
  }

  Outcome out;
  v1::Event& e = Emit(out, actor, now_ms);
  v1::Card* card = e.mutable_card_posted()->mutable_card();
  FillCard(d, card);
  card->set_id(WithSeq("c", e.seq()));
  card->set_company_id(company_id);
  card->set_author(actor.participant_id);
  card->set_round(state_.info().round());
  card->set_table(company->table());
  card->set_posted_seq(e.seq());
  card->set_posted_at_ms(now_ms);
  out.entity_id = card->id();
  state_.Apply(e);
  EmitMatches(out, matcher_->Add(*state_.FindCard(out.entity_id)), now_ms);
  return out;
}

Outcome Workshop::EditCard(const Viewer& actor, const v1::EditCard& cmd, int64_t now_ms) {
  if (auto r = CheckOpen(actor)) return {{}, {}, r};
  const v1::Card* existing = state_.FindCard(cmd.card_id());
  if (!existing) return Rejected(v1::ERROR_CODE_NOT_FOUND, "Carte introuvable.");
  if (auto r = CheckCardOwner(actor, *existing)) return {{}, {}, r};
  if (existing->withdrawn()) {
    return Rejected(v1::ERROR_CODE_CONFLICT,
                    "Cette carte a été retirée ; elle ne peut plus être modifiée.");
  }
  if (auto r = ValidateDraft(cmd.card())) return {{}, {}, r};
  Outcome out;
  v1::Event& e = Emit(out, actor, now_ms);
  v1::Card* card = e.mutable_card_edited()->mutable_card();
  *card = *existing;
  FillCard(cmd.card(), card);
  out.entity_id = card->id();
  state_.Apply(e);
  EmitMatches(out, matcher_->Update(*state_.FindCard(out.entity_id)), now_ms);
  return out;
}

Outcome Workshop::WithdrawCard(const Viewer& actor, const v1::WithdrawCard& cmd, int64_t now_ms) {
  if (auto r = CheckOpen(actor)) return {{}, {}, r};
  const v1::Card* existing = state_.FindCard(cmd.card_id());
  if (!existing) return Rejected(v1::ERROR_CODE_NOT_FOUND, "Carte introuvable.");
  if (auto r = CheckCardOwner(actor, *existing)) return {{}, {}, r};
  if (existing->withdrawn()) return Rejected(v1::ERROR_CODE_CONFLICT, "Carte déjà retirée.");
  Outcome out;
  v1::Event& e = Emit(out, actor, now_ms);
  e.mutable_card_withdrawn()->set_card_id(cmd.card_id());
  e.mutable_card_withdrawn()->set_reason(
      common::TruncateChars(Trim(cmd.reason()), kMaxNameChars, kEllipsis));
  out.entity_id = cmd.card_id();
  state_.Apply(e);
  EmitMatches(out, matcher_->Remove(cmd.card_id()), now_ms);
  return out;
}

Outcome Workshop::React(const Viewer& actor, const v1::React& cmd, int64_t now_ms) {
  if (auto r = CheckOpen(actor)) return {{}, {}, r};
  // A match the actor may not see is refused exactly like an unknown one.
  const v1::Match* match = visibility_.ResolveMatch(state_, actor, cmd.match_key());
  if (!match) return Rejected(v1::ERROR_CODE_NOT_FOUND, "Correspondance introuvable.");
  if (cmd.reaction() != v1::REACTION_INTERESTED && cmd.reaction() != v1::REACTION_NOT_RELEVANT) {
    return Rejected(v1::ERROR_CODE_INVALID, "Réaction inconnue.");
  }
  std::string company =
      actor.is_facilitator() && !cmd.company_id().empty() ? cmd.company_id() : actor.company_id;
  const auto& ids = match->company_ids();
  if (company.empty() || std::find(ids.begin(), ids.end(), company) == ids.end()) {
    return Rejected(v1::ERROR_CODE_FORBIDDEN,
                    "Votre entreprise ne fait pas partie de cette correspondance.");
  }
  Outcome out;
  v1::Event& e = Emit(out, actor, now_ms);
  e.mutable_reacted()->set_match_key(match->key());
  e.mutable_reacted()->set_company_id(company);
  e.mutable_reacted()->set_reaction(cmd.reaction());
  e.mutable_reacted()->set_evidence(match->evidence());
  out.entity_id = cmd.match_key();
  state_.Apply(e);
  // Re-ranks the other matches of this evidence (never this one: `match` stays valid).
  Learn(out, match->evidence(), now_ms);

  // When both sides of a pair (or two members of a group) are interested, a
  // synergy is proposed: an "idée" that people now own.
  if (state_.SynergyForMatch(match->key())) return out;
  std::vector<std::string> interested;
  for (const auto& [c, reaction] : *state_.ReactionsTo(match->key())) {
    if (reaction == v1::REACTION_INTERESTED) interested.push_back(c);
  }
  size_t needed =
      match->company_ids_size() <= 2 ? static_cast<size_t>(match->company_ids_size()) : 2;
  if (interested.size() < needed || needed < 2) return out;
  v1::Event& s = Emit(out, Viewer{}, now_ms);
  v1::Synergy* syn = s.mutable_synergy_upserted()->mutable_synergy();
  syn->set_id(WithSeq("s", s.seq()));
  syn->set_kind(match->kind());
  syn->set_match_key(match->key());
  syn->set_evidence(match->evidence());
  syn->set_status(v1::SYNERGY_STATUS_POTENTIAL);
  syn->set_created_at_ms(now_ms);
  for (const auto& card_id : match->card_ids()) {
    const v1::Card* c = state_.FindCard(card_id);
    if (c && std::find(interested.begin(), interested.end(), c->company_id()) != interested.end()) {
      syn->add_card_ids(card_id);
    }
  }
  for (const auto& c : interested) syn->add_company_ids(c);
  const v1::Card* first = syn->card_ids_size() ? state_.FindCard(syn->card_ids(0)) : nullptr;
  syn->set_title(first ? common::TruncateChars(first->text(), kTitleExcerptChars, kEllipsis)
                       : match->key());
  state_.Apply(s);
  return out;
}

Outcome Workshop::Facilitate(const Viewer& actor, const v1::ClientMessage& cmd, int64_t now_ms) {
  if (actor.role != v1::ROLE_FACILITATOR) {
    return Rejected(v1::ERROR_CODE_FORBIDDEN, "Réservé à l'animateur.");
  }
  if (cmd.has_set_synergy()) return SetSynergy(actor, cmd.set_synergy().synergy(), now_ms);
  if (cmd.has_erase_company_data()) {
    // An erasure request may come months after the close: allowed then too.
    const std::string& id = cmd.erase_company_data().company_id();
    if (!state_.FindCompany(id)) {
      return Rejected(v1::ERROR_CODE_NOT_FOUND, "Entreprise inconnue dans cet atelier.");
    }
    Outcome out;
    v1::Event& e = Emit(out, actor, now_ms);
    e.mutable_company_data_erased()->set_company_id(id);
    out.entity_id = id;
    state_.Apply(e);
    return out;
  }
  if (cmd.has_revoke_participant()) {
    // A lost phone may be reported after the close: allowed then too.
    const std::string& id = cmd.revoke_participant().participant_id();
    const v1::Participant* p = state_.FindParticipant(id);
    if (!p || p->role() != v1::ROLE_PARTICIPANT) {
      return Rejected(v1::ERROR_CODE_NOT_FOUND, "Appareil inconnu dans cet atelier.");
    }
    if (p->revoked()) return Rejected(v1::ERROR_CODE_INVALID, "Cet appareil est déjà révoqué.");
    Outcome out;
    v1::Event& e = Emit(out, actor, now_ms);
    e.mutable_participant_revoked()->set_participant_id(id);
    out.entity_id = id;
    state_.Apply(e);
    return out;
  }
  if (state_.info().status() == v1::WORKSHOP_STATUS_CLOSED && !cmd.has_update_workshop()) {
    return Rejected(v1::ERROR_CODE_WORKSHOP_CLOSED, "L'atelier est clos.");
  }
  Outcome out;
  v1::WorkshopInfo info = state_.info();
  switch (cmd.body_case()) {
    case v1::ClientMessage::kUpsertCompany: {
      v1::Company c = cmd.upsert_company().company();
      if (std::string error = CheckCompany(&c); !error.empty()) {
        return Rejected(v1::ERROR_CODE_INVALID, error);
      }
      for (const auto& id : state_.company_order()) {
        const v1::Company* other = state_.FindCompany(id);
        if (!c.siret().empty() && other->siret() == c.siret() && other->id() != c.id()) {
          return Rejected(v1::ERROR_CODE_CONFLICT,
                          "SIRET déjà utilisé par « " + other->name() + " ».");
        }
      }
      v1::Event& e = Emit(out, actor, now_ms);
      if (c.id().empty()) c.set_id(WithSeq("e", e.seq()));
      *e.mutable_company_upserted()->mutable_company() = c;
      out.entity_id = c.id();
      state_.Apply(e);
      EmitMatches(out, matcher_->UpsertCompany(c), now_ms);
      return out;
    }
    case v1::ClientMessage::kImportCompanies:
      return ImportCompanies(actor, cmd.import_companies(), now_ms);
    case v1::ClientMessage::kMergeCards:
      return MergeCards(actor, cmd.merge_cards(), now_ms);
    case v1::ClientMessage::kUpdateWorkshop: {
      const v1::WorkshopInfo& u = cmd.update_workshop().workshop();
      if (auto r = CheckInfo(u)) return {{}, {}, r};
      if (!u.title().empty()) info.set_title(Trim(u.title()));
      if (!u.date().empty()) info.set_date(Trim(u.date()));
      if (!u.venue().empty()) info.set_venue(Trim(u.venue()));
      if (auto r = CheckTerritoryChange(u)) return {{}, {}, r};
      if (u.tables() > 0) info.set_tables(std::min(u.tables(), 100));
      if (u.status() != v1::WORKSHOP_STATUS_UNSPECIFIED) info.set_status(u.status());
      if (u.has_archived()) info.set_archived(u.archived());
      if (info.archived()) info.set_status(v1::WORKSHOP_STATUS_CLOSED);  // archived stays closed
      if (u.has_paused()) info.set_paused(u.paused());  // absent: the room stays as it is
      if (u.has_tents_only()) info.set_tents_only(u.tents_only());
      if (u.has_read_after_close()) info.set_read_after_close(u.read_after_close());
      break;
    }
    case v1::ClientMessage::kSetJoinsLocked:
      info.set_joins_locked(cmd.set_joins_locked().locked());
      break;
    case v1::ClientMessage::kStartRound: {
      int minutes = cmd.start_round().minutes();
      if (minutes < 0 || minutes > 600)
        return Rejected(v1::ERROR_CODE_INVALID, "Durée de tour invalide.");
      info.set_round(info.round() + 1);
      info.set_round_ends_at_ms(minutes ? now_ms + int64_t{minutes} * 60'000 : 0);
      info.set_status(v1::WORKSHOP_STATUS_RUNNING);
      info.set_paused(false);
      break;
    }
    case v1::ClientMessage::kEndRound:
      info.set_round_ends_at_ms(0);
      break;
    default:
      return Rejected(v1::ERROR_CODE_UNKNOWN_COMMAND, "Commande inconnue.");
  }
  v1::Event& e = Emit(out, actor, now_ms);
  *e.mutable_workshop_updated()->mutable_workshop() = info;
  out.entity_id = info.id();
  state_.Apply(e);
  return out;
}

std::optional<Rejection> Workshop::CheckInfo(const v1::WorkshopInfo& info) const {
  if (auto bad = FindInvalidField(info)) {
    return Reject(v1::ERROR_CODE_INVALID, "Valeur invalide : " + *bad + ".");
  }
  for (const std::string* f : {&info.title(), &info.venue(), &info.territory()}) {
    if (common::CountChars(Trim(*f)) > kMaxNameChars) {
      return Reject(v1::ERROR_CODE_INVALID, "Titre, lieu ou territoire trop long (" +
                                                std::to_string(kMaxNameChars) +
                                                " caractères au plus).");
    }
  }
  if (common::CountChars(Trim(info.date())) > kMaxFieldChars) {
    return Reject(v1::ERROR_CODE_INVALID, "Date trop longue.");
  }
  return std::nullopt;
}

std::string Workshop::CheckCompany(v1::Company* c) const {
  c->set_name(Trim(c->name()));
  if (c->name().empty()) return "Nom d'entreprise manquant.";
  if (!FitsText(c->name(), kMaxNameChars)) {
    return "Nom d'entreprise trop long (" + std::to_string(kMaxNameChars) +
           " caractères au plus) ou mal encodé.";
  }
  std::string siret;
  for (char ch : c->siret()) {
    if (std::isdigit(static_cast<unsigned char>(ch))) {
      siret += ch;
    } else if (ch != ' ' && ch != '.') {
      return "SIRET invalide : 14 chiffres attendus.";
    }
  }
  if (!siret.empty() && siret.size() != 14) return "SIRET invalide : 14 chiffres attendus.";
  c->set_siret(siret);
  if (c->table() < 0 || c->table() > std::max(state_.info().tables(), 1)) {
    return "Table " + std::to_string(c->table()) + " hors de l'atelier (1 à " +
           std::to_string(std::max(state_.info().tables(), 1)) + ").";
  }
  if (c->has_location() && (std::abs(c->lat()) > 90 || std::abs(c->lon()) > 180)) {
    return "Coordonnées GPS invalides.";
  }
  if (c->headcount() < 0) return "Effectif négatif.";
  for (const std::string* f : {&c->zone(), &c->address(), &c->contact(), &c->naf()}) {
    if (!FitsText(*f, kMaxTextChars)) {
      return "Champ trop long (" + std::to_string(kMaxTextChars) +
             " caractères au plus) ou mal encodé.";
    }
  }
  if (auto bad = FindInvalidField(*c)) return "Valeur invalide : " + *bad + ".";
  return "";
}

Outcome Workshop::ImportCompanies(const Viewer& actor, const v1::ImportCompanies& cmd,
                                  int64_t now_ms) {
  if (cmd.companies_size() == 0)
    return Rejected(v1::ERROR_CODE_INVALID, "Aucune entreprise à importer.");
  if (cmd.companies_size() > 2000)
    return Rejected(v1::ERROR_CODE_INVALID, "2000 entreprises au plus par import.");
  std::vector<v1::Company> companies(cmd.companies().begin(), cmd.companies().end());
  std::vector<v1::FieldError> errors;
  std::unordered_map<std::string, int> siret_line;
  for (const auto& id : state_.company_order()) {
    const v1::Company* c = state_.FindCompany(id);
    if (!c->siret().empty()) siret_line[c->siret()] = 0;
  }
  auto fail = [&](int line, const char* field, std::string message) {
    v1::FieldError& e = errors.emplace_back();
    e.set_line(line);
    e.set_field(field);
    e.set_message(std::move(message));
  };
  for (size_t i = 0; i < companies.size(); ++i) {
    int line = static_cast<int>(i) + 1;
    v1::Company& c = companies[i];
    if (std::string error = CheckCompany(&c); !error.empty()) {
      fail(line, c.name().empty() ? "name" : "", error);
      continue;
    }
    if (c.siret().empty()) continue;
    const v1::Company* existing = nullptr;
    for (const auto& id : state_.company_order()) {
      if (state_.FindCompany(id)->siret() == c.siret()) existing = state_.FindCompany(id);
    }
    auto [it, inserted] = siret_line.try_emplace(c.siret(), line);
    if (!inserted && it->second > 0) {
      fail(line, "siret", "SIRET en double (déjà à l'entrée " + std::to_string(it->second) + ").");
    } else if (!inserted && existing && existing->id() != c.id()) {
      fail(line, "siret", "SIRET déjà utilisé par « " + existing->name() + " ».");
    }
  }
  if (!errors.empty()) {
    Outcome out =
        Rejected(v1::ERROR_CODE_INVALID,
                 std::to_string(errors.size()) + " ligne(s) en erreur : rien n'a été importé.");
    out.rejection->details = std::move(errors);
    return out;
  }
  Outcome out;
  for (v1::Company& c : companies) {
    v1::Event& e = Emit(out, actor, now_ms);
    if (c.id().empty()) c.set_id(WithSeq("e", e.seq()));
    *e.mutable_company_upserted()->mutable_company() = c;
    state_.Apply(e);
    EmitMatches(out, matcher_->UpsertCompany(c), now_ms);
  }
  out.entity_id = std::to_string(companies.size());
  return out;
}

Outcome Workshop::MergeCards(const Viewer& actor, const v1::MergeCards& cmd, int64_t now_ms) {
  const v1::Card* keep = state_.FindCard(cmd.keep_id());
  if (!keep) return Rejected(v1::ERROR_CODE_NOT_FOUND, "Carte à garder introuvable.");
  if (keep->withdrawn()) {
    return Rejected(v1::ERROR_CODE_CONFLICT, "La carte à garder a été retirée.");
  }
  if (cmd.duplicate_ids_size() == 0) {
    return Rejected(v1::ERROR_CODE_INVALID, "Choisissez au moins un doublon à fusionner.");
  }
  if (cmd.duplicate_ids_size() > kMaxMergedCards) {
    return Rejected(v1::ERROR_CODE_INVALID, "50 doublons au plus par fusion.");
  }
  std::vector<std::string> duplicates;
  for (const auto& id : cmd.duplicate_ids()) {
    const v1::Card* dup = state_.FindCard(id);
    if (!dup) return Rejected(v1::ERROR_CODE_NOT_FOUND, "Doublon introuvable : " + id);
    if (id == keep->id() ||
        std::find(duplicates.begin(), duplicates.end(), id) != duplicates.end()) {
      return Rejected(v1::ERROR_CODE_INVALID, "Une carte figure deux fois dans la fusion.");
    }
    if (dup->withdrawn()) return Rejected(v1::ERROR_CODE_CONFLICT, "Doublon déjà retiré : " + id);
    // Two companies posting the same thing is not a duplicate: it is a
    // mutualisation, and merging would erase one company's card.
    if (dup->company_id() != keep->company_id() || dup->kind() != keep->kind()) {
      return Rejected(v1::ERROR_CODE_INVALID,
                      "Seules les cartes de même type d'une même entreprise se fusionnent.");
    }
    duplicates.push_back(id);
  }
  Outcome out;
  const std::string reason =
      "Doublon de « " + common::TruncateChars(keep->text(), kReasonExcerptChars, kEllipsis) + " »";
  const std::string keep_id = keep->id();
  for (const auto& id : duplicates) {
    v1::Event& e = Emit(out, actor, now_ms);
    v1::CardWithdrawn* w = e.mutable_card_withdrawn();
    w->set_card_id(id);
    w->set_reason(reason);
    w->set_merged_into(keep_id);
    state_.Apply(e);
    EmitMatches(out, matcher_->Remove(id), now_ms);
  }
  // Synergies that named a duplicate now name the kept card (once).
  std::vector<v1::Synergy> changed;
  for (const auto& [synergy_id, s] : state_.synergies()) {
    bool touched = false;
    v1::Synergy copy = s;
    copy.clear_card_ids();
    for (const auto& card_id : s.card_ids()) {
      bool is_dup = std::find(duplicates.begin(), duplicates.end(), card_id) != duplicates.end();
      const std::string& id = is_dup ? keep_id : card_id;
      touched |= is_dup;
      if (std::find(copy.card_ids().begin(), copy.card_ids().end(), id) == copy.card_ids().end()) {
        copy.add_card_ids(id);
      }
    }
    if (touched) changed.push_back(std::move(copy));
  }
  for (auto& s : changed) {
    v1::Event& e = Emit(out, actor, now_ms);
    *e.mutable_synergy_upserted()->mutable_synergy() = std::move(s);
    state_.Apply(e);
  }
  out.entity_id = keep_id;
  return out;
}

Outcome Workshop::SetSynergy(const Viewer& actor, const v1::Synergy& in, int64_t now_ms) {
  const v1::Synergy* existing = in.id().empty() ? nullptr : state_.FindSynergy(in.id());
  if (!in.id().empty() && !existing)
    return Rejected(v1::ERROR_CODE_NOT_FOUND, "Synergie introuvable.");
  if (in.status() != v1::SYNERGY_STATUS_UNSPECIFIED && !IsSynergyStatus(in.status())) {
    return Rejected(v1::ERROR_CODE_INVALID, "Statut de synergie inconnu.");
  }
  if (!in.abandon_reason().empty() && !IsAbandonReason(in.abandon_reason())) {
    return Rejected(v1::ERROR_CODE_INVALID, "Motif d'abandon inconnu : " + in.abandon_reason());
  }
  if (in.status() == v1::SYNERGY_STATUS_ABANDONED && in.abandon_reason().empty() &&
      (!existing || existing->abandon_reason().empty())) {
    return Rejected(v1::ERROR_CODE_INVALID, "Indiquez le motif de l'abandon.");
  }
  for (const auto& id : in.card_ids()) {
    if (!state_.FindCard(id))
      return Rejected(v1::ERROR_CODE_NOT_FOUND, "Carte introuvable : " + id);
  }
  for (const auto& id : in.company_ids()) {
    if (!state_.FindCompany(id))
      return Rejected(v1::ERROR_CODE_NOT_FOUND, "Entreprise introuvable : " + id);
  }
  for (const auto& [field, limit] :
       {std::pair{&in.title(), kMaxNameChars}, std::pair{&in.owner(), kMaxNameChars},
        std::pair{&in.next_action(), kMaxTextChars},
        std::pair{&in.next_action_date(), kMaxNameChars}}) {
    if (!FitsText(Trim(*field), limit)) {
      return Rejected(v1::ERROR_CODE_INVALID, "Champ trop long (" + std::to_string(limit) +
                                                  " caractères au plus) ou mal encodé.");
    }
  }
  for (const auto& note : in.notes()) {
    if (!FitsText(Trim(note.text()), kMaxTextChars)) {
      return Rejected(v1::ERROR_CODE_INVALID, "Note trop longue (" + std::to_string(kMaxTextChars) +
                                                  " caractères au plus) ou mal encodée.");
    }
  }
  Outcome out;
  v1::Event& e = Emit(out, actor, now_ms);
  v1::Synergy* s = e.mutable_synergy_upserted()->mutable_synergy();
  if (existing) {
    *s = *existing;
  } else {
    if (in.company_ids_size() + in.card_ids_size() == 0) {
      return Rejected(v1::ERROR_CODE_INVALID,
                      "Une synergie relie au moins une carte ou une entreprise.");
    }
    s->set_id(WithSeq("s", e.seq()));
    s->set_created_at_ms(now_ms);
    s->set_status(v1::SYNERGY_STATUS_POTENTIAL);
    s->set_kind(in.kind() == v1::SYNERGY_KIND_UNSPECIFIED ? v1::SYNERGY_KIND_SUBSTITUTION
                                                          : in.kind());
    s->set_match_key(in.match_key());
    if (const v1::Match* m = state_.FindMatch(in.match_key())) s->set_evidence(m->evidence());
  }
  if (in.status() != v1::SYNERGY_STATUS_UNSPECIFIED) s->set_status(in.status());
  if (in.kind() != v1::SYNERGY_KIND_UNSPECIFIED) s->set_kind(in.kind());
  if (in.card_ids_size()) *s->mutable_card_ids() = in.card_ids();
  if (in.company_ids_size()) *s->mutable_company_ids() = in.company_ids();
  // Companies follow from the cards when only cards were given.
  if (s->company_ids_size() == 0) {
    for (const auto& id : s->card_ids()) {
      const std::string& c = state_.FindCard(id)->company_id();
      if (std::find(s->company_ids().begin(), s->company_ids().end(), c) ==
          s->company_ids().end()) {
        s->add_company_ids(c);
      }
    }
  }
  for (const std::pair<const std::string*, std::string*>& f :
       {std::pair{&in.title(), s->mutable_title()}, std::pair{&in.owner(), s->mutable_owner()},
        std::pair{&in.next_action(), s->mutable_next_action()},
        std::pair{&in.next_action_date(), s->mutable_next_action_date()},
        std::pair{&in.abandon_reason(), s->mutable_abandon_reason()}}) {
    if (!f.first->empty()) *f.second = Trim(*f.first);
  }
  if (std::string error = ApplyFollowUp(in, s); !error.empty()) {
    return Rejected(v1::ERROR_CODE_INVALID, error);
  }
  s->set_updated_at_ms(now_ms);
  s->set_updated_by(actor.participant_id);
  for (const auto& note : in.notes()) {
    if (Trim(note.text()).empty()) continue;
    v1::SynergyNote* n = s->add_notes();
    n->set_at_ms(now_ms);
    n->set_author(actor.participant_id);
    n->set_text(Trim(note.text()));
  }
  out.entity_id = s->id();
  const std::string evidence = s->evidence();
  state_.Apply(e);
  Learn(out, evidence, now_ms);
  return out;
}

std::map<std::string, int> Workshop::Verdicts(const std::string& evidence) const {
  std::map<std::string, int> verdicts;
  for (const auto& [id, s] : state_.synergies()) {
    if (s.evidence() != evidence) continue;
    if (const int v = SynergyVerdict(s); v != 0) {
      verdicts[s.match_key().empty() ? "synergy:" + id : s.match_key()] = v;
    }
  }
  // A company's « pas pertinent », unless the facilitator decided on that match.
  for (const auto& key : state_.MatchKeys()) {
    if (state_.FindMatch(key)->evidence() != evidence || verdicts.count(key)) continue;
    if (const v1::Synergy* s = state_.SynergyForMatch(key); s && SynergyVerdict(*s) != 0) continue;
    const auto* reactions = state_.ReactionsTo(key);
    if (!reactions) continue;
    for (const auto& [company, reaction] : *reactions) {
      if (reaction == v1::REACTION_NOT_RELEVANT) verdicts[key] = -1;
    }
  }
  return verdicts;
}

void Workshop::Learn(Outcome& out, const std::string& evidence, int64_t now_ms) {
  if (evidence.empty() || state_.info().status() == v1::WORKSHOP_STATUS_CLOSED) return;
  EmitMatches(out, matcher_->SetEvidence(evidence, Verdicts(evidence)), now_ms);
}

}  // namespace atelier::workshop
