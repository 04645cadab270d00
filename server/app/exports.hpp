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

// A cell is text or a number; numbers stay numbers in XLSX.
using Cell = std::variant<std::string, double>;
struct Sheet {
  std::string name;  // French, also the XLSX sheet name
  std::vector<std::string> headers;
  std::vector<std::vector<Cell>> rows;
};

Sheet CompaniesSheet(const workshop::WorkshopState& state);
Sheet CardsSheet(const workshop::WorkshopState& state);
Sheet MatchesSheet(const workshop::WorkshopState& state);
Sheet SynergiesSheet(const workshop::WorkshopState& state);

// One sheet as CSV for French Excel.
std::string SheetCsv(const Sheet& sheet);
std::string CompaniesCsv(const workshop::WorkshopState& state);
std::string CardsCsv(const workshop::WorkshopState& state);
std::string MatchesCsv(const workshop::WorkshopState& state);
std::string SynergiesCsv(const workshop::WorkshopState& state);

// The four sheets in one .xlsx file (bytes); empty if libxlsxwriter failed.
std::string WorkbookXlsx(const workshop::WorkshopState& state);

// A printable, self-contained HTML report of the workshop (key figures,
// impact totals, synergies by kind and status as inline SVG bars, the list of
// synergies), for the CLI and for archiving; every user text is escaped.
// `workshops_held`: how many workshops the territory has had.
std::string ReportHtml(const workshop::WorkshopState& state, int workshops_held = 1);
// The same report for a territory's programme: the figures of all its
// workshops (a company met at several counts once: same SIRET, or same name),
// a table of the workshops, and every synergy with its workshop.
std::string TerritoryReportHtml(const std::string& territory,
                                const std::vector<const workshop::WorkshopState*>& states);
std::string HtmlEscape(std::string_view text);

// "1234,5" — a number as French spreadsheets read it.
std::string FrenchNumber(double value);

}  // namespace atelier::app
