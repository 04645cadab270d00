#include "client/cli/match_command.hpp"

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "client/cli/card_files.hpp"
#include "client/cli/options.hpp"
#include "server/match/brute_force.hpp"
#include "server/match/engine.hpp"

namespace atelier::cli {
namespace {

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Quoted(std::string_view s) { return boost::json::serialize(boost::json::string(s)); }

std::string StringArray(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + Quoted(items[i]);
  return out + "]";
}

}  // namespace

std::string MatchToJsonLine(const match::Match& m) {
  char score[32];
  std::snprintf(score, sizeof score, "%.3g", m.score);
  std::string line = "{\"cards\": " + StringArray(m.card_ids) + ", \"kind\": \"" +
                     match::SynergyKindId(m.kind) + "\", \"score\": " + score +
                     ", \"reasons\": " + StringArray(m.reasons) +
                     ", \"companies\": " + StringArray(m.company_ids);
  if (m.hazardous) line += ", \"hazardous\": true";
  return line + "}";
}

int RunMatch(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("companies", po::value<std::string>()->required(),
                        "entreprises, JSON ou CSV « ; » d'Excel")(
      "cards", po::value<std::string>()->required(), "fiches (offres et besoins), JSON ou CSV")(
      "out", po::value<std::string>(), "fichier JSON lines à écrire (sinon la sortie standard)")(
      "explain", po::bool_switch(), "ajoute les paires rejetées et la contrainte qui les exclut");
  po::variables_map vm;
  if (auto done = ParseCommandLine("match",
                                   "--companies FICHIER --cards FICHIER [--out FICHIER] "
                                   "[--explain]\n"
                                   "  Fichiers JSON (tableau d'objets) ou CSV « ; » d'Excel ; voir "
                                   "docs/matching.md.",
                                   options, args, &vm, out, err))
    return *done;
  const std::string companies_path = vm["companies"].as<std::string>();
  const std::string cards_path = vm["cards"].as<std::string>();
  const std::string out_path = vm.count("out") ? vm["out"].as<std::string>() : "";
  const bool explain = vm["explain"].as<bool>();
  const auto companies_text = ReadFile(companies_path);
  if (!companies_text) {
    err << companies_path << ": impossible de lire le fichier\n";
    return kExitFailure;
  }
  const auto cards_text = ReadFile(cards_path);
  if (!cards_text) {
    err << cards_path << ": impossible de lire le fichier\n";
    return kExitFailure;
  }
  auto companies = ParseCompanies(companies_path, *companies_text);
  if (companies.error) {
    err << companies.error->ToString() << "\n";
    return kExitRefused;
  }
  auto cards = ParseCards(cards_path, *cards_text);
  if (cards.error) {
    err << cards.error->ToString() << "\n";
    return kExitRefused;
  }
  if (auto e = CheckCompanies(cards_path, *cards_text, companies.items, cards.items)) {
    err << e->ToString() << "\n";
    return kExitRefused;
  }

  match::Engine engine;
  for (const auto& c : companies.items) engine.UpsertCompany(c);
  for (const auto& c : cards.items) engine.Add(c);
  std::string body;
  for (const auto& m : engine.All()) body += MatchToJsonLine(m) + "\n";
  if (explain) {
    // Rejected pairs after the synergies: {"cards": [...], "rejected": "<constraint>"}.
    match::BruteForce all;
    for (const auto& c : companies.items) all.UpsertCompany(c);
    for (const auto& c : cards.items) all.Store(c);
    for (const auto& r : all.Rejections()) {
      body += "{\"cards\": " + StringArray({r.first, r.second}) +
              ", \"rejected\": " + Quoted(r.veto) + "}\n";
    }
  }

  if (out_path.empty()) {
    out << body;
    return 0;
  }
  // Written beside the target then renamed, so a failure never leaves half a file.
  const std::string tmp = out_path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << body;
    if (!f.flush()) {
      err << out_path << ": écriture impossible\n";
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      return kExitFailure;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, out_path, ec);
  if (ec) {
    err << out_path << ": écriture impossible (" << ec.message() << ")\n";
    return kExitFailure;
  }
  return 0;
}

}  // namespace atelier::cli
