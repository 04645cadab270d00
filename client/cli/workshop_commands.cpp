#include "client/cli/workshop_commands.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <optional>
#include <sstream>

#include "client/cli/card_files.hpp"
#include "client/cli/options.hpp"
#include "server/app/admin_routes.hpp"
#include "server/app/exports.hpp"
#include "server/app/hub.hpp"
#include "server/app/import_routes.hpp"
#include "server/app/matchers.hpp"
#include "server/app/offline.hpp"
#include "server/app/server.hpp"
#include "server/sheets/company_import.hpp"
#include "server/store/backup.hpp"

namespace atelier::cli {

namespace {

// Options every workshop command takes.
std::string Str(const po::variables_map& vm, const char* name) {
  return vm.count(name) ? vm[name].as<std::string>() : std::string();
}

// Opens what a command needs on the database, or says why it cannot
// (missing, in use by a server, newer schema): exit kExitDatabase.
template <typename T>
std::optional<T> OpenDatabase(std::string_view command, const std::string& path,
                              std::ostream& err) {
  try {
    return std::optional<T>(std::in_place, path);
  } catch (const std::exception& e) {
    err << "atelier " << command << " : " << e.what() << "\n";
    return std::nullopt;
  }
}

struct Reader {
  explicit Reader(const std::string& path) : store(path, store::Database::Durability::kNormal) {}
  store::EventStore store;
};

using app::Offline;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("impossible de lire " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A workshop's state folded from its log, as the server folds it.
workshop::WorkshopState Fold(store::EventStore& reader, const std::string& workshop_id) {
  workshop::WorkshopState state;
  reader.ForEachEvent(workshop_id, 0, [&](std::string_view payload) {
    v1::Event e;
    if (e.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) state.Apply(e);
  });
  return state;
}

// Writes `bytes` to `path` whole or not at all (a temporary file, renamed).
void WriteWhole(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) throw std::runtime_error("impossible d'écrire " + tmp.string());
  }
  std::filesystem::rename(tmp, path);
}

// The workshop of `code` in the database (read only: a running server's
// database may be read), or nullopt with a message.
std::optional<store::WorkshopRow> FindByCode(store::EventStore& reader, const std::string& code,
                                             std::ostream& err) {
  const std::string wanted = app::NormalizeCode(code);
  for (const auto& w : reader.Workshops()) {
    if (w.code == wanted) return w;
  }
  err << "atelier : aucun atelier avec le code « " << code << " »\n";
  return std::nullopt;
}

}  // namespace

int RunExport(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("db", po::value<std::string>()->required(), "base SQLite (lue seulement)")(
      "code", po::value<std::string>()->required(), "code de l'atelier")(
      "out", po::value<std::string>()->required(), "dossier où écrire les fichiers")(
      "format", po::value<std::string>()->default_value("tout"), "csv, xlsx ou tout")(
      "entetes", po::value<std::string>()->default_value("francais"),
      "ligne d'en-tête : francais (pour les personnes) ou machine (noms stables)");
  po::variables_map vm;
  if (auto done =
          ParseCommandLine("export",
                           "--db FICHIER --code CODE --out DOSSIER [--format csv|xlsx|tout] "
                           "[--entetes francais|machine]",
                           options, args, &vm, out, err))
    return *done;
  const std::string headers = Str(vm, "entetes");
  if (headers != "francais" && headers != "machine") {
    return UsageError("export", "--entetes : francais ou machine, pas « " + headers + " »", err);
  }
  const app::HeaderRow header =
      headers == "machine" ? app::HeaderRow::kMachine : app::HeaderRow::kFrench;
  const std::string format = Str(vm, "format");
  if (format != "csv" && format != "xlsx" && format != "tout") {
    return UsageError("export", "--format : csv, xlsx ou tout, pas « " + format + " »", err);
  }
  if (!DatabaseExists("export", Str(vm, "db"), err)) return kExitDatabase;
  auto opened = OpenDatabase<Reader>("export", Str(vm, "db"), err);
  if (!opened) return kExitDatabase;
  try {
    store::EventStore& reader = opened->store;
    auto row = FindByCode(reader, Str(vm, "code"), err);
    if (!row) return kExitRefused;
    const workshop::WorkshopState state = Fold(reader, row->id);
    const std::filesystem::path dir = Str(vm, "out");
    std::filesystem::create_directories(dir);
    std::vector<std::pair<std::string, std::string>> files;
    const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    if (format != "xlsx") {
      for (const app::Sheet& sheet : {app::CompaniesSheet(state), app::CardsSheet(state),
                                      app::MatchesSheet(state), app::SynergiesSheet(state)}) {
        files.emplace_back(app::ExportFileName(state.info(), sheet.file_part, "csv", now_ms),
                           app::SheetCsv(sheet, header));
      }
    }
    if (format != "csv") {
      std::string xlsx = app::WorkbookXlsx(state, header);
      if (xlsx.empty()) throw std::runtime_error("classeur impossible à écrire");
      files.emplace_back(app::ExportFileName(state.info(), "synergies", "xlsx", now_ms),
                         std::move(xlsx));
    }
    for (const auto& [name, bytes] : files) {
      WriteWhole(dir / name, bytes);
      out << (dir / name).string() << "\n";
    }
    return 0;
  } catch (const std::exception& e) {
    err << "atelier : " << e.what() << "\n";
    return 1;
  }
}

