#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace atelier::match {

// A card's quantity converted to a base unit (kg, L, m², pièces, kWh) and, when a frequency is
// given, to a monthly rate, so that "3 t/an" and "250 kg par mois" compare. Plain value.
struct Quantity {
  enum class Dimension { kMass, kVolume, kArea, kCount, kEnergy };
  enum class Period { kNone, kDay, kWeek, kMonth, kYear };

  double value = 0;    // as typed
  std::string unit;    // display unit as typed, folded: "t", "kg", "m³", "pièces"
  double to_base = 1;  // value * to_base = amount in the base unit
  Dimension dimension = Dimension::kCount;
  Period period = Period::kNone;

  // Amount in the base unit per month, or the plain amount when there is no period.
  double BasePerMonth() const;
  // "200 pièces/mois", "3 t/an", "1,5 t".
  std::string Describe() const;
  // The same amount expressed in `other`'s unit and period, for side-by-side reasons.
  std::string DescribeIn(const Quantity& other) const;

  // From the card fields; falls back to the first "<number> <unit>" in `text` ("200 m2 dispo",
  // "3t/mois", "50 kg par semaine"). nullopt when no unit is recognised.
  static std::optional<Quantity> FromCard(std::optional<double> quantity, std::string_view unit,
                                          std::string_view frequency, std::string_view text);
  static Period ParsePeriod(std::string_view text);
};

}  // namespace atelier::match
