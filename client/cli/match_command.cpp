#include "client/cli/match_command.hpp"

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "client/cli/card_files.hpp"
#include "server/match/brute_force.hpp"
#include "server/match/engine.hpp"

namespace atelier::cli {
namespace {

constexpr const char* kUsage =
    "usage : atelier match --companies FICHIER --cards FICHIER [--out FICHIER] [--explain]\n"
    "  Fichiers JSON (tableau d'objets) ou CSV « ; » d'Excel ; voir docs/matching.md.\n"
    "  --explain : ajoute les paires rejetées et la contrainte qui les exclut.\n";

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
  std::string companies_path, cards_path, out_path;
  bool explain = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--explain") {
      explain = true;
      continue;
    }
    std::string* target = a == "--companies" ? &companies_path
                          : a == "--cards"   ? &cards_path
                          : a == "--out"     ? &out_path
                                             : nullptr;
    if (a == "-h" || a == "--help") {
      out << kUsage;
      return 0;
    }
    if (!target || i + 1 >= args.size()) {
      err << "atelier match : argument inattendu « " << a << " »\n" << kUsage;
      return 1;
    }
    *target = args[++i];
  }
  if (companies_path.empty() || cards_path.empty()) {
    err << kUsage;
    return 1;
  }
  const auto companies_text = ReadFile(companies_path);
  if (!companies_text) {
    err << companies_path << ": impossible de lire le fichier\n";
    return 2;
  }
  const auto cards_text = ReadFile(cards_path);
  if (!cards_text) {
    err << cards_path << ": impossible de lire le fichier\n";
    return 2;
  }
  auto companies = ParseCompanies(companies_path, *companies_text);
  if (companies.error) {
    err << companies.error->ToString() << "\n";
    return 2;
  }
  auto cards = ParseCards(cards_path, *cards_text);
  if (cards.error) {
    err << cards.error->ToString() << "\n";
    return 2;
  }
  if (auto e = CheckCompanies(cards_path, *cards_text, companies.items, cards.items)) {
    err << e->ToString() << "\n";
    return 2;
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
      return 2;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, out_path, ec);
  if (ec) {
    err << out_path << ": écriture impossible (" << ec.message() << ")\n";
    return 2;
  }
  return 0;
}

}  // namespace atelier::cli