int RunReport(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("db", po::value<std::string>()->required(), "base SQLite (lue seulement)")(
      "code", po::value<std::string>(), "code de l'atelier")(
      "territory", po::value<std::string>(), "ou tous les ateliers d'un territoire")(
      "out", po::value<std::string>()->required(), "fichier HTML à écrire")(
      "organisation", po::value<std::string>(), "qui établit le bilan (nom de la chambre)")(
      "logo", po::value<std::string>(), "son logo : fichier PNG, JPEG ou SVG");
  po::variables_map vm;
  if (auto done = ParseCommandLine(
          "report", "--db FICHIER (--code CODE | --territory TERRITOIRE) --out rapport.html",
          options, args, &vm, out, err))
    return *done;
  if (vm.count("code") == vm.count("territory")) {
    return UsageError("report", "donnez --code ou --territory (l'un des deux)", err);
  }
  if (!DatabaseExists("report", Str(vm, "db"), err)) return kExitDatabase;
  auto opened = OpenDatabase<Reader>("report", Str(vm, "db"), err);
  if (!opened) return kExitDatabase;
  try {
    store::EventStore& reader = opened->store;
    std::string territory = Str(vm, "territory");
    std::optional<workshop::WorkshopState> one;
    if (vm.count("code")) {
      auto row = FindByCode(reader, Str(vm, "code"), err);
      if (!row) return kExitRefused;
      one = Fold(reader, row->id);
      territory = one->info().territory();
    }
    // The territory's workshops, oldest first: "workshops held", or the
    // whole programme's report.
    std::vector<workshop::WorkshopState> all;
    if (!territory.empty()) {
      for (const auto& w : reader.Workshops()) {
        workshop::WorkshopState state = Fold(reader, w.id);
        if (state.info().territory() == territory) all.push_back(std::move(state));
      }
    }
    const app::ReportOptions report =
        app::LoadReportOptions(Str(vm, "organisation"), Str(vm, "logo"));
    std::string html;
    if (one) {
      html = app::ReportHtml(*one, std::max<int>(1, static_cast<int>(all.size())), report);
    } else {
      if (all.empty()) {
        err << "atelier : aucun atelier pour le territoire « " << territory << " »\n";
        return kExitRefused;
      }
      std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
        return a.info().date() < b.info().date();
      });
      std::vector<const workshop::WorkshopState*> states;
      for (const auto& s : all) states.push_back(&s);
      html = app::TerritoryReportHtml(territory, states, report);
    }
    WriteWhole(Str(vm, "out"), html);
    out << Str(vm, "out") << "\n";
    return 0;
  } catch (const std::exception& e) {
    err << "atelier : " << e.what() << "\n";
    return 1;
  }
}

