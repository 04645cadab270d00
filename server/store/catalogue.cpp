#include "server/store/catalogue.hpp"

#include <algorithm>
#include <cctype>

namespace atelier::store {

namespace {

// Folds the common French accented letters (UTF-8) to ASCII, lower case, so
// that typed words compare like the unicode61 tokenizer's terms.
std::string Fold(const std::string& s) {
  static const std::pair<const char*, char> kFolds[] = {
      {"à", 'a'}, {"â", 'a'}, {"ä", 'a'}, {"á", 'a'}, {"é", 'e'}, {"è", 'e'},
      {"ê", 'e'}, {"ë", 'e'}, {"î", 'i'}, {"ï", 'i'}, {"í", 'i'}, {"ô", 'o'},
      {"ö", 'o'}, {"ó", 'o'}, {"ù", 'u'}, {"û", 'u'}, {"ü", 'u'}, {"ú", 'u'},
      {"ç", 'c'}, {"ÿ", 'y'}, {"À", 'a'}, {"Â", 'a'}, {"É", 'e'}, {"È", 'e'},
      {"Ê", 'e'}, {"Î", 'i'}, {"Ô", 'o'}, {"Û", 'u'}, {"Ç", 'c'}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(std::tolower(c));
      ++i;
      continue;
    }
    bool folded = false;
    for (const auto& [from, to] : kFolds) {
      size_t n = std::char_traits<char>::length(from);
      if (s.compare(i, n, from) == 0) {
        out += to;
        i += n;
        folded = true;
        break;
      }
    }
    if (!folded) {
      out += s[i];
      ++i;
    }
  }
  return out;
}

std::string Quote(const std::string& term) { return "\"" + term + "\""; }

}  // namespace

namespace {

std::vector<std::string> Words(const std::string& query, bool drop_plurals) {
  std::string folded = Fold(query);
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    // "palettes" and "palette" are one word; "bois" stays "bois".
    if (drop_plurals && word.size() > 3 && (word.back() == 's' || word.back() == 'x') &&
        word[word.size() - 2] != 's') {
      word.pop_back();
    }
    if (!word.empty()) words.push_back(word);
    word.clear();
  };
  for (char ch : folded) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) {
      word += ch;
    } else {
      flush();
    }
  }
  flush();
  if (words.size() > 12) words.resize(12);
  return words;
}

}  // namespace

std::vector<std::string> CatalogueWords(const std::string& query) { return Words(query, true); }

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

Catalogue::Catalogue(const std::string& db_path, WordExpander expander)
    : db_(db_path, Database::Durability::kNormal),
      expander_(std::move(expander)),
      thread_([this] { Run(); }) {}

Catalogue::~Catalogue() { Stop(); }

void Catalogue::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Catalogue::Run() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();
  }
}

void Catalogue::Search(std::string territory, std::string query, int limit,
                       std::function<void(CatalogueResult)> done) {
  {
    std::lock_guard lock(mu_);
    jobs_.push_back([this, territory = std::move(territory), query = std::move(query), limit,
                     done = std::move(done)] { done(SearchNow(territory, query, limit)); });
  }
  cv_.notify_one();
}

void Catalogue::Workshops(std::string territory,
                          std::function<void(std::vector<std::vector<std::string>>)> done) {
  {
    std::lock_guard lock(mu_);
    jobs_.push_back([this, territory = std::move(territory), done = std::move(done)] {
      std::vector<std::vector<std::string>> rows;
      Statement s = db_.Prepare(
          "SELECT workshop_id, title, date, status FROM workshop_info WHERE territory=? "
          "ORDER BY date, workshop_id");
      s.Bind(1, territory);
      while (s.Step()) {
        rows.push_back(
            {s.ColumnText(0), s.ColumnText(1), s.ColumnText(2), std::to_string(s.ColumnInt(3))});
      }
      done(std::move(rows));
    });
  }
  cv_.notify_one();
}

void Catalogue::EarlierCards(std::string territory, std::string except_workshop, int limit,
                             std::function<void(std::vector<EarlierCardRow>)> done) {
  {
    std::lock_guard lock(mu_);
    jobs_.push_back([this, territory = std::move(territory),
                     except_workshop = std::move(except_workshop), limit, done = std::move(done)] {
      done(EarlierCardsNow(territory, except_workshop, limit));
    });
  }
  cv_.notify_one();
}

