#include "server/app/exports.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iterator>
#include <map>
#include <numbers>
#include <set>
#include <sstream>
#include <stdexcept>

#include "server/common/digest.hpp"
#include "server/common/text.hpp"
#include "server/match/category.hpp"
#include "server/sheets/header_aliases.hpp"
#include "server/workshop/followup.hpp"

// GCC 12 warns falsely about std::variant<std::string, double> copied out of
// initializer lists (GCC bug 105562 family).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace atelier::app {

namespace {

long DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(long z, int* y, int* m, int* d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2));
}

// Seconds since 1970 of the last Sunday of `month` at 01:00 UTC, when EU clocks change.
int64_t EuChange(int year, int month) {
  const long last = DaysFromCivil(year, month, 31);
  const long weekday = (last + 4) % 7;  // 1970-01-01 was a Thursday; 0 = Sunday
  return (last - weekday) * 86400LL + 3600;
}

constexpr long kSerialEpoch = -25569;  // 1899-12-30 in days since 1970

Cell Date(int64_t ms) {
  Cell cell;
  if (ms > 0) cell = ParisDate(ms);
  return cell;
}

// "2026-03-12" as a date cell; other text stays text.
Cell IsoDay(const std::string& s) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && m >= 1 && m <= 12 &&
      d >= 1 && d <= 31) {
    return DateCell{static_cast<double>(DaysFromCivil(y, m, d) - kSerialEpoch), false};
  }
  return s;
}

std::string Join(const google::protobuf::RepeatedPtrField<std::string>& items,
                 const char* sep = ", ") {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

std::string CompanyNames(const workshop::WorkshopState& state,
                         const google::protobuf::RepeatedPtrField<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) {
    const v1::Company* c = state.FindCompany(id);
    if (!out.empty()) out += ", ";
    out += c ? c->name() : id;
  }
  return out;
}

// A number, or an empty cell.
Cell Optional(bool has, double value) {
  Cell cell;
  if (has) cell = value;
  return cell;
}

// A count or figure where 0 means "not entered" in the protocol: an empty cell then.
Cell NonZero(double value) { return Optional(value != 0, value); }

std::string YesNo(bool b) { return b ? "oui" : "non"; }

std::string VisibilityLabel(v1::Visibility v) {
  switch (v) {
    case v1::VISIBILITY_FACILITATORS:
      return "animateurs";
    case v1::VISIBILITY_ANONYMOUS:
      return "anonyme";
    default:
      return "salle";
  }
}

// Text that a spreadsheet would run as a formula is prefixed with an
// apostrophe (CSV injection, OWASP).
std::string Defang(const std::string& s) {
  if (!s.empty() &&
      (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')) {
    return "'" + s;
  }
  return s;
}

// SIRET grouped as INSEE prints it (SIREN in threes, then the NIC): a CSV opened by Excel
// keeps it as text instead of « 3,82E+13 », and the import reads it back without the spaces.
std::string GroupedSiret(const std::string& siret) {
  if (siret.size() != 14) return siret;
  return siret.substr(0, 3) + " " + siret.substr(3, 3) + " " + siret.substr(6, 3) + " " +
         siret.substr(9);
}

// The columns of a sheet: machine key and French title.
void Columns(Sheet* sheet, std::initializer_list<std::pair<const char*, std::string>> columns) {
  for (const auto& [key, title] : columns) {
    sheet->keys.emplace_back(key);
    sheet->headers.push_back(title);
  }
}

std::string Company(std::string_view field) { return sheets::FrenchHeader("entreprises", field); }

}  // namespace

DateCell ParisDate(int64_t utc_ms) {
  const int64_t secs = utc_ms >= 0 ? utc_ms / 1000 : (utc_ms - 999) / 1000;
  int y, m, d;
  CivilFromDays(static_cast<long>(secs >= 0 ? secs / 86400 : (secs - 86399) / 86400), &y, &m, &d);
  const bool summer = secs >= EuChange(y, 3) && secs < EuChange(y, 10);
  const int64_t local = secs + (summer ? 7200 : 3600);
  return DateCell{static_cast<double>(local) / 86400.0 - kSerialEpoch, true};
}

std::string DateText(const DateCell& date) {
  const double whole = std::floor(date.serial);
  long seconds = std::lround((date.serial - whole) * 86400.0);
  long day = static_cast<long>(whole);
  if (seconds >= 86400) {
    ++day;
    seconds -= 86400;
  }
  int y, m, d;
  CivilFromDays(day + kSerialEpoch, &y, &m, &d);
  char buf[64];
  if (date.with_time) {
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d %02ld:%02ld", d, m, y, seconds / 3600,
                  seconds / 60 % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d, m, y);
  }
  return buf;
}

