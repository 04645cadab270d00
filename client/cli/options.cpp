#include "client/cli/options.hpp"

#include <filesystem>

namespace atelier::cli {

int UsageError(std::string_view command, std::string_view message, std::ostream& err) {
  err << "atelier " << command << " : " << message << "\n"
      << "(atelier " << command << " --help décrit ses options)\n";
  return kExitUsage;
}

std::optional<int> ParseCommandLine(std::string_view command, std::string_view synopsis,
                                    po::options_description& options,
                                    std::span<const std::string> args, po::variables_map* vm,
                                    std::ostream& out, std::ostream& err) {
  options.add_options()("help,h", "cette aide");
  try {
    std::vector<std::string> argv(args.begin(), args.end());
    // Long options only (--name value or --name=value); no guessing of
    // abbreviations: a misspelt option is an error, not another option.
    auto style = po::command_line_style::unix_style ^ po::command_line_style::allow_guessing;
    po::positional_options_description none;  // every value belongs to an option
    po::store(po::command_line_parser(argv).options(options).positional(none).style(style).run(),
              *vm);
    if (vm->count("help")) {
      out << "usage : atelier " << command << " " << synopsis << "\n\n" << options;
      return kExitOk;
    }
    po::notify(*vm);
  } catch (const po::unknown_option& e) {
    return UsageError(command, "option inconnue « " + e.get_option_name() + " »", err);
  } catch (const po::too_many_positional_options_error&) {
    return UsageError(command, "argument inattendu (les options s'écrivent --nom valeur)", err);
  } catch (const po::required_option& e) {
    return UsageError(command, "option obligatoire manquante : " + e.get_option_name(), err);
  } catch (const po::invalid_option_value& e) {
    return UsageError(command, "valeur invalide pour " + e.get_option_name(), err);
  } catch (const po::invalid_command_line_syntax& e) {
    if (e.kind() == po::invalid_syntax::missing_parameter) {
      return UsageError(command, "valeur manquante pour " + e.get_option_name(), err);
    }
    return UsageError(command, "ligne de commande invalide près de " + e.get_option_name(), err);
  } catch (const po::multiple_occurrences& e) {
    return UsageError(command, e.get_option_name() + " est donnée plusieurs fois", err);
  } catch (const po::error& e) {
    return UsageError(command, std::string("ligne de commande invalide : ") + e.what(), err);
  }
  return std::nullopt;
}

bool DatabaseExists(std::string_view command, const std::string& path, std::ostream& err) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) return true;
  err << "atelier " << command << " : base de données introuvable : " << path << "\n";
  return false;
}

}  // namespace atelier::cli
