#include "server/store/writer.hpp"

#include <algorithm>
#include <chrono>

#include "server/common/log.hpp"

namespace atelier::store {

Writer::Writer(std::unique_ptr<EventStore> store, WriterOptions options)
    : store_(std::move(store)), options_(options) {
  if (options_.background_checkpoints) {
    // Replaces SQLite's automatic checkpoint (itself a WAL hook).
    checkpoint_db_ = std::make_unique<Database>(store_->db().path(), store_->db().durability());
    sqlite3_wal_hook(store_->db().handle(), &Writer::OnWalCommit, this);
    checkpointer_ = std::thread([this] { RunCheckpoints(); });
  }
  thread_ = std::thread([this] { Run(); });
}

int Writer::OnWalCommit(void* self, sqlite3* db, const char* /*schema*/, int frames) {
  auto* writer = static_cast<Writer*>(self);
  const int threshold = writer->options_.checkpoint_frames;
  int& asked_at = writer->checkpoint_asked_at_;
  if (frames < asked_at) asked_at = 0;  // the WAL started over
  if (frames >= 16 * threshold) {
    // The background checkpoints cannot keep up (a long read holds them
    // back): keep the WAL bounded at the writer's expense.
    sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  } else if (frames >= threshold && frames - asked_at >= threshold / 2) {
    // While commits keep coming, a checkpoint rarely empties the WAL, which
    // then stays over the threshold: ask again only once it has grown, not at
    // every commit (each checkpoint syncs the database file).
    asked_at = frames;
    {
      std::lock_guard lock(writer->mu_);
      writer->checkpoint_wanted_ = true;
    }
    writer->checkpoint_cv_.notify_one();
  }
  return SQLITE_OK;
}

void Writer::RunCheckpoints() {
  for (;;) {
    {
      std::unique_lock lock(mu_);
      checkpoint_cv_.wait(lock, [this] { return stopping_ || checkpoint_wanted_; });
      if (stopping_) return;  // closing the last connection checkpoints
      checkpoint_wanted_ = false;
    }
    // PASSIVE: copies what no reader still needs, never blocks the writer.
    if (sqlite3_wal_checkpoint_v2(checkpoint_db_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                  nullptr, nullptr) == SQLITE_OK) {
      std::lock_guard lock(mu_);
      ++stats_.checkpoints;
    }
  }
}

Writer::~Writer() { Stop(); }

void Writer::Submit(WriteBatch batch) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(batch));
  }
  cv_.notify_one();
}

void Writer::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
  checkpoint_cv_.notify_one();
  if (checkpointer_.joinable()) checkpointer_.join();
}

void Writer::FailWritesForTesting(bool fail) {
  std::lock_guard lock(mu_);
  fail_writes_ = fail;
}

WriterStats Writer::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

void Writer::Probe(std::function<void(const Status&)> done) {
  WriteBatch batch;
  batch.probe = true;
  batch.done = std::move(done);
  Submit(std::move(batch));
}

Status Writer::WriteOne(const WriteBatch& batch) {
  if (batch.probe) {
    Status s = store_->Savepoint();
    if (s.ok()) s = store_->WriteProbe();
    if (s.ok()) s = store_->ReleaseSavepoint();
    if (!s.ok()) {
      failure_detail_ = store_->db().ErrorDetail();
      store_->RollbackToSavepoint();
    }
    return s;
  }
  // A workshop's log never has a gap: a batch built on one that failed fails too.
  uint64_t last = 0;
  if (!batch.new_workshop) {
    auto it = last_seq_.find(batch.workshop_id);
    last = it != last_seq_.end() ? it->second : store_->LastSeq(batch.workshop_id);
  }
  for (size_t i = 0; i < batch.events.size(); ++i) {
    if (batch.events[i].event->seq() != last + 1 + i) {
      return Status::Error("event out of sequence for workshop " + batch.workshop_id);
    }
  }
  Status s = store_->Savepoint();
  if (!s.ok()) return s;
  if (batch.new_workshop) s = store_->InsertWorkshop(*batch.new_workshop);
  for (size_t i = 0; s.ok() && i < batch.events.size(); ++i) {
    s = store_->AppendEvent(batch.workshop_id, *batch.events[i].event, *batch.events[i].payload);
  }
  for (size_t i = 0; s.ok() && i < batch.tokens.size(); ++i)
    s = store_->InsertToken(batch.tokens[i]);
  if (s.ok() && batch.command) s = store_->InsertCommand(*batch.command);
  for (size_t i = 0; s.ok() && i < batch.forget_commands.size(); ++i) {
    const auto& [participant, command_id] = batch.forget_commands[i];
    s = store_->DeleteCommand(batch.workshop_id, participant, command_id);
  }
  if (s.ok()) s = store_->ReleaseSavepoint();
  if (s.ok()) {
    last_seq_[batch.workshop_id] = last + batch.events.size();
  } else {
    failure_detail_ = store_->db().ErrorDetail();
    store_->RollbackToSavepoint();
  }
  return s;
}

