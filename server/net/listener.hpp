#pragma once
// Listener: accepts TCP connections and hands each to an HttpSession on a
// strand of its own. Thread-safe to start and stop from any thread.

#include <boost/asio/ip/tcp.hpp>
#include <memory>

#include <boost/asio/steady_timer.hpp>
#include <atomic>
#include <chrono>

#include "server/net/http_session.hpp"

namespace atelier::net {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Binds at once; throws std::runtime_error at start-up if it cannot.
  Listener(boost::asio::io_context& ioc, const boost::asio::ip::tcp::endpoint& endpoint,
           std::shared_ptr<const HttpConfig> config);
  void Run();
  void Stop();
  uint16_t port() const { return port_; }
  uint64_t accept_errors() const { return accept_errors_; }

 private:
  void DoAccept();
  void OnAccept(beast::error_code ec, boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  // After an accept error (out of file descriptors above all), wait before the next
  // accept instead of spinning: 10 ms, doubling up to 1 s, back to 0 after a success.
  boost::asio::steady_timer backoff_;
  std::chrono::milliseconds backoff_delay_{0};
  std::atomic<uint64_t> accept_errors_{0};
  std::shared_ptr<const HttpConfig> config_;
  uint16_t port_ = 0;
};

}  // namespace atelier::net
