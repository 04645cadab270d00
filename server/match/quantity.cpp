#include "server/match/quantity.hpp"

#include <array>
#include <cstdlib>
#include <vector>

#include "server/common/text.hpp"
#include "server/match/geo.hpp"

namespace atelier::match {
namespace {

struct UnitInfo {
  const char* word;  // folded
  const char* display;
  Quantity::Dimension dimension;
  double to_base;
};

using D = Quantity::Dimension;
constexpr std::array<UnitInfo, 33> kUnits = {{{"t", "t", D::kMass, 1000},
                                              {"tonne", "t", D::kMass, 1000},
                                              {"tonnes", "t", D::kMass, 1000},
                                              {"tn", "t", D::kMass, 1000},
                                              {"kg", "kg", D::kMass, 1},
                                              {"kgs", "kg", D::kMass, 1},
                                              {"kilo", "kg", D::kMass, 1},
                                              {"kilos", "kg", D::kMass, 1},
                                              {"g", "g", D::kMass, 0.001},
                                              {"l", "L", D::kVolume, 1},
                                              {"litre", "L", D::kVolume, 1},
                                              {"litres", "L", D::kVolume, 1},
                                              {"lt", "L", D::kVolume, 1},
                                              {"hl", "hL", D::kVolume, 100},
                                              {"m3", "m³", D::kVolume, 1000},
                                              {"mc", "m³", D::kVolume, 1000},
                                              {"m2", "m²", D::kArea, 1},
                                              {"ha", "ha", D::kArea, 10000},
                                              {"hectare", "ha", D::kArea, 10000},
                                              {"hectares", "ha", D::kArea, 10000},
                                              {"piece", "pièces", D::kCount, 1},
                                              {"pieces", "pièces", D::kCount, 1},
                                              {"pcs", "pièces", D::kCount, 1},
                                              {"pc", "pièces", D::kCount, 1},
                                              {"unite", "pièces", D::kCount, 1},
                                              {"unites", "pièces", D::kCount, 1},
                                              {"u", "pièces", D::kCount, 1},
                                              {"palette", "palettes", D::kCount, 1},
                                              {"palettes", "palettes", D::kCount, 1},
                                              {"pal", "palettes", D::kCount, 1},
                                              {"kwh", "kWh", D::kEnergy, 1},
                                              {"mwh", "MWh", D::kEnergy, 1000},
                                              {"gwh", "GWh", D::kEnergy, 1000000}}};

std::vector<std::string> Words(std::string_view text) {
  const std::string folded = common::FoldText(text);
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) words.push_back(cur);
    cur.clear();
  };
  for (std::size_t i = 0; i < folded.size(); ++i) {
    const char c = folded[i];
    const bool digit = c >= '0' && c <= '9';
    const bool alpha = c >= 'a' && c <= 'z';
    // "3t" and "200m2" split between number and unit; "1,5" and "1.5" stay one number.
    if ((c == ',' || c == '.') && !cur.empty() &&
        std::isdigit(static_cast<unsigned char>(cur.back())) && i + 1 < folded.size() &&
        std::isdigit(static_cast<unsigned char>(folded[i + 1]))) {
      cur.push_back('.');
      continue;
    }
    if (digit || alpha) {
      if (!cur.empty() && alpha && std::isdigit(static_cast<unsigned char>(cur.back()))) flush();
      if (!cur.empty() && digit && std::isalpha(static_cast<unsigned char>(cur.back())) &&
          !(cur == "m" || cur == "kw" || cur == "mw")) {
        flush();
      }
      cur.push_back(c);
    } else {
      flush();
      if (c == '/') words.emplace_back("par");
    }
  }
  flush();
  return words;
}

const UnitInfo* FindUnit(std::string_view word) {
  for (const auto& u : kUnits) {
    if (word == u.word) return &u;
  }
  return nullptr;
}

