#include "client/cli/card_files.hpp"

#include <boost/json.hpp>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "server/common/number.hpp"
#include "server/common/text.hpp"
#include "server/match/waste_catalogue.hpp"
#include "server/sheets/header_aliases.hpp"
#include "server/sheets/spreadsheet.hpp"

namespace atelier::cli {
namespace {

namespace json = boost::json;

// A field as read from either format, with what the error message needs to point at it.
struct Field {
  std::string text;
  const json::value* json = nullptr;  // set for JSON input
  bool present = false;
};

using Getter = std::function<Field(std::string_view name)>;

std::string Trimmed(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

bool IsJson(std::string_view file_name, std::string_view content) {
  auto ends_with = [&](std::string_view ext) {
    return file_name.size() >= ext.size() &&
           common::FoldText(file_name.substr(file_name.size() - ext.size())) == ext;
  };
  if (ends_with(".json")) return true;
  if (ends_with(".csv") || ends_with(".xlsx")) return false;
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  const auto first = content.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && (content[first] == '[' || content[first] == '{');
}

// 1-based line where the n-th element of the top-level JSON array starts (0 if none).
std::size_t JsonElementLine(const std::vector<std::size_t>& lines, std::size_t index) {
  return index < lines.size() ? lines[index] : 0;
}

class RecordReader {
 public:
  RecordReader(std::string file, std::size_t line, Getter get)
      : file_(std::move(file)), line_(line), get_(std::move(get)) {}

  const std::optional<InputError>& error() const { return error_; }

  std::string String(std::string_view name, bool required) {
    Field f = get_(name);
    if (f.json) {
      if (f.json->is_string()) {
        f.text = std::string(f.json->as_string());
      } else if (f.json->is_int64() || f.json->is_uint64()) {
        f.text = json::serialize(*f.json);
      } else if (!f.json->is_null()) {
        Fail(name, "texte attendu");
        return {};
      }
    }
    std::string s = Trimmed(f.text);
    if (required && s.empty()) Fail(name, "champ obligatoire manquant");
    return s;
  }

  std::optional<double> Number(std::string_view name) {
    Field f = get_(name);
    if (f.json && f.json->is_number()) return f.json->to_number<double>();
    if (f.json && f.json->is_null()) return std::nullopt;
    if (f.json && !f.json->is_string()) {
      Fail(name, "nombre attendu");
      return std::nullopt;
    }
    const std::string raw = Trimmed(f.json ? std::string(f.json->as_string()) : f.text);
    if (raw.empty()) return std::nullopt;
    // Signed: longitudes west of Greenwich are negative; callers check their own ranges.
    const common::ParsedNumber p = common::ParseFrenchNumber(
        raw, {.min = -1e12, .dot_is_decimal = name == "lat" || name == "lon"});
    if (!p.value) Fail(name, p.message);
    return p.value;
  }

  bool Bool(std::string_view name) {
    Field f = get_(name);
    if (f.json && f.json->is_bool()) return f.json->as_bool();
    if (f.json && f.json->is_int64()) return f.json->as_int64() != 0;
    if (f.json && f.json->is_null()) return false;
    if (f.json && !f.json->is_string()) {
      Fail(name, "booléen attendu (true/false, oui/non, 1/0)");
      return false;
    }
    const std::string typed = Trimmed(f.json ? std::string(f.json->as_string()) : f.text);
    const std::string raw = common::FoldText(typed);
    if (raw.empty() || raw == "false" || raw == "non" || raw == "0" || raw == "faux" ||
        raw == "n") {
      return false;
    }
    if (raw == "true" || raw == "oui" || raw == "1" || raw == "vrai" || raw == "o" || raw == "x") {
      return true;
    }
    Fail(name, "booléen attendu (true/false, oui/non, 1/0), lu « " + typed + " »");
    return false;
  }

  std::vector<int> Months(std::string_view name) {
    Field f = get_(name);
    std::vector<int> months;
    auto add = [&](long m) {
      if (m < 1 || m > 12) {
        Fail(name, "mois entre 1 et 12 attendus");
        return;
      }
      months.push_back(static_cast<int>(m));
    };
    if (f.json && f.json->is_array()) {
      for (const auto& v : f.json->as_array()) {
        if (!v.is_int64()) {
          Fail(name, "liste de mois (entiers 1 à 12) attendue");
          return {};
        }
        add(static_cast<long>(v.as_int64()));
      }
      return months;
    }
    if (f.json && f.json->is_null()) return months;
    if (f.json && !f.json->is_string()) {
      Fail(name, "liste de mois attendue");
      return {};
    }
    // "6,7,8", "6-8", "11-2" (wraps over the new year), "6;7".
    const std::string raw = f.json ? std::string(f.json->as_string()) : f.text;
    std::string cleaned;
    for (char c : raw) cleaned.push_back(c == ';' || c == ' ' || c == '[' || c == ']' ? ',' : c);
    std::size_t start = 0;
    while (start <= cleaned.size()) {
      std::size_t comma = cleaned.find(',', start);
      if (comma == std::string::npos) comma = cleaned.size();
      const std::string part = cleaned.substr(start, comma - start);
      start = comma + 1;
      if (part.empty()) continue;
      const auto dash = part.find('-');
      char* end = nullptr;
      if (dash == std::string::npos) {
        const long m = std::strtol(part.c_str(), &end, 10);
        if (*end) {
          Fail(name, "mois attendus comme « 6,7,8 » ou « 6-8 », lu « " + raw + " »");
          return {};
        }
        add(m);
      } else {
        const std::string a = part.substr(0, dash), b = part.substr(dash + 1);
        char* e1 = nullptr;
        char* e2 = nullptr;
        const long from = std::strtol(a.c_str(), &e1, 10);
        const long to = std::strtol(b.c_str(), &e2, 10);
        if (a.empty() || b.empty() || *e1 || *e2 || from < 1 || from > 12 || to < 1 || to > 12) {
          Fail(name, "mois attendus comme « 6,7,8 » ou « 6-8 », lu « " + raw + " »");
          return {};
        }
        for (long m = from;; m = m % 12 + 1) {
          add(m);
          if (m == to) break;
        }
      }
      if (error_) return {};
    }
    return months;
  }

  void Fail(std::string_view field, std::string message) {
    if (error_) return;
    error_ = InputError{file_, line_, std::string(field), std::move(message)};
  }

 private:
  std::string file_;
  std::size_t line_;
  Getter get_;
  std::optional<InputError> error_;
};

// The English field names of the JSON format, also accepted as CSV headers; CSV and XLSX
// headers go through the one header table (server/sheets/data/entetes.tsv).
std::string FieldOf(std::string_view section, std::string_view header) {
  const std::string folded = sheets::FoldHeader(header);
  for (std::string_view f : {"id", "name", "siret", "naf", "zone", "lat", "lon", "headcount", "ess",
                             "company_id", "kind", "text", "category", "quantity", "unit",
                             "frequency", "months", "availability", "waste_code"}) {
    if (folded == sheets::FoldHeader(f)) return std::string(f);
  }
  std::string field = sheets::FieldForHeader(section, header);
  if (field == "ignore" && folded == "identifiant") return "id";
  return field;
}

template <typename T>
using RecordParser = std::function<T(RecordReader&)>;

template <typename T>
Parsed<T> ParseRecords(std::string_view section, std::string_view file_name,
                       std::string_view content, const RecordParser<T>& parse) {
  Parsed<T> out;
  const std::string file(file_name);
  if (IsJson(file_name, content)) {
    if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
    json::stream_parser parser;
    boost::system::error_code ec;
    const std::size_t consumed = parser.write(content.data(), content.size(), ec);
    if (!ec) parser.finish(ec);
    if (ec) {
      std::size_t line = 1;
      for (std::size_t i = 0; i < std::min(consumed, content.size()); ++i)
        line += content[i] == '\n';
      out.error = InputError{file, line, "", "JSON invalide : " + ec.message()};
      return out;
    }
    const json::value root = parser.release();
    if (!root.is_array()) {
      out.error = InputError{file, 1, "", "un tableau JSON [ ... ] est attendu"};
      return out;
    }
    const auto& array = root.as_array();
    const std::vector<std::size_t> lines = sheets::JsonElementLines(content);
    for (std::size_t i = 0; i < array.size(); ++i) {
      const std::size_t line = JsonElementLine(lines, i);
      if (!array[i].is_object()) {
        out.error = InputError{file, line, "", "un objet { ... } est attendu"};
        return out;
      }
      const auto& object = array[i].as_object();
      RecordReader reader(file, line, [&object](std::string_view name) {
        Field f;
        if (const auto* v = object.if_contains(name)) {
          f.json = v;
          f.present = true;
        }
        return f;
      });
      T item = parse(reader);
      if (reader.error()) {
        out.error = reader.error();
        return out;
      }
      out.items.push_back(std::move(item));
    }
    return out;
  }
  auto sheet = sheets::ReadSpreadsheet(content);
  if (!sheet.ok()) {
    out.error = InputError{file, sheet.error_line, "", sheet.error};
    return out;
  }
  std::map<std::string, std::size_t> column_of;
  const auto& header = sheet.rows.front().cells;
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string field = FieldOf(section, header[i]);
    if (!field.empty()) column_of.try_emplace(field, i);
  }
  for (std::size_t r = 1; r < sheet.rows.size(); ++r) {
    const auto& row = sheet.rows[r];
    RecordReader reader(file, row.line, [&column_of, &row](std::string_view name) {
      Field f;
      auto it = column_of.find(std::string(name));
      f.present = it != column_of.end();
      if (f.present && it->second < row.cells.size()) f.text = row.cells[it->second];
      return f;
    });
    T item = parse(reader);
    if (reader.error()) {
      out.error = reader.error();
      return out;
    }
    out.items.push_back(std::move(item));
  }
  return out;
}

template <typename T>
void CheckUniqueIds(Parsed<T>& parsed, std::string_view file_name, std::string_view content) {
  if (parsed.error) return;
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < parsed.items.size(); ++i) {
    if (seen.insert(parsed.items[i].id).second) continue;
    const std::size_t line =
        IsJson(file_name, content) ? JsonElementLine(sheets::JsonElementLines(content), i) : 0;
    parsed.error = InputError{std::string(file_name), line, "id",
                              "identifiant en double « " + parsed.items[i].id + " »"};
    return;
  }
}

}  // namespace

