#pragma once
// Exports of a workshop for spreadsheets: companies, cards, matches and
// synergies as CSV the way French Excel opens it (';', UTF-8 with BOM, CRLF,
// decimal comma) and as one XLSX workbook. Library functions with no I/O but
// a temporary file for XLSX, shared by the HTTP routes and the atelier CLI.
// Thread-safe (pure functions of their arguments).

#include <string>
#include <variant>
#include <vector>

#include "server/workshop/state.hpp"

namespace atelier::app {

// A date and time of Europe/Paris as spreadsheets count them: days since 1899-12-30, the
// fraction is the time of day. XLSX writes it as a date cell, CSV as « 12/03/2026 14:05 ».
struct DateCell {
  double serial = 0;
  bool with_time = true;
};
// A cell is text, a number or a date; numbers and dates stay numbers in XLSX. An empty string
// is an empty cell (a figure never entered is empty, never 0).
using Cell = std::variant<std::string, double, DateCell>;
struct Sheet {
  std::string name;                  // French, also the XLSX sheet name
  std::string file_part;             // "entreprises", "cartes", … in file names
  std::vector<std::string> headers;  // French, for people
  std::vector<std::string> keys;     // stable machine names (ascii), the same in every version
  std::vector<std::vector<Cell>> rows;
  std::vector<std::size_t> text_columns;  // kept as text in XLSX (SIRET)
};

// Which header row the files carry: French (default) or the stable machine names.
enum class HeaderRow { kFrench, kMachine };

Sheet CompaniesSheet(const workshop::WorkshopState& state);
Sheet CardsSheet(const workshop::WorkshopState& state);
Sheet MatchesSheet(const workshop::WorkshopState& state);
Sheet SynergiesSheet(const workshop::WorkshopState& state);

// One sheet as CSV for French Excel.
std::string SheetCsv(const Sheet& sheet, HeaderRow header = HeaderRow::kFrench);
std::string CompaniesCsv(const workshop::WorkshopState& state,
                         HeaderRow header = HeaderRow::kFrench);
std::string CardsCsv(const workshop::WorkshopState& state, HeaderRow header = HeaderRow::kFrench);
std::string MatchesCsv(const workshop::WorkshopState& state, HeaderRow header = HeaderRow::kFrench);
std::string SynergiesCsv(const workshop::WorkshopState& state,
                         HeaderRow header = HeaderRow::kFrench);

// The four sheets in one .xlsx file (bytes); empty if libxlsxwriter failed. Bold, frozen
// header row with an autofilter, column widths from the content, dates as date cells.
std::string WorkbookXlsx(const workshop::WorkshopState& state,
                         HeaderRow header = HeaderRow::kFrench);

// "atelier-<titre>-<date>-<part>.<ext>": the title folded to a-z0-9 and dashes, the workshop's
// date (AAAA-MM-JJ), else the day of `now_ms` in Europe/Paris. Part: "synergies" for the
// workbook, the sheet's file_part for a CSV.
std::string ExportFileName(const v1::WorkshopInfo& info, std::string_view part,
                           std::string_view extension, int64_t now_ms);

// Europe/Paris time of a UTC instant (CET/CEST, the EU rule since 1996), as a DateCell.
DateCell ParisDate(int64_t utc_ms);
// "12/03/2026 14:05" (or "12/03/2026" without time) from a DateCell.
std::string DateText(const DateCell& date);

// Who issues the report: the chamber's (or agency's) name and logo, from the server's
// settings (--organisation, --logo) or the CLI's flags; and the day it is issued.
struct ReportOptions {
  std::string organisation;
  std::string logo_data_uri;  // "data:image/png;base64,..." or empty
  int64_t issued_at_ms = 0;   // 0: now
};
// The options with the logo file read (PNG, JPEG or SVG, at most 512 KiB) as a data URI.
// Throws std::runtime_error, in French, for a file that cannot be read or is not an image.
ReportOptions LoadReportOptions(std::string organisation, const std::string& logo_path);

// The one report of a workshop, computed here and nowhere else: the printable page the
// server serves (export/report.html), the facilitator's « Bilan » page shows and the CLI
// writes. Self-contained HTML: key figures, estimated and verified impact, synergies by
// kind and status and cards by domain as inline SVG bars, the network of companies, the
// list of synergies; issue date, organisation and logo; print layout (A4, page numbers,
// headings kept with what follows). Every user text is escaped.
// `workshops_held`: how many workshops the territory has had.
std::string ReportHtml(const workshop::WorkshopState& state, int workshops_held = 1,
                       const ReportOptions& options = {});
// The same report for a territory's programme: the figures of all its
// workshops (a company met at several counts once: same SIRET, or same name),
// a table of the workshops, and every synergy with its workshop.
std::string TerritoryReportHtml(const std::string& territory,
                                const std::vector<const workshop::WorkshopState*>& states,
                                const ReportOptions& options = {});
std::string HtmlEscape(std::string_view text);

// "1234,5", "48,117312345678" — a number as French spreadsheets read it, every digit the
// double holds (the shortest text that reads back to the same double).
std::string FrenchNumber(double value);

}  // namespace atelier::app
