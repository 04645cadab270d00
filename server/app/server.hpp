#pragma once
// Server: atelier-server wired together — the store and its writer thread, the
// workshops, the listener and the io threads. Start() and Stop() from the
// main thread.

#include <boost/asio/io_context.hpp>
#include <memory>
#include <thread>
#include <vector>

#include "server/app/config.hpp"
#include "server/app/http_router.hpp"
#include "server/app/hub.hpp"
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
  Hub& hub() { return *hub_; }
  boost::asio::io_context& ioc() { return ioc_; }

 private:
  void AddRoutes();
  std::string Metrics() const;

  Config config_;
  std::optional<DatabaseLock> lock_;
  boost::asio::io_context ioc_;
  std::unique_ptr<store::Writer> writer_;
  std::unique_ptr<Hub> hub_;
  std::unique_ptr<store::Catalogue> catalogue_;  // its own thread and read connection
  HttpRouter router_;
  std::shared_ptr<net::Listener> listener_;
  std::shared_ptr<net::ConnectionGate> gate_;
  std::vector<std::thread> threads_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  bool stopped_ = false;
};

// Milliseconds since the Unix epoch, from the system clock.
int64_t SystemNowMs();

}  // namespace atelier::app