std::string ExportFileName(const v1::WorkshopInfo& info, std::string_view part,
                           std::string_view extension, int64_t now_ms) {
  std::string slug;
  for (char c : common::FoldText(info.title())) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      slug += c;
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  // "Atelier ZA Nord" gives atelier-za-nord-…, not atelier-atelier-za-nord-….
  if (slug == "atelier") slug.clear();
  if (slug.rfind("atelier-", 0) == 0) slug.erase(0, 8);
  if (slug.size() > 60) slug.resize(60);
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  std::string date = info.date();
  int y = 0, mo = 0, d = 0;
  if (std::sscanf(date.c_str(), "%4d-%2d-%2d", &y, &mo, &d) != 3) {
    const DateCell today = ParisDate(now_ms);
    CivilFromDays(static_cast<long>(std::floor(today.serial)) + kSerialEpoch, &y, &mo, &d);
  }
  char day[16];
  std::snprintf(day, sizeof day, "%04d-%02d-%02d", y, mo, d);
  return "atelier-" + (slug.empty() ? std::string() : slug + "-") + day + "-" + std::string(part) +
         "." + std::string(extension);
}

std::string FrenchNumber(double value) {
  if (!std::isfinite(value)) return "";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
  std::string s = ec == std::errc() ? std::string(buf, end) : std::to_string(value);
  if (s == "-0") s = "0";
  for (char& c : s) {
    if (c == '.') c = ',';
  }
  return s;
}

Sheet CompaniesSheet(const workshop::WorkshopState& state) {
  Sheet sheet;
  sheet.name = "Entreprises";
  sheet.file_part = "entreprises";
  Columns(&sheet, {{"id", "Identifiant"},
                   {"nom", Company("name")},
                   {"siret", Company("siret")},
                   {"naf", Company("naf")},
                   {"zone", Company("zone")},
                   {"adresse", Company("address")},
                   {"latitude", Company("lat")},
                   {"longitude", Company("lon")},
                   {"effectif", Company("headcount")},
                   {"ess", Company("ess")},
                   {"contact", Company("contact")},
                   {"table", Company("table")},
                   {"offres", "Offres"},
                   {"besoins", "Besoins"}});
  sheet.text_columns = {2};
  for (const auto& id : state.company_order()) {
    const v1::Company& c = *state.FindCompany(id);
    double offers = 0;
    double needs = 0;
    for (const auto& card_id : state.card_order()) {
      const v1::Card& card = *state.FindCard(card_id);
      if (card.company_id() != id || card.withdrawn()) continue;
      (card.kind() == v1::CARD_KIND_OFFER ? offers : needs) += 1;
    }
    sheet.rows.push_back({c.id(), c.name(), c.siret(), c.naf(), c.zone(), c.address(),
                          Optional(c.has_location(), c.lat()), Optional(c.has_location(), c.lon()),
                          NonZero(c.headcount()), YesNo(c.ess()), c.contact(), NonZero(c.table()),
                          offers, needs});
  }
  return sheet;
}

Sheet CardsSheet(const workshop::WorkshopState& state) {
  Sheet sheet;
  sheet.name = "Cartes";
  sheet.file_part = "cartes";
  Columns(&sheet, {{"id", "Identifiant"},
                   {"entreprise_id", "Identifiant de l'entreprise"},
                   {"entreprise", "Entreprise"},
                   {"type", "Type"},
                   {"categorie", "Catégorie"},
                   {"texte", "Texte"},
                   {"quantite", "Quantité"},
                   {"unite", "Unité"},
                   {"frequence", "Fréquence"},
                   {"mois", "Mois"},
                   {"disponibilite", "Disponibilité"},
                   {"code_dechet", "Code déchet"},
                   {"dangereux", "Dangereux"},
                   {"visibilite", "Visibilité"},
                   {"table", "Table"},
                   {"tour", "Tour"},
                   {"retiree", "Retirée"},
                   {"publiee_le", "Publiée le"}});
  for (const auto& id : state.card_order()) {
    const v1::Card& c = *state.FindCard(id);
    const v1::Company* company = state.FindCompany(c.company_id());
    std::string months;
    for (int m : c.months()) months += (months.empty() ? "" : ",") + std::to_string(m);
    sheet.rows.push_back({c.id(), c.company_id(), company ? company->name() : "",
                          c.kind() == v1::CARD_KIND_OFFER ? "offre" : "besoin", c.category(),
                          c.text(), Optional(c.has_quantity(), c.quantity()), c.unit(),
                          c.frequency(), months, c.availability(), c.waste_code(),
                          YesNo(c.hazardous()), VisibilityLabel(c.visibility()), NonZero(c.table()),
                          NonZero(c.round()), YesNo(c.withdrawn()), Date(c.posted_at_ms())});
  }
  return sheet;
}

