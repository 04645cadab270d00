#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "server/match/card_profile.hpp"
#include "server/match/lexicon.hpp"
#include "server/match/scorer.hpp"
#include "server/match/types.hpp"

namespace atelier::match {

// The live matcher of one workshop (or one catalogue): keeps every card indexed by concept,
// free word and waste code, and answers each change with the matches it creates, changes or
// removes. Results depend only on the current cards and companies, never on their order.
// Not thread-safe: one engine per workshop, used from the workshop's strand.
class Engine {
 public:
  Engine();
  explicit Engine(MatchOptions options);

  // Adds or replaces a company; matches of its cards are re-scored (distance, ESS).
  MatchDelta UpsertCompany(const Company& company);
  // A new card (an existing id is treated as Update).
  MatchDelta Add(const Card& card);
  // The card read once (Read), for a caller that needed the profile first (the hazard badge):
  // the text is not analysed again.
  MatchDelta Add(CardProfile profile);
  MatchDelta Update(CardProfile profile);
  // What Add would read from `card`; pure.
  CardProfile Read(const Card& card) const;
  // An edited card: its matches are re-scored, those that no longer hold are removed.
  MatchDelta Update(const Card& card);
  MatchDelta Remove(const std::string& card_id);
  // Cards to be found, never to look: indexed (and counted in mutualisation
  // groups) without searching for their own partners, so that their matches
  // among themselves are never computed; a card added later finds them as
  // usual. For large read-only sets (a territory's earlier workshops), where
  // Add would cost a search per card. Existing ids are left alone.
  void AddReferences(const std::vector<Card>& cards);

  // What the room said of suggestions with this evidence (Match.evidence): the matches that
  // carry it are re-ranked, those of this workshop's verdicts excluded from their own count, and
  // say so in their reasons. Only re-ranks: a pair the constraints veto stays unmade, and no
  // shown pair is hidden. An empty Evidence forgets the subject. Cheap before the cards are
  // added (a restore); afterwards it re-reads every pair once.
  MatchDelta SetEvidence(const std::string& subject, Evidence evidence);

  // Every match the engine would show, best first, ties by key.
  std::vector<Match> All() const;
  std::vector<Match> ForCard(const std::string& card_id) const;

  std::size_t card_count() const { return slot_of_.size(); }
  const CardProfile* Profile(const std::string& card_id) const;

 private:
  // Pairs are stored as two slots and a score; reasons are written again when a match is shown,
  // which keeps a dense 100k-card catalogue within a few hundred bytes per pair.
  using PairId = std::uint64_t;  // first card's slot << 32 | second card's slot
  struct Slot {
    CardProfile profile;
    const Company* company = nullptr;  // resolved on insert; companies_ nodes never move
    std::vector<PairId> pairs;
    bool live = false;
  };
  struct GroupMembers {
    // Sorted vectors rather than trees: a large group is walked in full at every change.
    using Sorted = std::vector<std::pair<std::string, std::uint32_t>>;
    Sorted needs;      // card id -> slot, sorted by id: group matches are built in id order
    Sorted providers;  // card id -> slot
    // Running tallies, so that redrawing a large group sorts nothing.
    Sorted companies;       // of needs and providers -> cards
    Sorted need_companies;  // of needs -> cards
    Sorted terms;           // the needs' words for the concept -> cards
    // Distances are kept for the companies they were computed between (reset by UpsertCompany).
    std::vector<const Company*> located;
    double farthest_km = -1;
    bool located_valid = false;
    std::optional<Match> match;  // set while at least two companies share the need
  };

  MatchDelta Apply(const std::string& card_id, std::optional<CardProfile> profile);
  // Places a profile in a free slot (or a new one) and indexes it; `search`
  // also finds its partners.
  std::uint32_t Place(CardProfile profile, bool search);
  void Insert(std::uint32_t slot, bool search = true);
  void AddToGroups(std::uint32_t slot);
  void Erase(std::uint32_t slot);
  void Index(std::uint32_t slot, bool add);
  std::vector<std::uint64_t> QueryKeys(const CardProfile& profile) const;
  std::vector<std::uint64_t> IndexKeys(const CardProfile& profile);
  void RebuildGroup(int concept_index);
  void Tally(GroupMembers& group, int concept_index, const CardProfile& profile, int delta);
  const Company* CompanyOf(const std::string& company_id) const;
  std::optional<Match> Materialize(PairId id) const;
  // The group's current match, moved out (the group is rebuilt right after), or nullopt.
  std::optional<Match> TakeGroup(int concept_index);
  std::optional<Match> FindGroup(const std::string& key) const;
  std::string KeyOf(PairId id) const;
  // Applies what the room said of the match's evidence to its score and reasons.
  void Weigh(Match& m) const;

  const Lexicon& lexicon_;
  Scorer scorer_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::unordered_map<std::string, std::uint32_t> slot_of_;
  std::unordered_map<std::string, Company> companies_;
  std::unordered_map<PairId, float> pairs_;
  std::map<int, GroupMembers> groups_;
  std::unordered_map<std::string, int> group_of_key_;
  std::unordered_map<std::string, Evidence> evidence_;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> postings_;
  std::unordered_map<std::string, std::uint32_t> words_;
  // What rules a candidate out without reading its profile (same company, two offers, two needs
  // that are not complementary staff): a dense array scanned by Insert, one entry per slot.
  struct Brief {
    std::uint32_t seen = 0;  // epoch of the last Insert that fetched this slot
    std::uint32_t company = 0;
    float lexical_norm = 0;
    std::uint16_t months = 0;
    bool offer = false;
    bool staff = false;
    bool collector = false;
    bool pools = false;
  };
  static bool MayPair(const Brief& a, const Brief& b);
  std::vector<Brief> briefs_;
  std::unordered_map<std::string, std::uint32_t> company_numbers_;
  std::uint32_t epoch_ = 0;
  // Scratch of the recall floor's retrieval, one entry per slot, valid for the epoch it carries.
  std::vector<float> accumulated_;
  std::vector<std::uint32_t> accumulated_epoch_;
};

}  // namespace atelier::match