int RunCreateWorkshop(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("db", po::value<std::string>()->required(),
                        "base SQLite (créée si absente ; serveur arrêté)")(
      "title", po::value<std::string>()->required(), "titre de l'atelier")(
      "date", po::value<std::string>(), "date, AAAA-MM-JJ")("venue", po::value<std::string>(),
                                                            "lieu")(
      "territory", po::value<std::string>(), "territoire (ses ateliers partagent leurs cartes)")(
      "tables", po::value<int>()->default_value(1), "nombre de tables, de 1 à 100")(
      "code", po::value<std::string>(),
      "code des tablettes, 4 à 12 lettres ou chiffres (tiré au sort sinon)");
  po::variables_map vm;
  if (auto done = ParseCommandLine("create-workshop",
                                   "--db FICHIER --title TITRE [--date AAAA-MM-JJ] [--venue LIEU] "
                                   "[--territory TERRITOIRE] [--tables N] [--code CODE]",
                                   options, args, &vm, out, err))
    return *done;
  const int tables = vm["tables"].as<int>();
  if (tables < 1 || tables > 100) {
    return UsageError("create-workshop", "--tables : de 1 à 100, pas " + std::to_string(tables),
                      err);
  }
  const std::string code = Str(vm, "code");
  if (vm.count("code") &&
      (app::NormalizeCode(code).size() < 4 || app::NormalizeCode(code).size() > 12)) {
    return UsageError("create-workshop",
                      "--code : 4 à 12 lettres ou chiffres, pas « " + code + " »", err);
  }
  const std::string date = Str(vm, "date");
  if (!date.empty() && (date.size() != 10 || date[4] != '-' || date[7] != '-')) {
    return UsageError("create-workshop", "--date : AAAA-MM-JJ, pas « " + date + " »", err);
  }
  if (Str(vm, "title").empty()) return UsageError("create-workshop", "--title est vide", err);
  auto offline = OpenDatabase<Offline>("create-workshop", Str(vm, "db"), err);
  if (!offline) return kExitDatabase;
  try {
    v1::WorkshopInfo info;
    info.set_title(Str(vm, "title"));
    info.set_date(date);
    info.set_venue(Str(vm, "venue"));
    info.set_territory(Str(vm, "territory"));
    info.set_tables(tables);
    info.set_status(v1::WORKSHOP_STATUS_OPEN);
    app::CreatedWorkshop created = offline->hub().CreateWorkshop(info, code);
    out << "atelier : " << created.id << "\n"
        << "code : " << created.code << "\n"
        << "jeton animateur : " << created.facilitator_token << "\n"
        << "console : " << app::ConsolePath(created.facilitator_token, created.code) << "\n";
    return 0;
  } catch (const std::exception& e) {
    err << "atelier : " << e.what() << "\n";
    return 1;
  }
}

