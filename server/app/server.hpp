#pragma once
// Server: atelier-server wired together — the store and its writer thread, the
// workshops, the listener and the io threads. Start() and Stop() from the
// main thread.

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "server/app/config.hpp"
#include "server/app/http_router.hpp"
#include "server/app/hub.hpp"
#include "server/app/retention.hpp"
#include "server/net/listener.hpp"
#include "server/store/catalogue.hpp"
#include "server/store/writer.hpp"

namespace atelier::app {

// DatabaseLock: one process at a time writes a database file (a server, or the
// CLI on a stopped server's file). An advisory lock on "<db>.lock", released
// when the process ends, even by SIGKILL.
class DatabaseLock {
 public:
  // Throws std::runtime_error when another process holds it.
  static DatabaseLock Acquire(const std::string& db_path);
  DatabaseLock(DatabaseLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DatabaseLock& operator=(DatabaseLock&&) = delete;
  ~DatabaseLock();

 private:
  explicit DatabaseLock(int fd) : fd_(fd) {}
  int fd_;
};

class Server {
 public:
  // Opens and migrates the database and folds every workshop. Throws on failure.
  explicit Server(Config config);
  ~Server();

  void Start();  // listens and runs the io threads
  void Stop();   // stops accepting, closes connections, drains the writer
  uint16_t port() const { return listener_ ? listener_->port() : 0; }
  // /readyz answers 200 only while ready: set once the server has loaded and
  // started, cleared when it starts to stop.
  void SetReady(bool ready) { ready_ = ready; }
  size_t loaded_workshops() const { return loaded_; }
  // Tests: a disk that refuses every write from now on.
  void FailWritesForTesting(bool fail) { writer_->FailWritesForTesting(fail); }
  Hub& hub() { return *hub_; }
  // The administrator's token (from --admin-token-file, else "<db>.admin-token").
  const std::string& admin_token() const { return admin_token_; }
  const std::string& admin_token_path() const { return admin_token_path_; }
  bool admin_token_created() const { return admin_token_created_; }
  boost::asio::io_context& ioc() { return ioc_; }

 private:
  void AddRoutes();
  void ScheduleEviction();                                  // on blocking_
  void ScheduleRetention(std::chrono::milliseconds delay);  // on blocking_
  std::string Metrics() const;
  // Answers /healthz: the file's permissions now, and a write probe through
  // the writer (at most one a second; concurrent checks share it).
  void CheckHealth(std::function<void(bool ok, std::string json)> done);

  Config config_;
  std::optional<DatabaseLock> lock_;
  boost::asio::io_context ioc_;
  std::unique_ptr<store::Writer> writer_;
  std::unique_ptr<Hub> hub_;
  std::unique_ptr<store::Catalogue> catalogue_;  // its own thread and read connection
  HttpRouter router_;
  std::string admin_token_;
  std::string admin_token_path_;
  bool admin_token_created_ = false;
  boost::asio::thread_pool blocking_{1};  // admin work that waits on the writer; eviction
  std::optional<boost::asio::steady_timer> evict_timer_;      // on blocking_
  bool evict_stopping_ = false;                               // blocking_'s thread only
  std::optional<boost::asio::steady_timer> retention_timer_;  // on blocking_
  RetentionSchedule retention_schedule_;                      // blocking_'s thread only
  std::shared_ptr<net::Listener> listener_;
  std::shared_ptr<net::ConnectionGate> gate_;
  std::vector<std::thread> threads_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  bool stopped_ = false;
  std::atomic<bool> ready_{false};
  size_t loaded_ = 0;
  struct Probe {
    std::mutex mu;
    bool running = false;                                            // GUARDED_BY(mu)
    std::chrono::steady_clock::time_point at{};                      // GUARDED_BY(mu)
    bool have = false;                                               // GUARDED_BY(mu)
    store::Status status;                                            // GUARDED_BY(mu)
    std::vector<std::function<void(const store::Status&)>> waiters;  // GUARDED_BY(mu)
  };
  std::shared_ptr<Probe> probe_ = std::make_shared<Probe>();
};

// Thrown at start-up with a message for the operator (in French).
class StartupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Milliseconds since the Unix epoch, from the system clock.
int64_t SystemNowMs();

// The server's secret, kept in `<db>.key` (64 hex digits, 0600, created on first use unless
// `create` is false: then empty if missing). It keys match keys and derives bearer tokens,
// so it must not travel with copies of the database.
std::string ServerSecret(const std::string& db_path, bool create = true);

}  // namespace atelier::app