Sheet MatchesSheet(const workshop::WorkshopState& state) {
  Sheet sheet;
  sheet.name = "Correspondances";
  sheet.file_part = "correspondances";
  Columns(&sheet, {{"cle", "Clé"},
                   {"type", "Type"},
                   {"cartes", "Cartes"},
                   {"entreprises", "Entreprises"},
                   {"score", "Score"},
                   {"raisons", "Raisons"},
                   {"dangereux", "Dangereux"},
                   {"synergie", "Synergie"}});
  v1::Snapshot snap = state.FullSnapshot();
  for (const v1::Match& m : snap.matches()) {
    const v1::Synergy* s = state.SynergyForMatch(m.key());
    sheet.rows.push_back({m.key(), workshop::SynergyKindLabel(m.kind()), Join(m.card_ids()),
                          CompanyNames(state, m.company_ids()), m.score(), Join(m.reasons(), " ; "),
                          YesNo(m.hazardous()), s ? s->id() : ""});
  }
  return sheet;
}

Sheet SynergiesSheet(const workshop::WorkshopState& state) {
  Sheet sheet;
  sheet.name = "Synergies";
  sheet.file_part = "synergies";
  Columns(&sheet, {{"id", "Identifiant"},
                   {"titre", "Titre"},
                   {"type", "Type"},
                   {"statut", "Statut"},
                   {"motif_abandon", "Motif d'abandon"},
                   {"entreprises", "Entreprises"},
                   {"cartes", "Cartes"},
                   {"responsable", "Responsable"},
                   {"prochaine_action", "Prochaine action"},
                   {"date_prochaine_action", "Date de la prochaine action"},
                   {"creee_le", "Créée le"},
                   {"mise_a_jour_le", "Mise à jour le"}});
  static const char* kImpactTitles[] = {"Tonnes détournées (estimé)",
                                        "Euros (estimé)",
                                        "t CO2e évitées (estimé)",
                                        "Emplois (estimé)",
                                        "m³ d'eau (estimé)",
                                        "Tonnes détournées (vérifié)",
                                        "Euros (vérifié)",
                                        "t CO2e évitées (vérifié)",
                                        "Emplois (vérifié)",
                                        "m³ d'eau (vérifié)"};
  for (std::size_t i = 0; i < workshop::kImpactFields.size(); ++i) {
    sheet.keys.push_back(workshop::kImpactFields[i]);
    sheet.headers.push_back(kImpactTitles[i]);
  }
  Columns(&sheet, {{"base_de_calcul", "Base de calcul"}, {"notes", "Notes"}});
  v1::Snapshot snap = state.FullSnapshot();
  for (const v1::Synergy& s : snap.synergies()) {
    std::vector<Cell> row = {s.id(),
                             s.title(),
                             workshop::SynergyKindLabel(s.kind()),
                             workshop::SynergyStatusLabel(s.status()),
                             workshop::AbandonReasonLabel(s.abandon_reason()),
                             CompanyNames(state, s.company_ids()),
                             Join(s.card_ids()),
                             s.owner(),
                             s.next_action(),
                             IsoDay(s.next_action_date()),
                             Date(s.created_at_ms()),
                             Date(s.updated_at_ms())};
    for (const char* f : workshop::kImpactFields)
      row.push_back(NonZero(workshop::ImpactValue(s, f)));
    row.push_back(s.impact_basis());
    std::string notes;
    for (const auto& n : s.notes()) {
      if (!notes.empty()) notes += "\n";
      const v1::Participant* p = state.FindParticipant(n.author());
      notes += DateText(ParisDate(n.at_ms())) + " — " +
               (p && !p->name().empty() ? p->name() : n.author()) + " : " + n.text();
    }
    row.push_back(notes);
    sheet.rows.push_back(std::move(row));
  }
  return sheet;
}

std::string SheetCsv(const Sheet& sheet, HeaderRow header) {
  std::string out = "\xEF\xBB\xBF";  // BOM: Excel then reads UTF-8
  auto field = [&](const std::string& s) {
    bool quote = s.find_first_of(";\"\r\n") != std::string::npos;
    if (!quote) {
      out += s;
      return;
    }
    out += '"';
    for (char c : s) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  };
  const auto& titles = header == HeaderRow::kMachine ? sheet.keys : sheet.headers;
  for (size_t i = 0; i < titles.size(); ++i) {
    if (i) out += ';';
    field(titles[i]);
  }
  out += "\r\n";
  for (const auto& row : sheet.rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) out += ';';
      if (const auto* d = std::get_if<double>(&row[i])) {
        out += FrenchNumber(*d);
      } else if (const auto* date = std::get_if<DateCell>(&row[i])) {
        out += DateText(*date);
      } else {
        const std::string& s = std::get<std::string>(row[i]);
        const bool siret = std::find(sheet.text_columns.begin(), sheet.text_columns.end(), i) !=
                           sheet.text_columns.end();
        field(Defang(siret ? GroupedSiret(s) : s));
      }
    }
    out += "\r\n";
  }
  return out;
}

