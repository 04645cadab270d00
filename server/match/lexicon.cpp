#include "server/match/lexicon.hpp"

#include <algorithm>
#include <stdexcept>

#include "server/match/embedded_data.hpp"

namespace atelier::match {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t pos = s.find(sep, start);
    parts.push_back(Trim(s.substr(start, pos - start)));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

// Optimal string alignment distance (Levenshtein plus adjacent transpositions, the commonest
// slip on a touch keyboard), abandoned once it exceeds `bound`.
int EditDistance(std::string_view a, std::string_view b, int bound) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (std::abs(n - m) > bound) return bound + 1;
  std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > bound) return bound + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

void Deletes(const std::string& word, int depth, std::vector<std::string>& out) {
  if (depth == 0 || word.size() <= 3) return;
  for (std::size_t i = 0; i < word.size(); ++i) {
    std::string shorter = word.substr(0, i) + word.substr(i + 1);
    if (std::find(out.begin(), out.end(), shorter) == out.end()) {
      out.push_back(shorter);
      Deletes(shorter, depth - 1, out);
    }
  }
}

bool HasDigit(std::string_view w) {
  return std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Short words are too often other real words ("ligne" is not "linge"): only correct longer ones.
constexpr int kMinTypoLength = 6;
constexpr int kLongWord = 10;

}  // namespace

Lexicon::Lexicon(std::string_view data, std::string_view vocabulary) {
  std::vector<std::pair<std::string, std::string>> not_same, weak;
  std::vector<std::pair<int, std::string>> parents;
  std::vector<std::string_view> lines = Split(data, '\n');
  // Shorthand and function words must be known before any term is normalised.
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string_view line = lines[i];
      if (line.empty() || line.front() == '#') continue;
      const bool setup = line.size() > 1 && line[1] == '|' &&
                         (line[0] == 'A' || line[0] == 'S' || line[0] == 'X' || line[0] == 'G' ||
                          line[0] == 'P' || line[0] == 'T' || line[0] == 'D' || line[0] == 'L');
      if ((pass == 0) == setup) ParseLine(line, static_cast<int>(i + 1), not_same, weak, parents);
    }
  }
  for (const auto& [child, parent_id] : parents) {
    const int parent = Find(parent_id);
    if (parent < 0) throw std::invalid_argument("lexicon: unknown parent " + parent_id);
    concepts_[child].parent = parent;
  }
  BuildRelations(not_same, weak);
  for (std::string_view line : Split(vocabulary, '\n')) {
    if (line.empty() || line.front() == '#') continue;
    const std::size_t bar = line.find('|');
    for (const auto& token :
         normalizer_.Tokenize(line.substr(bar == std::string_view::npos ? 0 : bar + 1))) {
      if (!token.negation && !token.purpose) vocabulary_.insert(token.word);
    }
  }
  BuildTypoIndex();
}

const Lexicon& Lexicon::Default() {
  static const Lexicon lexicon(data::kLexicon, data::kTradeVocabulary);
  return lexicon;
}

