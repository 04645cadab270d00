#pragma once
// Workshop: validates commands against the current state and turns them into
// events (already folded into the state when returned). Pure: no clock, no
// sockets, no disk; the caller passes the time and persists the events.
// Not thread-safe: one per workshop actor.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "atelier/v1/atelier.pb.h"
#include "server/workshop/matcher.hpp"
#include "server/workshop/state.hpp"
#include "server/workshop/viewer.hpp"
#include "server/workshop/visibility.hpp"

namespace atelier::workshop {

// Text limits in characters, from the protocol (TextLimit): the same numbers as the web
// client's maxlength.
inline constexpr size_t kMaxTextChars = v1::TEXT_LIMIT_TEXT;
inline constexpr size_t kMaxNameChars = v1::TEXT_LIMIT_NAME;
inline constexpr size_t kMaxFieldChars = v1::TEXT_LIMIT_FIELD;
inline constexpr size_t kMaxUnitChars = v1::TEXT_LIMIT_UNIT;
inline constexpr size_t kMaxPersonNameChars = v1::TEXT_LIMIT_PERSON_NAME;
inline constexpr int kMaxMergedCards = 50;

// Quotas of one workshop (flags of the server; see Config).
struct Limits {
  size_t max_live_cards_per_company = 200;
  size_t max_live_cards = 10000;
};

struct Rejection {
  v1::ErrorCode code;
  std::string message;  // French, shown to people
  std::vector<v1::FieldError> details = {};
};

struct Outcome {
  std::vector<v1::Event> events;  // empty with a rejection
  std::string entity_id;          // e.g. the new card's id
  std::optional<Rejection> rejection;
  bool ok() const { return !rejection.has_value(); }
};

class Workshop {
 public:
  explicit Workshop(std::unique_ptr<Matcher> matcher = std::make_unique<NullMatcher>());

  // Folds a stored event (recovery). Call Rebuild() after the last one.
  void Restore(const v1::Event& event);
  // Feeds the live cards and companies to the matcher after Restore().
  void RebuildMatcher();
  // Swaps in another matcher (e.g. one given the territory's earlier cards)
  // and feeds it the current cards and companies. Emits nothing.
  void ReplaceMatcher(std::unique_ptr<Matcher> matcher);
  // Events that bring the state's matches with earlier workshops' cards in
  // line with the matcher's (new earlier cards, cards withdrawn there since):
  // MatchFound for new or changed ones, MatchRemoved for those gone. Matches
  // between this workshop's own cards are left alone. Empty when in line.
  Outcome ReconcileEarlierMatches(int64_t now_ms);

  Outcome Create(const v1::WorkshopInfo& info, int64_t now_ms);
  Outcome AddParticipant(const v1::Participant& participant, int64_t now_ms);
  // The server operator's decision (the atelier tool on the server's file):
  // which territory's earlier workshops this one reads. No client command
  // reaches it.
  Outcome SetTerritory(const std::string& territory, int64_t now_ms);
  // Any command but Join and Ping.
  Outcome Handle(const Viewer& actor, const v1::ClientMessage& command, int64_t now_ms);

  const WorkshopState& state() const { return state_; }
  void SetLimits(const Limits& limits) { limits_ = limits; }
  // The rules React() applies to the match keys it is given.
  void SetVisibility(const Visibility& visibility) { visibility_ = visibility; }

 private:
  Outcome PostCard(const Viewer& actor, const v1::PostCard& cmd, int64_t now_ms);
  Outcome EditCard(const Viewer& actor, const v1::EditCard& cmd, int64_t now_ms);
  Outcome WithdrawCard(const Viewer& actor, const v1::WithdrawCard& cmd, int64_t now_ms);
  Outcome React(const Viewer& actor, const v1::React& cmd, int64_t now_ms);
  Outcome Facilitate(const Viewer& actor, const v1::ClientMessage& cmd, int64_t now_ms);
  Outcome SetSynergy(const Viewer& actor, const v1::Synergy& synergy, int64_t now_ms);
  Outcome ImportCompanies(const Viewer& actor, const v1::ImportCompanies& cmd, int64_t now_ms);
  Outcome MergeCards(const Viewer& actor, const v1::MergeCards& cmd, int64_t now_ms);
  // Enums known, strings well-formed and within their limits.
  std::optional<Rejection> CheckInfo(const v1::WorkshopInfo& info) const;
  // Checks and normalizes one company; empty message when valid.
  std::string CheckCompany(v1::Company* company) const;

  // Appends an event with the next sequence number and folds it.
  v1::Event& Emit(Outcome& out, const Viewer& actor, int64_t now_ms);
  void EmitMatches(Outcome& out, const MatchChanges& changes, int64_t now_ms);
  std::optional<Rejection> CheckOpen(const Viewer& actor) const;
  // The territory opens other workshops' cards: the server's operator sets it
  // (atelier create-workshop / set-territory), never a facilitator's command.
  std::optional<Rejection> CheckTerritoryChange(const v1::WorkshopInfo& update) const;
  std::optional<Rejection> CheckCardOwner(const Viewer& actor, const v1::Card& card) const;
  std::optional<Rejection> ValidateDraft(const v1::CardDraft& draft) const;
  void FillCard(const v1::CardDraft& draft, v1::Card* card) const;
  size_t LiveCardsOf(const std::string& company_id) const;
  // This workshop's verdicts on suggestions with `evidence` (Match.evidence), by match key:
  // its synergies' (SynergyVerdict), else -1 for a « pas pertinent » on a current match.
  std::map<std::string, int> Verdicts(const std::string& evidence) const;
  // Teaches the matcher what the room now says of `evidence`; the matches it re-ranks become
  // events. Not once the workshop is closed: its suggestions stay as the room left them.
  void Learn(Outcome& out, const std::string& evidence, int64_t now_ms);

  WorkshopState state_;
  std::unique_ptr<Matcher> matcher_;
  Limits limits_;
  Visibility visibility_;
};

// Helpers shared with clients and tools.
bool IsKnownCategory(const std::string& category);
// "150103" or "15 01 03" or "15 01 03*" -> "15 01 03"; empty if not a code.
std::string NormalizeWasteCode(const std::string& code);

}  // namespace atelier::workshop
