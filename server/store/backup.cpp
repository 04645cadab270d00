#include "server/store/backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

namespace atelier::store {

namespace {

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Handle = std::unique_ptr<sqlite3, Closer>;

Status Open(const std::string& path, int flags, Handle* out) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  out->reset(db);
  if (rc != SQLITE_OK) {
    return Status::Error("impossible d'ouvrir " + path + " : " +
                         (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
  }
  sqlite3_busy_timeout(db, 10000);
  return Status::Ok();
}

int64_t Count(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  int64_t n = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
    n = sqlite3_column_int64(s, 0);
  }
  sqlite3_finalize(s);
  return n;
}

Status SyncFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::Error("impossible d'ouvrir " + path + " : " + std::strerror(errno));
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return Status::Error("fsync de " + path + " : " + std::strerror(errno));
  return Status::Ok();
}

}  // namespace

Status BackupDatabase(const std::string& source, const std::string& destination, bool overwrite,
                      BackupResult* result) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(source, ec)) {
    return Status::Error("base de données introuvable : " + source);
  }
  if (!overwrite && std::filesystem::exists(destination, ec)) {
    return Status::Error(destination + " existe déjà (--force pour le remplacer)");
  }
  const std::string tmp = destination + ".partial";
  std::filesystem::remove(tmp, ec);
  Handle src;
  // Read-write without CREATE: a reader of a WAL database may need to write
  // its -shm file; a missing file is never created.
  Status s = Open(source, SQLITE_OPEN_READWRITE, &src);
  if (!s.ok()) return s;
  Handle dst;
  s = Open(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &dst);
  if (!s.ok()) return s;
  sqlite3_backup* backup = sqlite3_backup_init(dst.get(), "main", src.get(), "main");
  if (!backup)
    return Status::Error(std::string("sauvegarde impossible : ") + sqlite3_errmsg(dst.get()));
  // All pages in one step: one read transaction, so one consistent snapshot,
  // however fast the server writes meanwhile.
  int rc;
  do {
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    std::string why = sqlite3_errstr(rc);
    dst.reset();
    std::filesystem::remove(tmp, ec);
    return Status::Error("sauvegarde interrompue : " + why);
  }
  {
    sqlite3_stmt* q = nullptr;
    std::string verdict;
    if (sqlite3_prepare_v2(dst.get(), "PRAGMA quick_check", -1, &q, nullptr) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW) {
      verdict = reinterpret_cast<const char*>(sqlite3_column_text(q, 0));
    }
    sqlite3_finalize(q);
    if (verdict != "ok") {
      dst.reset();
      std::filesystem::remove(tmp, ec);
      return Status::Error("la copie est abîmée : " + verdict);
    }
  }
  result->events = Count(dst.get(), "SELECT count(*) FROM events");
  result->workshops = Count(dst.get(), "SELECT count(*) FROM workshops");
  dst.reset();
  s = SyncFile(tmp);
  if (!s.ok()) return s;
  std::filesystem::rename(tmp, destination, ec);
  if (ec) return Status::Error("impossible de renommer " + tmp + " : " + ec.message());
  std::filesystem::path dir = std::filesystem::absolute(destination).parent_path();
  SyncFile(dir.string());  // the rename itself survives a power cut
  result->bytes = static_cast<int64_t>(std::filesystem::file_size(destination, ec));
  return Status::Ok();
}

}  // namespace atelier::store
