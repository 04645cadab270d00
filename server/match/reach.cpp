#include "server/match/reach.hpp"

#include <algorithm>
#include <stdexcept>

#include "server/match/embedded_data.hpp"

namespace atelier::match {

Reach::Reach(std::string_view tsv, const Lexicon& lexicon) {
  int number = 0;
  std::size_t start = 0;
  while (start < tsv.size()) {
    std::size_t end = tsv.find('\n', start);
    if (end == std::string_view::npos) end = tsv.size();
    std::string_view line = tsv.substr(start, end - start);
    start = end + 1;
    ++number;
    if (line.empty() || line.front() == '#') continue;
    auto fail = [&](const std::string& what) {
      throw std::invalid_argument("portee-des-flux line " + std::to_string(number) + ": " + what);
    };
    const std::size_t a = line.find('|');
    const std::size_t b = a == std::string_view::npos ? a : line.find('|', a + 1);
    if (b == std::string_view::npos) fail("expected km|label|keys");
    Line l;
    try {
      l.km = std::stod(std::string(line.substr(0, a)));
    } catch (const std::exception&) {
      fail("bad distance");
    }
    l.label = std::string(line.substr(a + 1, b - a - 1));
    std::string_view keys = line.substr(b + 1);
    while (!keys.empty()) {
      const std::size_t space = keys.find(' ');
      const std::string_view key = keys.substr(0, space);
      keys = space == std::string_view::npos ? std::string_view() : keys.substr(space + 1);
      if (key.size() < 2) continue;
      if (key[0] == '@') {
        const int c = lexicon.Find(key.substr(1));
        if (c < 0) fail("unknown concept " + std::string(key));
        l.concepts.push_back(c);
      } else if (key[0] == '#') {
        const Category c = ParseCategory(key.substr(1));
        if (c == Category::kNone) fail("unknown category " + std::string(key));
        l.categories.push_back(c);
      } else {
        fail("expected @concept or #category: " + std::string(key));
      }
    }
    lines_.push_back(std::move(l));
  }
}

const Reach& Reach::Default() {
  static const Reach reach(data::kReach, Lexicon::Default());
  return reach;
}

const Reach::Line* Reach::Of(const Lexicon& lexicon, int concept_index, Category category) const {
  if (concept_index >= 0) {
    for (const Line& l : lines_) {
      for (int c : l.concepts) {
        const Relation r = lexicon.Relate(concept_index, c);
        bool below = r == Relation::kSame;
        for (int x = concept_index; !below && x >= 0; x = lexicon.ConceptAt(x).parent)
          below = x == c;
        if (below) return &l;
      }
    }
    category = category == Category::kNone ? lexicon.ConceptAt(concept_index).category : category;
  }
  for (const Line& l : lines_) {
    if (std::find(l.categories.begin(), l.categories.end(), category) != l.categories.end()) {
      return &l;
    }
  }
  return nullptr;
}

}  // namespace atelier::match
