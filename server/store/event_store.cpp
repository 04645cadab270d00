#include "server/store/event_store.hpp"

#include <filesystem>
#include <stdexcept>

#include "server/common/digest.hpp"
#include "server/common/log.hpp"
#include "server/store/backup.hpp"
#include "server/store/erasure.hpp"
#include "server/workshop/followup.hpp"

namespace atelier::store {

namespace {

// atelier_token_hash(text): digest::TokenHash, for the migration that hashes stored tokens.
void TokenHashFunction(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (argc != 1 || sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  std::string hash =
      digest::TokenHash(std::string_view(text, static_cast<size_t>(sqlite3_value_bytes(argv[0]))));
  sqlite3_result_text(ctx, hash.data(), static_cast<int>(hash.size()), SQLITE_TRANSIENT);
}

// Opens the database and applies migrations before statements are prepared
// against the tables they need.
Database& Migrated(Database& db, int* from_version) {
  sqlite3_create_function(db.handle(), "atelier_token_hash", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                          nullptr, TokenHashFunction, nullptr, nullptr);
  int version = 0;
  {
    Statement s(db.handle(), "PRAGMA user_version");
    if (s.Step()) version = static_cast<int>(s.ColumnInt(0));
  }
  int known = EmbeddedMigrations().empty() ? 0 : EmbeddedMigrations().back().version;
  if (version > known) {
    // Written by a newer Atelier: this one would misread it, or worse, write to it.
    throw std::runtime_error("la base " + db.path() + " est au schéma " + std::to_string(version) +
                             ", plus récent que celui de cette version d'Atelier (" +
                             std::to_string(known) + ") : utilisez une version plus récente");
  }
  if (version > 0 && version < known) {
    // An upgrade: keep the database as it was, in case the new version must be undone.
    // A copy left by an earlier attempt at the same upgrade is that same state: kept.
    std::string copy = db.path() + ".schema-" + std::to_string(version) + ".bak";
    std::error_code ec;
    if (!std::filesystem::exists(copy, ec)) {
      BackupResult result;
      Status st = BackupDatabase(db.path(), copy, false, &result);
      if (!st.ok()) {
        throw std::runtime_error("copie de sauvegarde avant migration impossible (" + copy +
                                 ") : " + st.message());
      }
      LOG_INFO("base au schéma " << version << ", mise à jour vers " << known
                                 << " : copie de sauvegarde dans " << copy << " (" << result.bytes
                                 << " octets)");
    }
  }
  for (const Migration& m : EmbeddedMigrations()) {
    if (m.version <= version) continue;
    Status st = db.Exec("BEGIN IMMEDIATE");
    if (st.ok()) st = db.Exec(m.sql);
    if (st.ok()) st = db.Exec("PRAGMA user_version=" + std::to_string(m.version));
    if (st.ok()) st = db.Exec("COMMIT");
    if (!st.ok()) {
      db.Exec("ROLLBACK");
      throw std::runtime_error(std::string("migration ") + m.name + " failed: " + st.message());
    }
  }
  *from_version = version;
  return db;
}

std::string KindName(const v1::Event& event) {
  const auto* field = event.GetDescriptor()->FindFieldByNumber(event.body_case());
  return field ? field->name() : "unknown";
}

}  // namespace

EventStore::EventStore(const std::string& path, Database::Durability durability)
    : EventStore(path, durability, 0) {}

EventStore::EventStore(const std::string& path, Database::Durability durability, int from_version)
    : db_(path, durability),
      insert_workshop_(Migrated(db_, &from_version)
                           .Prepare("INSERT INTO workshops(id, code, title, epoch, created_at_ms) "
                                    "VALUES(?,?,?,?,?)")),
      insert_event_(db_.Prepare(
          "INSERT INTO events(workshop_id, seq, at_ms, kind, payload) VALUES(?,?,?,?,?)")),
      insert_token_(db_.Prepare(
          "INSERT INTO tokens(token_hash, workshop_id, participant_id, role, company_id, "
          "created_at_ms) VALUES(?,?,?,?,?,?)")),
      insert_command_(db_.Prepare(
          "INSERT INTO commands(workshop_id, participant_id, command_id, seq, entity_id) "
          "VALUES(?,?,?,?,?)")),
      delete_command_(db_.Prepare("DELETE FROM commands WHERE workshop_id=? AND "
                                  "participant_id=? AND command_id=?")),
      upsert_company_(db_.Prepare(
          "INSERT INTO companies(workshop_id, id, name, siret, zone, ess) VALUES(?,?,?,?,?,?) "
          "ON CONFLICT(workshop_id, id) DO UPDATE SET name=excluded.name, siret=excluded.siret, "
          "zone=excluded.zone, ess=excluded.ess")),
      upsert_card_(db_.Prepare(
          "INSERT INTO cards(workshop_id, id, company_id, kind, category, text, waste_code, "
          "withdrawn, posted_seq) VALUES(?,?,?,?,?,?,?,0,?) ON CONFLICT(workshop_id, id) DO "
          "UPDATE SET kind=excluded.kind, category=excluded.category, text=excluded.text, "
          "waste_code=excluded.waste_code")),
      withdraw_card_(db_.Prepare("UPDATE cards SET withdrawn=1 WHERE workshop_id=? AND id=?")),
      upsert_workshop_info_(db_.Prepare(
          "INSERT INTO workshop_info(workshop_id, title, date, territory, status, info) "
          "VALUES(?,?,?,?,?,?) ON CONFLICT(workshop_id) DO UPDATE SET title=excluded.title, "
          "date=excluded.date, territory=excluded.territory, status=excluded.status, "
          "info=excluded.info")),
      upsert_catalogue_card_(db_.Prepare(
          "INSERT INTO catalogue_cards(workshop_id, card_id, company_id, kind, category, "
          "posted_at_ms, visibility, card) VALUES(?,?,?,?,?,?,?,?) "
          "ON CONFLICT(workshop_id, card_id) DO UPDATE SET "
          "company_id=excluded.company_id, kind=excluded.kind, category=excluded.category, "
          "visibility=excluded.visibility, card=excluded.card RETURNING rowid")),
      mark_catalogue_card_(db_.Prepare("INSERT OR IGNORE INTO catalogue_pending(rowid) VALUES(?)")),
      find_catalogue_card_(
          db_.Prepare("SELECT rowid FROM catalogue_cards WHERE workshop_id=? AND card_id=?")),
      delete_catalogue_card_(db_.Prepare("DELETE FROM catalogue_cards WHERE rowid=?")),
      mark_catalogue_company_(db_.Prepare(
          "INSERT OR IGNORE INTO catalogue_pending(rowid) SELECT rowid FROM catalogue_cards "
          "WHERE workshop_id=? AND company_id=?")),
      upsert_feedback_(db_.Prepare(
          "INSERT INTO match_feedback(workshop_id, subject, evidence, verdict) VALUES(?,?,?,?) "
          "ON CONFLICT(workshop_id, subject) DO UPDATE SET evidence=excluded.evidence, "
          "verdict=excluded.verdict")),
      delete_feedback_(
          db_.Prepare("DELETE FROM match_feedback WHERE workshop_id=? AND subject=?")) {
  // 003 added the whole card to the catalogue: older rows lack it.
  if (from_version < 3) RebuildCatalogue();
  // 005 added the whole WorkshopInfo: older rows lack it.
  if (from_version < 5) BackfillWorkshopInfo();
}

Status EventStore::Begin() { return db_.Exec("BEGIN IMMEDIATE"); }
Status EventStore::Commit() { return db_.Exec("COMMIT"); }
void EventStore::Rollback() { db_.Exec("ROLLBACK"); }
Status EventStore::Savepoint() { return db_.Exec("SAVEPOINT batch"); }
Status EventStore::ReleaseSavepoint() { return db_.Exec("RELEASE batch"); }
void EventStore::RollbackToSavepoint() {
  db_.Exec("ROLLBACK TO batch");
  db_.Exec("RELEASE batch");
}

Status EventStore::InsertWorkshop(const WorkshopRow& row) {
  return insert_workshop_.Bind(1, row.id)
      .Bind(2, row.code)
      .Bind(3, row.title)
      .Bind(4, row.epoch)
      .Bind(5, row.created_at_ms)
      .Run();
}

Status EventStore::AppendEvent(const std::string& workshop_id, const v1::Event& event,
                               std::string_view payload) {
  Status s = insert_event_.Bind(1, workshop_id)
                 .Bind(2, static_cast<int64_t>(event.seq()))
                 .Bind(3, event.at_ms())
                 .Bind(4, KindName(event))
                 .BindBlob(5, payload)
                 .Run();
  if (!s.ok()) return s;
  if (event.has_company_data_erased()) {
    s = EraseFromLog(workshop_id, event.company_data_erased().company_id());
    if (!s.ok()) return s;
  }
  if (event.has_participant_revoked()) {
    // The device's token no longer joins, after a restart too (tokens are read revoked=0).
    s = db_.Prepare("UPDATE tokens SET revoked = 1 WHERE workshop_id = ? AND participant_id = ?")
            .Bind(1, workshop_id)
            .Bind(2, event.participant_revoked().participant_id())
            .Run();
    if (!s.ok()) return s;
  }
  s = Project(workshop_id, event);
  if (!s.ok()) return s;
  return ProjectCatalogue(workshop_id, event);
}

Status EventStore::EraseFromLog(const std::string& workshop_id, const std::string& company_id) {
  std::vector<std::pair<int64_t, std::string>> rewritten;
  {
    Statement q = db_.Prepare(
        "SELECT seq, payload FROM events WHERE workshop_id = ? AND kind IN "
        "('company_upserted', 'participant_joined') ORDER BY seq");
    q.Bind(1, workshop_id);
    while (q.Step()) {
      std::string_view payload = q.ColumnBlob(1);
      v1::Event e;
      if (!e.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) continue;
      if (ErasePersonalData(&e, company_id))
        rewritten.emplace_back(q.ColumnInt(0), e.SerializeAsString());
    }
  }
  Statement update = db_.Prepare("UPDATE events SET payload = ? WHERE workshop_id = ? AND seq = ?");
  for (const auto& [seq, payload] : rewritten) {
    Status s = update.BindBlob(1, payload).Bind(2, workshop_id).Bind(3, seq).Run();
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

void EventStore::BackfillWorkshopInfo() {
  std::vector<std::string> missing;
  {
    Statement s = db_.Prepare("SELECT workshop_id FROM workshop_info WHERE info IS NULL");
    while (s.Step()) missing.push_back(s.ColumnText(0));
  }
  if (missing.empty()) return;
  if (!Begin().ok()) throw std::runtime_error("workshop_info backfill: cannot begin");
  // The latest event that set the info, read backwards from the end of each log.
  Statement latest = db_.Prepare(
      "SELECT payload FROM events WHERE workshop_id=? AND kind IN ('workshop_created', "
      "'workshop_updated') ORDER BY seq DESC LIMIT 1");
  Statement update = db_.Prepare("UPDATE workshop_info SET info=? WHERE workshop_id=?");
  for (const std::string& id : missing) {
    latest.Bind(1, id);
    std::string payload;
    if (latest.Step()) payload = std::string(latest.ColumnBlob(0));
    latest.Reset();
    v1::Event event;
    if (payload.empty() || !event.ParseFromString(payload)) continue;  // folded at start
    const v1::WorkshopInfo& w = event.has_workshop_created() ? event.workshop_created().workshop()
                                                             : event.workshop_updated().workshop();
    Status st = update.BindBlob(1, w.SerializeAsString()).Bind(2, id).Run();
    if (!st.ok()) {
      Rollback();
      throw std::runtime_error("workshop_info backfill failed: " + st.message());
    }
  }
  if (!Commit().ok()) throw std::runtime_error("workshop_info backfill: cannot commit");
}

Status EventStore::ProjectCatalogue(const std::string& workshop_id, const v1::Event& event) {
  switch (event.body_case()) {
    case v1::Event::kWorkshopCreated:
    case v1::Event::kWorkshopUpdated: {
      const auto& w = event.has_workshop_created() ? event.workshop_created().workshop()
                                                   : event.workshop_updated().workshop();
      return upsert_workshop_info_.Bind(1, workshop_id)
          .Bind(2, w.title())
          .Bind(3, w.date())
          .Bind(4, w.territory())
          .Bind(5, int64_t{w.status()})
          .BindBlob(6, w.SerializeAsString())
          .Run();
    }
    case v1::Event::kCompanyUpserted: {
      const auto& c = event.company_upserted().company();
      ++catalogue_backlog_;
      return mark_catalogue_company_.Bind(1, workshop_id).Bind(2, c.id()).Run();
    }
    case v1::Event::kCardPosted:
    case v1::Event::kCardEdited: {
      const auto& c =
          event.has_card_posted() ? event.card_posted().card() : event.card_edited().card();
      if (c.withdrawn()) return Status::Ok();
      upsert_catalogue_card_.Bind(1, workshop_id)
          .Bind(2, c.id())
          .Bind(3, c.company_id())
          .Bind(4, c.kind() == v1::CARD_KIND_OFFER ? "offer" : "need")
          .Bind(5, c.category())
          .Bind(6, c.posted_at_ms())
          .Bind(7, int64_t{c.visibility() == v1::VISIBILITY_UNSPECIFIED ? v1::VISIBILITY_ROOM
                                                                        : c.visibility()})
          .BindBlob(8, c.SerializeAsString());
      if (!upsert_catalogue_card_.Step()) {
        Status st = upsert_catalogue_card_.status();
        upsert_catalogue_card_.Reset();
        return st.ok() ? Status::Error("catalogue: no rowid") : st;
      }
      int64_t rowid = upsert_catalogue_card_.ColumnInt(0);
      upsert_catalogue_card_.Reset();
      ++catalogue_backlog_;
      return mark_catalogue_card_.Bind(1, rowid).Run();
    }
    case v1::Event::kCardWithdrawn: {
      find_catalogue_card_.Bind(1, workshop_id).Bind(2, event.card_withdrawn().card_id());
      bool found = find_catalogue_card_.Step();
      int64_t rowid = found ? find_catalogue_card_.ColumnInt(0) : 0;
      Status st = find_catalogue_card_.status();
      find_catalogue_card_.Reset();
      if (!st.ok() || !found) return st;
      st = delete_catalogue_card_.Bind(1, rowid).Run();
      if (!st.ok()) return st;
      ++catalogue_backlog_;
      return mark_catalogue_card_.Bind(1, rowid).Run();
    }
    default:
      return Status::Ok();
  }
}

void EventStore::RebuildCatalogue() {
  // Runs once, at start-up, when an older database gains the catalogue.
  std::vector<std::pair<std::string, std::string>> events;
  {
    Statement s = db_.Prepare("SELECT workshop_id, payload FROM events ORDER BY workshop_id, seq");
    while (s.Step()) events.emplace_back(s.ColumnText(0), std::string(s.ColumnBlob(1)));
  }
  if (events.empty()) return;
  if (!Begin().ok()) throw std::runtime_error("catalogue rebuild: cannot begin");
  for (const char* sql :
       {"DELETE FROM catalogue_fts", "DELETE FROM catalogue_cards", "DELETE FROM workshop_info"}) {
    if (!db_.Exec(sql).ok()) {
      Rollback();
      throw std::runtime_error("catalogue rebuild: cannot clear the catalogue");
    }
  }
  for (const auto& [workshop_id, payload] : events) {
    v1::Event event;
    if (!event.ParseFromString(payload)) continue;
    Status st = ProjectCatalogue(workshop_id, event);
    if (!st.ok()) {
      Rollback();
      throw std::runtime_error("catalogue rebuild failed: " + st.message());
    }
  }
  Status indexed = IndexCatalogue();
  if (!indexed.ok()) {
    Rollback();
    throw std::runtime_error("catalogue rebuild failed: " + indexed.message());
  }
  if (!Commit().ok()) throw std::runtime_error("catalogue rebuild: cannot commit");
}

Status EventStore::IndexCatalogue(int limit) {
  bool left = false;
  Status s = IndexPendingCatalogue(db_, limit, &left);
  if (s.ok() && !left) catalogue_backlog_ = 0;
  return s;
}

Status IndexPendingCatalogue(Database& db, int limit, bool* left) {
  // The same cards for the three statements: nothing else writes meanwhile.
  const std::string chosen =
      "(SELECT rowid FROM catalogue_pending ORDER BY rowid LIMIT " + std::to_string(limit) + ")";
  Status s =
      db.Exec("DELETE FROM catalogue_fts WHERE rowid IN " + chosen +
              ";"
              "INSERT INTO catalogue_fts(rowid, text, company, category, waste_code) "
              "SELECT c.rowid, k.text, coalesce(co.name, ''), k.category, k.waste_code "
              "FROM catalogue_cards c "
              "JOIN cards k ON k.workshop_id = c.workshop_id AND k.id = c.card_id "
              "LEFT JOIN companies co ON co.workshop_id = c.workshop_id AND co.id = c.company_id "
              "WHERE c.rowid IN " +
              chosen +
              " AND k.withdrawn = 0;"
              "DELETE FROM catalogue_pending WHERE rowid IN " +
              chosen + ";");
  if (s.ok() && left) {
    Statement rest = db.Prepare("SELECT EXISTS(SELECT 1 FROM catalogue_pending)");
    *left = rest.Step() && rest.ColumnInt(0) != 0;
  }
  return s;
}

Status EventStore::Project(const std::string& workshop_id, const v1::Event& event) {
  switch (event.body_case()) {
    case v1::Event::kCompanyUpserted: {
      const auto& c = event.company_upserted().company();
      return upsert_company_.Bind(1, workshop_id)
          .Bind(2, c.id())
          .Bind(3, c.name())
          .Bind(4, c.siret())
          .Bind(5, c.zone())
          .Bind(6, int64_t{c.ess()})
          .Run();
    }
    case v1::Event::kCardPosted:
    case v1::Event::kCardEdited: {
      const auto& c =
          event.has_card_posted() ? event.card_posted().card() : event.card_edited().card();
      return upsert_card_.Bind(1, workshop_id)
          .Bind(2, c.id())
          .Bind(3, c.company_id())
          .Bind(4, c.kind() == v1::CARD_KIND_OFFER ? "offer" : "need")
          .Bind(5, c.category())
          .Bind(6, c.text())
          .Bind(7, c.waste_code())
          .Bind(8, static_cast<int64_t>(event.seq()))
          .Run();
    }
    case v1::Event::kCardWithdrawn:
      return withdraw_card_.Bind(1, workshop_id).Bind(2, event.card_withdrawn().card_id()).Run();
    case v1::Event::kSynergyUpserted: {
      const auto& s = event.synergy_upserted().synergy();
      return ProjectFeedback(workshop_id, "synergy:" + s.id(), s.evidence(),
                             workshop::SynergyVerdict(s));
    }
    case v1::Event::kReacted: {
      const auto& r = event.reacted();
      return ProjectFeedback(workshop_id, "reaction:" + r.match_key() + "|" + r.company_id(),
                             r.evidence(), r.reaction() == v1::REACTION_NOT_RELEVANT ? -1 : 0);
    }
    default:
      return Status::Ok();
  }
}

Status EventStore::ProjectFeedback(const std::string& workshop_id, const std::string& subject,
                                   const std::string& evidence, int verdict) {
  if (evidence.empty() || verdict == 0) {
    return delete_feedback_.Bind(1, workshop_id).Bind(2, subject).Run();
  }
  return upsert_feedback_.Bind(1, workshop_id)
      .Bind(2, subject)
      .Bind(3, evidence)
      .Bind(4, int64_t{verdict})
      .Run();
}

Status EventStore::InsertToken(const TokenRow& row) {
  return insert_token_.Bind(1, row.token_hash)
      .Bind(2, row.workshop_id)
      .Bind(3, row.participant_id)
      .Bind(4, int64_t{row.role})
      .Bind(5, row.company_id)
      .Bind(6, row.created_at_ms)
      .Run();
}

Status EventStore::InsertCommand(const CommandRow& row) {
  return insert_command_.Bind(1, row.workshop_id)
      .Bind(2, row.participant_id)
      .Bind(3, row.command_id)
      .Bind(4, static_cast<int64_t>(row.seq))
      .Bind(5, row.entity_id)
      .Run();
}

Status EventStore::DeleteCommand(const std::string& workshop_id, const std::string& participant_id,
                                 const std::string& command_id) {
  return delete_command_.Bind(1, workshop_id).Bind(2, participant_id).Bind(3, command_id).Run();
}

std::vector<WorkshopRow> EventStore::Workshops() {
  std::vector<WorkshopRow> rows;
  Statement s = db_.Prepare(
      "SELECT w.id, w.code, w.title, w.epoch, w.created_at_ms, i.info FROM workshops w "
      "LEFT JOIN workshop_info i ON i.workshop_id = w.id ORDER BY w.created_at_ms, w.id");
  while (s.Step()) {
    WorkshopRow row{s.ColumnText(0), s.ColumnText(1), s.ColumnText(2),
                    s.ColumnText(3), s.ColumnInt(4),  std::nullopt};
    std::string_view info = s.ColumnBlob(5);
    if (!info.empty()) {
      v1::WorkshopInfo parsed;
      if (parsed.ParseFromArray(info.data(), static_cast<int>(info.size())))
        row.info = std::move(parsed);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Status EventStore::ForEachEvent(const std::string& workshop_id, uint64_t after_seq,
                                const std::function<void(std::string_view)>& fn) {
  Statement s =
      db_.Prepare("SELECT payload FROM events WHERE workshop_id=? AND seq>? ORDER BY seq");
  s.Bind(1, workshop_id).Bind(2, static_cast<int64_t>(after_seq));
  while (s.Step()) fn(s.ColumnBlob(0));
  return s.status();
}

std::vector<TokenRow> EventStore::Tokens(const std::string& workshop_id) {
  std::vector<TokenRow> rows;
  Statement s = db_.Prepare(
      "SELECT token_hash, workshop_id, participant_id, role, company_id, created_at_ms "
      "FROM tokens WHERE workshop_id=? AND revoked=0");
  s.Bind(1, workshop_id);
  while (s.Step()) {
    rows.push_back({s.ColumnText(0), s.ColumnText(1), s.ColumnText(2),
                    static_cast<int>(s.ColumnInt(3)), s.ColumnText(4), s.ColumnInt(5)});
  }
  return rows;
}

std::vector<CommandRow> EventStore::Commands(const std::string& workshop_id) {
  std::vector<CommandRow> rows;
  Statement s = db_.Prepare(
      "SELECT workshop_id, participant_id, command_id, seq, entity_id FROM commands WHERE "
      "workshop_id=? ORDER BY seq");
  s.Bind(1, workshop_id);
  while (s.Step()) {
    rows.push_back({s.ColumnText(0), s.ColumnText(1), s.ColumnText(2),
                    static_cast<uint64_t>(s.ColumnInt(3)), s.ColumnText(4)});
  }
  return rows;
}

std::optional<TokenRow> EventStore::FindToken(const std::string& token) {
  Statement s = db_.Prepare(
      "SELECT token_hash, workshop_id, participant_id, role, company_id, created_at_ms "
      "FROM tokens WHERE token_hash=? AND revoked=0");
  s.Bind(1, digest::TokenHash(token));
  if (!s.Step()) return std::nullopt;
  return TokenRow{s.ColumnText(0), s.ColumnText(1),
                  s.ColumnText(2), static_cast<int>(s.ColumnInt(3)),
                  s.ColumnText(4), s.ColumnInt(5)};
}

uint64_t EventStore::LastSeq(const std::string& workshop_id) {
  Statement s = db_.Prepare("SELECT coalesce(max(seq), 0) FROM events WHERE workshop_id=?");
  s.Bind(1, workshop_id);
  return s.Step() ? static_cast<uint64_t>(s.ColumnInt(0)) : 0;
}

Status EventStore::WriteProbe() {
  return db_.Exec("PRAGMA user_version=" + std::to_string(SchemaVersion()));
}

int EventStore::SchemaVersion() {
  Statement s = db_.Prepare("PRAGMA user_version");
  return s.Step() ? static_cast<int>(s.ColumnInt(0)) : 0;
}

}  // namespace atelier::store
