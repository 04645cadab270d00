// match_eval: scores the matching engine and a keyword-overlap baseline on labelled workshops
// (see README.md), in one run, set by set and by class of set (the project's set, the new sets,
// the held-out set). The top-5 protocol judges what a participant sees: a card's five best shown
// matches. The older measures (recall over every shown match, precision@5, negatives rejected)
// are kept: --check holds the engine to their targets on each given set.
// --validate checks the files of every given set (ids, references, kinds) and scores nothing.
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
#include <utility>
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
// The project's set labels what its authors thought of: a group purchase of goods or a pooled
// service it did not list counts against precision@5 there, hence 0.70 and not more. What
// generalises is checked on the new sets instead (kNewSetsMargin).
constexpr double kMinPrecisionAt5 = 0.70;
// On the new sets pooled, the engine must find more strong synergies than the keyword baseline
// by this margin, and accept fewer look-alike negatives. The held-out set is never gated.
constexpr double kNewSetsMargin = 0.05;
constexpr double kMinNegativesRejected = 0.90;
constexpr std::size_t kTop = 5;

struct Pair {
  std::string a, b, kind, strength, note;
};

// A labelled workshop as read from its directory.
struct Set {
  std::string dir, label;  // label: "origine", "nouveau" or "réservé"
  std::vector<Company> companies;
  std::vector<Card> cards;
  std::vector<Pair> expected, negatives;
  std::vector<std::string> problems;  // what --validate reports; scoring needs none
};

// Counts behind the figures, so that sets of one class can be pooled.
struct Counts {
  std::size_t strong = 0, strong_hit = 0, weak = 0, weak_hit = 0;
  std::size_t negatives = 0, negatives_shown = 0;
  std::size_t cards_with_partner = 0, first_right = 0;
  double np5_sum = 0;
  // The older measures.
  std::size_t expected = 0, expected_found = 0, top_entries = 0, top_right = 0;
  std::size_t negatives_rejected = 0, shown = 0;

  Counts& operator+=(const Counts& o) {
    strong += o.strong, strong_hit += o.strong_hit, weak += o.weak, weak_hit += o.weak_hit;
    negatives += o.negatives, negatives_shown += o.negatives_shown;
    cards_with_partner += o.cards_with_partner, first_right += o.first_right;
    np5_sum += o.np5_sum;
    expected += o.expected, expected_found += o.expected_found;
    top_entries += o.top_entries, top_right += o.top_right;
    negatives_rejected += o.negatives_rejected, shown += o.shown;
    return *this;
  }
};

double Share(std::size_t part, std::size_t whole, double if_empty = 1) {
  return whole ? static_cast<double>(part) / static_cast<double>(whole) : if_empty;
}
double StrongRecall(const Counts& c) { return Share(c.strong_hit, c.strong); }
double WeakRecall(const Counts& c) { return Share(c.weak_hit, c.weak); }
double FalsePositives(const Counts& c) { return Share(c.negatives_shown, c.negatives, 0); }
double PrecisionAt1(const Counts& c) { return Share(c.first_right, c.cards_with_partner, 0); }
double NPrecisionAt5(const Counts& c) {
  return c.cards_with_partner ? c.np5_sum / static_cast<double>(c.cards_with_partner) : 0;
}
double Recall(const Counts& c) { return Share(c.expected_found, c.expected); }
double PrecisionAt5(const Counts& c) { return Share(c.top_right, c.top_entries, 0); }
double NegativesRejected(const Counts& c) { return Share(c.negatives_rejected, c.negatives); }

bool ReadFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

