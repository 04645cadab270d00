#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "server/match/category.hpp"
#include "server/match/normalizer.hpp"

namespace atelier::match {

// One resource or service a facilitator would call by one name, whatever the words used.
struct Concept {
  std::string id;
  std::string label;  // the first term, as written in the lexicon
  Category category = Category::kNone;
  int parent = -1;
  bool mutualisable = false;  // needs of it can be pooled between companies
  bool staff = false;         // seasonal or idle staff: inverse seasons make shared staff
  bool generic = false;       // too vague alone: dropped when a card names a precise concept
  bool hazardous = false;     // hazardous waste: offered, it only goes to someone who can take it
};

// How two concepts relate, from the lexicon's families and explicit pairs.
enum class Relation : std::uint8_t { kNone, kSame, kFamily, kSibling, kWeak, kNotSame };

// The curated EIT lexicon (server/match/data/lexicon.txt, embedded at build time): concepts with
// their synonyms and families, NOT-same and weak pairs, shorthand, and the typo-correction
// vocabulary. Immutable once built; Default() is shared by every engine and thread.
class Lexicon {
 public:
  struct Hit {
    int concept_index = -1;
    std::string term;  // the lexicon term that matched, as written ("Fenwick")
    int first = 0;     // token positions covered, for negation
    int last = 0;
    bool negated = false;   // "pas de plastique": this concept is excluded, not wanted
    bool context = false;   // after "pour" or "(": a use or a detail, not the resource itself
    int item = 0;           // the item of the card's list it was found in
    bool required = false;  // "uniquement du bois", "potable obligatoire": a partner must name it
  };
  struct Analysis {
    std::vector<Hit> hits;              // in text order, one per concept
    std::vector<std::string> residual;  // meaningful words no concept covers
    std::vector<std::pair<std::string, std::string>> corrections;  // typo -> vocabulary word
    // Every word of each item, corrected, in text order; without the negation and purpose
    // markers and without what a negation excludes ("pas de plastique"). For the recall floor.
    std::vector<std::vector<std::string>> items;
    // The same, up to the first purpose word: what the card is, not what it is for.
    std::vector<std::vector<std::string>> lead_items;
    bool taker = false;  // a word says the author collects or treats waste ("collecte")
    // ... and says it as a service: "nous collectons", "recycleur" (not "sciure à valoriser").
    bool taker_service = false;
    bool disposal = false;  // a word says the author wants something gone ("à évacuer")
  };

  // Parses lexicon text; throws std::invalid_argument naming the bad line (start-up only).
  // `vocabulary`: more words people use (data/vocabulaire-metiers.txt, "secteur|terme; terme"),
  // which typo correction must know so as not to turn them into lexicon words.
  explicit Lexicon(std::string_view data, std::string_view vocabulary = {});

  // The embedded lexicon, parsed on first use (thread-safe static initialisation).
  static const Lexicon& Default();

  Analysis Analyze(std::string_view text) const;

  // Relation of two concepts; `steps` receives the family distance (1 = parent/child).
  Relation Relate(int a, int b, int* steps = nullptr) const;

  int size() const { return static_cast<int>(concepts_.size()); }
  const Concept& ConceptAt(int index) const { return concepts_[index]; }
  int Find(std::string_view id) const;  // -1 when unknown
  const std::vector<std::string>& TermsOf(int concept_index) const {
    return terms_of_[concept_index];
  }

  // The vocabulary word a typo stands for ("fenwik" -> "fenwick"), or "" when the word is known,
  // short, or too far from every word. Bounded edit distance: 1 under 8 letters, 2 from 8.
  std::string Correct(std::string_view word) const;
  bool Known(std::string_view word) const { return vocabulary_.count(std::string(word)) > 0; }
  bool IsIntentWord(std::string_view word) const { return intent_.count(std::string(word)) > 0; }

  const Normalizer& normalizer() const { return normalizer_; }
  // Single-word terms claimed by two concepts ("word: first/second"); the first keeps the word.
  // Kept so that the lexicon test can insist on none.
  const std::vector<std::string>& collisions() const { return collisions_; }

 private:
  struct Term {
    int concept_index = -1;
    std::string text;
    std::vector<std::string> words;
  };

  void ParseLine(std::string_view line, int line_number,
                 std::vector<std::pair<std::string, std::string>>& not_same,
                 std::vector<std::pair<std::string, std::string>>& weak,
                 std::vector<std::pair<int, std::string>>& parents);
  void BuildRelations(const std::vector<std::pair<std::string, std::string>>& not_same,
                      const std::vector<std::pair<std::string, std::string>>& weak);
  void BuildTypoIndex();
  std::vector<int> AncestorsOrSelf(int concept_index) const;

  Normalizer normalizer_;
  std::vector<Concept> concepts_;
  std::vector<std::vector<std::string>> terms_of_;
  std::unordered_map<std::string, int> concept_index_;
  std::vector<Term> terms_;
  std::unordered_map<std::string, int> single_word_terms_;
  std::unordered_map<std::string, std::vector<int>> multi_word_terms_;  // by first word
  std::unordered_set<std::string> vocabulary_;
  std::unordered_set<std::string> intent_;
  std::unordered_set<std::string> takers_;
  std::unordered_set<std::string> disposal_;
  std::vector<std::string> typo_words_;
  std::unordered_map<std::string, std::vector<int>> typo_deletes_;
  std::vector<std::uint8_t> relations_;
  std::vector<std::string> collisions_;  // size()^2: Relation in low bits, steps above
};

}  // namespace atelier::match
