#include "server/match/routes.hpp"

#include <algorithm>
#include <stdexcept>

#include "server/match/embedded_data.hpp"

namespace atelier::match {
namespace {

std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t pos = s.find(sep, start);
    std::string_view part = s.substr(start, pos - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && (part.back() == ' ' || part.back() == '\r')) part.remove_suffix(1);
    out.push_back(part);
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

// Words of one family of an outlet: the same word, or the same first six letters of two long
// words (« récupérer » and « récupération », « composteur » and « compostage »).
bool SameStem(const std::string& a, const std::string& b) {
  constexpr std::size_t kStem = 6;
  return a == b ||
         (a.size() >= kStem + 1 && b.size() >= kStem + 1 && a.compare(0, kStem, b, 0, kStem) == 0);
}

bool Contains(const std::vector<std::vector<std::string>>& items,
              const std::vector<std::string>& term, bool stems = false) {
  for (const auto& words : items) {
    if (words.size() < term.size()) continue;
    for (std::size_t i = 0; i + term.size() <= words.size(); ++i) {
      const auto at = words.begin() + static_cast<std::ptrdiff_t>(i);
      if (stems ? std::equal(term.begin(), term.end(), at, SameStem)
                : std::equal(term.begin(), term.end(), at)) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

Routes::Routes(std::string_view tsv, const Lexicon& lexicon) : lexicon_(lexicon) {
  int number = 0;
  for (std::string_view line : SplitOn(tsv, '\n')) {
    ++number;
    if (line.empty() || line.front() == '#') continue;
    const auto f = SplitOn(line, '|');
    if (f.size() != 4) {
      throw std::invalid_argument("filieres-valorisation line " + std::to_string(number) +
                                  ": expected id|operation|sources|outlets");
    }
    Route r;
    r.id = std::string(f[0]);
    r.operation = std::string(f[1]);
    auto words = [&](std::string_view term) {
      std::vector<std::string> out;
      for (auto& t : lexicon.normalizer().Tokenize(term)) {
        if (!t.negation && !t.purpose) out.push_back(std::move(t.word));
      }
      return out;
    };
    for (std::string_view term : SplitOn(f[2], ';')) {
      // "@a @b; term": concepts first, separated by spaces.
      std::string_view rest = term;
      while (!rest.empty() && rest.front() == '@') {
        const std::size_t space = rest.find(' ');
        const std::string_view id =
            rest.substr(1, space == std::string_view::npos ? space : space - 1);
        const int c = lexicon.Find(id);
        if (c < 0) {
          throw std::invalid_argument("filieres-valorisation line " + std::to_string(number) +
                                      ": unknown concept " + std::string(id));
        }
        r.concepts.push_back(c);
        rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
      }
      if (auto w = words(rest); !w.empty()) r.sources.push_back(std::move(w));
    }
    for (std::string_view term : SplitOn(f[3], ';')) {
      if (auto w = words(term); !w.empty()) {
        r.outlets.push_back(std::move(w));
        r.outlet_labels.emplace_back(term);
      }
    }
    routes_.push_back(std::move(r));
  }
}

const Routes& Routes::Default() {
  static const Routes routes(data::kRoutes, Lexicon::Default());
  return routes;
}

Routes::Found Routes::Find(const std::vector<std::vector<std::string>>& items,
                           const std::vector<std::vector<std::string>>& lead_items,
                           const std::vector<int>& concepts) const {
  Found out;
  const bool outlets_count = std::none_of(concepts.begin(), concepts.end(), [&](int c) {
    const Concept& x = lexicon_.ConceptAt(c);
    return !x.generic && (x.category == Category::kMatiere || x.category == Category::kDechet);
  });
  for (int i = 0; i < size(); ++i) {
    const Route& r = routes_[i];
    bool source = false;
    for (int c : concepts) {
      for (int x = c; !source && x >= 0; x = lexicon_.ConceptAt(x).parent) {
        source = std::find(r.concepts.begin(), r.concepts.end(), x) != r.concepts.end();
      }
    }
    // Terms stand for what the lexicon does not name: "copeaux d'alu" is aluminium, not litter.
    // A phrase of several words is specific enough to count whatever the card names (« IBC
    // alimentaires » is an IBC and a food container).
    for (const auto& term : r.sources) {
      source = source || ((concepts.empty() || term.size() > 1) && Contains(items, term));
    }
    if (source) out.sources.push_back(i);
    // An outlet says what a card wants only when it names no material of its own ("cherche des
    // huiles alimentaires pour notre méthaniseur" wants oil, not any biowaste); a digester or a
    // boiler named is the outlet itself.
    for (std::size_t t = 0; outlets_count && t < r.outlets.size(); ++t) {
      if (Contains(concepts.empty() ? items : lead_items, r.outlets[t], /*stems=*/true)) {
        out.outlets.push_back(i);
        out.outlet_terms.push_back(static_cast<int>(t));
        break;
      }
    }
  }
  return out;
}

}  // namespace atelier::match