void Lexicon::ParseLine(std::string_view line, int line_number,
                        std::vector<std::pair<std::string, std::string>>& not_same,
                        std::vector<std::pair<std::string, std::string>>& weak,
                        std::vector<std::pair<int, std::string>>& parents) {
  const std::vector<std::string_view> f = Split(line, '|');
  auto fail = [&](const char* what) {
    throw std::invalid_argument("lexicon line " + std::to_string(line_number) + ": " + what);
  };
  const std::string_view type = f[0];
  if (type == "S" || type == "X" || type == "G" || type == "P" || type == "T" || type == "D" ||
      type == "L") {
    if (f.size() != 2) fail("expected one field of words");
    for (const std::string& w : Normalizer::SplitWords(f[1])) {
      if (type == "S") normalizer_.AddStopword(w);
      if (type == "X") normalizer_.AddNegation(w);
      if (type == "P") normalizer_.AddPurpose(w);
      if (type == "L") normalizer_.AddContinuation(w);
      if (type == "T") takers_.insert(Normalizer::Stem(w));
      if (type == "D") disposal_.insert(Normalizer::Stem(w));
      if (type == "G") {
        intent_.insert(Normalizer::Stem(w));
        vocabulary_.insert(Normalizer::Stem(w));
      }
    }
  } else if (type == "A") {
    if (f.size() != 3) fail("expected A|abbreviation|expansion");
    normalizer_.AddAbbreviation(f[1], f[2]);
    for (const std::string& w : Normalizer::SplitWords(f[2])) {
      vocabulary_.insert(Normalizer::Stem(w));
    }
  } else if (type == "N" || type == "W") {
    if (f.size() != 3) fail("expected two concept_index ids");
    (type == "N" ? not_same : weak).emplace_back(f[1], f[2]);
  } else if (type == "C") {
    if (f.size() != 6) fail("expected C|id|category|parent|flags|terms");
    Concept c;
    c.id = std::string(f[1]);
    c.category = ParseCategory(f[2]);
    if (c.category == Category::kNone) fail("unknown category");
    for (std::string_view flag : Split(f[4], ',')) {
      if (flag == "mut") c.mutualisable = true;
      if (flag == "staff") c.staff = true;
      if (flag == "generic") c.generic = true;
      if (flag == "haz") c.hazardous = true;
    }
    const int index = static_cast<int>(concepts_.size());
    if (!concept_index_.emplace(c.id, index).second) fail("duplicate concept_index id");
    if (f[3] != "-") parents.emplace_back(index, std::string(f[3]));
    std::vector<std::string> term_texts;
    for (std::string_view term : Split(f[5], ';')) {
      if (term.empty()) continue;
      Term t;
      t.concept_index = index;
      t.text = std::string(term);
      for (const auto& token : normalizer_.Tokenize(term)) t.words.push_back(token.word);
      if (t.words.empty()) continue;
      for (const std::string& w : t.words) vocabulary_.insert(w);
      const int term_index = static_cast<int>(terms_.size());
      if (t.words.size() == 1) {
        const auto [it, inserted] = single_word_terms_.emplace(t.words[0], term_index);
        if (!inserted && terms_[it->second].concept_index != index) {
          collisions_.push_back(t.words[0] + ": " + concepts_[terms_[it->second].concept_index].id +
                                "/" + c.id);
        }
      } else {
        multi_word_terms_[t.words[0]].push_back(term_index);
      }
      term_texts.push_back(t.text);
      terms_.push_back(std::move(t));
    }
    if (term_texts.empty()) fail("concept_index without terms");
    c.label = term_texts.front();
    concepts_.push_back(std::move(c));
    terms_of_.push_back(std::move(term_texts));
  } else {
    fail("unknown record type");
  }
}

int Lexicon::Find(std::string_view id) const {
  const auto it = concept_index_.find(std::string(id));
  return it == concept_index_.end() ? -1 : it->second;
}

std::vector<int> Lexicon::AncestorsOrSelf(int concept_index) const {
  std::vector<int> chain;
  for (int c = concept_index; c >= 0 && chain.size() < 8; c = concepts_[c].parent)
    chain.push_back(c);
  return chain;
}

void Lexicon::BuildRelations(const std::vector<std::pair<std::string, std::string>>& not_same,
                             const std::vector<std::pair<std::string, std::string>>& weak) {
  const int n = size();
  relations_.assign(static_cast<std::size_t>(n) * n, 0);
  auto set = [&](int a, int b, Relation r, int steps) {
    const auto v = static_cast<std::uint8_t>(static_cast<int>(r) | (steps << 4));
    relations_[static_cast<std::size_t>(a) * n + b] = v;
    relations_[static_cast<std::size_t>(b) * n + a] = v;
  };
  auto ids = [&](const std::pair<std::string, std::string>& p) {
    const int a = Find(p.first);
    const int b = Find(p.second);
    if (a < 0 || b < 0) throw std::invalid_argument("lexicon: unknown concept_index in " + p.first);
    return std::pair<int, int>(a, b);
  };
  std::vector<std::vector<int>> chains(n);
  for (int c = 0; c < n; ++c) chains[c] = AncestorsOrSelf(c);
  for (int a = 0; a < n; ++a) {
    set(a, a, Relation::kSame, 0);
    for (std::size_t s = 1; s < chains[a].size() && s <= 2; ++s) {
      set(a, chains[a][s], Relation::kFamily, static_cast<int>(s));
    }
  }
  for (int a = 0; a < n; ++a) {
    for (int b = a + 1; b < n; ++b) {
      if (concepts_[a].parent >= 0 && concepts_[a].parent == concepts_[b].parent &&
          relations_[static_cast<std::size_t>(a) * n + b] == 0) {
        set(a, b, Relation::kSibling, 0);
      }
    }
  }
  for (const auto& p : weak) {
    const auto [a, b] = ids(p);
    set(a, b, Relation::kWeak, 0);
  }
  // NOT-same is inherited by the descendants of both sides and wins over everything else.
  for (const auto& p : not_same) {
    const auto [a, b] = ids(p);
    for (int x = 0; x < n; ++x) {
      if (std::find(chains[x].begin(), chains[x].end(), a) == chains[x].end()) continue;
      for (int y = 0; y < n; ++y) {
        if (std::find(chains[y].begin(), chains[y].end(), b) != chains[y].end()) {
          set(x, y, Relation::kNotSame, 0);
        }
      }
    }
  }
}

