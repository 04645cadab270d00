#pragma once
// A spreadsheet as the imports read it: rows of text cells with the line (CSV) or row
// number (XLSX) the user sees, and how the file was written (format, encoding, separator,
// line endings, sheets). One reader for the console, the administration page and the CLI.
// Pure functions of the bytes; thread-safe.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "server/sheets/text_encoding.hpp"

namespace atelier::sheets {

struct SheetRow {
  std::size_t line = 0;  // 1-based line of the file (CSV) or row number (XLSX)
  std::vector<std::string> cells;
};

struct SourceInfo {
  enum class Format { kCsv, kXlsx, kJson };
  Format format = Format::kCsv;
  Encoding encoding = Encoding::kUtf8;
  char separator = ';';
  std::string line_ending;               // "CRLF", "LF", "CR" or "" (one line, XLSX)
  std::string sheet;                     // XLSX: the sheet read
  std::vector<std::string> sheet_names;  // XLSX: every sheet, in the workbook's order

  // « CSV, Windows-1252 (ANSI), séparateur « ; », fins de ligne CRLF » for the preview.
  std::string Describe() const;
};

struct ReadResult {
  SourceInfo source;
  std::vector<SheetRow> rows;  // the header first; blank rows dropped
  std::string error;           // French; empty when read
  std::size_t error_line = 0;

  bool ok() const { return error.empty(); }
};

// Largest file the imports take (the HTTP routes' body limit is the same).
inline constexpr std::size_t kMaxImportBytes = 4 * 1024 * 1024;

// CSV (separator `;`, `,` or tab, detected on the header line), an XLSX workbook (recognised
// by its ZIP signature; `sheet` picks one by name, else the first) or a JSON array of objects
// (the keys are the header).
ReadResult ReadSpreadsheet(std::string_view bytes, std::string_view sheet = {});

// The separator's name in French: « ; », « , », « tabulation ».
std::string SeparatorLabel(char separator);

// "A", "B", …, "Z", "AA": the spreadsheet's name of 0-based column `index`.
std::string ColumnLetter(std::size_t index);

// The 1-based line where each element of a top-level JSON array starts, in order (one pass;
// what error messages name).
std::vector<std::size_t> JsonElementLines(std::string_view text);

}  // namespace atelier::sheets