std::vector<EarlierCardRow> Catalogue::EarlierCardsNow(const std::string& territory,
                                                       const std::string& except_workshop,
                                                       int limit) {
  std::vector<EarlierCardRow> rows;
  if (territory.empty() || limit <= 0) return rows;
  Statement s = db_.Prepare(
      "SELECT c.workshop_id, w.title, w.date, coalesce(co.name, ''), coalesce(co.ess, 0), "
      "c.card FROM catalogue_cards c JOIN workshop_info w ON w.workshop_id = c.workshop_id "
      "LEFT JOIN companies co ON co.workshop_id = c.workshop_id AND co.id = c.company_id "
      "WHERE w.territory = ? AND c.workshop_id <> ? AND c.card IS NOT NULL "
      "ORDER BY c.posted_at_ms DESC, c.rowid DESC LIMIT ?");
  s.Bind(1, territory).Bind(2, except_workshop).Bind(3, int64_t{limit});
  while (s.Step()) {
    EarlierCardRow row;
    std::string_view blob = s.ColumnBlob(5);
    if (!row.card.ParseFromArray(blob.data(), static_cast<int>(blob.size()))) continue;
    row.workshop_id = s.ColumnText(0);
    row.workshop_title = s.ColumnText(1);
    row.workshop_date = s.ColumnText(2);
    row.company_name = s.ColumnText(3);
    row.company_ess = s.ColumnInt(4) != 0;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<FeedbackRow> Catalogue::TerritoryFeedbackNow(const std::string& territory,
                                                         const std::string& except_workshop) {
  std::vector<FeedbackRow> rows;
  if (territory.empty()) return rows;
  // A workshop counts once per evidence: validated if it validated one such suggestion,
  // rejected if it only rejected them.
  Statement s = db_.Prepare(
      "SELECT evidence, sum(up), sum(1 - up) FROM ("
      "  SELECT f.workshop_id, f.evidence, max(f.verdict > 0) AS up FROM match_feedback f "
      "  JOIN workshop_info w ON w.workshop_id = f.workshop_id "
      "  WHERE w.territory = ? AND f.workshop_id <> ? GROUP BY f.workshop_id, f.evidence) "
      "GROUP BY evidence ORDER BY evidence");
  s.Bind(1, territory).Bind(2, except_workshop);
  while (s.Step()) {
    rows.push_back(
        {s.ColumnText(0), static_cast<int>(s.ColumnInt(1)), static_cast<int>(s.ColumnInt(2))});
  }
  return rows;
}

// The FTS5 expression for one typed word: itself as a prefix, its lexicon
// expansions, or, if the catalogue has no term starting with it, the terms
// within a small edit distance (typos such as "palletes", "carton" / "cartton").
std::string Catalogue::TermFor(const std::string& word, const std::string& typed) {
  std::vector<std::string> alternatives = {Quote(word) + "*"};
  if (expander_) {
    // The lexicon reads the word as typed (folded): it strips plurals its own
    // way, and "GRVS" is not "GRV".
    for (const auto& w : expander_(typed)) {
      // A term of several words ("chariot élévateur") is those words close
      // together, each as a prefix (so that plurals match too).
      std::vector<std::string> parts = CatalogueWords(w);
      if (parts.empty()) continue;
      std::string alternative;
      if (parts.size() == 1) {
        alternative = Quote(parts[0]) + "*";
      } else {
        alternative = "NEAR(";
        for (size_t i = 0; i < parts.size(); ++i) {
          alternative += (i ? " " : "") + Quote(parts[i]) + "*";
        }
        alternative += ", " + std::to_string(parts.size() + 1) + ")";
      }
      if (std::find(alternatives.begin(), alternatives.end(), alternative) == alternatives.end()) {
        alternatives.push_back(std::move(alternative));
      }
      if (alternatives.size() > 24) break;
    }
  }
  Statement prefix = db_.Prepare(
      "SELECT 1 FROM catalogue_terms WHERE term >= ? AND term < ? "
      "LIMIT 1");
  prefix.Bind(1, word).Bind(2, word + "\xff");
  if (!prefix.Step() && word.size() >= 4) {
    // Terms sharing the first letter, at most 1 edit away (2 for long words).
    size_t max_distance = word.size() >= 7 ? 2 : 1;
    Statement near = db_.Prepare("SELECT term FROM catalogue_terms WHERE term >= ? AND term < ?");
    std::string first = word.substr(0, 1);
    near.Bind(1, first).Bind(2, first + "\xff");
    const size_t before = alternatives.size();
    while (near.Step()) {
      std::string term = near.ColumnText(0);
      // Compare against the term without its plural, as the word was.
      std::string stem = term;
      if (stem.size() > 3 && (stem.back() == 's' || stem.back() == 'x')) stem.pop_back();
      if (EditDistance(word, stem) <= max_distance) alternatives.push_back(Quote(term));
      if (alternatives.size() - before > 20) break;
    }
  }
  if (alternatives.size() == 1) return alternatives[0];
  std::string out = "(";
  for (size_t i = 0; i < alternatives.size(); ++i) out += (i ? " OR " : "") + alternatives[i];
  return out + ")";
}

void Catalogue::IndexPending() {
  // The writer indexes in bulk a little behind the events; a search does not
  // wait for it. Rare and short: the write lock is the writer's only briefly.
  bool pending = false;
  {
    Statement s = db_.Prepare("SELECT EXISTS(SELECT 1 FROM catalogue_pending)");
    pending = s.Step() && s.ColumnInt(0) != 0;
  }
  if (!pending || !db_.Exec("BEGIN IMMEDIATE").ok()) return;
  if (IndexPendingCatalogue(db_).ok() && db_.Exec("COMMIT").ok()) return;
  db_.Exec("ROLLBACK");
}

CatalogueResult Catalogue::SearchNow(const std::string& territory, const std::string& query,
                                     int limit) {
  CatalogueResult result;
  IndexPending();
  std::vector<std::string> words = CatalogueWords(query);
  std::vector<std::string> typed = Words(query, false);
  limit = std::clamp(limit, 1, 500);
  std::string sql =
      "SELECT c.workshop_id, w.title, w.date, c.card_id, c.company_id, f.company, c.kind, "
      "c.category, f.text, f.waste_code, c.posted_at_ms, ";
  if (words.empty()) {
    // No words: the territory's latest cards.
    sql +=
        "0 FROM catalogue_cards c JOIN catalogue_fts f ON f.rowid = c.rowid "
        "JOIN workshop_info w ON w.workshop_id = c.workshop_id "
        "WHERE w.territory = ? ORDER BY c.posted_at_ms DESC LIMIT ?";
  } else {
    for (size_t i = 0; i < words.size(); ++i) {
      if (!result.fts_query.empty()) result.fts_query += " AND ";
      result.fts_query += TermFor(words[i], typed[i]);
    }
    sql +=
        "bm25(catalogue_fts) AS r FROM catalogue_fts f "
        "JOIN catalogue_cards c ON c.rowid = f.rowid "
        "JOIN workshop_info w ON w.workshop_id = c.workshop_id "
        "WHERE catalogue_fts MATCH ? AND w.territory = ? ORDER BY r LIMIT ?";
  }
  Statement s = db_.Prepare(sql);
  int i = 1;
  if (!words.empty()) s.Bind(i++, result.fts_query);
  s.Bind(i, territory);
  s.Bind(i + 1, int64_t{limit});
  while (s.Step()) {
    CatalogueHit hit;
    hit.workshop_id = s.ColumnText(0);
    hit.workshop_title = s.ColumnText(1);
    hit.workshop_date = s.ColumnText(2);
    hit.card_id = s.ColumnText(3);
    hit.company_id = s.ColumnText(4);
    hit.company = s.ColumnText(5);
    hit.kind = s.ColumnText(6);
    hit.category = s.ColumnText(7);
    hit.text = s.ColumnText(8);
    hit.waste_code = s.ColumnText(9);
    hit.posted_at_ms = s.ColumnInt(10);
    result.hits.push_back(std::move(hit));
  }
  result.status = s.status();
  return result;
}

}  // namespace atelier::store
