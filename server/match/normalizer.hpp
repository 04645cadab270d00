#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace atelier::match {

// Turns French typed on a tablet into comparable word forms: folds case and accents, splits
// elisions and punctuation, expands shorthand ("pal." -> palette), strips plurals, drops function
// words and numbers. Configured once from the lexicon, then immutable: safe to share.
class Normalizer {
 public:
  struct Token {
    std::string word;
    bool negation = false;  // "pas", "sans", "sauf"...: excludes the concept that follows
    bool purpose = false;   // "pour", "(": what follows is a use or a detail, not the resource
    int item = 0;           // which item of a list the word belongs to ("cartons, palettes")
  };

  void AddStopword(std::string_view word);
  void AddNegation(std::string_view word);
  void AddPurpose(std::string_view word);
  // A list segment opening with this word continues the item before it ("sciure, en big bags").
  void AddContinuation(std::string_view word);
  void AddAbbreviation(std::string_view abbreviation, std::string_view expansion);

  // Word forms of `text` in order. Numbers and single letters are dropped.
  std::vector<Token> Tokenize(std::string_view text) const;

  // The segments of a list: split on new lines, ";", ",", "+", "/", "|" and bullets, but not
  // inside parentheses, in "1,5" nor in "t/an". (Words "et", "ou" split in Tokenize.)
  static std::vector<std::string_view> SplitItems(std::string_view text);

  // Folded, lower-case words and numbers of `text`, split on anything but letters and digits.
  static std::vector<std::string> SplitWords(std::string_view text);

  // Light French plural stripping: "palettes" -> "palette", "bureaux" -> "bureau",
  // "métaux" -> "metal". Applied identically to cards and lexicon, so it need not be a real
  // lemma, only consistent.
  static std::string Stem(std::string_view word);

 private:
  void AppendTokens(std::string_view text, std::vector<Token>& tokens, int& item, bool list) const;

  std::unordered_set<std::string> stopwords_;
  std::unordered_set<std::string> negations_;
  std::unordered_set<std::string> purposes_;
  std::unordered_set<std::string> continuations_;
  std::unordered_map<std::string, std::vector<std::string>> abbreviations_;
};

}  // namespace atelier::match
