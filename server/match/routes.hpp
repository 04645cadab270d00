#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "server/match/lexicon.hpp"

namespace atelier::match {

// Recovery routes (data/filieres-valorisation.tsv, after the R/D operations of the Waste
// Framework Directive): what a class of resources can become and who takes it, so that
// "coques de cacao" meets "cherche du paillage" and "biodéchets" a "méthaniseur". Immutable once
// built; Default() is shared by every engine and thread.
class Routes {
 public:
  struct Route {
    std::string id;
    std::string operation;      // "R3 recyclage organique : méthanisation, compostage…"
    std::vector<int> concepts;  // sources, with their descendants
    std::vector<std::vector<std::string>> sources;  // source terms, as normalised words
    std::vector<std::vector<std::string>> outlets;  // what it becomes, who takes it
    std::vector<std::string> outlet_labels;         // outlets as written, for reasons
  };
  struct Found {
    std::vector<int> sources;       // routes the card names a resource of, sorted
    std::vector<int> outlets;       // routes the card names an outlet of, sorted
    std::vector<int> outlet_terms;  // for each outlet route, the term index found
  };

  // Throws std::invalid_argument naming the bad line (start-up only).
  Routes(std::string_view tsv, const Lexicon& lexicon);
  static const Routes& Default();

  // `items`: the card's words per item; `concepts`: the concepts it is about (not context). Source
  // terms count only when it names no concept, outlets only when it names no material or waste.
  // `lead_items`: the words before any purpose word, where a card that names a resource says
  // its outlet ("big bags pour terreau" is about big bags).
  Found Find(const std::vector<std::vector<std::string>>& items,
             const std::vector<std::vector<std::string>>& lead_items,
             const std::vector<int>& concepts) const;
  const Route& At(int index) const { return routes_[index]; }
  int size() const { return static_cast<int>(routes_.size()); }

 private:
  const Lexicon& lexicon_;
  std::vector<Route> routes_;
};

}  // namespace atelier::match