int RunImportCompanies(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("db", po::value<std::string>()->required(),
                        "base SQLite existante (serveur arrêté)")(
      "code", po::value<std::string>()->required(), "code de l'atelier")(
      "file", po::value<std::string>()->required(),
      "entreprises.csv (UTF-8 ou Windows-1252, « ; », « , » ou tabulation), .xlsx ou .json")(
      "feuille", po::value<std::string>(), "feuille du classeur XLSX (la première sinon)")(
      "doublons", po::value<std::string>(),
      "entreprises déjà dans l'atelier (même SIRET, sinon même nom et code postal) : maj, "
      "ignorer ou ajouter")("apercu", "montre ce qui serait importé, sans rien écrire");
  po::variables_map vm;
  if (auto done = ParseCommandLine("import-companies",
                                   "--db FICHIER --code CODE --file entreprises.csv|xlsx|json "
                                   "[--doublons maj|ignorer|ajouter] "
                                   "[--apercu]",
                                   options, args, &vm, out, err))
    return *done;
  const std::string db = Str(vm, "db"), code = Str(vm, "code"), file = Str(vm, "file");
  sheets::DuplicateChoice choice = sheets::DuplicateChoice::kUnset;
  if (vm.count("doublons")) {
    auto parsed = sheets::ParseDuplicateChoice(Str(vm, "doublons"));
    if (!parsed) {
      err << "atelier import-companies : --doublons attend maj, ignorer ou ajouter\n";
      return kExitUsage;
    }
    choice = *parsed;
  }
  const bool preview_only = vm.count("apercu") > 0;
  if (!DatabaseExists("import-companies", db, err)) return kExitDatabase;
  std::string content;
  try {
    content = ReadFile(file);
  } catch (const std::exception& e) {
    err << "atelier import-companies : " << e.what() << "\n";
    return kExitFailure;
  }
  const sheets::ReadResult read = sheets::ReadSpreadsheet(content, Str(vm, "feuille"));
  auto offline = OpenDatabase<Offline>("import-companies", db, err);
  if (!offline) return kExitDatabase;
  try {
    auto actor = offline->hub().ByCode(app::NormalizeCode(code));
    if (!actor) {
      err << "atelier : aucun atelier avec le code « " << code << " »\n";
      return kExitRefused;
    }
    sheets::CompanyPreview preview;
    sheets::ImportPlan plan;
    std::promise<workshop::Outcome> done;
    actor->Execute(
        [&](workshop::Workshop& w, int64_t now) {
          const sheets::ImportContext context = app::ImportContextOf(w.state());
          preview = sheets::PreviewCompanies(read, context);
          if (preview_only) return workshop::Outcome{};
          plan = sheets::PlanImport(preview, choice, context);
          if (!plan.error.empty() || !plan.command.has_import_companies()) {
            return workshop::Outcome{};
          }
          workshop::Viewer facilitator;
          facilitator.role = v1::ROLE_FACILITATOR;
          facilitator.participant_id = "cli";
          return w.Handle(facilitator, plan.command, now);
        },
        [&](const workshop::Outcome& o) { done.set_value(o); });
    workshop::Outcome outcome = done.get_future().get();
    out << file << " : " << preview.source.Describe() << "\n";
    std::string known;
    for (const auto& c : preview.columns) {
      if (c.field.empty() || c.field == "ignore") continue;
      known += (known.empty() ? "" : ", ") + ("« " + c.header + " » → " + c.field);
    }
    if (!known.empty()) out << "colonnes : " << known << "\n";
    auto list = [](const std::vector<std::string>& names) {
      std::string s;
      for (const auto& n : names) s += (s.empty() ? "« " : ", « ") + n + " »";
      return s;
    };
    if (!preview.unknown_columns.empty()) {
      out << "colonnes inconnues, non importées : " << list(preview.unknown_columns) << "\n";
    }
    if (!preview.ignored_columns.empty()) {
      out << "colonnes calculées de l'export, non importées : " << list(preview.ignored_columns)
          << "\n";
    }
    out << preview.companies.size() << " entreprise(s) lue(s), " << preview.Duplicates()
        << " déjà dans l'atelier\n";
    for (const auto& c : preview.companies) {
      if (c.duplicate_of.empty()) continue;
      out << "  ligne " << c.line << " : « " << c.company.name() << " » = « " << c.duplicate_name
          << " » (même " << (c.duplicate_by == "siret" ? "SIRET" : "nom et code postal") << ")\n";
    }
    for (const auto& e : preview.errors) err << file << " : " << e.ToString() << "\n";
    if (!preview.errors.empty()) {
      err << "atelier : " << preview.errors.size()
          << " erreur(s) dans le fichier : rien n'a été importé\n";
      return kExitRefused;
    }
    if (preview_only) {
      out << "aperçu seulement : rien n'a été importé\n";
      return 0;
    }
    if (!plan.error.empty()) {
      err << "atelier : " << plan.error
          << (choice == sheets::DuplicateChoice::kUnset ? " (--doublons maj|ignorer|ajouter)" : "")
          << "\n";
      return kExitRefused;
    }
    if (!outcome.ok()) {
      err << "atelier : " << outcome.rejection->message << "\n";
      for (const auto& d : outcome.rejection->details) {
        const auto i = static_cast<std::size_t>(d.line());
        err << file << " : ligne " << (i >= 1 && i <= plan.lines.size() ? plan.lines[i - 1] : 0)
            << " : " << d.message() << "\n";
      }
      return kExitRefused;
    }
    out << plan.added << " entreprise(s) importée(s), " << plan.updated << " mise(s) à jour, "
        << plan.skipped << " ignorée(s)\n";
    return 0;
  } catch (const std::exception& e) {
    err << "atelier : " << e.what() << "\n";
    return 1;
  }
}

