#include "server/sheets/spreadsheet.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>

#include "server/common/csv.hpp"
#include "server/sheets/xlsx_reader.hpp"

namespace atelier::sheets {
namespace {

namespace json = boost::json;

std::size_t CountOutsideQuotes(std::string_view line, char c) {
  std::size_t n = 0;
  bool quoted = false;
  for (char ch : line) {
    if (ch == '"') quoted = !quoted;
    if (!quoted && ch == c) ++n;
  }
  return n;
}

std::string_view FirstLine(std::string_view text) {
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (!quoted && (text[i] == '\n' || text[i] == '\r')) return text.substr(0, i);
  }
  return text;
}

std::string LineEnding(std::string_view text) {
  const auto pos = text.find_first_of("\r\n");
  if (pos == std::string_view::npos) return "";
  if (text[pos] == '\n') return "LF";
  return pos + 1 < text.size() && text[pos + 1] == '\n' ? "CRLF" : "CR";
}

bool Blank(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(), [](const std::string& c) {
    return c.find_first_not_of(" \t\r\n") == std::string::npos;
  });
}

ReadResult ReadCsv(std::string_view bytes) {
  ReadResult out;
  out.source.format = SourceInfo::Format::kCsv;
  DecodedText decoded = DecodeText(bytes);
  out.source.encoding = decoded.encoding;
  const std::string& text = decoded.utf8;
  out.source.line_ending = LineEnding(text);
  // The separator is the one the header uses most; `;` wins ties (French Excel).
  const std::string_view header = FirstLine(text);
  char best = ';';
  std::size_t best_count = 0;
  for (char c : {';', '\t', ','}) {
    const std::size_t n = CountOutsideQuotes(header, c);
    if (n > best_count) {
      best = c;
      best_count = n;
    }
  }
  out.source.separator = best;
  auto parsed = common::CsvTable::Parse(text, common::CsvTable::Options{best});
  if (!parsed.ok()) {
    out.error = parsed.message;
    out.error_line = parsed.error_line;
    return out;
  }
  out.rows.push_back(SheetRow{1, parsed.table.header()});
  for (const auto& row : parsed.table.rows()) out.rows.push_back(SheetRow{row.line, row.fields});
  return out;
}

std::string JsonCell(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_bool()) return v.as_bool() ? "oui" : "non";
  if (v.is_null()) return "";
  if (v.is_double()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v.as_double());
    return buf;
  }
  if (v.is_array()) {
    std::string s;
    for (const auto& e : v.as_array()) s += (s.empty() ? "" : ",") + JsonCell(e);
    return s;
  }
  return json::serialize(v);
}

ReadResult ReadJson(std::string_view bytes) {
  ReadResult out;
  out.source.format = SourceInfo::Format::kJson;
  DecodedText decoded = DecodeText(bytes);
  out.source.encoding = decoded.encoding;
  json::error_code ec;
  json::value root = json::parse(decoded.utf8, ec);
  if (ec || !root.is_array()) {
    out.error = "JSON invalide : un tableau [ {…}, … ] d'entreprises est attendu";
    out.error_line = 1;
    return out;
  }
  const auto lines = JsonElementLines(decoded.utf8);
  std::vector<std::string> header;
  for (const auto& v : root.as_array()) {
    if (!v.is_object()) continue;
    for (const auto& kv : v.as_object()) {
      if (std::find(header.begin(), header.end(), kv.key()) == header.end())
        header.emplace_back(kv.key());
    }
  }
  out.rows.push_back(SheetRow{1, header});
  const auto& array = root.as_array();
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::size_t line = i < lines.size() ? lines[i] : 1;
    if (!array[i].is_object()) {
      out.error = "un objet { … } est attendu";
      out.error_line = line;
      return out;
    }
    SheetRow row{line, {}};
    for (const auto& h : header) {
      const auto* v = array[i].as_object().if_contains(h);
      row.cells.push_back(v ? JsonCell(*v) : std::string());
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace

std::vector<std::size_t> JsonElementLines(std::string_view text) {
  std::vector<std::size_t> lines;
  std::size_t line = 1;
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (c == '\n') ++line;
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '{' || c == '[') {
      if (depth == 1) lines.push_back(line);
      ++depth;
    }
    if (c == '}' || c == ']') --depth;
  }
  return lines;
}

std::string SeparatorLabel(char separator) {
  if (separator == '\t') return "tabulation";
  return std::string("« ") + separator + " »";
}

std::string ColumnLetter(std::size_t index) {
  std::string s;
  ++index;
  while (index > 0) {
    s.insert(s.begin(), static_cast<char>('A' + (index - 1) % 26));
    index = (index - 1) / 26;
  }
  return s;
}

std::string SourceInfo::Describe() const {
  switch (format) {
    case Format::kXlsx:
      return "classeur Excel (XLSX), feuille « " + sheet + " »";
    case Format::kJson:
      return "JSON, " + std::string(EncodingLabel(encoding));
    case Format::kCsv:
      break;
  }
  std::string s =
      "CSV, " + std::string(EncodingLabel(encoding)) + ", séparateur " + SeparatorLabel(separator);
  if (!line_ending.empty()) s += ", fins de ligne " + line_ending;
  return s;
}

ReadResult ReadSpreadsheet(std::string_view bytes, std::string_view sheet) {
  ReadResult out;
  if (bytes.size() > kMaxImportBytes) {
    out.error = "fichier trop gros (4 Mio au plus)";
    return out;
  }
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    out = ReadXlsx(bytes, sheet);
  } else {
    std::string_view probe = bytes;
    if (probe.substr(0, 3) == "\xEF\xBB\xBF") probe.remove_prefix(3);
    const auto first = probe.find_first_not_of(" \t\r\n");
    out = first != std::string_view::npos && probe[first] == '[' ? ReadJson(bytes) : ReadCsv(bytes);
  }
  if (!out.ok()) return out;
  std::vector<SheetRow> kept;
  for (auto& row : out.rows) {
    if (kept.empty() || !Blank(row.cells)) kept.push_back(std::move(row));
  }
  out.rows = std::move(kept);
  if (out.rows.empty() || Blank(out.rows.front().cells)) {
    out.rows.clear();
    out.error = "fichier vide : aucune ligne d'en-tête";
    out.error_line = 1;
  }
  return out;
}

}  // namespace atelier::sheets
