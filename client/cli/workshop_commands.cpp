#include "client/cli/workshop_commands.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <optional>
#include <sstream>

#include "client/cli/card_files.hpp"
#include "server/app/exports.hpp"
#include "server/app/hub.hpp"
#include "server/app/matchers.hpp"
#include "server/app/offline.hpp"
#include "server/app/server.hpp"

namespace atelier::cli {

namespace {

using Flags = std::map<std::string, std::string>;

// --name value pairs; returns false (with a message) on a stray argument.
bool ParseFlags(std::span<const std::string> args, Flags* flags, std::ostream& err) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (!args[i].starts_with("--") || i + 1 >= args.size()) {
      err << "atelier : argument inattendu « " << args[i] << " »\n";
      return false;
    }
    (*flags)[args[i].substr(2)] = args[i + 1];
    ++i;
  }
  return true;
}

using app::Offline;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
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
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
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
  err << "atelier : aucun atelier avec le code " << code << "\n";
  return std::nullopt;
}

}  // namespace

int RunExport(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  Flags f;
  if (!ParseFlags(args, &f, err)) return 2;
  const std::string format = f.count("format") ? f["format"] : "tout";
  if (!f.count("db") || !f.count("code") || !f.count("out") ||
      (format != "csv" && format != "xlsx" && format != "tout")) {
    err << "usage : atelier export --db FICHIER --code CODE --out DOSSIER "
           "[--format csv|xlsx|tout]\n";
    return 2;
  }
  try {
    store::EventStore reader(f["db"], store::Database::Durability::kNormal);
    auto row = FindByCode(reader, f["code"], err);
    if (!row) return 2;
    const workshop::WorkshopState state = Fold(reader, row->id);
    const std::filesystem::path dir = f["out"];
    std::filesystem::create_directories(dir);
    std::vector<std::pair<std::string, std::string>> files;
    if (format != "xlsx") {
      files.emplace_back(row->id + "-companies.csv", app::CompaniesCsv(state));
      files.emplace_back(row->id + "-cards.csv", app::CardsCsv(state));
      files.emplace_back(row->id + "-matches.csv", app::MatchesCsv(state));
      files.emplace_back(row->id + "-synergies.csv", app::SynergiesCsv(state));
    }
    if (format != "csv") {
      std::string xlsx = app::WorkbookXlsx(state);
      if (xlsx.empty()) throw std::runtime_error("classeur impossible à écrire");
      files.emplace_back(row->id + ".xlsx", std::move(xlsx));
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
  Flags f;
  if (!ParseFlags(args, &f, err)) return 2;
  if (!f.count("db") || !f.count("out") || f.count("code") == f.count("territory")) {
    err << "usage : atelier report --db FICHIER (--code CODE | --territory TERRITOIRE) "
           "--out rapport.html\n";
    return 2;
  }
  try {
    store::EventStore reader(f["db"], store::Database::Durability::kNormal);
    std::string territory = f["territory"];
    std::optional<workshop::WorkshopState> one;
    if (f.count("code")) {
      auto row = FindByCode(reader, f["code"], err);
      if (!row) return 2;
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
    std::string html;
    if (one) {
      html = app::ReportHtml(*one, std::max<int>(1, static_cast<int>(all.size())));
    } else {
      if (all.empty()) {
        err << "atelier : aucun atelier pour le territoire « " << territory << " »\n";
        return 2;
      }
      std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
        return a.info().date() < b.info().date();
      });
      std::vector<const workshop::WorkshopState*> states;
      for (const auto& s : all) states.push_back(&s);
      html = app::TerritoryReportHtml(territory, states);
    }
    WriteWhole(f["out"], html);
    out << f["out"] << "\n";
    return 0;
  } catch (const std::exception& e) {
    err << "atelier : " << e.what() << "\n";
    return 1;
  }
}

int RunCreateWorkshop(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  Flags f;
  if (!ParseFlags(args, &f, err)) return 2;
  if (!f.count("db") || !f.count("title")) {
    err << "usage : atelier create-workshop --db FICHIER --title TITRE [--date AAAA-MM-JJ] "
           "[--venue LIEU] [--territory TERRITOIRE] [--tables N] [--code CODE]\n";
    return 2;
  }
  try {
    Offline offline(f["db"]);
    v1::WorkshopInfo info;
    info.set_title(f["title"]);
    info.set_date(f["date"]);
    info.set_venue(f["venue"]);
    info.set_territory(f["territory"]);
    info.set_tables(f.count("tables") ? std::stoi(f["tables"]) : 1);
    info.set_status(v1::WORKSHOP_STATUS_OPEN);
    app::CreatedWorkshop created = offline.hub().CreateWorkshop(info, f["code"]);
    out << "atelier : " << created.id << "\n"
        << "code : " << created.code << "\n"
        << "jeton animateur : " << created.facilitator_token << "\n"
        << "console : /console.html#token=" << created.facilitator_token << "\n";
    return 0;
  } catch (const std::exception& e) {
    err << "atelier : " << e.what() << "\n";
    return 1;
  }
}

int RunImportCompanies(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  Flags f;
  if (!ParseFlags(args, &f, err)) return 2;
  if (!f.count("db") || !f.count("code") || !f.count("file")) {
    err << "usage : atelier import-companies --db FICHIER --code CODE --file "
           "entreprises.csv|json\n";
    return 2;
  }
  try {
    std::string content = ReadFile(f["file"]);
    Parsed<match::Company> parsed = ParseCompanies(f["file"], content);
    if (parsed.error) {
      err << parsed.error->ToString() << "\n";
      return 2;
    }
    Offline offline(f["db"]);
    auto actor = offline.hub().ByCode(app::NormalizeCode(f["code"]));
    if (!actor) {
      err << "atelier : aucun atelier avec le code " << f["code"] << "\n";
      return 2;
    }
    v1::ClientMessage msg;
    for (const match::Company& c : parsed.items) {
      v1::Company* company = msg.mutable_import_companies()->add_companies();
      company->set_id(c.id);
      company->set_name(c.name);
      company->set_siret(c.siret);
      company->set_naf(c.naf);
      company->set_zone(c.zone);
      if (c.lat && c.lon) {
        company->set_has_location(true);
        company->set_lat(*c.lat);
        company->set_lon(*c.lon);
      }
      company->set_headcount(c.headcount);
      company->set_ess(c.ess);
    }
    std::promise<workshop::Outcome> done;
    workshop::Viewer facilitator;
    facilitator.role = v1::ROLE_FACILITATOR;
    facilitator.participant_id = "cli";
    actor->Execute(
        [&](workshop::Workshop& w, int64_t now) { return w.Handle(facilitator, msg, now); },
        [&](const workshop::Outcome& o) { done.set_value(o); });
    workshop::Outcome outcome = done.get_future().get();
    if (!outcome.ok()) {
      err << "atelier : " << outcome.rejection->message << "\n";
      for (const auto& d : outcome.rejection->details) {
        err << f["file"] << ": entrée " << d.line()
            << (d.field().empty() ? "" : " (" + d.field() + ")") << " : " << d.message() << "\n";
      }
      return 2;
    }
    out << parsed.items.size() << " entreprise(s) importée(s)\n";
    return 0;
  } catch (const std::exception& e) {
    err << "atelier : " << e.what() << "\n";
    return 1;
  }
}

int RunSetTerritory(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  Flags f;
  if (!ParseFlags(args, &f, err)) return 2;
  if (!f.count("db") || !f.count("code") || !f.count("territory")) {
    err << "usage : atelier set-territory --db FICHIER --code CODE --territory TERRITOIRE\n";
    return 2;
  }
  try {
    Offline offline(f["db"]);
    auto actor = offline.hub().ByCode(app::NormalizeCode(f["code"]));
    if (!actor) {
      err << "atelier : aucun atelier avec le code " << f["code"] << "\n";
      return 2;
    }
    std::promise<workshop::Outcome> done;
    const std::string territory = f["territory"];
    actor->Execute(
        [&](workshop::Workshop& w, int64_t now) { return w.SetTerritory(territory, now); },
        [&](const workshop::Outcome& o) { done.set_value(o); });
    workshop::Outcome outcome = done.get_future().get();
    if (!outcome.ok()) {
      err << "atelier : " << outcome.rejection->message << "\n";
      return 2;
    }
    out << "territoire : " << territory << "\n";
    return 0;
  } catch (const std::exception& e) {
    err << "atelier : " << e.what() << "\n";
    return 1;
  }
}

int RunList(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  Flags f;
  if (!ParseFlags(args, &f, err)) return 2;
  if (!f.count("db")) {
    err << "usage : atelier list --db FICHIER\n";
    return 2;
  }
  try {
    store::EventStore reader(f["db"], store::Database::Durability::kNormal);
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
        if (t.role == v1::ROLE_FACILITATOR)
          out << "    console : /console.html#token=" << t.token << "\n";
      }
    }
    return 0;
  } catch (const std::exception& e) {
    err << "atelier : " << e.what() << "\n";
    return 1;
  }
}

}  // namespace atelier::cli
