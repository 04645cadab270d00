#include "server/common/text.hpp"

#include <algorithm>
#include <cstdint>

namespace atelier::common {
namespace {

// Decodes one UTF-8 code point at text[i]; advances i. Invalid bytes decode as U+FFFD.
char32_t DecodeOne(std::string_view text, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int extra = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    extra = 1;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    extra = 2;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    extra = 3;
    cp = b0 & 0x07;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + extra >= text.size()) {
    i = text.size();
    return 0xFFFD;
  }
  for (int k = 1; k <= extra; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += extra + 1;
  return cp;
}

// Folding of U+00C0..U+00FF, indexed from 0xC0; "" means "not a letter", becomes a space.
constexpr const char* kLatin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  " ", "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  " ", "o", "u", "u", "u", "u", "y", "th", "y"};

void AppendFolded(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    return;
  }
  if (cp >= 0xC0 && cp <= 0xFF) {
    out += kLatin1[cp - 0xC0];
    return;
  }
  switch (cp) {
    case 0x152:
    case 0x153:
      out += "oe";
      return;
    case 0xB2:
      out += '2';
      return;
    case 0xB3:
      out += '3';
      return;
    case 0x2018:
    case 0x2019:
    case 0x2BC:
      out += '\'';
      return;
    case 0x2010:
    case 0x2011:
    case 0x2013:
    case 0x2014:
      out += '-';
      return;
    default:
      out += ' ';
  }
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// Length of the well-formed sequence at text[i], 0 when malformed (Unicode table 3-7).
std::size_t SequenceLength(std::string_view text, std::size_t i) {
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char b0 = at(0);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  if (at(1) < lo || at(1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if ((at(k) & 0xC0) != 0x80) return 0;
  }
  return n;
}

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

}  // namespace

bool IsValidUtf8(std::string_view utf8) {
  std::size_t i = 0;
  while (i < utf8.size()) {
    const std::size_t n = SequenceLength(utf8, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::size_t CountChars(std::string_view utf8) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < utf8.size()) {
    const std::size_t n = SequenceLength(utf8, i);
    i += n == 0 ? 1 : n;
    ++count;
  }
  return count;
}

std::string TruncateChars(std::string_view utf8, std::size_t max_chars, std::string_view ellipsis) {
  // Each character of the input, well-formed or replaced, as a view into `utf8` or kReplacement.
  auto next = [&](std::size_t& i) {
    const std::size_t n = SequenceLength(utf8, i);
    std::string_view ch = n == 0 ? kReplacement : utf8.substr(i, n);
    i += n == 0 ? 1 : n;
    return ch;
  };
  const bool fits = CountChars(utf8) <= max_chars;
  const std::size_t ellipsis_chars = fits ? 0 : CountChars(ellipsis);
  const std::size_t keep = fits ? max_chars : max_chars - std::min(max_chars, ellipsis_chars);
  std::string out;
  out.reserve(std::min(utf8.size(), max_chars * 4));
  std::size_t i = 0;
  for (std::size_t k = 0; k < keep && i < utf8.size(); ++k) out += next(i);
  if (!fits && ellipsis_chars <= max_chars && IsValidUtf8(ellipsis)) out += ellipsis;
  return out;
}

std::string FoldText(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  std::size_t i = 0;
  while (i < utf8.size()) AppendFolded(DecodeOne(utf8, i), out);
  return out;
}

bool FoldedEquals(std::string_view a, std::string_view b) {
  const std::string fa = FoldText(a);
  const std::string fb = FoldText(b);
  return Trim(fa) == Trim(fb);
}

std::string_view FrenchPlural(double count, std::string_view singular, std::string_view plural) {
  return count >= 2 || count <= -2 ? plural : singular;
}

std::string FrenchLongDate(std::string_view iso) {
  static const char* kMonths[] = {"janvier",   "février", "mars",     "avril",
                                  "mai",       "juin",    "juillet",  "août",
                                  "septembre", "octobre", "novembre", "décembre"};
  auto digits = [&](std::size_t from, std::size_t n, int* out) {
    *out = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (i >= iso.size() || iso[i] < '0' || iso[i] > '9') return false;
      *out = *out * 10 + (iso[i] - '0');
    }
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-' || !digits(0, 4, &y) ||
      !digits(5, 2, &m) || !digits(8, 2, &d) || m < 1 || m > 12 || d < 1 || d > 31) {
    return std::string(iso);
  }
  return (d == 1 ? std::string("1er") : std::to_string(d)) + " " + kMonths[m - 1] + " " +
         std::to_string(y);
}

}  // namespace atelier::common
