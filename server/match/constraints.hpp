#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atelier::match {

// What a card requires or states that can rule a partner out, read from its text: temperature
// levels, standards and licence codes (CACES R489, NF C18-510), polymer codes, potable water,
// food contact, wood class, hazardous waste refused. Plain value, built once per card.
struct Constraints {
  enum class Cold : std::uint8_t { kNone, kNegative, kPositive };
  Cold cold = Cold::kNone;
  std::optional<int> heat_c;  // a stated temperature of heat, steam or warm water, °C
  // Standard or licence codes by family: {"CACES", "R489"}, {"NF C 18", "C18-510"}.
  std::vector<std::pair<std::string, std::string>> codes;
  std::uint16_t polymers = 0;  // bit per polymer family (see PolymerName)
  bool potable_required = false;
  bool non_potable = false;  // "non potable", rain water, grey water, process water
  bool food_contact_required = false;
  bool non_food = false;           // held chemicals, oil, solvents; "non alimentaire"
  bool refuses_hazardous = false;  // "pas de déchets dangereux", "non dangereux uniquement"
  char wood_class = 0;             // 'a', 'b', 'c' ("bois classe A")
  // Standards, labels and certifications written as acronyms ("RABC", "HACCP", "MASE", "ISO"),
  // upper case, sorted; and those the card requires ("norme RABC obligatoire", "MASE exigé").
  std::vector<std::string> standards;
  std::vector<std::string> required_standards;

  static Constraints Read(std::string_view text);
  static std::string PolymerNames(std::uint16_t mask);
};

// The first contradiction between what `offer` states and what `need` requires, as a French
// sentence, or "" when none. Symmetric facts (codes, polymers, cold) are checked both ways.
std::string Contradiction(const Constraints& offer, const Constraints& need);

}  // namespace atelier::match
