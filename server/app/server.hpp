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
  boost::asio::io_context ioc_;
  std::unique_ptr<store::Writer> writer_;
  std::unique_ptr<Hub> hub_;
  std::unique_ptr<store::Catalogue> catalogue_;  // its own thread and read connection
  HttpRouter router_;
  std::shared_ptr<net::Listener> listener_;
  std::vector<std::thread> threads_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  bool stopped_ = false;
};

// Milliseconds since the Unix epoch, from the system clock.
int64_t SystemNowMs();

}  // namespace atelier::app