Relation Lexicon::Relate(int a, int b, int* steps) const {
  const std::uint8_t v = relations_[static_cast<std::size_t>(a) * size() + b];
  if (steps) *steps = v >> 4;
  return static_cast<Relation>(v & 0x0F);
}

void Lexicon::BuildTypoIndex() {
  typo_words_.assign(vocabulary_.begin(), vocabulary_.end());
  std::sort(typo_words_.begin(), typo_words_.end());
  std::vector<std::string> deletes;
  for (int i = 0; i < static_cast<int>(typo_words_.size()); ++i) {
    const std::string& w = typo_words_[i];
    if (w.size() < kMinTypoLength - 1 || HasDigit(w)) continue;
    deletes.clear();
    deletes.push_back(w);
    Deletes(w, 2, deletes);
    for (const std::string& d : deletes) typo_deletes_[d].push_back(i);
  }
}

std::string Lexicon::Correct(std::string_view word) const {
  if (word.size() < kMinTypoLength || HasDigit(word) || Known(word)) return {};
  const int bound = word.size() >= kLongWord ? 2 : 1;
  std::vector<std::string> deletes{std::string(word)};
  Deletes(std::string(word), bound, deletes);
  int best = -1;
  int best_distance = bound + 1;
  for (const std::string& d : deletes) {
    const auto it = typo_deletes_.find(d);
    if (it == typo_deletes_.end()) continue;
    for (int candidate : it->second) {
      const std::string& w = typo_words_[candidate];
      // Typos rarely hit the first letter; requiring it avoids turning real words into others.
      if (w.empty() || w[0] != word[0] || w.size() + 1 < kMinTypoLength) continue;
      const int distance = EditDistance(word, w, bound);
      if (distance < best_distance ||
          (distance == best_distance && best >= 0 && candidate < best)) {
        best = candidate;
        best_distance = distance;
      }
    }
  }
  return best < 0 ? std::string() : typo_words_[best];
}

