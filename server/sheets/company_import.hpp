#pragma once
// The one import of companies from a spreadsheet, for the console, the administration page
// and the CLI: the file's columns named through the header table, every value checked with
// its line, column and value in French, duplicates of the workshop's companies found (same
// SIRET, else same name folded and same postcode), and the ImportCompanies command built only
// once the facilitator has seen the preview and chosen what to do with the duplicates.
// Pure functions; thread-safe.

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "atelier/v1/atelier.pb.h"
#include "server/sheets/spreadsheet.hpp"

namespace atelier::sheets {

// One problem of the file. line 0: the whole file; column "": the whole line.
struct ImportIssue {
  std::size_t line = 0;
  std::string column;   // the header as written in the file
  std::string field;    // "name", "siret", … or "" (the line, the file)
  std::string cell;     // "C12" (or "C" with no line)
  std::string value;    // as read
  std::string message;  // French

  // "ligne 12, colonne « SIRET » (C12) : SIRET invalide … (lu « 123 »)"
  std::string ToString() const;
};

enum class DuplicateChoice { kUnset, kUpdate, kSkip, kAdd };

// "maj"/"mettre-a-jour"/"update", "ignorer"/"skip", "ajouter"/"add"; nullopt otherwise.
std::optional<DuplicateChoice> ParseDuplicateChoice(std::string_view word);

struct CompanyLine {
  std::size_t line = 0;
  v1::Company company;           // id empty: a new company
  std::set<std::string> filled;  // fields with a value in the file
  std::string duplicate_of;      // id of the workshop's company it repeats, or ""
  std::string duplicate_name;
  std::string duplicate_by;  // "siret" or "nom+code postal"
};

struct ColumnUse {
  std::string header;
  std::string letter;
  std::string field;  // "" unknown, "ignore" known but not imported
};

struct CompanyPreview {
  SourceInfo source;
  std::vector<ColumnUse> columns;
  std::vector<std::string> unknown_columns;  // listed, never silently dropped
  std::vector<std::string> ignored_columns;  // export's computed columns (offres, besoins…)
  std::vector<CompanyLine> companies;
  std::vector<ImportIssue> errors;

  std::size_t Duplicates() const;
};

struct ImportContext {
  int tables = 1;                     // the workshop's tables: 1..tables, 0 or empty not seated
  std::vector<v1::Company> existing;  // the workshop's companies
};

inline constexpr std::size_t kMaxImportCompanies = 2000;

CompanyPreview PreviewCompanies(const ReadResult& read, const ImportContext& context);

struct ImportPlan {
  v1::ClientMessage command;  // ImportCompanies; empty when error is set or all are skipped
  std::size_t added = 0;
  std::size_t updated = 0;
  std::size_t skipped = 0;
  std::vector<std::size_t> lines;  // file line of each company of the command
  std::string error;               // French: errors remain, or a choice is needed
};

ImportPlan PlanImport(const CompanyPreview& preview, DuplicateChoice choice,
                      const ImportContext& context);

// The preview as JSON for the console and the administration page.
std::string PreviewJson(const CompanyPreview& preview);

// The postcode of an address: its last group of five digits, or "".
std::string Postcode(std::string_view address);

}  // namespace atelier::sheets
