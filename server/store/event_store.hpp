#pragma once
// EventStore: the SQLite event log of every workshop, with tokens, applied
// commands and the read projections written in the same transaction.
// Not thread-safe: the writer thread owns one EventStore for writes; start-up
// and tools may open another on the same file for reads (WAL allows both).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "atelier/v1/atelier.pb.h"
#include "server/store/sqlite.hpp"
#include "server/store/status.hpp"

namespace atelier::store {

struct WorkshopRow {
  std::string id;
  std::string code;
  std::string title;
  std::string epoch;
  int64_t created_at_ms = 0;
  // Workshops(): the WorkshopInfo of workshop_info.info (schema/005), when there is one.
  std::optional<v1::WorkshopInfo> info;
};

struct TokenRow {
  std::string token_hash;  // digest::TokenHash of the bearer token: the token is never stored
  std::string workshop_id;
  std::string participant_id;
  int role = 0;  // atelier::v1::Role
  std::string company_id;
  int64_t created_at_ms = 0;
};

struct CommandRow {
  std::string workshop_id;
  std::string participant_id;
  std::string command_id;
  uint64_t seq = 0;
  std::string entity_id;
};

class EventStore {
 public:
  // Opens the file and applies the numbered migrations of schema/ it lacks.
  // Throws std::runtime_error at start-up if that fails.
  EventStore(const std::string& path, Database::Durability durability);

  Status Begin();
  Status Commit();
  void Rollback();
  Status Savepoint();
  Status ReleaseSavepoint();
  void RollbackToSavepoint();

  Status InsertWorkshop(const WorkshopRow& row);
  // `payload` is `event` serialized; the projections are updated from `event`.
  Status AppendEvent(const std::string& workshop_id, const v1::Event& event,
                     std::string_view payload);
  Status InsertToken(const TokenRow& row);
  Status InsertCommand(const CommandRow& row);
  // Forgets an applied command (the participant's older ones, see WorkshopActor::Remember).
  Status DeleteCommand(const std::string& workshop_id, const std::string& participant_id,
                       const std::string& command_id);

  // Brings the catalogue's full-text index up to date with the cards
  // recorded since (IndexPendingCatalogue), inside the open transaction: at
  // most `limit` cards, or all of them when it is negative.
  Status IndexCatalogue(int limit = -1);
  // Cards recorded for the catalogue's index since the last IndexCatalogue().
  size_t catalogue_backlog() const { return catalogue_backlog_; }

  // Every workshop, with its WorkshopInfo when workshop_info holds it whole.
  std::vector<WorkshopRow> Workshops();
  // Calls `fn` with each event's payload, seq ascending, from `after_seq` + 1.
  Status ForEachEvent(const std::string& workshop_id, uint64_t after_seq,
                      const std::function<void(std::string_view payload)>& fn);
  std::vector<TokenRow> Tokens(const std::string& workshop_id);
  // The workshop's remembered commands, seq ascending (oldest first).
  std::vector<CommandRow> Commands(const std::string& workshop_id);
  // The token's row, if it exists and is not revoked.
  std::optional<TokenRow> FindToken(const std::string& token);
  int SchemaVersion();
  // Rewrites the schema version with its own value: one real page write
  // (a full disk or a read-only file fails it), in the caller's transaction
  // or its own.
  Status WriteProbe();
  uint64_t LastSeq(const std::string& workshop_id);
  Database& db() { return db_; }

 private:
  // `from_version` receives the schema version found before migrating.
  EventStore(const std::string& path, Database::Durability durability, int from_version);
  Status Project(const std::string& workshop_id, const v1::Event& event);
  // The catalogue part of the projection (schema/002_catalogue.sql).
  Status ProjectCatalogue(const std::string& workshop_id, const v1::Event& event);
  // One row of match_feedback: written for a verdict, deleted for none.
  Status ProjectFeedback(const std::string& workshop_id, const std::string& subject,
                         const std::string& evidence, int verdict);
  // Fills the catalogue from the whole log, when its migration first runs.
  void RebuildCatalogue();
  // A CompanyDataErased event: the earlier events of the workshop that carry the company's
  // personal data are rewritten without it (store/erasure.hpp), in the same transaction.
  Status EraseFromLog(const std::string& workshop_id, const std::string& company_id);
  // Fills workshop_info.info from the log where it is missing (databases
  // written before schema/005), once, at start-up.
  void BackfillWorkshopInfo();

  Database db_;
  Statement insert_workshop_;
  Statement insert_event_;
  Statement insert_token_;
  Statement insert_command_;
  Statement delete_command_;
  Statement upsert_company_;
  Statement upsert_card_;
  Statement withdraw_card_;
  Statement upsert_workshop_info_;
  Statement upsert_catalogue_card_;
  Statement mark_catalogue_card_;
  Statement find_catalogue_card_;
  Statement delete_catalogue_card_;
  Statement mark_catalogue_company_;
  Statement upsert_feedback_;
  Statement delete_feedback_;
  size_t catalogue_backlog_ = 1;  // what an earlier run left is indexed first
};

// Rewrites the full-text rows of the cards in catalogue_pending from the
// cards and companies projections, then empties it. Runs in the caller's
// transaction; `db` may be any connection that can write.
// `limit` > 0 takes that many pending cards at most; `*left` tells whether
// some remain.
Status IndexPendingCatalogue(Database& db, int limit = -1, bool* left = nullptr);

// The migrations compiled into the binary, in order: {version, sql}.
struct Migration {
  int version;
  const char* name;
  const char* sql;
};
const std::vector<Migration>& EmbeddedMigrations();

}  // namespace atelier::store
