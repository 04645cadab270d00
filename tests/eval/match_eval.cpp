// match_eval: scores the matching engine and a plain keyword-overlap baseline on the evaluation
// set of this directory (see README.md) and prints recall, precision@5 and negatives rejected.
// With --check, exits 1 when the engine misses the quality targets.
#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "client/cli/card_files.hpp"
#include "server/match/engine.hpp"

namespace {

using atelier::match::Card;
using atelier::match::CardKind;
using atelier::match::Company;
using atelier::match::Match;
using atelier::match::SynergyKind;

constexpr double kMinRecall = 0.90;
constexpr double kMinPrecisionAt5 = 0.80;
constexpr double kMinNegativesRejected = 0.90;

struct Pair {
  std::string a, b, kind, note;
};

struct Figures {
  double recall = 0, precision_at_5 = 0, negatives_rejected = 0;
  std::size_t shown = 0;
};

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << path << ": impossible de lire le fichier\n";
    std::exit(2);
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<Pair> ReadPairs(const std::string& path) {
  std::vector<Pair> out;
  std::istringstream lines(Read(path));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find_first_not_of(" \r\t") == std::string::npos) continue;
    const auto v = boost::json::parse(line).as_object();
    const auto& cards = v.at("cards").as_array();
    Pair p{std::string(cards.at(0).as_string()), std::string(cards.at(1).as_string()), "", ""};
    if (const auto* k = v.if_contains("kind")) p.kind = std::string(k->as_string());
    if (const auto* t = v.if_contains("topic")) p.note = std::string(t->as_string());
    if (const auto* w = v.if_contains("why")) p.note = std::string(w->as_string());
    out.push_back(std::move(p));
  }
  return out;
}

// The baseline a spreadsheet user would build: lower-case words of four letters or more, any
// shared word makes a match (offer/need -> substitution or ESS bridge, need/need ->
// mutualisation), scored by Jaccard overlap.
std::vector<Match> Baseline(const std::vector<Company>& companies, const std::vector<Card>& cards) {
  std::map<std::string, bool> ess;
  for (const auto& c : companies) ess[c.id] = c.ess;
  std::vector<std::set<std::string>> words(cards.size());
  for (std::size_t i = 0; i < cards.size(); ++i) {
    std::string w;
    for (char ch : cards[i].text + " ") {
      const auto u = static_cast<unsigned char>(ch);
      if (std::isalnum(u) || u >= 0x80) {
        w.push_back(static_cast<char>(std::tolower(u)));
      } else {
        if (w.size() >= 4) words[i].insert(w);
        w.clear();
      }
    }
  }
  std::vector<Match> out;
  for (std::size_t i = 0; i < cards.size(); ++i) {
    for (std::size_t j = i + 1; j < cards.size(); ++j) {
      const Card& a = cards[i];
      const Card& b = cards[j];
      if (a.company_id == b.company_id) continue;
      if (a.kind == CardKind::kOffer && b.kind == CardKind::kOffer) continue;
      std::size_t shared = 0;
      for (const auto& w : words[i]) shared += words[j].count(w);
      if (!shared) continue;
      Match m;
      m.card_ids = {a.id, b.id};
      m.key = a.id + "|" + b.id;
      m.score = static_cast<double>(shared) /
                static_cast<double>(words[i].size() + words[j].size() - shared);
      if (a.kind == CardKind::kNeed && b.kind == CardKind::kNeed) {
        m.kind = SynergyKind::kMutualisation;
      } else if (ess[a.company_id] != ess[b.company_id]) {
        m.kind = SynergyKind::kEssBridge;
      } else {
        m.kind = SynergyKind::kSubstitution;
      }
      out.push_back(std::move(m));
    }
  }
  return out;
}

bool Contains(const Match& m, const std::string& id) {
  return std::find(m.card_ids.begin(), m.card_ids.end(), id) != m.card_ids.end();
}

