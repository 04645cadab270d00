#pragma once
// The server's machinery on a database file, for tools and tests that work
// while no server runs: store, writer, workshops, and one io thread for the
// actors. Holds the database's lock like a server.

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <string>
#include <thread>

#include "server/app/hub.hpp"
#include "server/app/matchers.hpp"
#include "server/app/server.hpp"

namespace atelier::app {

class Offline {
 public:
  explicit Offline(const std::string& db)
      : lock_(DatabaseLock::Acquire(db)),
        writer_(std::make_unique<store::EventStore>(db, store::Database::Durability::kFull)),
        hub_(ioc_, writer_, SystemNowMs, DefaultMatcherFactory()),
        work_(boost::asio::make_work_guard(ioc_)),
        thread_([this] { ioc_.run(); }) {
    hub_.SetServerSecret(ServerSecret(db));
    hub_.LoadAll(std::make_unique<store::EventStore>(db, store::Database::Durability::kFull));
  }
  ~Offline() {
    work_.reset();
    ioc_.stop();
    thread_.join();
    writer_.Stop();
  }
  Offline(const Offline&) = delete;
  Offline& operator=(const Offline&) = delete;

  Hub& hub() { return hub_; }

 private:
  DatabaseLock lock_;
  boost::asio::io_context ioc_;
  store::Writer writer_;
  Hub hub_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::thread thread_;
};

}  // namespace atelier::app
