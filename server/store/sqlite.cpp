#include "server/store/sqlite.hpp"

#include <cstring>
#include <stdexcept>

namespace atelier::store {

Database::Database(const std::string& path, Durability durability)
    : path_(path), durability_(durability) {
  int rc =
      sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error("cannot open database " + path + ": " + message);
  }
  sqlite3_busy_timeout(db_, 5000);
  // secure_delete: content that is deleted or rewritten (a company's personal data after an
  // erasure) is overwritten on disk, not left in free pages.
  Status s = Exec("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;");
  if (s.ok()) {
    s = Exec(durability == Durability::kFull ? "PRAGMA synchronous=FULL;"
                                             : "PRAGMA synchronous=NORMAL;");
  }
  if (!s.ok()) throw std::runtime_error("cannot configure database " + path + ": " + s.message());
}

Database::~Database() { sqlite3_close_v2(db_); }

Status Database::Exec(std::string_view sql) {
  char* error = nullptr;
  std::string owned(sql);
  if (sqlite3_exec(db_, owned.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    return Status::Error(message);
  }
  return Status::Ok();
}

Statement Database::Prepare(std::string_view sql) { return Statement(db_, sql); }

std::string Database::LastError() const { return sqlite3_errmsg(db_); }

std::string Database::ErrorDetail() const {
  int code = sqlite3_extended_errcode(db_);
  int sys = sqlite3_system_errno(db_);
  std::string out = std::string(sqlite3_errstr(code)) + " (code " + std::to_string(code) + ")";
  if (sys != 0) out += ", errno " + std::to_string(sys) + " : " + std::strerror(sys);
  return out;
}

bool Database::ReadOnly() const { return sqlite3_db_readonly(db_, "main") == 1; }

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt_, nullptr) != SQLITE_OK) {
    throw std::runtime_error("cannot prepare statement: " + std::string(sqlite3_errmsg(db)) +
                             " in: " + std::string(sql));
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), status_(std::move(other.status_)) {
  other.stmt_ = nullptr;
}

Statement& Statement::Bind(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

bool Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) status_ = Status::Error(sqlite3_errmsg(db_));
  return false;
}

Status Statement::Run() {
  status_ = Status::Ok();
  while (Step()) {
  }
  Status result = status_;
  Reset();
  return result;
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t Statement::ColumnInt(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::ColumnText(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  return text ? std::string(reinterpret_cast<const char*>(text),
                            static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
              : std::string();
}

std::string_view Statement::ColumnBlob(int column) const {
  const void* blob = sqlite3_column_blob(stmt_, column);
  return blob ? std::string_view(static_cast<const char*>(blob),
                                 static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
              : std::string_view();
}

}  // namespace atelier::store
