#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "server/match/category.hpp"
#include "server/match/lexicon.hpp"

namespace atelier::match {

// How far a synergy stays realistic, by what travels (data/portee-des-flux.tsv): low-grade heat
// and water a few kilometres, patrols and meals the same zone, materials a region. Immutable once
// built; Default() is shared by every engine and thread.
class Reach {
 public:
  struct Line {
    double km = 0;
    std::string label;          // "chaleur, froid et fluides"
    std::vector<int> concepts;  // with their descendants
    std::vector<Category> categories;
  };

  // Throws std::invalid_argument naming the bad line (start-up only).
  Reach(std::string_view tsv, const Lexicon& lexicon);
  static const Reach& Default();

  // The first line for a card about `concept_index` (-1 when none) filed under `category`, or
  // nullptr when nothing limits it.
  const Line* Of(const Lexicon& lexicon, int concept_index, Category category) const;
  const std::vector<Line>& lines() const { return lines_; }

 private:
  std::vector<Line> lines_;
};

}  // namespace atelier::match
