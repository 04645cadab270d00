#include "server/match/normalizer.hpp"

#include <cctype>

#include "server/common/text.hpp"

namespace atelier::match {
namespace {

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool AllDigits(std::string_view w) {
  for (char c : w) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

void Normalizer::AddStopword(std::string_view word) { stopwords_.emplace(word); }

void Normalizer::AddNegation(std::string_view word) { negations_.emplace(word); }

void Normalizer::AddPurpose(std::string_view word) { purposes_.emplace(word); }

void Normalizer::AddContinuation(std::string_view word) { continuations_.emplace(word); }

void Normalizer::AddAbbreviation(std::string_view abbreviation, std::string_view expansion) {
  std::vector<std::string> words = SplitWords(expansion);
  const std::string key = common::FoldText(abbreviation);
  abbreviations_[key] = words;
}

std::vector<std::string> Normalizer::SplitWords(std::string_view text) {
  const std::string folded = common::FoldText(text);
  std::vector<std::string> words;
  std::string current;
  for (char c : folded) {
    if (IsAlnum(c)) {
      current.push_back(c);
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

std::string Normalizer::Stem(std::string_view word) {
  std::string w(word);
  const std::size_t n = w.size();
  if (n >= 5 && w.compare(n - 4, 4, "eaux") == 0) {
    w.pop_back();
  } else if (n >= 5 && w.compare(n - 3, 3, "aux") == 0) {
    w.replace(n - 3, 3, "al");
  } else if (n >= 4 && w.back() == 's' && w[n - 2] != 's') {
    w.pop_back();
  } else if (n >= 4 && w.back() == 'x') {
    w.pop_back();
  }
  return w;
}

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "t/an", "40/mois", "kg/j": a slash before a period or a unit is no list separator.
bool UnitAfterSlash(std::string_view rest) {
  std::size_t n = 0;
  while (n < rest.size() && std::isalpha(static_cast<unsigned char>(rest[n]))) ++n;
  static const std::unordered_set<std::string> kUnits = {
      "an", "ans", "mois",  "semaine", "sem", "jour", "jours",
      "j",  "h",   "heure", "jr",      "t",   "kg",   "l"};
  std::string w(rest.substr(0, n));
  for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return kUnits.count(w) > 0;
}

}  // namespace

std::vector<std::string_view> Normalizer::SplitItems(std::string_view text) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    std::size_t width = 0;
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    if (depth > 0) continue;
    if (c == '\n' || c == ';' || c == '+' || c == '|') {
      width = 1;
    } else if (c == ',') {
      if (!(i > 0 && i + 1 < text.size() && IsDigit(text[i - 1]) && IsDigit(text[i + 1])))
        width = 1;
    } else if (c == '/') {
      std::size_t k = i + 1;
      while (k < text.size() && text[k] == ' ') ++k;
      if (!(i > 0 && IsDigit(text[i - 1])) && !UnitAfterSlash(text.substr(k))) width = 1;
    } else if (text.compare(i, 3, "\xE2\x80\xA2") == 0) {  // •
      width = 3;
    }
    if (width == 0) continue;
    segments.push_back(text.substr(start, i - start));
    start = i + width;
    i = start - 1;
  }
  segments.push_back(text.substr(start));
  return segments;
}

std::vector<Normalizer::Token> Normalizer::Tokenize(std::string_view text) const {
  std::vector<Token> tokens;
  int item = 0;
  bool first_segment = true;
  const std::vector<std::string_view> segments = SplitItems(text);
  // "et", "ou" end an item only in a list that has other separators ("cartons, films et
  // palettes"): alone, "entretien et réparation" is one thing.
  const bool list = segments.size() > 1;
  for (std::string_view segment : segments) {
    // A segment that opens with a detail word ("en big bags", "env. 40/mois") or a number
    // ("2 bidons de 20 L par mois") continues the item before it; an empty one changes nothing.
    const std::vector<std::string> words = SplitWords(segment);
    if (words.empty()) continue;
    if (!first_segment && !continuations_.count(words.front()) && !AllDigits(words.front()) &&
        !tokens.empty()) {
      ++item;
    }
    first_segment = false;
    // An opening parenthesis introduces a detail, like "pour": "film étirable (déballage
    // palettes)"; one that holds a list names what the card is about, each an item of its own:
    // "nous reprenons vos matériaux (portes, fenêtres, carrelage)".
    std::size_t start = 0;
    bool detail = false;
    while (start <= segment.size()) {
      std::size_t paren = segment.find('(', start);
      if (paren == std::string_view::npos) paren = segment.size();
      if (detail) tokens.push_back(Token{"(", false, true, item});
      AppendTokens(segment.substr(start, paren - start), tokens, item, list);
      start = paren + 1;
      detail = paren < segment.size();
      if (!detail) break;
      std::size_t close = segment.find(')', start);
      if (close == std::string_view::npos) close = segment.size();
      const std::string_view inner = segment.substr(start, close - start);
      // Separators as SplitItems reads them: "2,5 t" is a number, not a list.
      auto separator = [&](std::size_t from) {
        for (std::size_t k = inner.find_first_of(",;", from); k != std::string_view::npos;
             k = inner.find_first_of(",;", k + 1)) {
          if (inner[k] == ';' ||
              !(k > 0 && k + 1 < inner.size() && IsDigit(inner[k - 1]) && IsDigit(inner[k + 1]))) {
            return k;
          }
        }
        return std::string_view::npos;
      };
      if (separator(0) == std::string_view::npos) continue;
      std::size_t from = 0;
      while (from <= inner.size()) {
        std::size_t comma = separator(from);
        if (comma == std::string_view::npos) comma = inner.size();
        if (!tokens.empty()) ++item;
        AppendTokens(inner.substr(from, comma - from), tokens, item, /*list=*/true);
        from = comma + 1;
      }
      start = close + 1;
      detail = false;
    }
  }
  return tokens;
}

void Normalizer::AppendTokens(std::string_view text, std::vector<Token>& tokens, int& item,
                              bool list) const {
  const std::vector<std::string> raws = SplitWords(text);
  for (std::size_t r = 0; r < raws.size(); ++r) {
    const std::string& raw = raws[r];
    // "cartons et palettes", "bois ou métal": a new item, unless a detail follows.
    if (list && (raw == "et" || raw == "ou") && !tokens.empty() && tokens.back().item == item &&
        r + 1 < raws.size() && !continuations_.count(raws[r + 1])) {
      ++item;
      continue;
    }
    if (AllDigits(raw)) continue;
    if (purposes_.count(raw)) {
      tokens.push_back(Token{raw, false, true, item});
      continue;
    }
    if (negations_.count(raw)) {
      tokens.push_back(Token{raw, true, false, item});
      continue;
    }
    if (stopwords_.count(raw)) continue;
    auto abbr = abbreviations_.find(raw);
    if (abbr == abbreviations_.end()) abbr = abbreviations_.find(Stem(raw));
    if (abbr != abbreviations_.end()) {
      for (const std::string& w : abbr->second) {
        if (!stopwords_.count(w)) tokens.push_back(Token{Stem(w), false, false, item});
      }
      continue;
    }
    if (raw.size() < 2) continue;
    tokens.push_back(Token{Stem(raw), false, false, item});
  }
}

}  // namespace atelier::match
