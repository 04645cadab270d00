#include "server/match/lexical.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "server/match/embedded_data.hpp"
#include "server/match/lexicon.hpp"

namespace atelier::match {
namespace {

// A filler word counts for almost nothing; a character 4-gram for a fraction of a word (a word
// of eight letters has seven); a trade-vocabulary group as much as a rare word and its grams.
constexpr float kCommonWeight = 0.05F;
constexpr float kGramWeight = 0.2F;
constexpr float kGroupWeight = 1.6F;
constexpr float kMinWeight = 0.05F;
constexpr std::size_t kMinGramWord = 4;
constexpr std::size_t kGram = 4;

std::uint32_t Hash(char kind, std::string_view s) {
  std::uint32_t h = 2166136261u;
  auto mix = [&](unsigned char c) {
    h ^= c;
    h *= 16777619u;
  };
  mix(static_cast<unsigned char>(kind));
  for (char c : s) mix(static_cast<unsigned char>(c));
  return h;
}

// The 4-grams of a word with its boundaries marked: "cuves" -> ^cuv cuve uves ves$.
template <typename F>
void ForEachGram(std::string_view word, F&& f) {
  std::string marked = "^" + std::string(word) + "$";
  for (std::size_t i = 0; i + kGram <= marked.size(); ++i) f(Hash('g', marked.substr(i, kGram)));
}

std::vector<std::string_view> Lines(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find('\n', start);
    if (end == std::string_view::npos) end = s.size();
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string_view Field(std::string_view line, char sep, int index) {
  for (int i = 0; i < index; ++i) {
    const std::size_t pos = line.find(sep);
    if (pos == std::string_view::npos) return {};
    line.remove_prefix(pos + 1);
  }
  return line.substr(0, line.find(sep));
}

std::vector<std::string> Words(const Normalizer& normalizer, std::string_view text) {
  std::vector<std::string> out;
  for (auto& t : normalizer.Tokenize(text)) {
    if (!t.negation && !t.purpose) out.push_back(std::move(t.word));
  }
  return out;
}

}  // namespace

std::uint32_t LexicalModel::WordId(std::string_view stem) { return Hash('w', stem); }

std::uint32_t LexicalModel::GroupId(std::size_t group) const {
  return Hash('s', std::to_string(group));
}

LexicalModel::LexicalModel(const Normalizer& normalizer,
                           const std::vector<std::string_view>& corpus, std::string_view common,
                           std::string_view vocabulary) {
  for (std::string_view line : Lines(common)) {
    if (line.empty() || line.front() == '#') continue;
    for (const std::string& w : Normalizer::SplitWords(line)) common_.insert(Normalizer::Stem(w));
  }
  std::vector<std::string_view> docs = corpus;
  // Vocabulary: "secteur|label; synonym; synonym" -> one group per line, also a document.
  for (std::string_view line : Lines(vocabulary)) {
    if (line.empty() || line.front() == '#') continue;
    const std::string_view terms = Field(line, '|', 1);
    if (terms.empty()) continue;
    Group g;
    std::size_t start = 0;
    while (start <= terms.size()) {
      std::size_t end = terms.find(';', start);
      if (end == std::string_view::npos) end = terms.size();
      std::vector<std::string> words = Words(normalizer, terms.substr(start, end - start));
      if (!words.empty()) {
        if (g.label.empty()) {
          std::string_view label = terms.substr(start, end - start);
          while (!label.empty() && label.front() == ' ') label.remove_prefix(1);
          while (!label.empty() && label.back() == ' ') label.remove_suffix(1);
          g.label = std::string(label);
        }
        g.terms.push_back(std::move(words));
      }
      start = end + 1;
    }
    if (g.terms.empty()) continue;
    const auto index = static_cast<std::uint32_t>(groups_.size());
    for (std::uint32_t t = 0; t < g.terms.size(); ++t)
      starts_[g.terms[t][0]].emplace_back(index, t);
    group_of_id_[GroupId(index)] = index;
    groups_.push_back(std::move(g));
    docs.push_back(terms);
  }
  for (std::string_view doc : docs) {
    std::set<std::uint32_t> ids;
    for (const std::string& w : Words(normalizer, doc)) {
      ids.insert(WordId(w));
      if (w.size() >= kMinGramWord) ForEachGram(w, [&](std::uint32_t id) { ids.insert(id); });
    }
    for (std::uint32_t id : ids) ++df_[id];
  }
  log_docs_ = std::log((static_cast<double>(docs.size()) + 1) / 0.5);
  if (log_docs_ <= 0) log_docs_ = 1;
}

const LexicalModel& LexicalModel::Default() {
  static const LexicalModel model = [] {
    std::vector<std::string_view> corpus;
    // Each concept of the lexicon is a document (its terms), and each entry of the European
    // List of Waste (its label).
    for (std::string_view line : Lines(data::kLexicon)) {
      if (line.rfind("C|", 0) == 0) corpus.push_back(Field(line, '|', 5));
    }
    for (std::string_view line : Lines(data::kWasteList)) {
      const std::string_view label = Field(line, '\t', 3);
      if (!label.empty()) corpus.push_back(label);
    }
    // The lexicon's intent, taker and disposal words ("cherche", "collectons", "à évacuer")
    // say what the author does, not what the resource is: filler too.
    std::string common(data::kCommonWords);
    for (std::string_view line : Lines(data::kLexicon)) {
      if (line.rfind("G|", 0) == 0 || line.rfind("T|", 0) == 0 || line.rfind("D|", 0) == 0) {
        common += "\n" + std::string(line.substr(2));
      }
    }
    return LexicalModel(Lexicon::Default().normalizer(), corpus, common, data::kTradeVocabulary);
  }();
  return model;
}

float LexicalModel::Idf(std::uint32_t id) const {
  const auto it = df_.find(id);
  const double df = it == df_.end() ? 0 : it->second;
  const double docs = std::exp(log_docs_) * 0.5;
  const double v = std::log(docs / (df + 0.5)) / log_docs_;
  return static_cast<float>(std::clamp(v, static_cast<double>(kMinWeight), 1.0));
}

float LexicalModel::WordWeight(std::string_view stem) const {
  if (Common(stem)) return kCommonWeight;
  return Idf(WordId(stem));
}

LexicalModel::Item LexicalModel::Build(const std::vector<std::string>& words) const {
  Item item;
  auto add = [&](std::uint32_t id, float w) { item.features.push_back(Feature{id, w}); };
  for (const std::string& w : words) {
    if (w.size() < 2) continue;
    if (common_.count(w)) {
      add(WordId(w), kCommonWeight);
      continue;
    }
    add(WordId(w), Idf(WordId(w)));
    item.words.push_back(w);
    if (w.size() >= kMinGramWord)
      ForEachGram(w, [&](std::uint32_t id) { add(id, kGramWeight * Idf(id)); });
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto it = starts_.find(words[i]);
    if (it == starts_.end()) continue;
    for (const auto& [group, term] : it->second) {
      const auto& t = groups_[group].terms[term];
      if (i + t.size() > words.size()) continue;
      if (std::equal(t.begin(), t.end(), words.begin() + static_cast<std::ptrdiff_t>(i))) {
        add(GroupId(group), kGroupWeight);
      }
    }
  }
  std::sort(item.features.begin(), item.features.end(), [](const Feature& a, const Feature& b) {
    return a.id != b.id ? a.id < b.id : a.weight > b.weight;
  });
  item.features.erase(std::unique(item.features.begin(), item.features.end(),
                                  [](const Feature& a, const Feature& b) { return a.id == b.id; }),
                      item.features.end());
  for (const Feature& f : item.features) item.norm += f.weight;
  std::sort(item.words.begin(), item.words.end());
  item.words.erase(std::unique(item.words.begin(), item.words.end()), item.words.end());
  return item;
}

double LexicalModel::Similarity(const Item& a, const Item& b,
                                std::vector<std::string>* shared) const {
  if (a.norm <= 0 || b.norm <= 0) return 0;
  double s = 0;
  bool same_group = false;
  auto i = a.features.begin();
  auto j = b.features.begin();
  while (i != a.features.end() && j != b.features.end()) {
    if (i->id < j->id) {
      ++i;
    } else if (j->id < i->id) {
      ++j;
    } else {
      s += std::min(i->weight, j->weight);
      if (const auto g = group_of_id_.find(i->id); g != group_of_id_.end()) {
        same_group = true;
        if (shared) shared->push_back(groups_[g->second].label);
      }
      ++i;
      ++j;
    }
  }
  if (shared) {
    std::set_intersection(a.words.begin(), a.words.end(), b.words.begin(), b.words.end(),
                          std::back_inserter(*shared));
    // Spellings of one word ("polyuréthane", "polyurethanne"): same first five letters.
    for (const std::string& x : a.words) {
      if (x.size() < 5 || std::binary_search(b.words.begin(), b.words.end(), x)) continue;
      for (const std::string& y : b.words) {
        if (y.size() >= 5 && x.compare(0, 5, y, 0, 5) == 0 &&
            !std::binary_search(a.words.begin(), a.words.end(), y)) {
          shared->push_back(x + " ≈ " + y);
          break;
        }
      }
    }
  }
  // Two terms of one trade group are synonyms to the trade, whatever else the items say.
  if (same_group) return 1.0;
  return s / std::sqrt(static_cast<double>(a.norm) * static_cast<double>(b.norm));
}

std::string LexicalModel::GroupOf(const std::vector<std::string>& words) const {
  const Item item = Build(words);
  for (const Feature& f : item.features) {
    if (const auto g = group_of_id_.find(f.id); g != group_of_id_.end()) {
      return groups_[g->second].label;
    }
  }
  return {};
}

}  // namespace atelier::match