int RunSetTerritory(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("db", po::value<std::string>()->required(), "base SQLite (serveur arrêté)")(
      "code", po::value<std::string>()->required(), "code de l'atelier")(
      "territory", po::value<std::string>()->required(),
      "territoire : ses ateliers partagent leurs cartes (vide : aucun)");
  po::variables_map vm;
  if (auto done =
          ParseCommandLine("set-territory", "--db FICHIER --code CODE --territory TERRITOIRE",
                           options, args, &vm, out, err))
    return *done;
  if (!DatabaseExists("set-territory", Str(vm, "db"), err)) return kExitDatabase;
  auto offline = OpenDatabase<Offline>("set-territory", Str(vm, "db"), err);
  if (!offline) return kExitDatabase;
  try {
    auto actor = offline->hub().ByCode(app::NormalizeCode(Str(vm, "code")));
    if (!actor) {
      err << "atelier set-territory : aucun atelier avec le code " << Str(vm, "code") << "\n";
      return kExitRefused;
    }
    std::promise<workshop::Outcome> done;
    const std::string territory = Str(vm, "territory");
    actor->Execute(
        [&](workshop::Workshop& w, int64_t now) { return w.SetTerritory(territory, now); },
        [&](const workshop::Outcome& o) { done.set_value(o); });
    workshop::Outcome outcome = done.get_future().get();
    if (!outcome.ok()) {
      err << "atelier set-territory : " << outcome.rejection->message << "\n";
      return kExitRefused;
    }
    out << "territoire : " << territory << "\n";
    return kExitOk;
  } catch (const std::exception& e) {
    err << "atelier set-territory : " << e.what() << "\n";
    return kExitFailure;
  }
}

int RunList(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("db", po::value<std::string>()->required(), "base SQLite (lue seulement)");
  po::variables_map vm;
  if (auto done = ParseCommandLine("list", "--db FICHIER", options, args, &vm, out, err))
    return *done;
  if (!DatabaseExists("list", Str(vm, "db"), err)) return kExitDatabase;
  auto opened = OpenDatabase<Reader>("list", Str(vm, "db"), err);
  if (!opened) return kExitDatabase;
  try {
    store::EventStore& reader = opened->store;
    // Console links are derived again from the server's secret; the base keeps hashes only.
    const std::string secret = app::ServerSecret(Str(vm, "db"), /*create=*/false);
    for (const auto& w : reader.Workshops()) {
      workshop::WorkshopState state;
      reader.ForEachEvent(w.id, 0, [&](std::string_view payload) {
        v1::Event e;
        if (e.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) state.Apply(e);
      });
      out << w.code << "  " << state.info().title() << "  (" << w.id << ")\n"
          << "    " << state.company_order().size() << " entreprises, " << state.live_card_count()
          << " cartes, " << state.match_count() << " correspondances\n";
      for (const auto& t : reader.Tokens(w.id)) {
        if (t.role != v1::ROLE_FACILITATOR || secret.empty()) continue;
        if (std::string token = app::TokenOfRow(secret, t); !token.empty())
          out << "    console : " << app::ConsolePath(token, w.code) << "\n";
      }
    }
    return 0;
  } catch (const std::exception& e) {
    err << "atelier : " << e.what() << "\n";
    return 1;
  }
}

int RunBackup(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("db", po::value<std::string>()->required(),
                        "base SQLite à copier (le serveur peut tourner)")(
      "out", po::value<std::string>()->required(), "fichier de la copie")(
      "force", po::bool_switch(), "remplacer la copie si elle existe");
  po::variables_map vm;
  if (auto done = ParseCommandLine("backup", "--db FICHIER --out COPIE [--force]", options, args,
                                   &vm, out, err))
    return *done;
  if (!DatabaseExists("backup", Str(vm, "db"), err)) return kExitDatabase;
  store::BackupResult result;
  store::Status s =
      store::BackupDatabase(Str(vm, "db"), Str(vm, "out"), vm["force"].as<bool>(), &result);
  if (!s.ok()) {
    err << "atelier backup : " << s.message() << "\n";
    return kExitFailure;
  }
  out << Str(vm, "out") << " : " << result.workshops << " atelier(s), " << result.events
      << " événement(s), " << result.bytes << " octets\n";
  return kExitOk;
}

}  // namespace atelier::cli
