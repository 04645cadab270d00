// Fuzz target: the matching engine fed cards and companies with arbitrary text (any
// bytes, not only UTF-8: the engine reads what import files and old logs hold). Checks,
// beyond the sanitizers: every match names live cards and has a score in [0, 1]; the
// delta of each call agrees with All(); removing every card leaves no match.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "server/match/engine.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using atelier::match::Card;
using atelier::match::CardKind;
using atelier::match::Company;
using atelier::match::Engine;
using atelier::match::Match;
using atelier::match::MatchDelta;

const char* kCategories[] = {"",       "matiere",    "dechet",  "energie", "eau",   "equipement",
                             "espace", "logistique", "service", "rh",      "achat", "formation"};

void CheckMatch(const Match& m, const std::set<std::string>& live) {
  ATELIER_FUZZ_CHECK(!m.key.empty());
  ATELIER_FUZZ_CHECK(m.card_ids.size() >= 2);
  for (const auto& id : m.card_ids) ATELIER_FUZZ_CHECK(live.count(id) == 1);
  ATELIER_FUZZ_CHECK(std::isfinite(m.score) && m.score >= 0 && m.score <= 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Engine engine;
  std::set<std::string> live;
  std::map<std::string, Match> shown;  // what the deltas say is on the board
  int next = 0;
  auto apply = [&](const MatchDelta& d) {
    for (const auto& key : d.removed_keys) shown.erase(key);
    for (const auto& m : d.upserted) {
      CheckMatch(m, live);
      shown[m.key] = m;
    }
  };
  for (const auto& record : atelier::fuzz::Records(data, size, 48)) {
    const uint8_t op = record.selector;
    const std::string text(record.payload);
    if (op % 8 == 7) {
      Company c;
      c.id = "co" + std::to_string(op % 4);
      c.name = text;
      c.zone = text.substr(0, 8);
      c.ess = (op & 0x10) != 0;
      if (op & 0x20) {
        c.lat = 48.0 + (op % 7) * 0.01;
        c.lon = -1.6 + (op % 5) * 0.01;
      }
      apply(engine.UpsertCompany(c));
    } else if (op % 8 == 6 && !live.empty()) {
      std::string id = *std::next(live.begin(), static_cast<long>(op % live.size()));
      live.erase(id);
      apply(engine.Remove(id));
    } else {
      Card card;
      bool update = op % 8 == 5 && !live.empty();
      card.id = update ? *std::next(live.begin(), static_cast<long>(op % live.size()))
                       : "k" + std::to_string(next++);
      card.company_id = "co" + std::to_string(op % 4);
      card.kind = (op & 1) ? CardKind::kNeed : CardKind::kOffer;
      card.category = kCategories[(op >> 1) % std::size(kCategories)];
      card.text = text;
      if (op & 0x40) card.quantity = static_cast<double>(op) / 3.0;
      if (op & 0x80) card.months = {1 + op % 12, 1 + (op / 12) % 12};
      card.availability = text.size() > 4 ? text.substr(text.size() / 2) : "";
      live.insert(card.id);
      apply(update ? engine.Update(card) : engine.Add(card));
    }
  }
  std::map<std::string, Match> all;
  for (const Match& m : engine.All()) {
    CheckMatch(m, live);
    all[m.key] = m;
  }
  ATELIER_FUZZ_CHECK(all.size() == shown.size());
  for (const auto& [key, m] : all) {
    auto it = shown.find(key);
    ATELIER_FUZZ_CHECK(it != shown.end());
    ATELIER_FUZZ_CHECK(it->second.card_ids == m.card_ids);
  }
  for (const auto& id : std::set<std::string>(live)) {
    live.erase(id);
    apply(engine.Remove(id));
  }
  ATELIER_FUZZ_CHECK(engine.All().empty());
  ATELIER_FUZZ_CHECK(shown.empty());
  return 0;
}
