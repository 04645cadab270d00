#pragma once
// Catalogue: searches the territory's catalogue of cards (every workshop) in
// the FTS5 projection of schema/002_catalogue.sql, on a thread of its own with
// its own read connection, so that no network thread waits on the disk.
// Thread-safe: Search() may be called from any thread; `done` runs on the
// catalogue's thread.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "atelier/v1/atelier.pb.h"
#include "server/store/event_store.hpp"
#include "server/store/sqlite.hpp"

namespace atelier::store {

struct CatalogueHit {
  std::string workshop_id;
  std::string workshop_title;
  std::string workshop_date;
  std::string card_id;
  std::string company_id;
  std::string company;
  std::string kind;  // offer | need
  std::string category;
  std::string text;
  std::string waste_code;
  int64_t posted_at_ms = 0;
};

struct CatalogueResult {
  Status status;
  std::string fts_query;  // what was asked of FTS5, after corrections
  std::vector<CatalogueHit> hits;
};

// A live card of another workshop of the territory, its latest version, for
// a workshop to match against.
struct EarlierCardRow {
  std::string workshop_id;
  std::string workshop_title;
  std::string workshop_date;
  std::string company_name;
  bool company_ess = false;
  v1::Card card;
};

// What the workshops of a territory said of one kind of suggestion (match_feedback):
// how many validated one, how many only rejected one.
struct FeedbackRow {
  std::string evidence;
  int validated = 0;
  int rejected = 0;
};

// The matching engine's lexicon plugs in here (server/app/matchers.hpp,
// LexiconExpander): given a word as typed (folded), other terms (synonyms,
// abbreviations) to search for as well. None by default.
using WordExpander = std::function<std::vector<std::string>(const std::string& word)>;

// Words of a typed query, lower-cased, accents folded, plural 's'/'x' dropped.
std::vector<std::string> CatalogueWords(const std::string& query);
// Levenshtein distance on bytes of two folded words.
size_t EditDistance(const std::string& a, const std::string& b);

class Catalogue {
 public:
  Catalogue(const std::string& db_path, WordExpander expander = {});
  ~Catalogue();
  Catalogue(const Catalogue&) = delete;
  Catalogue& operator=(const Catalogue&) = delete;

  // Cards of `territory` matching `query` (every word, as a prefix; a word
  // with no hit is replaced by the nearest terms of the catalogue), best first.
  void Search(std::string territory, std::string query, int limit,
              std::function<void(CatalogueResult)> done);
  // The workshops of a territory: {id, title, date}.
  void Workshops(std::string territory,
                 std::function<void(std::vector<std::vector<std::string>>)> done);
  // The live cards of the workshops of `territory` other than `except_workshop`,
  // the `limit` most recently posted, newest first. `done` runs on the
  // catalogue's thread, so that it may do slow work there too (building an
  // index) rather than on a network thread.
  void EarlierCards(std::string territory, std::string except_workshop, int limit,
                    std::function<void(std::vector<EarlierCardRow>)> done);
  // Runs the same search on the calling thread (tests, tools).
  CatalogueResult SearchNow(const std::string& territory, const std::string& query, int limit);
  std::vector<EarlierCardRow> EarlierCardsNow(const std::string& territory,
                                              const std::string& except_workshop, int limit);
  // The verdicts of the workshops of `territory` other than `except_workshop`, by evidence, on
  // the calling thread: from a job's `done` (EarlierCards), or tests and tools.
  std::vector<FeedbackRow> TerritoryFeedbackNow(const std::string& territory,
                                                const std::string& except_workshop);
  void Stop();

 private:
  void Run();
  // Indexes the cards the writer has not indexed yet, so a search sees every
  // committed card.
  void IndexPending();
  // `word` as CatalogueWords() has it; `typed` without the plural dropped.
  std::string TermFor(const std::string& word, const std::string& typed);

  Database db_;
  WordExpander expander_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;  // GUARDED_BY(mu_)
  bool stopping_ = false;                   // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace atelier::store