Lexicon::Analysis Lexicon::Analyze(std::string_view text) const {
  Analysis out;
  std::vector<Normalizer::Token> tokens = normalizer_.Tokenize(text);
  for (auto& token : tokens) {
    if (token.negation || token.purpose) continue;
    // Taker and disposal words are read as typed and as corrected ("colecte").
    auto mark = [&](const std::string& w) {
      const bool taker = takers_.count(w) > 0;
      out.taker = out.taker || taker;
      auto ends = [&](std::string_view e) {
        return w.size() > e.size() && w.compare(w.size() - e.size(), e.size(), e) == 0;
      };
      // Stems: "collectons" -> "collecton" (not "valorisation"), "recycleurs" -> "recycleur".
      out.taker_service =
          out.taker_service || (taker && ((ends("on") && !ends("ion")) || ends("eur")));
      out.disposal = out.disposal || disposal_.count(w) > 0;
    };
    mark(token.word);
    std::string fixed = Correct(token.word);
    if (!fixed.empty()) {
      out.corrections.emplace_back(token.word, fixed);
      token.word = std::move(fixed);
      mark(token.word);
    }
  }
  const int n = static_cast<int>(tokens.size());

  // Multi-word terms match in any order within a small window ("bois de palettes" is
  // "palettes bois"), longest first, each token used once.
  struct Candidate {
    int term;
    std::vector<int> positions;
    int span;
  };
  std::vector<Candidate> candidates;
  for (int i = 0; i < n; ++i) {
    const auto it = multi_word_terms_.find(tokens[i].word);
    if (it == multi_word_terms_.end()) continue;
    for (int term_index : it->second) {
      const Term& term = terms_[term_index];
      const int k = static_cast<int>(term.words.size());
      Candidate c{term_index, {i}, 0};
      for (int w = 1; w < k && static_cast<int>(c.positions.size()) == w; ++w) {
        int found = -1;
        for (int d = 1; d <= k && found < 0; ++d) {
          for (int j : {i + d, i - d}) {
            if (j < 0 || j >= n || tokens[j].word != term.words[w]) continue;
            if (std::find(c.positions.begin(), c.positions.end(), j) != c.positions.end()) continue;
            found = j;
            break;
          }
        }
        if (found >= 0) c.positions.push_back(found);
      }
      if (static_cast<int>(c.positions.size()) != k) continue;
      const auto [lo, hi] = std::minmax_element(c.positions.begin(), c.positions.end());
      c.span = *hi - *lo;
      if (c.span > k) continue;
      candidates.push_back(std::move(c));
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.positions.size() != b.positions.size()) return a.positions.size() > b.positions.size();
    if (a.span != b.span) return a.span < b.span;
    const int ma = *std::min_element(a.positions.begin(), a.positions.end());
    const int mb = *std::min_element(b.positions.begin(), b.positions.end());
    if (ma != mb) return ma < mb;
    return a.term < b.term;
  });
  std::vector<int> covered(n, 0);
  std::vector<Hit> hits;
  for (const Candidate& c : candidates) {
    if (std::any_of(c.positions.begin(), c.positions.end(), [&](int p) { return covered[p]; })) {
      continue;
    }
    for (int p : c.positions) covered[p] = 1;
    const auto [lo, hi] = std::minmax_element(c.positions.begin(), c.positions.end());
    hits.push_back(Hit{terms_[c.term].concept_index, terms_[c.term].text, *lo, *hi, false, false,
                       tokens[*lo].item});
  }
  for (int i = 0; i < n; ++i) {
    if (covered[i] || tokens[i].negation || tokens[i].purpose) continue;
    const auto it = single_word_terms_.find(tokens[i].word);
    if (it == single_word_terms_.end()) continue;
    covered[i] = 1;
    hits.push_back(Hit{terms_[it->second].concept_index, terms_[it->second].text, i, i, false,
                       false, tokens[i].item});
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.first < b.first; });
  for (int p = 0; p < n; ++p) {
    if (!tokens[p].purpose) continue;
    for (Hit& h : hits) h.context = h.context || h.first > p;
    break;
  }
  for (int p = 0; p < n; ++p) {
    if (!tokens[p].negation || covered[p]) continue;
    for (Hit& h : hits) {
      if (h.first > p && h.first <= p + 3 && h.item == tokens[p].item) {
        h.negated = true;
        break;
      }
    }
  }
  // "uniquement X", "X obligatoire": the concept is a requirement.
  for (int p = 0; p < n; ++p) {
    const std::string& w = tokens[p].word;
    const bool before = w == "uniquement" || w == "seulement" || w == "exclusivement";
    const bool after = w == "obligatoire" || w == "obligatoirement" || w == "exige" ||
                       w == "exigee" || w == "imperatif";
    if (!before && !after) continue;
    for (Hit& h : hits) {
      if (h.item != tokens[p].item) continue;
      if ((before && h.first > p && h.first <= p + 3) || (after && h.last < p && h.last >= p - 3)) {
        h.required = true;
      }
    }
  }
  // One hit per concept; a concept both wanted and excluded counts as wanted.
  for (Hit& h : hits) {
    auto same = std::find_if(out.hits.begin(), out.hits.end(),
                             [&](const Hit& o) { return o.concept_index == h.concept_index; });
    if (same == out.hits.end()) {
      out.hits.push_back(std::move(h));
    } else {
      if (!h.negated) same->negated = false;
      if (h.required) same->required = true;
      if (!h.context) same->context = false;
    }
  }
  // A negation excludes the few words after it, within its item.
  std::vector<char> excluded(n, 0);
  for (int p = 0; p < n; ++p) {
    if (!tokens[p].negation) continue;
    for (int q = p + 1; q < n && q <= p + 3 && tokens[q].item == tokens[p].item; ++q) {
      if (tokens[q].negation || tokens[q].purpose) break;
      excluded[q] = 1;
    }
  }
  bool lead = true;
  for (int i = 0; i < n; ++i) {
    lead = lead && !tokens[i].purpose;
    if (tokens[i].negation || tokens[i].purpose || excluded[i]) continue;
    const auto item = static_cast<std::size_t>(tokens[i].item);
    if (out.items.size() <= item) out.items.resize(item + 1);
    out.items[item].push_back(tokens[i].word);
    if (lead) {
      if (out.lead_items.size() <= item) out.lead_items.resize(item + 1);
      out.lead_items[item].push_back(tokens[i].word);
    }
  }
  std::erase_if(out.items, [](const auto& words) { return words.empty(); });
  std::erase_if(out.lead_items, [](const auto& words) { return words.empty(); });
  for (int i = 0; i < n; ++i) {
    if (covered[i] || tokens[i].negation || tokens[i].purpose || tokens[i].word.size() < 3) {
      continue;
    }
    if (IsIntentWord(tokens[i].word)) continue;
    out.residual.push_back(tokens[i].word);
  }
  std::sort(out.residual.begin(), out.residual.end());
  out.residual.erase(std::unique(out.residual.begin(), out.residual.end()), out.residual.end());
  return out;
}

}  // namespace atelier::match
