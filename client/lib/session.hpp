#pragma once
// Session: a blocking WebSocket client speaking protocol v1, for the atelier
// CLI, scripted participants and tests. Every wait is bounded by a timeout.
// Not thread-safe: one thread drives one session.

#include <boost/asio/io_context.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "atelier/v1/atelier.pb.h"

namespace atelier::client {

using Millis = std::chrono::milliseconds;

class Session {
 public:
  // Connects and upgrades to `target` (/ws, or WorkshopTarget(code)). Throws
  // std::runtime_error on failure. `receive_buffer_bytes` > 0 shrinks the socket's
  // receive buffer (tests of slow consumers).
  Session(const std::string& host, uint16_t port, Millis timeout = Millis(5000),
          const std::string& origin = "", int receive_buffer_bytes = 0,
          const std::string& target = "/ws");
  // The endpoint that names a workshop: /ws?w=CODE (a proxy can route on it).
  static std::string WorkshopTarget(const std::string& code);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void Send(const v1::ClientMessage& msg);
  void SendRaw(std::string_view bytes);
  // The next server message, or nullopt on timeout. After the server closed
  // the connection: nullopt, and closed() is true with close_code().
  std::optional<v1::ServerMessage> Read(Millis timeout);

  // Join and wait for the welcome (or the error). Throws on timeout.
  // A join by code resent with the same `command_id` (its welcome was lost)
  // gets the same participant and token back; empty: a fresh id.
  v1::ServerMessage Join(const v1::Join& join, Millis timeout = Millis(5000),
                         const std::string& command_id = "");
  // Sends a command with a fresh id (unless it has one) and waits for its
  // ack or error; events that arrive meanwhile are kept for TakeEvents().
  v1::ServerMessage Command(v1::ClientMessage msg, Millis timeout = Millis(5000));
  // Waits until an event with seq >= `seq` was received (or timeout).
  bool WaitForSeq(uint64_t seq, Millis timeout);
  std::vector<v1::Event> TakeEvents();
  uint64_t last_seq() const { return last_seq_; }

  bool closed() const { return closed_; }
  int close_code() const { return close_code_; }
  void Close();

  static std::string NewCommandId();

 private:
  void Absorb(const v1::ServerMessage& msg);

  boost::asio::io_context ioc_;
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::flat_buffer buffer_;
  std::deque<v1::ServerMessage> backlog_;
  std::vector<v1::Event> events_;
  uint64_t last_seq_ = 0;
  bool reading_ = false;
  bool read_done_ = false;
  boost::beast::error_code read_ec_;
  bool closed_ = false;
  int close_code_ = 0;
};

}  // namespace atelier::client