Figures Score(const std::string& name, const std::vector<Match>& matches,
              const std::vector<Card>& cards, const std::vector<Pair>& expected,
              const std::vector<Pair>& negatives, bool verbose) {
  Figures f;
  f.shown = matches.size();
  std::map<std::string, std::vector<const Match*>> by_card;
  for (const auto& m : matches) {
    for (const auto& id : m.card_ids) by_card[id].push_back(&m);
  }
  std::size_t found = 0;
  for (const auto& e : expected) {
    bool ok = false;
    for (const Match* m : by_card[e.a]) {
      ok = ok || (atelier::match::SynergyKindId(m->kind) == e.kind && Contains(*m, e.b));
    }
    found += ok;
    if (!ok && verbose)
      std::cout << "  [" << name << "] manqué " << e.a << " " << e.b << " " << e.kind << " ("
                << e.note << ")\n";
  }
  f.recall = expected.empty() ? 1 : static_cast<double>(found) / expected.size();

  std::map<std::string, std::vector<std::pair<std::string, std::string>>> partners;
  for (const auto& e : expected) {
    partners[e.a].emplace_back(e.b, e.kind);
    partners[e.b].emplace_back(e.a, e.kind);
  }
  std::size_t top = 0, good = 0;
  for (const auto& card : cards) {
    auto list = by_card[card.id];
    std::sort(list.begin(), list.end(), [](const Match* x, const Match* y) {
      return x->score != y->score ? x->score > y->score : x->key < y->key;
    });
    if (list.size() > 5) list.resize(5);
    for (const Match* m : list) {
      ++top;
      bool ok = false;
      for (const auto& [partner, kind] : partners[card.id]) {
        ok = ok || (atelier::match::SynergyKindId(m->kind) == kind && Contains(*m, partner));
      }
      good += ok;
      if (!ok && verbose) {
        std::cout << "  [" << name << "] top5 de " << card.id << " non attendu : " << m->key << " ("
                  << m->score << ")\n";
      }
    }
  }
  f.precision_at_5 = top ? static_cast<double>(good) / top : 0;

  std::size_t rejected = 0;
  for (const auto& n : negatives) {
    bool together = false;
    for (const Match* m : by_card[n.a]) together = together || Contains(*m, n.b);
    rejected += !together;
    if (together && verbose)
      std::cout << "  [" << name << "] négatif accepté " << n.a << " " << n.b << " (" << n.note
                << ")\n";
  }
  f.negatives_rejected = negatives.empty() ? 1 : static_cast<double>(rejected) / negatives.size();
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  bool check = false, verbose = false, dump = false;
  std::string dir = ".";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--check") {
      check = true;
    } else if (a == "--verbose") {
      verbose = true;
    } else if (a == "--dump") {
      dump = true;
    } else {
      dir = a;
    }
  }
  const std::string companies_path = dir + "/companies.json";
  const std::string cards_path = dir + "/cards.json";
  const std::string companies_text = Read(companies_path);
  const std::string cards_text = Read(cards_path);
  auto companies = atelier::cli::ParseCompanies(companies_path, companies_text);
  auto cards = atelier::cli::ParseCards(cards_path, cards_text);
  for (const auto* e : {&companies.error, &cards.error}) {
    if (*e) {
      std::cerr << (*e)->ToString() << "\n";
      return 2;
    }
  }
  const auto expected = ReadPairs(dir + "/expected.jsonl");
  const auto negatives = ReadPairs(dir + "/negatives.jsonl");

  atelier::match::Engine engine;
  for (const auto& c : companies.items) engine.UpsertCompany(c);
  for (const auto& c : cards.items) engine.Add(c);
  const auto engine_matches = engine.All();
  if (dump) {
    // Every shown match with its reasons, to diff two versions of the engine.
    for (const auto& m : engine_matches) {
      std::printf("%s %.3f%s\n", m.key.c_str(), m.score, m.hazardous ? " hazardous" : "");
      for (const auto& r : m.reasons) std::printf("  %s\n", r.c_str());
    }
    return 0;
  }
  const auto baseline_matches = Baseline(companies.items, cards.items);

  const Figures e = Score("moteur", engine_matches, cards.items, expected, negatives, verbose);
  const Figures b = Score("base", baseline_matches, cards.items, expected, negatives, false);
  std::printf(
      "Jeu d'évaluation : %zu entreprises, %zu fiches, %zu synergies attendues, %zu négatifs\n",
      companies.items.size(), cards.items.size(), expected.size(), negatives.size());
  std::printf("%-28s %10s %10s\n", "", "moteur", "mots-clés");
  std::printf("%-28s %10.3f %10.3f\n", "rappel", e.recall, b.recall);
  std::printf("%-28s %10.3f %10.3f\n", "précision@5", e.precision_at_5, b.precision_at_5);
  std::printf("%-28s %10.3f %10.3f\n", "négatifs rejetés", e.negatives_rejected,
              b.negatives_rejected);
  std::printf("%-28s %10zu %10zu\n", "synergies affichées", e.shown, b.shown);
  if (check) {
    const bool ok = e.recall >= kMinRecall && e.precision_at_5 >= kMinPrecisionAt5 &&
                    e.negatives_rejected >= kMinNegativesRejected;
    std::printf("objectifs (rappel >= %.2f, précision@5 >= %.2f, négatifs >= %.2f) : %s\n",
                kMinRecall, kMinPrecisionAt5, kMinNegativesRejected, ok ? "atteints" : "MANQUÉS");
    return ok ? 0 : 1;
  }
  return 0;
}
