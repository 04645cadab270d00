#include "server/match/calendar.hpp"

#include <array>
#include <string>
#include <utility>

#include "server/common/text.hpp"

namespace atelier::match {
namespace {

constexpr std::array<const char*, 12> kMonthNames = {
    "janvier", "février", "mars",      "avril",   "mai",      "juin",
    "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
constexpr std::array<const char*, 7> kDayNames = {"lundi",    "mardi",  "mercredi", "jeudi",
                                                  "vendredi", "samedi", "dimanche"};

// Month number for a folded word; abbreviations only when `liberal`.
int MonthOf(std::string_view w, bool liberal) {
  static const std::array<std::pair<const char*, int>, 12> kFull = {{{"janvier", 1},
                                                                     {"fevrier", 2},
                                                                     {"mars", 3},
                                                                     {"avril", 4},
                                                                     {"mai", 5},
                                                                     {"juin", 6},
                                                                     {"juillet", 7},
                                                                     {"aout", 8},
                                                                     {"septembre", 9},
                                                                     {"octobre", 10},
                                                                     {"novembre", 11},
                                                                     {"decembre", 12}}};
  for (const auto& [name, m] : kFull) {
    if (w == name) return m;
  }
  if (!liberal) return 0;
  static const std::array<std::pair<const char*, int>, 13> kShort = {{{"janv", 1},
                                                                      {"jan", 1},
                                                                      {"fev", 2},
                                                                      {"fevr", 2},
                                                                      {"avr", 4},
                                                                      {"juil", 7},
                                                                      {"sept", 9},
                                                                      {"sep", 9},
                                                                      {"oct", 10},
                                                                      {"nov", 11},
                                                                      {"dec", 12},
                                                                      {"decem", 12},
                                                                      {"aou", 8}}};
  for (const auto& [name, m] : kShort) {
    if (w == name) return m;
  }
  return 0;
}

std::uint16_t Range(int from, int to) {
  std::uint16_t mask = 0;
  for (int m = from;; m = m % 12 + 1) {
    mask |= static_cast<std::uint16_t>(1u << (m - 1));
    if (m == to) break;
  }
  return mask;
}

std::vector<std::string> Words(std::string_view text) {
  std::string folded = common::FoldText(text);
  std::vector<std::string> words;
  std::string cur;
  for (char c : folded) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) {
      cur.push_back(c);
      continue;
    }
    if (!cur.empty()) words.push_back(std::move(cur));
    cur.clear();
    if (c == '-' || c == '>') words.emplace_back("a");  // "juin-août" is a range
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

bool SeasonContext(const std::vector<std::string>& w, std::size_t i) {
  if (i == 0) return false;
  const std::string& p = w[i - 1];
  return p == "l" || p == "en" || p == "cet" || p == "d" || p == "pendant" || p == "saison" ||
         p == "periode" || p == "chaque";
}

std::uint16_t ParseMonths(std::string_view text, bool liberal) {
  const std::vector<std::string> w = Words(text);
  std::uint16_t mask = 0;
  int pending = 0;  // a month just read, that a range connector may extend
  bool connector = false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const std::string& word = w[i];
    const int m = MonthOf(word, liberal);
    if (m) {
      if (pending && connector) {
        mask |= Range(pending, m);
        pending = 0;
      } else {
        mask |= static_cast<std::uint16_t>(1u << (m - 1));
        pending = m;
      }
      connector = false;
      continue;
    }
    if (pending && (word == "a" || word == "au" || word == "jusqu" || word == "fin")) {
      connector = true;
      continue;
    }
    if (word != "debut" && word != "mi") {
      pending = 0;
      connector = false;
    }
    const bool season = liberal || SeasonContext(w, i);
    if (season && (word == "ete" || word == "estival" || word == "estivale")) mask |= Range(6, 8);
    if (season && (word == "hiver" || word == "hivernal")) mask |= Range(12, 2);
    if (season && word == "printemps") mask |= Range(3, 5);
    if (season && word == "automne") mask |= Range(9, 11);
    if (word == "vendanges") mask |= Range(9, 10);
    if (word == "noel") mask |= Range(11, 12);
    if (word == "toute" && i + 1 < w.size() && w[i + 1] == "annee") mask |= Calendar::kAllMonths;
    if (word == "toute" && i + 2 < w.size() && w[i + 1] == "l" && w[i + 2] == "annee") {
      mask |= Calendar::kAllMonths;
    }
  }
  return mask;
}

}  // namespace

std::uint16_t Calendar::Months(const std::vector<int>& explicit_months,
                               std::string_view availability, std::string_view text) {
  std::uint16_t mask = 0;
  for (int m : explicit_months) {
    if (m >= 1 && m <= 12) mask |= static_cast<std::uint16_t>(1u << (m - 1));
  }
  if (mask) return mask;
  mask = ParseMonths(availability, true);
  if (mask) return mask;
  return ParseMonths(text, false);
}

std::uint8_t Calendar::Weekdays(std::string_view availability, std::string_view text) {
  std::uint8_t mask = 0;
  for (std::string_view source : {availability, text}) {
    const std::vector<std::string> w = Words(source);
    int pending = -1;
    bool connector = false;
    for (std::size_t i = 0; i < w.size(); ++i) {
      int day = -1;
      const std::string fold_names[7] = {"lundi",    "mardi",  "mercredi", "jeudi",
                                         "vendredi", "samedi", "dimanche"};
      for (int d = 0; d < 7; ++d) {
        if (w[i] == fold_names[d] || w[i] == fold_names[d] + "s") day = d;
      }
      if (day >= 0) {
        if (pending >= 0 && connector) {
          for (int d = pending; d <= day; ++d) mask |= static_cast<std::uint8_t>(1u << d);
        } else {
          mask |= static_cast<std::uint8_t>(1u << day);
        }
        pending = day;
        connector = false;
        continue;
      }
      if (pending >= 0 && (w[i] == "a" || w[i] == "au")) {
        connector = true;
        continue;
      }
      pending = -1;
      connector = false;
      const bool week_end =
          w[i] == "weekend" ||
          (w[i] == "week" && i + 1 < w.size() &&
           (w[i + 1] == "end" || (w[i + 1] == "a" && i + 2 < w.size() && w[i + 2] == "end")));
      if (week_end) {
        mask |= 0x60;
      }
      if (w[i] == "semaine" && i > 0 && w[i - 1] == "en") mask |= 0x1F;
    }
  }
  return mask;
}

std::string Calendar::DescribeMonths(std::uint16_t mask) {
  if ((mask & kAllMonths) == kAllMonths) return "toute l'année";
  if (!mask) return "";
  // Runs are read circularly so that winter reads "décembre–février".
  int start = 0;
  while (mask & (1u << start)) ++start;  // a month that is off
  std::string out;
  for (int k = 1; k <= 12; ++k) {
    const int m = (start + k) % 12;
    if (!(mask & (1u << m))) continue;
    const int prev = (m + 11) % 12;
    if (mask & (1u << prev)) continue;  // not the start of a run
    int end = m;
    while (mask & (1u << ((end + 1) % 12))) end = (end + 1) % 12;
    if (!out.empty()) out += ", ";
    out += kMonthNames[m];
    if (end != m) {
      out += "\u2013";
      out += kMonthNames[end];
    }
  }
  return out;
}

std::string Calendar::DescribeWeekdays(std::uint8_t mask) {
  std::string out;
  for (int d = 0; d < 7; ++d) {
    if (!(mask & (1u << d))) continue;
    if (!out.empty()) out += ", ";
    out += kDayNames[d];
  }
  return out;
}

}  // namespace atelier::match