std::string InputError::ToString() const {
  std::string out = file + ":" + std::to_string(line) + ": ";
  if (!field.empty()) out += "champ « " + field + " » : ";
  return out + message;
}

Parsed<match::Company> ParseCompanies(std::string_view file_name, std::string_view content) {
  auto parsed =
      ParseRecords<match::Company>("entreprises", file_name, content, [](RecordReader& r) {
        match::Company c;
        c.id = r.String("id", true);
        c.name = r.String("name", true);
        c.siret = r.String("siret", false);
        c.naf = r.String("naf", false);
        c.zone = r.String("zone", false);
        c.lat = r.Number("lat");
        c.lon = r.Number("lon");
        if (c.lat && (*c.lat < -90 || *c.lat > 90)) r.Fail("lat", "latitude hors de [-90, 90]");
        if (c.lon && (*c.lon < -180 || *c.lon > 180))
          r.Fail("lon", "longitude hors de [-180, 180]");
        const auto headcount = r.Number("headcount");
        if (headcount) {
          if (*headcount < 0 || *headcount != static_cast<int>(*headcount)) {
            r.Fail("headcount", "effectif entier positif attendu");
          } else {
            c.headcount = static_cast<int>(*headcount);
          }
        }
        c.ess = r.Bool("ess");
        return c;
      });
  CheckUniqueIds(parsed, file_name, content);
  return parsed;
}