std::string CompaniesCsv(const workshop::WorkshopState& s, HeaderRow h) {
  return SheetCsv(CompaniesSheet(s), h);
}
std::string CardsCsv(const workshop::WorkshopState& s, HeaderRow h) {
  return SheetCsv(CardsSheet(s), h);
}
std::string MatchesCsv(const workshop::WorkshopState& s, HeaderRow h) {
  return SheetCsv(MatchesSheet(s), h);
}
std::string SynergiesCsv(const workshop::WorkshopState& s, HeaderRow h) {
  return SheetCsv(SynergiesSheet(s), h);
}

std::string WorkbookXlsx(const workshop::WorkshopState& state, HeaderRow header) {
  // libxlsxwriter 1.1.4 (Debian 12) writes to a file only: a private temporary
  // one, removed at once.
  const char* tmp = std::getenv("TMPDIR");
  std::string path = std::string(tmp && *tmp ? tmp : "/tmp") + "/atelier-xlsx-XXXXXX";
  int fd = mkstemp(path.data());
  if (fd < 0) return "";
  close(fd);
  lxw_workbook_options options = {};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = nullptr;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (!wb) {
    unlink(path.c_str());
    return "";
  }
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_bg_color(bold, 0xE8EEF5);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");
  lxw_format* date_time = workbook_add_format(wb);
  format_set_num_format(date_time, "dd/mm/yyyy hh:mm");
  lxw_format* day = workbook_add_format(wb);
  format_set_num_format(day, "dd/mm/yyyy");
  for (const Sheet& sheet :
       {CompaniesSheet(state), CardsSheet(state), MatchesSheet(state), SynergiesSheet(state)}) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
    const auto& titles = header == HeaderRow::kMachine ? sheet.keys : sheet.headers;
    std::vector<std::size_t> width(titles.size(), 8);
    for (size_t c = 0; c < titles.size(); ++c) {
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), titles[c].c_str(), bold);
      width[c] = std::max(width[c], common::CountChars(titles[c]) + 3);  // + the filter button
    }
    for (size_t r = 0; r < sheet.rows.size(); ++r) {
      for (size_t c = 0; c < sheet.rows[r].size(); ++c) {
        auto row = static_cast<lxw_row_t>(r + 1);
        auto col = static_cast<lxw_col_t>(c);
        const Cell& cell = sheet.rows[r][c];
        if (const auto* d = std::get_if<double>(&cell)) {
          worksheet_write_number(ws, row, col, *d, nullptr);
          width[c] = std::max<std::size_t>(width[c], FrenchNumber(*d).size() + 1);
        } else if (const auto* date = std::get_if<DateCell>(&cell)) {
          worksheet_write_number(ws, row, col, date->serial, date->with_time ? date_time : day);
          width[c] = std::max<std::size_t>(width[c], date->with_time ? 17 : 11);
        } else {
          const std::string& s = std::get<std::string>(cell);
          if (s.empty()) continue;
          const bool as_text = std::find(sheet.text_columns.begin(), sheet.text_columns.end(), c) !=
                               sheet.text_columns.end();
          // write_string never makes a formula, so no defanging here.
          worksheet_write_string(ws, row, col, s.c_str(),
                                 as_text                             ? text
                                 : s.find('\n') == std::string::npos ? nullptr
                                                                     : wrap);
          std::size_t longest = 0, current = 0;
          for (char ch : s) {
            if (ch == '\n') {
              longest = std::max(longest, current);
              current = 0;
            } else if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) {
              ++current;
            }
          }
          width[c] = std::max(width[c], std::max(longest, current) + 1);
        }
      }
    }
    for (size_t c = 0; c < titles.size(); ++c) {
      const bool as_text = std::find(sheet.text_columns.begin(), sheet.text_columns.end(), c) !=
                           sheet.text_columns.end();
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                           static_cast<double>(std::min<std::size_t>(width[c], 60)),
                           as_text ? text : nullptr);
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (!titles.empty()) {
      worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(sheet.rows.size()),
                           static_cast<lxw_col_t>(titles.size() - 1));
    }
  }
  lxw_error err = workbook_close(wb);
  std::string bytes;
  if (err == LXW_NO_ERROR) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    bytes = buf.str();
  }
  unlink(path.c_str());
  return bytes;
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

