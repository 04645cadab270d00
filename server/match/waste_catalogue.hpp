#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace atelier::match {

// The European List of Waste (embedded): code -> label and hazardous flag. Immutable once
// built; Default() is shared by every engine and thread.
class WasteCatalogue {
 public:
  struct Entry {
    std::string code;  // "15 01 03"
    std::string label;
    bool hazardous = false;
  };

  explicit WasteCatalogue(std::string_view tsv);
  static const WasteCatalogue& Default();

  // "150103", "15.01.03", "15 01 03*" -> "15 01 03"; "" when it is not six digits.
  static std::string Canonical(std::string_view typed);

  // Entry for a canonical code, chapter ("15") or subchapter ("15 01"); nullptr when unknown.
  const Entry* Find(std::string_view code) const;

 private:
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace atelier::match
