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

std::vector<Normalizer::Token> Normalizer::Tokenize(std::string_view text) const {
  std::vector<Token> tokens;
  // An opening parenthesis introduces a detail, like "pour": "film étirable (déballage palettes)".
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t paren = text.find('(', start);
    if (paren == std::string_view::npos) paren = text.size();
    if (start > 0) tokens.push_back(Token{"(", false, true});
    AppendTokens(text.substr(start, paren - start), tokens);
    start = paren + 1;
  }
  return tokens;
}

void Normalizer::AppendTokens(std::string_view text, std::vector<Token>& tokens) const {
  for (const std::string& raw : SplitWords(text)) {
    if (AllDigits(raw)) continue;
    if (purposes_.count(raw)) {
      tokens.push_back(Token{raw, false, true});
      continue;
    }
    if (negations_.count(raw)) {
      tokens.push_back(Token{raw, true});
      continue;
    }
    if (stopwords_.count(raw)) continue;
    auto abbr = abbreviations_.find(raw);
    if (abbr == abbreviations_.end()) abbr = abbreviations_.find(Stem(raw));
    if (abbr != abbreviations_.end()) {
      for (const std::string& w : abbr->second) {
        if (!stopwords_.count(w)) tokens.push_back(Token{Stem(w), false});
      }
      continue;
    }
    if (raw.size() < 2) continue;
    tokens.push_back(Token{Stem(raw), false});
  }
}

}  // namespace atelier::match
