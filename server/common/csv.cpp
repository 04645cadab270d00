#include "server/common/csv.hpp"

#include <algorithm>

#include "server/common/text.hpp"

namespace atelier::common {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct RawRecord {
  std::size_t line = 0;
  std::vector<std::string> fields;
};

bool AllBlank(const std::vector<std::string>& fields) {
  return std::all_of(fields.begin(), fields.end(), [](const std::string& f) {
    return f.find_first_not_of(" \t") == std::string::npos;
  });
}

// Counts `c` outside quotes on the first physical line: enough to recognise a header.
std::size_t CountOnFirstLine(std::string_view text, char c) {
  std::size_t n = 0;
  bool quoted = false;
  for (char ch : text) {
    if (ch == '"') quoted = !quoted;
    if (!quoted && (ch == '\n' || ch == '\r')) break;
    if (!quoted && ch == c) ++n;
  }
  return n;
}

}  // namespace

CsvTable::Result CsvTable::Parse(std::string_view text) { return Parse(text, Options{}); }

CsvTable::Result CsvTable::Parse(std::string_view text, Options options) {
  Result result;
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    result.error = CsvError::kEmpty;
    result.error_line = 1;
    result.message = "fichier vide : aucune ligne d'en-tête";
    return result;
  }
  const char sep = options.separator;
  if (CountOnFirstLine(text, sep) == 0) {
    // A one-column file is legal, but a header full of another separator is a wrong export.
    for (char other : {',', '\t', ';'}) {
      if (other != sep && CountOnFirstLine(text, other) > 0) {
        result.error = CsvError::kWrongSeparator;
        result.error_line = 1;
        result.message = std::string("mauvais séparateur : l'en-tête est séparé par '") +
                         (other == '\t' ? std::string("tabulation") : std::string(1, other)) +
                         "' au lieu de '" + std::string(1, sep) + "'";
        return result;
      }
    }
  }

  std::vector<RawRecord> records;
  RawRecord current{1, {}};
  std::string field;
  std::size_t line = 1;
  std::size_t quote_line = 0;
  bool quoted = false;
  bool field_started = false;
  auto end_field = [&] {
    current.fields.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_record = [&](std::size_t next_line) {
    end_field();
    if (!AllBlank(current.fields)) records.push_back(std::move(current));
    current = RawRecord{next_line, {}};
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        // A CR of a CRLF inside quotes is dropped: the field keeps a plain newline.
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        if (c == '\r') {
          ++line;
          field.push_back('\n');
          continue;
        }
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
      quote_line = line;
    } else if (c == sep) {
      end_field();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++line;
      end_record(line);
    } else {
      field.push_back(c);
      field_started = true;
    }
  }
  if (quoted) {
    result.error = CsvError::kUnterminatedQuote;
    result.error_line = quote_line;
    result.message = "guillemet ouvert ligne " + std::to_string(quote_line) + " jamais refermé";
    return result;
  }
  if (field_started || !current.fields.empty() || !field.empty()) end_record(line + 1);

  if (records.empty()) {
    result.error = CsvError::kEmpty;
    result.error_line = 1;
    result.message = "fichier vide : aucune ligne d'en-tête";
    return result;
  }
  result.table.header_ = std::move(records.front().fields);
  for (auto& h : result.table.header_) {
    const auto first = h.find_first_not_of(' ');
    const auto last = h.find_last_not_of(' ');
    h = first == std::string::npos ? std::string() : h.substr(first, last - first + 1);
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    result.table.rows_.push_back(CsvRow{records[r].line, std::move(records[r].fields)});
  }
  return result;
}

std::optional<std::size_t> CsvTable::Column(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (FoldedEquals(header_[i], name)) return i;
  }
  return std::nullopt;
}

std::string_view CsvTable::Field(const CsvRow& row, std::optional<std::size_t> column) {
  if (!column || *column >= row.fields.size()) return {};
  return row.fields[*column];
}

}  // namespace atelier::common