Parsed<match::Card> ParseCards(std::string_view file_name, std::string_view content) {
  auto parsed = ParseRecords<match::Card>("cartes", file_name, content, [](RecordReader& r) {
    match::Card c;
    c.id = r.String("id", true);
    c.company_id = r.String("company_id", true);
    const std::string kind = common::FoldText(r.String("kind", true));
    if (kind == "offer" || kind == "offre") {
      c.kind = match::CardKind::kOffer;
    } else if (kind == "need" || kind == "besoin") {
      c.kind = match::CardKind::kNeed;
    } else if (!kind.empty()) {
      r.Fail("kind", "« offer » ou « need » attendu (ou offre / besoin), lu « " + kind + " »");
    }
    c.text = r.String("text", true);
    c.category = r.String("category", false);
    c.quantity = r.Number("quantity");
    c.unit = r.String("unit", false);
    c.frequency = r.String("frequency", false);
    c.months = r.Months("months");
    c.availability = r.String("availability", false);
    c.waste_code = r.String("waste_code", false);
    if (!c.waste_code.empty() && match::WasteCatalogue::Canonical(c.waste_code).empty()) {
      r.Fail("waste_code",
             "code déchet à 6 chiffres attendu (ex. 15 01 03), lu « " + c.waste_code + " »");
    }
    return c;
  });
  CheckUniqueIds(parsed, file_name, content);
  return parsed;
}

std::optional<InputError> CheckCompanies(std::string_view cards_file_name,
                                         std::string_view cards_content,
                                         const std::vector<match::Company>& companies,
                                         const std::vector<match::Card>& cards) {
  std::set<std::string> ids;
  for (const auto& c : companies) ids.insert(c.id);
  const bool json = IsJson(cards_file_name, cards_content);
  for (std::size_t i = 0; i < cards.size(); ++i) {
    if (ids.count(cards[i].company_id)) continue;
    std::size_t line = 0;
    if (json) {
      line = JsonElementLine(sheets::JsonElementLines(cards_content), i);
    } else {
      auto sheet = sheets::ReadSpreadsheet(cards_content);
      if (sheet.ok() && i + 1 < sheet.rows.size()) line = sheet.rows[i + 1].line;
    }
    return InputError{std::string(cards_file_name), line, "company_id",
                      "entreprise inconnue « " + cards[i].company_id + " »"};
  }
  return std::nullopt;
}

}  // namespace atelier::cli