// Horizontal bars as inline SVG; `name` is the chart's accessible name, and each bar says its
// figure in the chart's text alternative too.
std::string Bars(const std::vector<std::pair<std::string, double>>& rows, const char* colour,
                 const std::string& name) {
  double max = 1;
  for (const auto& [label, v] : rows) max = std::max(max, v);
  const int row_h = 30;
  std::string described;
  for (const auto& [label, v] : rows) {
    described += (described.empty() ? " : " : ", ") + label + " " + FrenchNumber(v);
  }
  std::string svg = "<svg class=\"chart\" role=\"img\" aria-label=\"" +
                    HtmlEscape(name + described) + "\" viewBox=\"0 0 560 " +
                    std::to_string(rows.size() * row_h + 10) + "\">";
  int y = 5;
  for (const auto& [label, v] : rows) {
    int w = static_cast<int>(300 * v / max);
    svg += "<text x=\"200\" y=\"" + std::to_string(y + 19) + "\" text-anchor=\"end\">" +
           HtmlEscape(label) + "</text><rect x=\"210\" y=\"" + std::to_string(y + 4) +
           "\" width=\"" + std::to_string(w) + "\" height=\"20\" rx=\"3\" fill=\"" + colour +
           "\"/><text x=\"" + std::to_string(216 + w) + "\" y=\"" + std::to_string(y + 19) + "\">" +
           FrenchNumber(v) + "</text>";
    y += row_h;
  }
  return svg + "</svg>";
}

}  // namespace

