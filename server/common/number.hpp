#pragma once
// Numbers as people type them in France (« 2,5 », « 4 800,50 », « 1.5 »): the same rules as
// the web client's parser (client/web/src/lib/number.ts), checked against the same cases
// (tests/unit/common/number_cases.json). Pure functions, thread-safe.

#include <optional>
#include <string>
#include <string_view>

namespace atelier::common {

enum class NumberError {
  kNone,
  kEmpty,
  kGarbage,    // letters, units, exponents, several commas
  kAmbiguous,  // both « , » and « . », or « . » then exactly three digits (« 1.234 »)
  kGrouping,   // groups of digits not by three (« 48 00 »)
  kNegative,   // below the minimum
  kNotInteger,
  kTooBig,
};

struct NumberOptions {
  double min = 0;
  double max = 1e12;
  bool integer = false;
  bool dot_is_decimal = false;  // coordinates: « -1.677 » is a longitude, not -1677
};

struct ParsedNumber {
  std::optional<double> value;
  NumberError error = NumberError::kNone;
  std::string message;  // French, quoting what was typed; empty when parsed
};

// Groups may be separated by spaces, no-break (U+00A0), narrow no-break (U+202F) or thin
// (U+2009) spaces; the decimal separator is « , » or « . ».
ParsedNumber ParseFrenchNumber(std::string_view typed, const NumberOptions& options = {});

// "empty", "garbage"... as in the shared test cases.
std::string_view NumberErrorName(NumberError error);

}  // namespace atelier::common
