#include "server/common/number.hpp"

#include <cmath>
#include <cstdlib>
#include <vector>

namespace atelier::common {

namespace {

std::string Quote(std::string_view s) { return "« " + std::string(s) + " »"; }

ParsedNumber Fail(NumberError e, std::string_view typed) {
  const std::string q = Quote(typed);
  ParsedNumber p;
  p.error = e;
  switch (e) {
    case NumberError::kEmpty:
      p.message = "Nombre attendu.";
      break;
    case NumberError::kGarbage:
      p.message = q + " n'est pas un nombre : chiffres et une virgule seulement (ex. 4 800,50).";
      break;
    case NumberError::kAmbiguous:
      p.message = q +
                  " est ambigu : écrivez les décimales après une virgule, sans point de milliers "
                  "(ex. 1 234,5 ou 1,234).";
      break;
    case NumberError::kGrouping:
      p.message = q + " : les chiffres se groupent par trois (ex. 4 800 ou 1 234 567).";
      break;
    case NumberError::kNegative:
      p.message = q + " : nombre trop petit.";
      break;
    case NumberError::kNotInteger:
      p.message = q + " : un nombre entier est attendu.";
      break;
    case NumberError::kTooBig:
      p.message = q + " : nombre trop grand.";
      break;
    case NumberError::kNone:
      break;
  }
  return p;
}

// Spaces of every kind become ' ', U+2212 becomes '-'; other bytes are kept.
std::string Normalize(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\t') {
      out.push_back(' ');
    } else if (s.compare(i, 2, "\xC2\xA0") == 0) {
      out.push_back(' ');
      i += 1;
    } else if (s.compare(i, 3, "\xE2\x80\xAF") == 0 || s.compare(i, 3, "\xE2\x80\x89") == 0) {
      out.push_back(' ');
      i += 2;
    } else if (s.compare(i, 3, "\xE2\x88\x92") == 0) {
      out.push_back('-');
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

ParsedNumber ParseFrenchNumber(std::string_view typed, const NumberOptions& options) {
  const std::string norm = Normalize(typed);
  const std::string_view s = Trim(norm);
  const std::string shown(Trim(typed));
  if (s.empty()) return Fail(NumberError::kEmpty, shown);
  std::string_view body = s;
  double sign = 1;
  if (body.front() == '-' || body.front() == '+') {
    if (body.front() == '-') sign = -1;
    body.remove_prefix(1);
    body = Trim(body);
  }
  bool any_digit = false;
  int commas = 0;
  int dots = 0;
  for (char c : body) {
    if (c >= '0' && c <= '9') {
      any_digit = true;
    } else if (c == ',') {
      ++commas;
    } else if (c == '.') {
      ++dots;
    } else if (c != ' ') {
      return Fail(NumberError::kGarbage, shown);
    }
  }
  if (!any_digit) return Fail(NumberError::kGarbage, shown);
  if (commas && dots) return Fail(NumberError::kAmbiguous, shown);
  if (commas > 1) return Fail(NumberError::kGarbage, shown);
  if (dots > 1) return Fail(NumberError::kAmbiguous, shown);
  std::string_view int_part = body;
  std::string_view frac;
  const size_t sep = body.find_first_of(",.");
  if (sep != std::string_view::npos) {
    int_part = body.substr(0, sep);
    frac = body.substr(sep + 1);
    if (!AllDigits(frac)) {
      return Fail(
          frac.find(' ') != std::string_view::npos ? NumberError::kGrouping : NumberError::kGarbage,
          shown);
    }
  }
  std::vector<std::string_view> groups;
  for (size_t start = 0;;) {
    const size_t space = int_part.find(' ', start);
    groups.push_back(
        int_part.substr(start, space == std::string_view::npos ? space : space - start));
    if (space == std::string_view::npos) break;
    start = space + 1;
  }
  bool has_empty = false;
  for (std::string_view g : groups) has_empty = has_empty || g.empty();
  if (has_empty) {
    // « ,5 » is 0,5; doubled spaces or spaces at the edges of the integer part are not.
    if (!(groups.size() == 1 && sep != std::string_view::npos)) {
      return Fail(NumberError::kGrouping, shown);
    }
  } else if (groups.size() > 1) {
    if (groups[0].size() > 3) return Fail(NumberError::kGrouping, shown);
    for (size_t i = 1; i < groups.size(); ++i) {
      if (groups[i].size() != 3) return Fail(NumberError::kGrouping, shown);
    }
  }
  std::string digits;
  for (std::string_view g : groups) digits.append(g);
  const bool nonzero = digits.find_first_not_of('0') != std::string::npos;
  if (sep != std::string_view::npos && body[sep] == '.' && !options.dot_is_decimal &&
      frac.size() == 3 && groups.size() == 1 && nonzero) {
    return Fail(NumberError::kAmbiguous, shown);
  }
  const std::string text =
      (digits.empty() ? std::string("0") : digits) + "." + (frac.empty() ? "0" : std::string(frac));
  const double value = sign * std::strtod(text.c_str(), nullptr);
  if (!std::isfinite(value)) return Fail(NumberError::kGarbage, shown);
  if (value < options.min) return Fail(NumberError::kNegative, shown);
  if (value > options.max) return Fail(NumberError::kTooBig, shown);
  if (options.integer && std::floor(value) != value) return Fail(NumberError::kNotInteger, shown);
  ParsedNumber p;
  p.value = value == 0 ? 0.0 : value;
  return p;
}

std::string_view NumberErrorName(NumberError error) {
  switch (error) {
    case NumberError::kNone:
      return "";
    case NumberError::kEmpty:
      return "empty";
    case NumberError::kGarbage:
      return "garbage";
    case NumberError::kAmbiguous:
      return "ambiguous";
    case NumberError::kGrouping:
      return "grouping";
    case NumberError::kNegative:
      return "negative";
    case NumberError::kNotInteger:
      return "not_integer";
    case NumberError::kTooBig:
      return "too_big";
  }
  return "";
}

}  // namespace atelier::common
