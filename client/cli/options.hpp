#pragma once
// The atelier tool's command lines on Boost.Program_options: one option table
// per subcommand, `--help` for each, unknown options and stray arguments
// refused, messages in French, and the tool's exit codes in one place
// (docs/cli.md). Pure functions of their arguments.

#include <boost/program_options.hpp>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

namespace atelier::cli {

namespace po = boost::program_options;

// The atelier tool's exit codes (docs/cli.md).
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,   // an unexpected failure: a file that cannot be written, a storage error
  kExitUsage = 2,     // a bad command line: unknown option, missing or invalid value
  kExitDatabase = 3,  // the database is missing, in use by a server, or from a newer version
  kExitRefused = 4,   // the data says no: unknown workshop code, an input file with errors
};

// Parses `args` (after the subcommand's name) into `vm` against `options`
// (which gains --help). Returns an exit code to end with (help printed, or a
// French message on a bad command line), or nullopt to go on.
std::optional<int> ParseCommandLine(std::string_view command, std::string_view synopsis,
                                    po::options_description& options,
                                    std::span<const std::string> args, po::variables_map* vm,
                                    std::ostream& out, std::ostream& err);

// A usage error for `command`: prints "atelier <command> : <message>" and a hint.
int UsageError(std::string_view command, std::string_view message, std::ostream& err);

// An existing database file for a command that only reads: never created by a typo.
// Prints a message and returns false if `path` is not a file.
bool DatabaseExists(std::string_view command, const std::string& path, std::ostream& err);

}  // namespace atelier::cli
