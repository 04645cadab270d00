#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "server/match/normalizer.hpp"

namespace atelier::match {

// The recall floor's view of a text: every word of an item (its folded stem) and the character
// 4-grams of the longer ones, weighted by rarity, plus the trade-vocabulary groups the item
// names. Rarity is measured once over a fixed reference corpus (the lexicon, the European List
// of Waste, the trade vocabularies), not over the cards indexed so far, so that the score of a
// pair stays a function of its two cards alone (any order, index or brute force, same result).
// Immutable once built; Default() is shared by every engine and thread.
class LexicalModel {
 public:
  struct Feature {
    std::uint32_t id = 0;
    float weight = 0;
    bool operator==(const Feature&) const = default;
  };
  // One item of a card ("nous reprenons cartons, palettes": two items).
  struct Item {
    std::vector<Feature> features;   // sorted by id, distinct
    float norm = 0;                  // sum of the weights
    std::vector<std::string> words;  // distinct stems that weigh, sorted: what reasons name
    bool operator==(const Item&) const = default;
  };

  // `corpus` holds reference documents (one per line); `common` the filler words of cards
  // ("cherche", "venir", "régulier"), which weigh almost nothing; `vocabulary` the trade
  // vocabularies (see data/vocabulaire-metiers.txt). Words are given already folded and stemmed
  // by `normalizer`.
  LexicalModel(const Normalizer& normalizer, const std::vector<std::string_view>& corpus,
               std::string_view common, std::string_view vocabulary);

  static const LexicalModel& Default();

  // The features of one item from its words (normalised stems, in text order).
  Item Build(const std::vector<std::string>& words) const;

  // Weighted cosine of two items, 0..1; 1 when they name two terms of one vocabulary group.
  // `shared`, when given, receives what a reason can name: the shared words and the labels of
  // shared vocabulary groups.
  double Similarity(const Item& a, const Item& b, std::vector<std::string>* shared) const;

  // The weight of a whole word (0..1): 1 for a word the reference corpus never uses.
  float WordWeight(std::string_view stem) const;
  bool Common(std::string_view stem) const { return common_.count(std::string(stem)) > 0; }
  // Vocabulary groups, for tests: the label of the group `words` names, or "".
  std::string GroupOf(const std::vector<std::string>& words) const;
  std::size_t group_count() const { return groups_.size(); }

  static std::uint32_t WordId(std::string_view stem);

 private:
  struct Group {
    std::string label;
    std::vector<std::vector<std::string>> terms;  // each a sequence of stems
  };
  float Idf(std::uint32_t id) const;
  std::uint32_t GroupId(std::size_t group) const;

  std::unordered_map<std::uint32_t, std::uint32_t> df_;  // feature id -> documents using it
  double log_docs_ = 1;
  std::unordered_set<std::string> common_;
  std::vector<Group> groups_;
  // First stem of a term -> (group, term index).
  std::unordered_map<std::string, std::vector<std::pair<std::uint32_t, std::uint32_t>>> starts_;
  std::unordered_map<std::uint32_t, std::uint32_t> group_of_id_;  // feature id -> group
};

}  // namespace atelier::match