namespace {

// Who a company is across workshops: its SIRET, else its name folded, so that
// a company met at two workshops of a territory counts once.
std::string CompanyIdentity(const workshop::WorkshopState& state, const std::string& id) {
  const v1::Company* c = state.FindCompany(id);
  if (c && !c->siret().empty()) return "siret:" + c->siret();
  if (c && !c->name().empty()) return "name:" + common::FoldText(c->name());
  return state.info().id() + "/" + id;
}

// The network of one workshop's companies on a circle: thin grey lines for suggestions, thick
// coloured ones for synergies not abandoned (blue substitution, green mutualisation, red ESS
// bridge), red dots for ESS structures. Names are cut at 20 characters; each dot's title holds
// the whole name.
std::string NetworkSvg(const workshop::WorkshopState& state) {
  const std::vector<std::string>& ids = state.company_order();
  constexpr double kSize = 620;
  constexpr double kRadius = kSize / 2 - 80;
  std::map<std::string, std::pair<double, double>> at;
  for (size_t i = 0; i < ids.size(); ++i) {
    const double a =
        2 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(ids.size()) -
        std::numbers::pi / 2;
    at[ids[i]] = {kSize / 2 + kRadius * std::cos(a), kSize / 2 + kRadius * std::sin(a)};
  }
  auto num = [](double v) { return std::to_string(static_cast<int>(std::lround(v))); };
  std::string svg =
      "<svg class=\"network\" role=\"img\" aria-label=\"Réseau des synergies\" "
      "viewBox=\"0 0 620 620\">";
  auto line = [&](const std::string& a, const std::string& b, const char* colour, bool strong) {
    const auto pa = at.find(a);
    const auto pb = at.find(b);
    if (pa == at.end() || pb == at.end()) return;
    svg += "<line x1=\"" + num(pa->second.first) + "\" y1=\"" + num(pa->second.second) +
           "\" x2=\"" + num(pb->second.first) + "\" y2=\"" + num(pb->second.second) +
           "\" stroke=\"" + colour + "\" stroke-width=\"" + (strong ? "4" : "1.5") +
           "\" stroke-opacity=\"" + (strong ? "0.9" : "0.45") + "\"/>";
  };
  for (const auto& key : state.MatchKeys()) {
    const v1::Match* m = state.FindMatch(key);
    for (int i = 1; i < m->company_ids_size(); ++i) {
      line(m->company_ids(0), m->company_ids(i), "#888888", false);
    }
  }
  for (const auto& [id, s] : state.synergies()) {
    if (s.status() == v1::SYNERGY_STATUS_ABANDONED) continue;
    const char* colour = s.kind() == v1::SYNERGY_KIND_MUTUALISATION ? "#2e7d32"
                         : s.kind() == v1::SYNERGY_KIND_ESS_BRIDGE  ? "#c62828"
                                                                    : "#1f77b4";
    for (int i = 1; i < s.company_ids_size(); ++i)
      line(s.company_ids(0), s.company_ids(i), colour, true);
  }
  for (const auto& id : ids) {
    const v1::Company* c = state.FindCompany(id);
    const auto [x, y] = at[id];
    const std::string name = c ? c->name() : id;
    svg += "<circle cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"7\" fill=\"" +
           (c && c->ess() ? "#c62828" : "#334455") + "\"><title>" + HtmlEscape(name) +
           "</title></circle><text x=\"" + num(x) + "\" y=\"" + num(y - 11) +
           "\" text-anchor=\"middle\" class=\"network-label\">" +
           HtmlEscape(common::TruncateChars(name, 20, "…")) + "</text>";
  }
  return svg + "</svg>";
}

// « 4 décembre 2026 » for an instant (Europe/Paris).
std::string IssueDay(int64_t ms) {
  const long days = static_cast<long>(std::floor(ParisDate(ms).serial)) + kSerialEpoch;
  int y = 0, m = 0, d = 0;
  CivilFromDays(days, &y, &m, &d);
  char iso[16];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
  return common::FrenchLongDate(iso);
}

// A synergy's title as the report prints it: the facilitator's, else its companies.
std::string SynergyTitle(const workshop::WorkshopState& state, const v1::Synergy& s) {
  if (!s.title().empty()) return s.title();
  std::string names;
  for (const auto& id : s.company_ids()) {
    const v1::Company* c = state.FindCompany(id);
    names += (names.empty() ? "" : " ↔ ") + (c ? c->name() : id);
  }
  return names.empty() ? s.id() : names;
}

// The report of one workshop, or of several (a territory's programme).
std::string Report(const std::vector<const workshop::WorkshopState*>& states,
                   const std::string& title, const std::string& subtitle, int workshops_held,
                   const ReportOptions& options) {
  std::set<std::string> engaged;
  double offers = 0;
  double needs = 0;
  std::map<v1::SynergyStatus, double> by_status;
  std::map<v1::SynergyKind, double> by_kind;
  std::map<std::string, double> by_category;
  std::map<std::string, double> totals;
  double synergies = 0;
  std::vector<v1::Snapshot> snaps;
  for (const auto* state : states) {
    snaps.push_back(state->FullSnapshot());
    const v1::Snapshot& snap = snaps.back();
    for (const auto& c : snap.cards()) {
      if (c.withdrawn()) continue;
      if (!c.company_id().empty()) engaged.insert(CompanyIdentity(*state, c.company_id()));
      (c.kind() == v1::CARD_KIND_OFFER ? offers : needs) += 1;
      by_category[c.category()] += 1;
    }
    for (const auto& s : snap.synergies()) {
      for (const auto& id : s.company_ids()) {
        if (!id.empty()) engaged.insert(CompanyIdentity(*state, id));
      }
      by_status[s.status()] += 1;
      by_kind[s.kind()] += 1;
      synergies += 1;
      if (s.status() == v1::SYNERGY_STATUS_ABANDONED) continue;
      for (const char* f : workshop::kImpactFields) totals[f] += workshop::ImpactValue(s, f);
    }
  }
  const int64_t issued = options.issued_at_ms
                             ? options.issued_at_ms
                             : std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count();
  std::string h =
      "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Bilan — " +
      HtmlEscape(title) +
      "</title><style>"
      ".report{font-family:sans-serif;max-width:1000px;margin:24px auto;color:#1b1f24}"
      ".report h1{border-bottom:3px solid #0b5cad;margin:0 0 4px}"
      ".report-head{display:flex;gap:16px;align-items:center}.report-head img{max-height:64px;"
      "max-width:180px}.report .organisation{font-weight:bold;margin:0}"
      ".report .figures{display:flex;flex-wrap:wrap;gap:12px}"
      ".report .figure{border:1px solid #d5d9dd;border-radius:8px;padding:8px 12px;"
      "text-align:center}.report .figure strong{display:block;font-size:28px;color:#0b5cad}"
      ".report table{border-collapse:collapse;width:100%}.report td,.report th{border-bottom:"
      "1px solid #d5d9dd;padding:4px 8px;text-align:left;vertical-align:top}"
      ".report .chart{width:100%;max-width:560px}.report .network{width:100%;max-width:620px}"
      ".report .network-label{font-size:12px;fill:#1b1f24}.report .muted{color:#555d66}"
      ".report h2,.report h3{break-after:avoid;page-break-after:avoid}"
      ".report section{break-inside:avoid;page-break-inside:avoid}"
      ".report tr{break-inside:avoid;page-break-inside:avoid}"
      ".report section.long{break-inside:auto;page-break-inside:auto}"
      "@page{size:A4;margin:15mm 15mm 18mm;@bottom-right{content:\"Page \" counter(page) \" / \" "
      "counter(pages);font:10px sans-serif;color:#555d66}}"
      "@media print{.report{margin:0;max-width:none}}"
      "</style></head><body><main class=\"report\">";
  h += "<header class=\"report-head\">";
  if (!options.logo_data_uri.empty()) {
    h += "<img src=\"" + HtmlEscape(options.logo_data_uri) + "\" alt=\"" +
         HtmlEscape(options.organisation.empty() ? "Logo" : options.organisation) + "\">";
  }
  h += "<div>";
  if (!options.organisation.empty()) {
    h += "<p class=\"organisation\">" + HtmlEscape(options.organisation) + "</p>";
  }
  h += "<h1>" + HtmlEscape(title) + "</h1><p>" + HtmlEscape(subtitle) +
       "</p><p class=\"muted\" data-issued>Bilan établi le " + IssueDay(issued) + "</p></div>" +
       "</header>";
  auto figure = [&](const char* id, double v, std::string_view singular, std::string_view plural) {
    h += "<div class=\"figure\" data-figure=\"" + std::string(id) + "\"><strong>" +
         FrenchNumber(v) + "</strong>" + std::string(common::FrenchPlural(v, singular, plural)) +
         "</div>";
  };
  h += "<section class=\"figures\" aria-label=\"Chiffres clés\">";
  figure("companies", static_cast<double>(engaged.size()), "entreprise engagée",
         "entreprises engagées");
  figure("workshops", workshops_held, "atelier tenu", "ateliers tenus");
  figure("offers", offers, "offre", "offres");
  figure("needs", needs, "besoin", "besoins");
  figure("identified", synergies, "synergie identifiée", "synergies identifiées");
  figure("in_progress",
         by_status[v1::SYNERGY_STATUS_IN_DISCUSSION] + by_status[v1::SYNERGY_STATUS_IN_PROGRESS],
         "en discussion ou en cours", "en discussion ou en cours");
  figure("realised", by_status[v1::SYNERGY_STATUS_REALISED], "réalisée", "réalisées");
  h += "</section><section><h2>Impact annuel (synergies non abandonnées)</h2><table><tr><th></th>"
       "<th>Estimé</th><th>Vérifié</th></tr>";
  const char* kNames[] = {"Tonnes détournées (t)", "Euros économisés ou gagnés (€)",
                          "t CO2e évitées", "Emplois créés ou maintenus", "m³ d'eau économisés"};
  const char* kIds[] = {"tonnes", "euros", "co2e", "jobs", "water"};
  for (int i = 0; i < 5; ++i) {
    h += "<tr data-impact=\"" + std::string(kIds[i]) + "\"><th>" + std::string(kNames[i]) +
         "</th><td>" + FrenchNumber(totals[workshop::kImpactFields[i]]) + "</td><td>" +
         FrenchNumber(totals[workshop::kImpactFields[i + 5]]) + "</td></tr>";
  }
  h += "</table></section><section id=\"chart-kind\"><h2>Synergies par type</h2>";
  std::vector<std::pair<std::string, double>> kinds;
  for (auto k : {v1::SYNERGY_KIND_SUBSTITUTION, v1::SYNERGY_KIND_MUTUALISATION,
                 v1::SYNERGY_KIND_ESS_BRIDGE}) {
    kinds.emplace_back(workshop::SynergyKindLabel(k), by_kind[k]);
  }
  h += Bars(kinds, "#1f77b4", "Synergies par type") +
       "</section><section id=\"chart-status\"><h2>Synergies par statut</h2>";
  std::vector<std::pair<std::string, double>> statuses;
  for (int st = v1::SYNERGY_STATUS_POTENTIAL; st <= v1::SYNERGY_STATUS_ABANDONED; ++st) {
    auto status = static_cast<v1::SynergyStatus>(st);
    statuses.emplace_back(workshop::SynergyStatusLabel(status), by_status[status]);
  }
  h += Bars(statuses, "#1f6f50", "Synergies par statut") +
       "</section><section id=\"chart-domain\"><h2>Cartes par domaine</h2>";
  std::vector<std::pair<std::string, double>> domains;
  for (const auto& [category, n] : by_category) {
    const match::Category c = match::ParseCategory(category);
    domains.emplace_back(c == match::Category::kNone ? std::string("Sans catégorie")
                                                     : std::string(match::CategoryLabel(c)),
                         n);
  }
  std::sort(domains.begin(), domains.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  h += Bars(domains, "#6a4c93", "Cartes par domaine") + "</section>";
  const bool several = states.size() > 1;
  if (!several && !states.empty()) {
    h += "<section id=\"network\"><h2>Réseau des synergies</h2><p class=\"muted\">Traits épais : "
         "synergies (bleu substitution, vert mutualisation, rouge passerelle ESS) ; fins : "
         "suggestions. Points rouges : structures de l'ESS.</p>" +
         NetworkSvg(*states.front()) + "</section>";
  }
  if (several) {
    h += "<section class=\"long\"><h2>Ateliers</h2><table><tr><th>Atelier</th><th>Date</th>"
         "<th>Entreprises</th><th>Cartes</th><th>Synergies</th><th>Réalisées</th></tr>";
    for (size_t i = 0; i < states.size(); ++i) {
      const v1::Snapshot& snap = snaps[i];
      int cards = 0;
      for (const auto& c : snap.cards()) cards += c.withdrawn() ? 0 : 1;
      int realised = 0;
      for (const auto& s : snap.synergies()) realised += s.status() == v1::SYNERGY_STATUS_REALISED;
      h += "<tr><td>" + HtmlEscape(states[i]->info().title()) + "</td><td>" +
           HtmlEscape(common::FrenchLongDate(states[i]->info().date())) + "</td><td>" +
           std::to_string(snap.companies_size()) + "</td><td>" + std::to_string(cards) +
           "</td><td>" + std::to_string(snap.synergies_size()) + "</td><td>" +
           std::to_string(realised) + "</td></tr>";
    }
    h += "</table></section>";
  }
  h += std::string(
           "<section class=\"long\"><h2>Liste des synergies</h2><table "
           "class=\"synergy-table\"><tr><th>Synergie</th>") +
       (several ? "<th>Atelier</th>" : "") +
       "<th>Type</th><th>Entreprises</th><th>Statut</th><th>Prochaine action</th></tr>";
  for (size_t i = 0; i < states.size(); ++i) {
    for (const auto& s : snaps[i].synergies()) {
      std::string next = s.next_action();
      const std::string when = common::FrenchLongDate(s.next_action_date());
      if (!when.empty()) next += (next.empty() ? "" : " — ") + when;
      h += "<tr><td>" + HtmlEscape(SynergyTitle(*states[i], s)) + "</td>" +
           (several ? "<td>" + HtmlEscape(states[i]->info().title()) + "</td>" : "") + "<td>" +
           workshop::SynergyKindLabel(s.kind()) + "</td><td>" +
           HtmlEscape(CompanyNames(*states[i], s.company_ids())) + "</td><td>" +
           workshop::SynergyStatusLabel(s.status()) + "</td><td>" + HtmlEscape(next) + "</td></tr>";
    }
  }
  return h + "</table></section></main></body></html>\n";
}

}  // namespace

std::string ReportHtml(const workshop::WorkshopState& state, int workshops_held,
                       const ReportOptions& options) {
  const v1::WorkshopInfo& info = state.info();
  std::string subtitle;
  for (const std::string& part :
       {common::FrenchLongDate(info.date()), info.venue(), info.territory()}) {
    if (part.empty()) continue;
    if (!subtitle.empty()) subtitle += " · ";
    subtitle += part;
  }
  return Report({&state}, info.title(), subtitle, workshops_held, options);
}

std::string TerritoryReportHtml(const std::string& territory,
                                const std::vector<const workshop::WorkshopState*>& states,
                                const ReportOptions& options) {
  return Report(
      states, "Programme — " + territory,
      std::to_string(states.size()) + " " +
          std::string(common::FrenchPlural(static_cast<double>(states.size()),
                                           "atelier du territoire", "ateliers du territoire")),
      static_cast<int>(states.size()), options);
}

ReportOptions LoadReportOptions(std::string organisation, const std::string& logo_path) {
  ReportOptions o;
  o.organisation = std::move(organisation);
  if (logo_path.empty()) return o;
  std::ifstream in(logo_path, std::ios::binary);
  if (!in) throw std::runtime_error("logo illisible : " + logo_path);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  constexpr size_t kMaxLogoBytes = 512 * 1024;
  if (bytes.size() > kMaxLogoBytes) {
    throw std::runtime_error("logo trop lourd (512 Kio au plus) : " + logo_path);
  }
  std::string type;
  if (bytes.rfind("\x89PNG\r\n\x1a\n", 0) == 0) {
    type = "image/png";
  } else if (bytes.size() > 3 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
             static_cast<unsigned char>(bytes[1]) == 0xD8) {
    type = "image/jpeg";
  } else if (bytes.find("<svg") != std::string::npos) {
    type = "image/svg+xml";
  } else {
    throw std::runtime_error("logo : une image PNG, JPEG ou SVG est attendue : " + logo_path);
  }
  o.logo_data_uri = "data:" + type + ";base64," + digest::Base64(bytes);
  return o;
}

}  // namespace atelier::app