void Writer::IndexCatalogue(int limit) {
  Status s = store_->Begin();
  if (s.ok()) s = store_->IndexCatalogue(limit);
  if (s.ok()) s = store_->Commit();
  if (!s.ok()) store_->Rollback();  // the cards stay pending for the next try
}

void Writer::Run() {
  using Clock = std::chrono::steady_clock;
  // The catalogue's full-text index trails the events by about this much (a
  // search brings it up to date itself before reading). It is written in
  // chunks, between groups of commands, so that a command never waits behind
  // more than one chunk.
  constexpr auto kIndexDelay = std::chrono::milliseconds(300);
  constexpr size_t kIndexBacklog = 512;
  constexpr int kIndexChunk = 64;
  constexpr Clock::time_point kNever = Clock::time_point::max();
  Clock::time_point index_due = store_->catalogue_backlog() > 0 ? Clock::now() : kNever;
  bool indexing = false;  // past the deadline: a chunk whenever no command waits
  for (;;) {
    std::deque<WriteBatch> batches;
    bool fail = false;
    {
      std::unique_lock lock(mu_);
      auto ready = [this] { return stopping_ || !queue_.empty(); };
      if (!indexing) {
        if (index_due != kNever) {
          cv_.wait_until(lock, index_due, ready);
        } else {
          cv_.wait(lock, ready);
        }
      }
      if (queue_.empty()) {
        bool stop = stopping_;
        lock.unlock();
        if (stop) {
          if (store_->catalogue_backlog() > 0) IndexCatalogue(-1);
          return;  // stopping and drained
        }
        if (store_->catalogue_backlog() > 0 && (indexing || Clock::now() >= index_due)) {
          IndexCatalogue(kIndexChunk);
          indexing = store_->catalogue_backlog() > 0;
        }
        if (store_->catalogue_backlog() == 0) {
          indexing = false;
          index_due = kNever;
        }
        continue;
      }
      batches.swap(queue_);
      fail = fail_writes_;
    }
    std::vector<Status> results(batches.size());
    failure_detail_.clear();
    Status tx = fail ? Status::Error("writes disabled") : store_->Begin();
    if (!tx.ok() && !fail) failure_detail_ = store_->db().ErrorDetail();
    if (tx.ok()) {
      for (size_t i = 0; i < batches.size(); ++i) results[i] = WriteOne(batches[i]);
      tx = store_->Commit();
      if (!tx.ok()) {
        failure_detail_ = store_->db().ErrorDetail();
        store_->Rollback();
        last_seq_.clear();  // reread from the file: it holds the truth
      }
    }
    uint64_t events = 0;
    uint64_t failures = 0;
    for (size_t i = 0; i < batches.size(); ++i) {
      if (!tx.ok()) results[i] = tx;
      if (results[i].ok()) {
        events += batches[i].events.size();
      } else {
        ++failures;
      }
    }
    {
      std::lock_guard lock(mu_);
      stats_.transactions += 1;
      stats_.batches += batches.size();
      stats_.events += events;
      stats_.failures += failures;
      if (failures > 0) {
        const Status& first = !tx.ok() ? tx
                                       : *std::find_if(results.begin(), results.end(),
                                                       [](const Status& r) { return !r.ok(); });
        stats_.last_error =
            first.message() + (failure_detail_.empty() ? "" : " (" + failure_detail_ + ")");
      }
    }
    if (failures > 0) {
      uint64_t held = 0;
      if (failure_log_.Allow(&held)) {
        LOG_ERROR("stockage : " << failures << " écriture(s) refusée(s) sur " << batches.size()
                                << " : " << stats().last_error
                                << (held ? " (" + std::to_string(held) +
                                               " groupes d'écritures en échec non journalisés)"
                                         : std::string()));
      }
    }
    for (size_t i = 0; i < batches.size(); ++i) {
      if (batches[i].done) batches[i].done(results[i]);
    }
    size_t backlog = store_->catalogue_backlog();
    if (backlog > 0 && index_due == kNever) index_due = Clock::now() + kIndexDelay;
    if (backlog >= kIndexBacklog || (backlog > 0 && Clock::now() >= index_due)) indexing = true;
  }
}

}  // namespace atelier::store
