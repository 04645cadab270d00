#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace atelier::match {

// Reads when a card applies: months (bit m-1 of a 12-bit mask) and weekdays (bit 0 = lundi) from
// the card's month list or from French free text ("l'hiver", "de juin à août", "le vendredi",
// "juillet-août"). Stateless.
class Calendar {
 public:
  static constexpr std::uint16_t kAllMonths = 0x0FFF;

  // `explicit_months` wins when not empty. `availability` is read liberally; `text` only for
  // unambiguous mentions ("en été", full month names), since "été" is also a past participle.
  static std::uint16_t Months(const std::vector<int>& explicit_months,
                              std::string_view availability, std::string_view text);
  static std::uint8_t Weekdays(std::string_view availability, std::string_view text);

  // "juillet–août", "décembre–février", "mars, juin", "toute l'année".
  static std::string DescribeMonths(std::uint16_t mask);
  static std::string DescribeWeekdays(std::uint8_t mask);
};

}  // namespace atelier::match