std::string Text(const boost::json::object& o, const char* field) {
  const auto* v = o.if_contains(field);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// One pair per line; a malformed line is a problem of the set, named by file and line.
std::vector<Pair> ReadPairs(const std::string& path, std::vector<std::string>& problems) {
  std::vector<Pair> out;
  std::string text;
  if (!ReadFile(path, text)) {
    problems.push_back(path + " : impossible de lire le fichier");
    return out;
  }
  std::istringstream lines(text);
  std::string line;
  for (std::size_t n = 1; std::getline(lines, line); ++n) {
    if (line.find_first_not_of(" \r\t") == std::string::npos) continue;
    const std::string where = path + ":" + std::to_string(n) + " : ";
    boost::system::error_code ec;
    const auto v = boost::json::parse(line, ec);
    if (ec || !v.is_object()) {
      problems.push_back(where + "JSON invalide");
      continue;
    }
    const auto& o = v.as_object();
    const auto* cards = o.if_contains("cards");
    if (!cards || !cards->is_array() || cards->as_array().size() != 2 ||
        !cards->as_array()[0].is_string() || !cards->as_array()[1].is_string()) {
      problems.push_back(where + "« cards » doit être une liste de deux identifiants");
      continue;
    }
    Pair p{std::string(cards->as_array()[0].as_string()),
           std::string(cards->as_array()[1].as_string()), Text(o, "kind"), Text(o, "strength"),
           Text(o, "topic")};
    if (p.note.empty()) p.note = Text(o, "why");
    out.push_back(std::move(p));
  }
  return out;
}

std::string LabelOf(const std::string& dir) {
  std::string d = dir;
  while (d.size() > 1 && d.back() == '/') d.pop_back();
  const auto slash = d.rfind('/');
  const std::string parent = slash == std::string::npos ? "" : d.substr(0, slash);
  const auto pslash = parent.rfind('/');
  const std::string parent_name = pslash == std::string::npos ? parent : parent.substr(pslash + 1);
  if (parent_name == "heldout") return "réservé";
  if (parent_name == "sets") return "nouveau";
  return "origine";
}

bool LoadSet(const std::string& dir, Set& set) {
  set.dir = dir;
  set.label = LabelOf(dir);
  const std::string companies_path = dir + "/companies.json";
  const std::string cards_path = dir + "/cards.json";
  std::string companies_text, cards_text;
  if (!ReadFile(companies_path, companies_text) || !ReadFile(cards_path, cards_text)) {
    set.problems.push_back(dir + " : companies.json ou cards.json illisible");
    return false;
  }
  auto companies = atelier::cli::ParseCompanies(companies_path, companies_text);
  auto cards = atelier::cli::ParseCards(cards_path, cards_text);
  for (const auto* e : {&companies.error, &cards.error}) {
    if (*e) set.problems.push_back((*e)->ToString());
  }
  if (!set.problems.empty()) return false;
  if (auto e = atelier::cli::CheckCompanies(cards_path, cards_text, companies.items, cards.items))
    set.problems.push_back(e->ToString());
  set.companies = std::move(companies.items);
  set.cards = std::move(cards.items);
  set.expected = ReadPairs(dir + "/expected.jsonl", set.problems);
  set.negatives = ReadPairs(dir + "/negatives.jsonl", set.problems);
  return true;
}

// What a set's files must hold before any figure is believed.
void Validate(Set& set) {
  std::set<std::string> company_ids;
  std::map<std::string, bool> ess;
  for (const auto& c : set.companies) {
    if (!company_ids.insert(c.id).second)
      set.problems.push_back(set.dir + " : entreprise en double « " + c.id + " »");
    ess[c.id] = c.ess;
  }
  std::map<std::string, const Card*> by_id;
  for (const auto& c : set.cards) {
    if (!by_id.emplace(c.id, &c).second)
      set.problems.push_back(set.dir + " : fiche en double « " + c.id + " »");
  }
  std::set<std::pair<std::string, std::string>> seen;
  auto key = [](const Pair& p) { return std::minmax(p.a, p.b); };
  auto check_cards = [&](const Pair& p, const std::string& file) {
    const std::string where = set.dir + "/" + file + " " + p.a + " " + p.b + " : ";
    for (const auto* id : {&p.a, &p.b}) {
      if (!by_id.count(*id)) set.problems.push_back(where + "fiche inconnue « " + *id + " »");
    }
    if (p.a == p.b) set.problems.push_back(where + "une fiche avec elle-même");
    return by_id.count(p.a) && by_id.count(p.b) && p.a != p.b;
  };
  for (const auto& p : set.expected) {
    const std::string where = set.dir + "/expected.jsonl " + p.a + " " + p.b + " : ";
    if (!check_cards(p, "expected.jsonl")) continue;
    if (!seen.insert(key(p)).second) set.problems.push_back(where + "paire en double");
    const Card& a = *by_id[p.a];
    const Card& b = *by_id[p.b];
    if (a.company_id == b.company_id) set.problems.push_back(where + "même entreprise");
    if (p.kind != "substitution" && p.kind != "mutualisation" && p.kind != "ess_bridge") {
      set.problems.push_back(where + "kind inconnu « " + p.kind + " »");
    } else if (a.kind == CardKind::kNeed && b.kind == CardKind::kNeed &&
               p.kind != "mutualisation") {
      set.problems.push_back(where + "deux besoins : seule une mutualisation est possible");
    } else if (p.kind == "ess_bridge" && ess[a.company_id] == ess[b.company_id]) {
      set.problems.push_back(where + "passerelle ESS entre deux structures du même côté");
    }
    if (!p.strength.empty() && p.strength != "strong" && p.strength != "weak")
      set.problems.push_back(where + "strength inconnue « " + p.strength + " »");
    if (set.label != "origine" && p.strength.empty())
      set.problems.push_back(where + "strength manquante");
  }
  std::set<std::pair<std::string, std::string>> negative_seen;
  for (const auto& p : set.negatives) {
    const std::string where = set.dir + "/negatives.jsonl " + p.a + " " + p.b + " : ";
    if (!check_cards(p, "negatives.jsonl")) continue;
    if (!negative_seen.insert(key(p)).second) set.problems.push_back(where + "paire en double");
    if (seen.count(key(p))) set.problems.push_back(where + "paire aussi attendue");
    if (p.note.empty()) set.problems.push_back(where + "raison (« why ») manquante");
  }
  if (set.label != "origine") {
    for (const char* f : {"/make_set.py", "/README.md"}) {
      std::string unused;
      if (!ReadFile(set.dir + f, unused)) set.problems.push_back(set.dir + f + " : manquant");
    }
  }
}

// Lower-case ASCII with French accents folded; any other byte becomes a separator.
std::string Fold(const std::string& text) {
  static const std::map<unsigned, const char*> kLatin = {
      {0xE0, "a"},  {0xE1, "a"}, {0xE2, "a"}, {0xE3, "a"}, {0xE4, "a"},  {0xE5, "a"},
      {0xE6, "ae"}, {0xE7, "c"}, {0xE8, "e"}, {0xE9, "e"}, {0xEA, "e"},  {0xEB, "e"},
      {0xEC, "i"},  {0xED, "i"}, {0xEE, "i"}, {0xEF, "i"}, {0xF1, "n"},  {0xF2, "o"},
      {0xF3, "o"},  {0xF4, "o"}, {0xF5, "o"}, {0xF6, "o"}, {0xF9, "u"},  {0xFA, "u"},
      {0xFB, "u"},  {0xFC, "u"}, {0xFD, "y"}, {0xFF, "y"}, {0x153, "oe"}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out.push_back(std::isalnum(c) ? static_cast<char>(std::tolower(c)) : ' ');
      ++i;
      continue;
    }
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    unsigned cp = 0;
    if (len == 2 && i + 1 < text.size()) {
      cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
      if (cp >= 0xC0 && cp <= 0xDE) cp += 0x20;  // upper-case Latin-1 letters
      if (cp == 0x152) cp = 0x153;               // Œ
    }
    const auto it = kLatin.find(cp);
    out += it != kLatin.end() ? it->second : " ";
    i += len;
  }
  return out;
}

