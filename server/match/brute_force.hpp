#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "server/match/card_profile.hpp"
#include "server/match/scorer.hpp"
#include "server/match/types.hpp"

namespace atelier::match {

// Reference matcher: scores a new card against every stored card, no index. Same scorer as the
// engine, so the two must find the same pairs; used by tests and by the benchmark as the
// baseline. Not thread-safe.
class BruteForce {
 public:
  explicit BruteForce(MatchOptions options = {});

  void UpsertCompany(const Company& company);
  // Pair matches of `card` with the stored cards (no groups), best first; then stores it.
  std::vector<Match> Add(const Card& card);
  // Stores `card` without scoring it (to load a catalogue).
  void Store(const Card& card);
  // Pair matches of `card` with the stored cards, without storing it.
  std::vector<Match> Scan(const Card& card) const;
  std::size_t size() const { return cards_.size(); }

  // A pair of stored cards that the texts would make but a constraint rules out.
  struct Rejection {
    std::string first, second;  // card ids, the offer first
    std::string veto;           // "Températures incompatibles : …"
  };
  // Every such pair of stored cards, in storage order: what `atelier match --explain` lists.
  std::vector<Rejection> Rejections() const;

 private:
  const Lexicon& lexicon_;
  Scorer scorer_;
  std::vector<CardProfile> cards_;
  std::unordered_map<std::string, Company> companies_;
};

}  // namespace atelier::match
