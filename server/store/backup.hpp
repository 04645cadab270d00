#pragma once
// Online backup of a database file with SQLite's backup API, while a server
// writes to it: one read transaction copies a consistent snapshot (in WAL
// mode it never blocks the writer), into a temporary file that is checked,
// synced and renamed into place. Thread-compatible.

#include <cstdint>
#include <string>

#include "server/store/status.hpp"

namespace atelier::store {

struct BackupResult {
  int64_t bytes = 0;      // size of the copy
  int64_t events = 0;     // rows of its event log
  int64_t workshops = 0;  // rows of its workshops table
};

// Copies `source` (opened read-only, never created) to `destination`.
// Fails if `destination` exists and `overwrite` is false.
Status BackupDatabase(const std::string& source, const std::string& destination, bool overwrite,
                      BackupResult* result);

}  // namespace atelier::store
