#pragma once
// Workshop administration from the command line, on the database file of a
// stopped server: create a workshop, import companies from a spreadsheet
// export, list workshops with their join codes and facilitator tokens; export
// a workshop and print its report.

#include <ostream>
#include <span>
#include <string>

namespace atelier::cli {

int RunCreateWorkshop(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int RunImportCompanies(std::span<const std::string> args, std::ostream& out, std::ostream& err);
// Which territory a workshop belongs to (whose earlier workshops' cards and
// catalogue it reads): the operator's decision, not a facilitator's.
int RunSetTerritory(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int RunList(std::span<const std::string> args, std::ostream& out, std::ostream& err);
// Copies a database, even while a server writes to it (SQLite's online backup).
int RunBackup(std::span<const std::string> args, std::ostream& out, std::ostream& err);
// Exports (CSV as French Excel reads them, XLSX) and the printable report of
// one workshop; they read the database only, so a running server's will do.
int RunExport(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int RunReport(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace atelier::cli