// Words that say nothing about the resource: French function words and the phrases every card
// opens with (« besoin de », « cherche », « dispo »). Folded, four letters or more.
const std::set<std::string>& StopWords() {
  static const std::set<std::string> kWords = {
      "aussi",       "autre", "autres",   "avec",    "avoir",     "besoin",  "besoins",
      "cela",        "celle", "ceux",     "cette",   "chaque",    "chez",    "cherche",
      "cherchons",   "comme", "dans",     "deja",    "depuis",    "dispo",   "disponible",
      "disponibles", "donc",  "donner",   "elle",    "elles",     "encore",  "entre",
      "environ",     "etre",  "faire",    "fait",    "leur",      "leurs",   "mais",
      "meme",        "moins", "notre",    "nous",    "offre",     "offrons", "pour",
      "peut",        "plus",  "possible", "propose", "proposons", "quand",   "recherche",
      "recherchons", "sans",  "sont",     "sous",    "tous",      "tout",    "toute",
      "toutes",      "tres",  "votre",    "vous"};
  return kWords;
}

// Words of a card for the baseline: folded, runs of letters, four letters or more, stop words
// out. Digits separate words: « R489 » gives nothing, « 1000L » gives nothing.
std::set<std::string> BaselineWords(const std::string& text) {
  std::set<std::string> out;
  std::string w;
  for (char ch : Fold(text) + " ") {
    if (ch >= 'a' && ch <= 'z') {
      w.push_back(ch);
      continue;
    }
    if (w.size() >= 4 && !StopWords().count(w)) out.insert(w);
    w.clear();
  }
  return out;
}

