#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atelier::common {

// Why a CSV text was refused. Maps onto the import error codes of the protocol.
enum class CsvError {
  kNone,
  kEmpty,              // no header line at all
  kWrongSeparator,     // the header is obviously separated by something else than expected
  kUnterminatedQuote,  // a quoted field runs to the end of the text
};

// One data row and the 1-based physical line it starts on, for error messages.
struct CsvRow {
  std::size_t line = 0;
  std::vector<std::string> fields;
};

// A parsed CSV as French Excel writes it: UTF-8 with or without BOM, `;` separators, fields
// quoted with doubled quotes, newlines inside quotes, CRLF. Immutable once parsed; safe to read
// from several threads.
class CsvTable {
 public:
  struct Options {
    char separator = ';';
  };
  struct Result;

  static Result Parse(std::string_view text);
  static Result Parse(std::string_view text, Options options);

  const std::vector<std::string>& header() const { return header_; }
  const std::vector<CsvRow>& rows() const { return rows_; }

  // Column index whose header equals `name` ignoring case, accents and surrounding spaces.
  std::optional<std::size_t> Column(std::string_view name) const;

  // The field in column `column`, or "" when the row is shorter (Excel drops trailing blanks).
  static std::string_view Field(const CsvRow& row, std::optional<std::size_t> column);

 private:
  std::vector<std::string> header_;
  std::vector<CsvRow> rows_;
};

struct CsvTable::Result {
  CsvTable table;
  CsvError error = CsvError::kNone;
  std::size_t error_line = 0;
  std::string message;  // French, for the person who exported the spreadsheet

  bool ok() const { return error == CsvError::kNone; }
};

}  // namespace atelier::common
