// atelier: command-line client. One subcommand per entry of kSubcommands.
#include <sys/stat.h>

#include <iostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "client/cli/match_command.hpp"
#include "client/cli/options.hpp"
#include "client/cli/workshop_commands.hpp"
#include "server/common/log.hpp"

namespace {

struct Subcommand {
  std::string_view name;
  std::string_view summary;
  int (*run)(std::span<const std::string> args, std::ostream& out, std::ostream& err);
};

constexpr Subcommand kSubcommands[] = {
    {"match", "trouve les synergies d'un catalogue d'entreprises et de fiches",
     &atelier::cli::RunMatch},
    {"create-workshop",
     "crée un atelier (serveur arrêté) et affiche son code et le jeton animateur",
     &atelier::cli::RunCreateWorkshop},
    {"import-companies", "importe des entreprises (CSV « ; » d'Excel ou JSON) dans un atelier",
     &atelier::cli::RunImportCompanies},
    {"set-territory", "rattache un atelier à un territoire (cartes et catalogue partagés)",
     &atelier::cli::RunSetTerritory},
    {"list", "liste les ateliers d'une base, avec leurs codes et liens animateur",
     &atelier::cli::RunList},
    {"export", "exporte un atelier : entreprises, cartes, correspondances, synergies (CSV, XLSX)",
     &atelier::cli::RunExport},
    {"report",
     "écrit le rapport imprimable d'un atelier ou d'un territoire (HTML, PDF par le navigateur)",
     &atelier::cli::RunReport},
    {"backup", "copie une base, même pendant que le serveur tourne (sauvegarde en ligne)",
     &atelier::cli::RunBackup},
};

int Usage(std::ostream& os) {
  os << "usage : atelier <commande> [options]   (atelier <commande> --help pour ses options)\n\n"
        "commandes :\n";
  for (const auto& s : kSubcommands) os << "  " << s.name << "  " << s.summary << "\n";
  return atelier::cli::kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  // Databases, backups and exports it writes hold personal data: for its user only.
  ::umask(077);
  // The workshops' own log lines (status changes...) are the server's business.
  atelier::log::SetLevel(atelier::log::Level::kWarn);
  if (argc < 2) return Usage(std::cerr);
  const std::string_view name = argv[1];
  if (name == "-h" || name == "--help" || name == "help") {
    Usage(std::cout);
    return 0;
  }
  const std::vector<std::string> args(argv + 2, argv + argc);
  for (const auto& s : kSubcommands) {
    if (s.name == name) {
      try {
        return s.run(args, std::cout, std::cerr);
      } catch (const std::exception& e) {
        std::cerr << "atelier " << name << " : " << e.what() << "\n";
        return atelier::cli::kExitFailure;
      }
    }
  }
  std::cerr << "atelier : commande inconnue « " << name << " »\n";
  return Usage(std::cerr);
}