// The baseline a spreadsheet user would build: cards of two companies that share a word match
// (offer/need -> substitution, or ESS bridge across the ESS line; need/need -> mutualisation;
// offer/offer never). Ranked by the number of shared words, ties by Jaccard overlap.
std::vector<Match> Baseline(const std::vector<Company>& companies, const std::vector<Card>& cards) {
  std::map<std::string, bool> ess;
  for (const auto& c : companies) ess[c.id] = c.ess;
  std::vector<std::set<std::string>> words(cards.size());
  for (std::size_t i = 0; i < cards.size(); ++i) words[i] = BaselineWords(cards[i].text);
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
      m.company_ids = {a.company_id, b.company_id};
      m.key = a.id + "|" + b.id;
      const double jaccard = static_cast<double>(shared) /
                             static_cast<double>(words[i].size() + words[j].size() - shared);
      m.score = static_cast<double>(shared) + 0.5 * jaccard;  // 0.5 keeps counts apart
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

bool Right(const Match& m, const std::string& partner, const std::string& kind) {
  return atelier::match::SynergyKindId(m.kind) == kind && Contains(m, partner);
}

Counts Score(const std::string& name, const std::vector<Match>& matches, const Set& set,
             bool verbose) {
  Counts c;
  c.shown = matches.size();
  std::map<std::string, std::vector<const Match*>> by_card, top;
  for (const auto& m : matches) {
    for (const auto& id : m.card_ids) by_card[id].push_back(&m);
  }
  for (auto& [id, list] : by_card) {
    auto& best = top[id];
    best = list;
    std::sort(best.begin(), best.end(), [](const Match* x, const Match* y) {
      return x->score != y->score ? x->score > y->score : x->key < y->key;
    });
    if (best.size() > kTop) best.resize(kTop);
  }
  auto in_top = [&](const std::string& card, const std::string& partner, const std::string* kind) {
    const auto it = top.find(card);
    if (it == top.end()) return false;
    return std::any_of(it->second.begin(), it->second.end(), [&](const Match* m) {
      return kind ? Right(*m, partner, *kind) : Contains(*m, partner);
    });
  };

  for (const auto& e : set.expected) {
    const bool weak = e.strength == "weak";
    const bool hit = in_top(e.a, e.b, &e.kind) || in_top(e.b, e.a, &e.kind);
    (weak ? c.weak : c.strong) += 1;
    (weak ? c.weak_hit : c.strong_hit) += hit;
    bool anywhere = false;
    for (const Match* m : by_card[e.a]) anywhere = anywhere || Right(*m, e.b, e.kind);
    c.expected += 1;
    c.expected_found += anywhere;
    if (!hit && verbose)
      std::cout << "  [" << name << "] manqué (" << (weak ? "faible" : "fort")
                << (anywhere ? ", hors top 5" : "") << ") " << e.a << " " << e.b << " " << e.kind
                << " (" << e.note << ")\n";
  }

  std::map<std::string, std::vector<std::pair<std::string, std::string>>> partners;
  for (const auto& e : set.expected) {
    partners[e.a].emplace_back(e.b, e.kind);
    partners[e.b].emplace_back(e.a, e.kind);
  }
  for (const auto& card : set.cards) {
    const auto& mine = partners[card.id];
    const auto it = top.find(card.id);
    const std::vector<const Match*> none;
    const auto& list = it == top.end() ? none : it->second;
    auto right = [&](const Match* m) {
      return std::any_of(mine.begin(), mine.end(),
                         [&](const auto& pk) { return Right(*m, pk.first, pk.second); });
    };
    std::size_t hits = 0;
    for (const Match* m : list) hits += right(m);
    c.top_entries += list.size();
    c.top_right += hits;
    if (!mine.empty()) {
      std::set<std::string> distinct;
      for (const auto& pk : mine) distinct.insert(pk.first);
      c.cards_with_partner += 1;
      c.first_right += !list.empty() && right(list.front());
      c.np5_sum += std::min(
          1.0, static_cast<double>(hits) / static_cast<double>(std::min(kTop, distinct.size())));
    }
  }

  for (const auto& n : set.negatives) {
    const bool shown_top = in_top(n.a, n.b, nullptr) || in_top(n.b, n.a, nullptr);
    bool together = false;
    for (const Match* m : by_card[n.a]) together = together || Contains(*m, n.b);
    c.negatives += 1;
    c.negatives_shown += shown_top;
    c.negatives_rejected += !together;
    if (shown_top && verbose)
      std::cout << "  [" << name << "] négatif accepté " << n.a << " " << n.b << " (" << n.note
                << ")\n";
  }
  return c;
}

// `text` padded with spaces to `width` characters (printf pads UTF-8 by bytes).
std::string Pad(const std::string& text, std::size_t width) {
  std::size_t chars = 0;
  for (char ch : text) chars += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return text + std::string(chars < width ? width - chars : 0, ' ');
}

void PrintTable(const Counts& e, const Counts& b) {
  std::printf("  %s %9s %s\n", Pad("protocole top 5", 34).c_str(), "moteur", "mots-clés");
  auto row = [](const char* name, double x, double y) {
    std::printf("  %s %9.3f %9.3f\n", Pad(name, 34).c_str(), x, y);
  };
  row("rappel fort", StrongRecall(e), StrongRecall(b));
  if (e.weak) {
    row("rappel faible", WeakRecall(e), WeakRecall(b));
  } else {
    std::printf("  %s %9s %9s\n", Pad("rappel faible", 34).c_str(), "-", "-");
  }
  row("FP sur négatifs (plus bas = mieux)", FalsePositives(e), FalsePositives(b));
  row("P@1", PrecisionAt1(e), PrecisionAt1(b));
  row("nP@5", NPrecisionAt5(e), NPrecisionAt5(b));
  std::printf("  %s\n", "mesures historiques");
  row("rappel (toute synergie affichée)", Recall(e), Recall(b));
  row("précision@5", PrecisionAt5(e), PrecisionAt5(b));
  row("négatifs rejetés", NegativesRejected(e), NegativesRejected(b));
  std::printf("  %s %9zu %9zu\n", Pad("synergies affichées", 34).c_str(), e.shown, b.shown);
}

std::string Line(const Counts& c) {
  char buf[200];
  char weak[16] = "  -  ";
  if (c.weak) std::snprintf(weak, sizeof weak, "%.3f", WeakRecall(c));
  std::snprintf(buf, sizeof buf, "fort %.3f  faible %s  FP %.3f  P@1 %.3f  nP@5 %.3f",
                StrongRecall(c), weak, FalsePositives(c), PrecisionAt1(c), NPrecisionAt5(c));
  return buf;
}

// --diagnose: why the engine misses a strong pair or shows a negative: each card's concepts and
// items as read, then the scorer's verdict (text similarity, veto, score). Never on heldout/.
void Diagnose(const Set& s, const atelier::match::Engine& engine) {
  using atelier::match::CardKind;
  const auto& lexicon = atelier::match::Lexicon::Default();
  const atelier::match::Scorer scorer(lexicon, atelier::match::MatchOptions{});
  std::map<std::string, const Company*> company;
  for (const auto& c : s.companies) company[c.id] = &c;
  auto describe = [&](const std::string& id) {
    const auto* p = engine.Profile(id);
    if (!p) return;
    std::printf("    %s %s [%s]%s%s%s : %s\n", id.c_str(),
                p->card.kind == CardKind::kOffer ? "offre" : "besoin",
                std::string(atelier::match::CategoryId(p->category)).c_str(),
                p->collector ? " collecteur" : "", p->taker ? " repreneur" : "",
                p->hazardous ? " dangereux" : "", p->card.text.c_str());
    std::string concepts;
    for (const auto& c : p->concepts) {
      char w[32];
      std::snprintf(w, sizeof w, "%.2f", c.weight);
      concepts += " " + lexicon.ConceptAt(c.concept_index).id + "(" + c.term + "," + w + ")";
    }
    std::string residual;
    for (const auto& r : p->residual) residual += " " + r;
    std::printf("      concepts :%s | mots libres :%s | items %zu, routes %zu/%zu\n",
                concepts.c_str(), residual.c_str(), p->items.size(), p->route_sources.size(),
                p->route_outlets.size());
  };
  auto verdict = [&](const std::string& a, const std::string& b) {
    const auto* pa = engine.Profile(a);
    const auto* pb = engine.Profile(b);
    if (!pa || !pb) return;
    const bool a_offer = pa->card.kind == CardKind::kOffer;
    const auto* offer = a_offer || pb->card.kind != CardKind::kOffer ? pa : pb;
    const auto* need = offer == pa ? pb : pa;
    if (offer->card.kind == CardKind::kOffer && need->card.kind == CardKind::kOffer &&
        atelier::match::Scorer::Collects(*offer, company[offer->card.company_id]))
      std::swap(offer, need);
    const auto sim =
        scorer.Compare(*offer, *need, true,
                       offer->card.kind == CardKind::kOffer && need->card.kind == CardKind::kOffer);
    std::string veto;
    const auto m = scorer.Pair(*pa, company[pa->card.company_id], *pb, company[pb->card.company_id],
                               true, &veto);
    const std::string outcome =
        m ? "score " + std::to_string(m->score) + " " + atelier::match::SynergyKindId(m->kind)
          : (veto.empty() ? std::string("rien") : "rejet : " + veto);
    std::printf("      texte %.3f%s%s « %s » -> %s\n", sim.value, sim.lexical ? " (plancher)" : "",
                sim.vetoed ? " VETO" : "", sim.reason.c_str(), outcome.c_str());
    if (m) {
      for (const auto& r : m->reasons) std::printf("        %s\n", r.c_str());
    }
  };
  const auto matches = engine.All();
  std::map<std::string, std::vector<const Match*>> by_card;
  for (const auto& m : matches) {
    for (const auto& id : m.card_ids) by_card[id].push_back(&m);
  }
  auto top = [&](const std::string& id) {
    auto list = by_card[id];
    std::sort(list.begin(), list.end(), [](const Match* x, const Match* y) {
      return x->score != y->score ? x->score > y->score : x->key < y->key;
    });
    if (list.size() > kTop) list.resize(kTop);
    return list;
  };
  auto in_top = [&](const std::string& id, const std::string& partner, const std::string* kind) {
    for (const Match* m : top(id)) {
      if (kind ? Right(*m, partner, *kind) : Contains(*m, partner)) return true;
    }
    return false;
  };
  // The keyword baseline's top 5, to tell the misses it finds.
  const auto base = Baseline(s.companies, s.cards);
  std::map<std::string, std::vector<const Match*>> base_by_card;
  for (const auto& m : base) {
    for (const auto& id : m.card_ids) base_by_card[id].push_back(&m);
  }
  auto base_top = [&](const std::string& a, const std::string& b, const std::string& kind) {
    for (const std::string* id : {&a, &b}) {
      auto list = base_by_card[*id];
      std::sort(list.begin(), list.end(), [](const Match* x, const Match* y) {
        return x->score != y->score ? x->score > y->score : x->key < y->key;
      });
      if (list.size() > kTop) list.resize(kTop);
      for (const Match* m : list) {
        if (Right(*m, id == &a ? b : a, kind)) return true;
      }
    }
    return false;
  };
  for (const auto& e : s.expected) {
    if (e.strength == "weak" || in_top(e.a, e.b, &e.kind) || in_top(e.b, e.a, &e.kind)) continue;
    std::printf("  manqué %s %s %s (%s)%s\n", e.a.c_str(), e.b.c_str(), e.kind.c_str(),
                e.note.c_str(), base_top(e.a, e.b, e.kind) ? " [trouvé par mots-clés]" : "");
    describe(e.a);
    describe(e.b);
    verdict(e.a, e.b);
  }
  for (const auto& n : s.negatives) {
    if (!in_top(n.a, n.b, nullptr) && !in_top(n.b, n.a, nullptr)) continue;
    std::printf("  négatif accepté %s %s (%s)\n", n.a.c_str(), n.b.c_str(), n.note.c_str());
    describe(n.a);
    describe(n.b);
    verdict(n.a, n.b);
  }
}

}  // namespace

