#pragma once
// Thin RAII wrappers over the SQLite C API: a connection and prepared statements.
// Not thread-safe: one connection belongs to one thread at a time.

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "server/store/status.hpp"

namespace atelier::store {

class Statement;

class Database {
 public:
  enum class Durability { kNormal, kFull };

  // Opens (creating if needed) the file in WAL mode. Throws std::runtime_error
  // at start-up if the file cannot be opened.
  Database(const std::string& path, Durability durability);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Status Exec(std::string_view sql);
  Statement Prepare(std::string_view sql);
  sqlite3* handle() { return db_; }
  std::string LastError() const;
  // The last failure's extended SQLite code and the system errno behind it,
  // e.g. "SQLITE_FULL (13), errno 28 : No space left on device".
  std::string ErrorDetail() const;
  // True if SQLite opened the file read-only (its permissions, a read-only mount).
  bool ReadOnly() const;
  const std::string& path() const { return path_; }
  Durability durability() const { return durability_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
  Durability durability_;
};

// A prepared statement; Bind* take 1-based indexes, Column* 0-based.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  Statement& Bind(int index, std::string_view value);
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& Bind(int index, int64_t value);

  // Returns true while a row is available; false when done. Errors are kept
  // and reported by status().
  bool Step();
  Status Run();  // Steps to completion, then resets.
  void Reset();

  int64_t ColumnInt(int column) const;
  std::string ColumnText(int column) const;
  std::string_view ColumnBlob(int column) const;

  const Status& status() const { return status_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  Status status_;
};

}  // namespace atelier::store
