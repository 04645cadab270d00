#include "server/sheets/company_import.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>
#include <tuple>

#include "server/common/text.hpp"
#include "server/sheets/header_aliases.hpp"

namespace atelier::sheets {
namespace {

namespace json = boost::json;

std::string Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// Spaces, non-breaking and narrow spaces (French thousands separators) removed.
std::string WithoutSpaces(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '\t') continue;
    if (s.compare(i, 2, "\xC2\xA0") == 0) {
      ++i;
      continue;
    }
    if (s.compare(i, 3, "\xE2\x80\xAF") == 0) {
      i += 2;
      continue;
    }
    out += s[i];
  }
  return out;
}

// "48,1173", "48.1173", "1 234,5" -> number; "" -> nullopt with ok; garbage -> not ok.
bool ParseDecimal(std::string_view raw, std::optional<double>* out) {
  std::string s = WithoutSpaces(raw);
  out->reset();
  if (s.empty()) return true;
  if (s.find(',') != std::string::npos && s.find('.') == std::string::npos) {
    s[s.find(',')] = '.';
  }
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  if (errno != 0 || end != s.c_str() + s.size() || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

std::optional<bool> ParseYesNo(std::string_view raw) {
  const std::string v = common::FoldText(Trim(raw));
  for (const char* no : {"", "non", "no", "n", "0", "faux", "false"})
    if (v == no) return false;
  for (const char* yes : {"oui", "yes", "o", "y", "1", "x", "vrai", "true", "ess"})
    if (v == yes) return true;
  return std::nullopt;
}

std::string NameKey(std::string_view name) {
  std::string out;
  for (char c : common::FoldText(name)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

std::string DuplicateKey(const v1::Company& c) {
  return NameKey(c.name()) + "|" + Postcode(c.address());
}

}  // namespace

std::string Postcode(std::string_view address) {
  std::string found;
  for (std::size_t i = 0; i + 5 <= address.size(); ++i) {
    bool five = true;
    for (std::size_t k = 0; k < 5; ++k)
      five = five && std::isdigit(static_cast<unsigned char>(address[i + k]));
    const bool before = i == 0 || !std::isdigit(static_cast<unsigned char>(address[i - 1]));
    const bool after =
        i + 5 == address.size() || !std::isdigit(static_cast<unsigned char>(address[i + 5]));
    if (five && before && after) found = std::string(address.substr(i, 5));
  }
  return found;
}

std::string ImportIssue::ToString() const {
  std::string out = line ? "ligne " + std::to_string(line) : std::string("fichier");
  if (!column.empty()) out += ", colonne « " + column + " »";
  if (!cell.empty()) out += " (" + cell + ")";
  out += " : " + message;
  if (!value.empty()) out += " (lu « " + value + " »)";
  return out;
}

std::optional<DuplicateChoice> ParseDuplicateChoice(std::string_view word) {
  const std::string w = common::FoldText(Trim(word));
  if (w == "maj" || w == "mettre-a-jour" || w == "mettre a jour" || w == "update")
    return DuplicateChoice::kUpdate;
  if (w == "ignorer" || w == "skip") return DuplicateChoice::kSkip;
  if (w == "ajouter" || w == "add") return DuplicateChoice::kAdd;
  return std::nullopt;
}

std::size_t CompanyPreview::Duplicates() const {
  std::size_t n = 0;
  for (const auto& c : companies) n += !c.duplicate_of.empty();
  return n;
}

CompanyPreview PreviewCompanies(const ReadResult& read, const ImportContext& context) {
  CompanyPreview p;
  p.source = read.source;
  if (!read.ok()) {
    p.errors.push_back(ImportIssue{read.error_line, "", "", "", "", read.error});
    return p;
  }
  const std::vector<std::string>& header = read.rows.front().cells;
  std::map<std::string, std::size_t> column_of;  // field -> first column naming it
  for (std::size_t i = 0; i < header.size(); ++i) {
    ColumnUse use{Trim(header[i]), ColumnLetter(i), FieldForHeader("entreprises", header[i])};
    if (use.header.empty()) {
      use.field = "ignore";
    } else if (use.field.empty()) {
      p.unknown_columns.push_back(use.header);
    } else if (use.field == "ignore") {
      p.ignored_columns.push_back(use.header);
    } else if (!column_of.try_emplace(use.field, i).second) {
      p.errors.push_back(ImportIssue{
          1, use.header, use.field, use.letter + "1", "",
          "colonne en double : « " + header[column_of[use.field]] + " » a déjà ce sens"});
    }
    p.columns.push_back(std::move(use));
  }
  if (!column_of.count("name")) {
    p.errors.push_back(ImportIssue{
        1, "", "name", "", "",
        "colonne du nom introuvable : l'en-tête doit avoir « Nom » (ou « Raison sociale », "
        "« Entreprise »…), par exemple nom;siret;naf;zone;adresse;lat;lon;effectif;ess;contact;"
        "table"});
    return p;
  }
  if (read.rows.size() - 1 > kMaxImportCompanies) {
    p.errors.push_back(
        ImportIssue{0, "", "", "", "",
                    std::to_string(kMaxImportCompanies) + " entreprises au plus par import"});
    return p;
  }
  const int tables = std::max(context.tables, 1);
  std::map<std::string, const v1::Company*> by_siret, by_key;
  for (const auto& c : context.existing) {
    if (!c.siret().empty()) by_siret[c.siret()] = &c;
    by_key.try_emplace(DuplicateKey(c), &c);
  }
  std::map<std::string, std::size_t> file_siret, file_key;  // -> line
  for (std::size_t r = 1; r < read.rows.size(); ++r) {
    const SheetRow& row = read.rows[r];
    CompanyLine out;
    out.line = row.line;
    v1::Company& c = out.company;
    bool bad = false;
    auto cell = [&](const char* field) -> std::string {
      auto it = column_of.find(field);
      if (it == column_of.end() || it->second >= row.cells.size()) return {};
      return Trim(row.cells[it->second]);
    };
    auto fail = [&](const char* field, const std::string& value, std::string message) {
      bad = true;
      ImportIssue e{row.line, "", field, "", value, std::move(message)};
      if (auto it = column_of.find(field); it != column_of.end()) {
        e.column = p.columns[it->second].header;
        e.cell = p.columns[it->second].letter + std::to_string(row.line);
      }
      p.errors.push_back(std::move(e));
    };
    auto text = [&](const char* field, std::size_t limit, std::string* into) {
      std::string v = cell(field);
      if (v.empty()) return;
      out.filled.insert(field);
      if (common::CountChars(v) > limit) {
        fail(field, common::TruncateChars(v, 40, "…"),
             "texte trop long (" + std::to_string(limit) + " caractères au plus)");
        return;
      }
      *into = std::move(v);
    };
    if (row.cells.size() > header.size()) {
      for (std::size_t i = header.size(); i < row.cells.size(); ++i) {
        if (Trim(row.cells[i]).empty()) continue;
        fail("", row.cells[i],
             std::to_string(row.cells.size()) + " colonnes au lieu de " +
                 std::to_string(header.size()) + " (colonne " + ColumnLetter(i) +
                 ") : un séparateur de trop, ou une virgule décimale dans un fichier séparé par "
                 "des virgules ?");
        break;
      }
    }
    std::string name;
    text("name", v1::TEXT_LIMIT_NAME, &name);
    if (name.empty() && !out.filled.count("name")) fail("name", "", "nom d'entreprise manquant");
    c.set_name(name);
    if (std::string raw = cell("siret"); !raw.empty()) {
      out.filled.insert("siret");
      std::string digits;
      bool only_digits = true;
      for (char ch : WithoutSpaces(raw)) {
        if (std::isdigit(static_cast<unsigned char>(ch))) {
          digits += ch;
        } else if (ch != '.' && ch != '-') {
          only_digits = false;
        }
      }
      if (raw.find_first_of("eE") != std::string::npos &&
          raw.find_first_of(",.") != std::string::npos) {
        fail("siret", raw,
             "SIRET écrit en notation scientifique par le tableur : des chiffres sont perdus ; "
             "mettez la colonne au format Texte et saisissez à nouveau les 14 chiffres");
      } else if (!only_digits || digits.size() != 14) {
        fail("siret", raw, "SIRET invalide : 14 chiffres attendus");
      } else {
        c.set_siret(digits);
      }
    }
    std::string value;
    text("naf", v1::TEXT_LIMIT_TEXT, &value);
    c.set_naf(value);
    value.clear();
    text("zone", v1::TEXT_LIMIT_TEXT, &value);
    c.set_zone(value);
    std::string address, postcode, city;
    text("address", v1::TEXT_LIMIT_TEXT, &address);
    text("postcode", 10, &postcode);
    text("city", v1::TEXT_LIMIT_NAME, &city);
    if (!postcode.empty() && Postcode(postcode).empty()) {
      fail("postcode", postcode, "code postal à 5 chiffres attendu");
    }
    // Postcode and city columns complete the address unless it already holds them.
    std::string tail = Trim(postcode + " " + city);
    if (!tail.empty() && address.find(tail) == std::string::npos) {
      address = address.empty() ? tail : address + ", " + tail;
    }
    if (!address.empty()) out.filled.insert("address");
    c.set_address(address);
    std::optional<double> lat, lon;
    const std::string raw_lat = cell("lat"), raw_lon = cell("lon");
    if (!ParseDecimal(raw_lat, &lat)) fail("lat", raw_lat, "latitude : nombre attendu (48,1173)");
    if (!ParseDecimal(raw_lon, &lon)) fail("lon", raw_lon, "longitude : nombre attendu (-1,6778)");
    if (lat && (*lat < -90 || *lat > 90)) fail("lat", raw_lat, "latitude hors de -90 à 90");
    if (lon && (*lon < -180 || *lon > 180)) fail("lon", raw_lon, "longitude hors de -180 à 180");
    if (lat.has_value() != lon.has_value() && raw_lat.empty() != raw_lon.empty()) {
      fail(lat ? "lon" : "lat", "", "latitude et longitude vont ensemble : l'une manque");
    } else if (lat && lon) {
      c.set_has_location(true);
      c.set_lat(*lat);
      c.set_lon(*lon);
      out.filled.insert("location");
    }
    if (std::string raw = cell("headcount"); !raw.empty()) {
      out.filled.insert("headcount");
      std::optional<double> n;
      if (!ParseDecimal(raw, &n) || !n || *n < 0 || *n != std::floor(*n) || *n > 1e7) {
        fail("headcount", raw, "effectif : nombre entier positif attendu");
      } else {
        c.set_headcount(static_cast<int32_t>(*n));
      }
    }
    if (std::string raw = cell("ess"); !raw.empty()) {
      out.filled.insert("ess");
      if (auto b = ParseYesNo(raw)) {
        c.set_ess(*b);
      } else {
        fail("ess", raw, "ESS : « oui » ou « non » attendu");
      }
    }
    value.clear();
    text("contact", v1::TEXT_LIMIT_TEXT, &value);
    c.set_contact(value);
    if (std::string raw = cell("table"); !raw.empty()) {
      out.filled.insert("table");
      std::optional<double> n;
      if (!ParseDecimal(raw, &n) || !n || *n != std::floor(*n) || *n < 0 || *n > tables) {
        fail("table", raw,
             "table hors de l'atelier : un numéro de 1 à " + std::to_string(tables) +
                 " (vide ou 0 : pas encore placée)");
      } else {
        c.set_table(static_cast<int32_t>(*n));
      }
    }
    if (bad) continue;
    // Duplicates inside the file are errors; those of the workshop wait for a choice.
    if (!c.siret().empty()) {
      if (auto [it, fresh] = file_siret.try_emplace(c.siret(), row.line); !fresh) {
        fail("siret", c.siret(),
             "SIRET en double dans le fichier (déjà ligne " + std::to_string(it->second) + ")");
        continue;
      }
    } else if (auto [it, fresh] = file_key.try_emplace(DuplicateKey(c), row.line); !fresh) {
      fail("name", c.name(),
           "même nom et même code postal que la ligne " + std::to_string(it->second) +
               " (doublon dans le fichier)");
      continue;
    }
    const v1::Company* existing = nullptr;
    if (!c.siret().empty()) {
      if (auto it = by_siret.find(c.siret()); it != by_siret.end()) {
        existing = it->second;
        out.duplicate_by = "siret";
      }
    }
    if (!existing) {
      if (auto it = by_key.find(DuplicateKey(c));
          it != by_key.end() && (c.siret().empty() || it->second->siret().empty())) {
        existing = it->second;
        out.duplicate_by = "nom+code postal";
      }
    }
    if (existing) {
      out.duplicate_of = existing->id();
      out.duplicate_name = existing->name();
    }
    p.companies.push_back(std::move(out));
  }
  // In the order the user reads the file: by line, then from left to right.
  std::stable_sort(p.errors.begin(), p.errors.end(),
                   [](const ImportIssue& a, const ImportIssue& b) {
                     return std::make_tuple(a.line, a.cell.size(), a.cell) <
                            std::make_tuple(b.line, b.cell.size(), b.cell);
                   });
  if (p.companies.empty() && p.errors.empty()) {
    p.errors.push_back(ImportIssue{0, "", "", "", "", "aucune entreprise dans le fichier"});
  }
  return p;
}

ImportPlan PlanImport(const CompanyPreview& preview, DuplicateChoice choice,
                      const ImportContext& context) {
  ImportPlan plan;
  if (!preview.errors.empty()) {
    plan.error = std::to_string(preview.errors.size()) +
                 " erreur(s) dans le fichier : corrigez-le, rien n'est importé";
    return plan;
  }
  const std::size_t duplicates = preview.Duplicates();
  if (duplicates > 0 && choice == DuplicateChoice::kUnset) {
    plan.error = std::to_string(duplicates) +
                 " entreprise(s) déjà dans l'atelier : choisissez de les mettre à jour, de les "
                 "ignorer ou de les ajouter";
    return plan;
  }
  std::map<std::string, const v1::Company*> existing;
  for (const auto& c : context.existing) existing[c.id()] = &c;
  auto* cmd = plan.command.mutable_import_companies();
  for (const CompanyLine& line : preview.companies) {
    if (line.duplicate_of.empty()) {
      *cmd->add_companies() = line.company;
      plan.lines.push_back(line.line);
      ++plan.added;
      continue;
    }
    if (choice == DuplicateChoice::kSkip) {
      ++plan.skipped;
      continue;
    }
    if (choice == DuplicateChoice::kAdd) {
      if (line.duplicate_by == "siret") {
        plan.error = "ligne " + std::to_string(line.line) + " : le SIRET " + line.company.siret() +
                     " est déjà celui de « " + line.duplicate_name +
                     " » : une entreprise par SIRET, choisissez mettre à jour ou ignorer";
        plan.command.Clear();
        return plan;
      }
      *cmd->add_companies() = line.company;
      plan.lines.push_back(line.line);
      ++plan.added;
      continue;
    }
    // Update: what the file says replaces, what it leaves empty is kept.
    auto it = existing.find(line.duplicate_of);
    v1::Company merged = it != existing.end() ? *it->second : v1::Company();
    merged.set_id(line.duplicate_of);
    const v1::Company& c = line.company;
    const auto& f = line.filled;
    if (f.count("name")) merged.set_name(c.name());
    if (f.count("siret")) merged.set_siret(c.siret());
    if (f.count("naf")) merged.set_naf(c.naf());
    if (f.count("zone")) merged.set_zone(c.zone());
    if (f.count("address")) merged.set_address(c.address());
    if (f.count("location")) {
      merged.set_has_location(true);
      merged.set_lat(c.lat());
      merged.set_lon(c.lon());
    }
    if (f.count("headcount")) merged.set_headcount(c.headcount());
    if (f.count("ess")) merged.set_ess(c.ess());
    if (f.count("contact")) merged.set_contact(c.contact());
    if (f.count("table")) merged.set_table(c.table());
    *cmd->add_companies() = merged;
    plan.lines.push_back(line.line);
    ++plan.updated;
  }
  // Everything skipped is a done import with nothing to write: the command stays empty.
  if (cmd->companies_size() == 0) plan.command.Clear();
  return plan;
}

std::string PreviewJson(const CompanyPreview& p) {
  json::object o;
  const char* format = p.source.format == SourceInfo::Format::kXlsx   ? "xlsx"
                       : p.source.format == SourceInfo::Format::kJson ? "json"
                                                                      : "csv";
  o["format"] = format;
  o["description"] = p.source.Describe();
  o["encoding"] = std::string(EncodingLabel(p.source.encoding));
  o["separator"] = p.source.format == SourceInfo::Format::kCsv ? SeparatorLabel(p.source.separator)
                                                               : std::string();
  o["line_ending"] = p.source.line_ending;
  o["sheet"] = p.source.sheet;
  json::array sheets;
  for (const auto& s : p.source.sheet_names) sheets.push_back(json::string(s));
  o["sheets"] = std::move(sheets);
  json::array columns;
  for (const auto& c : p.columns) {
    columns.push_back(json::object{
        {"header", c.header},
        {"letter", c.letter},
        {"field", c.field},
        {"label", c.field.empty() || c.field == "ignore" ? std::string()
                                                         : FrenchHeader("entreprises", c.field)}});
  }
  o["columns"] = std::move(columns);
  json::array unknown, ignored;
  for (const auto& u : p.unknown_columns) unknown.push_back(json::string(u));
  for (const auto& u : p.ignored_columns) ignored.push_back(json::string(u));
  o["unknown_columns"] = std::move(unknown);
  o["ignored_columns"] = std::move(ignored);
  json::array companies;
  for (const auto& line : p.companies) {
    const v1::Company& c = line.company;
    json::object row{{"line", line.line},          {"name", c.name()},
                     {"siret", c.siret()},         {"naf", c.naf()},
                     {"zone", c.zone()},           {"address", c.address()},
                     {"headcount", c.headcount()}, {"ess", c.ess()},
                     {"contact", c.contact()},     {"table", c.table()}};
    if (c.has_location()) {
      row["lat"] = c.lat();
      row["lon"] = c.lon();
    } else {
      row["lat"] = nullptr;
      row["lon"] = nullptr;
    }
    if (!line.duplicate_of.empty()) {
      row["duplicate"] = json::object{
          {"id", line.duplicate_of}, {"name", line.duplicate_name}, {"by", line.duplicate_by}};
    }
    companies.push_back(std::move(row));
  }
  o["companies"] = std::move(companies);
  o["duplicates"] = p.Duplicates();
  json::array errors;
  for (const auto& e : p.errors) {
    errors.push_back(json::object{{"line", e.line},
                                  {"column", e.column},
                                  {"field", e.field},
                                  {"cell", e.cell},
                                  {"value", e.value},
                                  {"message", e.message},
                                  {"text", e.ToString()}});
  }
  o["errors"] = std::move(errors);
  return json::serialize(o);
}

}  // namespace atelier::sheets