int main(int argc, char** argv) {
  bool check = false, verbose = false, dump = false, validate = false, diagnose = false;
  std::vector<std::string> dirs;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--check") {
      check = true;
    } else if (a == "--verbose") {
      verbose = true;
    } else if (a == "--dump") {
      dump = true;
    } else if (a == "--validate") {
      validate = true;
    } else if (a == "--diagnose") {
      diagnose = true;
    } else if (!a.empty() && a[0] == '-') {
      std::cerr
          << "usage : match_eval [--check|--validate|--dump|--diagnose] [--verbose] DOSSIER...\n";
      return 2;
    } else {
      dirs.push_back(a);
    }
  }
  if (dirs.empty()) dirs.push_back(".");

  std::vector<Set> sets(dirs.size());
  bool loaded = true;
  for (std::size_t i = 0; i < dirs.size(); ++i) loaded = LoadSet(dirs[i], sets[i]) && loaded;
  if (validate) {
    std::size_t problems = 0;
    for (auto& s : sets) {
      if (s.problems.empty()) Validate(s);
      for (const auto& p : s.problems) std::cout << p << "\n";
      problems += s.problems.size();
      std::printf("%s (%s) : %zu entreprises, %zu fiches, %zu attendues, %zu négatifs, %s\n",
                  s.dir.c_str(), s.label.c_str(), s.companies.size(), s.cards.size(),
                  s.expected.size(), s.negatives.size(),
                  s.problems.empty() ? "valide" : "INVALIDE");
    }
    return problems ? 1 : 0;
  }
  for (const auto& s : sets) {
    for (const auto& p : s.problems) std::cerr << p << "\n";
  }
  if (!loaded) return 2;

  std::map<std::string, std::pair<Counts, Counts>> by_label;
  std::map<std::string, std::size_t> sets_of_label;
  bool ok = true;
  for (const auto& s : sets) {
    atelier::match::Engine engine;
    for (const auto& c : s.companies) engine.UpsertCompany(c);
    for (const auto& c : s.cards) engine.Add(c);
    const auto engine_matches = engine.All();
    if (dump) {
      // Every shown match with its reasons, to diff two versions of the engine.
      for (const auto& m : engine_matches) {
        std::printf("%s %.3f%s\n", m.key.c_str(), m.score, m.hazardous ? " hazardous" : "");
        for (const auto& r : m.reasons) std::printf("  %s\n", r.c_str());
      }
      continue;
    }
    if (diagnose) {
      if (s.label == "réservé") {
        std::printf("== %s : réservé, pas de diagnostic\n", s.dir.c_str());
        continue;
      }
      std::printf("== %s\n", s.dir.c_str());
      Diagnose(s, engine);
      continue;
    }
    std::size_t strong = 0;
    for (const auto& p : s.expected) strong += p.strength != "weak";
    std::printf(
        "== %s (%s) : %zu entreprises, %zu fiches, %zu synergies attendues (%zu fortes), "
        "%zu négatifs\n",
        s.dir.c_str(), s.label.c_str(), s.companies.size(), s.cards.size(), s.expected.size(),
        strong, s.negatives.size());
    const Counts e = Score("moteur", engine_matches, s, verbose);
    const Counts b = Score("base", Baseline(s.companies, s.cards), s, false);
    PrintTable(e, b);
    by_label[s.label].first += e;
    by_label[s.label].second += b;
    sets_of_label[s.label] += 1;
    if (check && s.label == "origine") {
      const bool set_ok = Recall(e) >= kMinRecall && PrecisionAt5(e) >= kMinPrecisionAt5 &&
                          NegativesRejected(e) >= kMinNegativesRejected;
      std::printf("  objectifs (rappel >= %.2f, précision@5 >= %.2f, négatifs >= %.2f) : %s\n",
                  kMinRecall, kMinPrecisionAt5, kMinNegativesRejected,
                  set_ok ? "atteints" : "MANQUÉS");
      ok = ok && set_ok;
    }
  }
  if (dump || diagnose) return 0;
  if (const auto it = by_label.find("nouveau"); check && it != by_label.end()) {
    const Counts& e = it->second.first;
    const Counts& b = it->second.second;
    const bool new_ok = StrongRecall(e) >= StrongRecall(b) + kNewSetsMargin &&
                        FalsePositives(e) <= FalsePositives(b);
    std::printf("== nouveaux jeux : rappel fort %.3f (mots-clés %.3f, marge %.2f exigée), FP %.3f "
                "(mots-clés %.3f) : %s\n",
                StrongRecall(e), StrongRecall(b), kNewSetsMargin, FalsePositives(e),
                FalsePositives(b), new_ok ? "atteints" : "MANQUÉS");
    ok = ok && new_ok;
  }
  if (sets.size() > 1) {
    std::printf("== par type de jeu (paires, négatifs et fiches mis en commun)\n");
    for (const char* label : {"origine", "nouveau", "réservé"}) {
      const auto it = by_label.find(label);
      if (it == by_label.end()) continue;
      const std::string name =
          Pad(std::string(label) + " (" + std::to_string(sets_of_label[label]) + ")", 12);
      std::printf("  %s moteur    : %s\n", name.c_str(), Line(it->second.first).c_str());
      std::printf("  %s mots-clés : %s\n", name.c_str(), Line(it->second.second).c_str());
    }
  }
  return ok ? 0 : 1;
}