bool IsNumber(const std::string& w) {
  if (w.empty() || !std::isdigit(static_cast<unsigned char>(w[0]))) return false;
  for (char c : w) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return false;
  }
  return true;
}

const char* PeriodSuffix(Quantity::Period p) {
  switch (p) {
    case Quantity::Period::kDay:
      return "/jour";
    case Quantity::Period::kWeek:
      return "/semaine";
    case Quantity::Period::kMonth:
      return "/mois";
    case Quantity::Period::kYear:
      return "/an";
    case Quantity::Period::kNone:
      break;
  }
  return "";
}

double PerMonth(Quantity::Period p) {
  switch (p) {
    case Quantity::Period::kDay:
      return 21.7;  // working days: firms produce on working days
    case Quantity::Period::kWeek:
      return 52.0 / 12.0;
    case Quantity::Period::kYear:
      return 1.0 / 12.0;
    default:
      return 1.0;
  }
}

}  // namespace

Quantity::Period Quantity::ParsePeriod(std::string_view text) {
  for (const std::string& w : Words(text)) {
    if (w == "jour" || w == "jours" || w == "j" || w == "quotidien" || w == "quotidienne") {
      return Period::kDay;
    }
    if (w == "semaine" || w == "sem" || w == "hebdo" || w == "hebdomadaire" || w == "semaines") {
      return Period::kWeek;
    }
    if (w == "mois" || w == "mensuel" || w == "mensuelle" || w == "mensuellement") {
      return Period::kMonth;
    }
    if (w == "an" || w == "ans" || w == "annee" || w == "annuel" || w == "annuelle") {
      return Period::kYear;
    }
  }
  return Period::kNone;
}

double Quantity::BasePerMonth() const { return value * to_base * PerMonth(period); }

std::string Quantity::Describe() const {
  return FormatFrench(value, value < 10 ? 1 : 0) + " " + unit + PeriodSuffix(period);
}

std::string Quantity::DescribeIn(const Quantity& other) const {
  Quantity q = other;
  const double factor = (period == Period::kNone || other.period == Period::kNone)
                            ? 1.0
                            : PerMonth(period) / PerMonth(other.period);
  q.value = value * to_base / other.to_base * factor;
  if (other.period == Period::kNone) q.period = period;
  return q.Describe();
}

std::optional<Quantity> Quantity::FromCard(std::optional<double> quantity, std::string_view unit,
                                           std::string_view frequency, std::string_view text) {
  Quantity q;
  if (quantity) {
    const std::vector<std::string> words = Words(unit);
    const UnitInfo* info = words.empty() ? nullptr : FindUnit(words.front());
    if (!info && words.empty()) info = &kUnits[20];  // a bare number counts pieces
    if (!info) return std::nullopt;
    q.value = *quantity;
    q.unit = info->display;
    q.to_base = info->to_base;
    q.dimension = info->dimension;
    q.period = ParsePeriod(frequency);
    if (q.period == Period::kNone && words.size() > 1) {
      q.period = ParsePeriod(std::string_view(unit).substr(words.front().size()));
    }
    return q;
  }
  const std::vector<std::string> words = Words(text);
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (!IsNumber(words[i])) continue;
    const UnitInfo* info = FindUnit(words[i + 1]);
    if (!info) continue;
    q.value = std::strtod(words[i].c_str(), nullptr);
    q.unit = info->display;
    q.to_base = info->to_base;
    q.dimension = info->dimension;
    q.period = ParsePeriod(frequency);
    // "3 t/mois", "50 kg par semaine": the period follows within two words.
    for (std::size_t j = i + 2; j < words.size() && j <= i + 3 && q.period == Period::kNone; ++j) {
      if (words[j] == "par" || j == i + 2)
        q.period = ParsePeriod(words[j] == "par" && j + 1 < words.size() ? words[j + 1] : words[j]);
    }
    return q;
  }
  return std::nullopt;
}

}  // namespace atelier::match
