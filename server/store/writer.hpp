#pragma once
// Writer: the one thread that owns the disk. Callers submit batches from any
// thread; the writer groups every batch waiting at that moment into one SQLite
// transaction (one fsync), each batch in its own savepoint so that a failing
// batch fails alone. Between groups it brings the catalogue's full-text index
// up to date, in bulk, at most a few hundred milliseconds behind. Thread-safe.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "server/common/log.hpp"
#include "server/store/event_store.hpp"

namespace atelier::store {

struct StoredEvent {
  std::shared_ptr<const v1::Event> event;
  std::shared_ptr<const std::string> payload;  // `event` serialized
};

struct WriteBatch {
  std::string workshop_id;
  std::optional<WorkshopRow> new_workshop;
  std::vector<StoredEvent> events;
  std::vector<TokenRow> tokens;
  std::optional<CommandRow> command;
  // Applied commands to forget, {participant id, command id}: a participant's
  // oldest, deleted in the same transaction as `command` (WorkshopActor::Remember).
  std::vector<std::pair<std::string, std::string>> forget_commands;
  // A write probe (health checks): rewrites the schema version in place, a
  // real page write through the WAL, and nothing else.
  bool probe = false;
  // Called on the writer thread once the batch is durable (or failed).
  std::function<void(const Status&)> done;
};

struct WriterStats {
  uint64_t transactions = 0;
  uint64_t batches = 0;
  uint64_t events = 0;
  uint64_t failures = 0;
  uint64_t checkpoints = 0;  // run off the writer's thread
  std::string last_error;    // the latest failure's SQLite message and errno
};

struct WriterOptions {
  // Copies the WAL back into the database (and syncs it) on a thread of its
  // own once the WAL holds `checkpoint_frames` pages, instead of SQLite's
  // automatic checkpoint inside the commit that crosses the threshold, which
  // stalls every command waiting behind that commit. The writer checkpoints
  // itself only if the WAL grows sixteen times past the threshold.
  bool background_checkpoints = true;
  int checkpoint_frames = 1000;
};

class Writer {
 public:
  explicit Writer(std::unique_ptr<EventStore> store, WriterOptions options = {});
  ~Writer();  // Stops after writing what was submitted.
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void Submit(WriteBatch batch);
  // Writes a probe in the next group; `done` runs on the writer thread.
  void Probe(std::function<void(const Status&)> done);
  // Writes everything submitted so far, then stops the thread. Idempotent.
  void Stop();
  // Fails every commit from now on (tests: a disk that refuses writes).
  void FailWritesForTesting(bool fail);
  WriterStats stats() const;

 private:
  void Run();
  Status WriteOne(const WriteBatch& batch);
  void IndexCatalogue(int limit);  // -1: every pending card
  void RunCheckpoints();
  static int OnWalCommit(void* self, sqlite3* db, const char* schema, int frames);

  std::unique_ptr<EventStore> store_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<WriteBatch> queue_;                        // GUARDED_BY(mu_)
  bool stopping_ = false;                               // GUARDED_BY(mu_)
  bool fail_writes_ = false;                            // GUARDED_BY(mu_)
  WriterStats stats_;                                   // GUARDED_BY(mu_)
  std::unordered_map<std::string, uint64_t> last_seq_;  // writer thread only
  std::string failure_detail_;                          // writer thread only
  log::Throttle failure_log_{std::chrono::seconds(10)};
  WriterOptions options_;
  bool checkpoint_wanted_ = false;  // GUARDED_BY(mu_)
  int checkpoint_asked_at_ = 0;     // WAL frames at the last request; writer thread only
  std::condition_variable checkpoint_cv_;
  std::unique_ptr<Database> checkpoint_db_;  // checkpointer thread only
  std::thread checkpointer_;
  std::thread thread_;
};

}  // namespace atelier::store
