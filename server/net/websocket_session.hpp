#pragma once
// WebSocketSession: one WebSocket connection on its own strand, with a bounded
// outgoing queue and one write in flight. Consecutive mergeable frames (event
// batches) are sent as one WebSocket message in one system call. Send() and
// Close() are thread-safe; the handler is called on the session's strand.

#include <boost/asio/basic_stream_socket.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace atelier::net {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

// Close codes a client can act upon (4000-4999 are the application's).
enum class CloseCode : uint16_t {
  kGoingAway = 1001,       // server shutting down: reconnect and resume
  kPolicy = 1008,          // a message took longer than its deadline to arrive
  kTooBig = 1009,          // frame over the hard limit
  kResume = 4000,          // reconnect and resume (queue overflow, idle)
  kKicked = 4001,          // do not reconnect
  kWorkshopClosed = 4002,  // do not reconnect
  kBadToken = 4003,        // forget the token, join again with a code
  kTooManyAttempts = 4004  // wrong codes: do not retry at once
};

class WebSocketSession;

// The application's side of one connection. Methods run on the session strand.
class ConnectionHandler {
 public:
  virtual ~ConnectionHandler() = default;
  virtual void OnOpen(const std::shared_ptr<WebSocketSession>& session) = 0;
  virtual void OnMessage(std::string_view bytes) = 0;
  virtual void OnClose() = 0;
};

struct SessionLimits {
  // Messages waiting to be written. Event frames sent one after the other share a message
  // of up to 1 MiB, so a command of thousands of events (an import) or a device's replay
  // counts for a few messages, not thousands.
  size_t queue_limit = 1024;
  size_t queue_bytes_limit = 16u << 20;     // bytes waiting to be written, whatever the count
  size_t max_message_bytes = 64 * 1024;     // larger: a typed error, the connection stays
  size_t hard_message_bytes = 128 * 1024;   // larger: the connection is closed
  // From its first byte, a message must arrive whole within this time (a half-sent frame
  // holds memory); idle connections between messages are left to idle_timeout.
  std::chrono::seconds message_timeout{20};
  std::chrono::seconds handshake_timeout{10};
  std::chrono::seconds idle_timeout{60};
};

class WebSocketSession : public std::enable_shared_from_this<WebSocketSession> {
 public:
  // A socket bound to the session's strand by type: no type-erased executor,
  // no per-operation timer of beast::tcp_stream on the write path (the
  // WebSocket stream keeps its own handshake and idle timers).
  using Strand = boost::asio::strand<boost::asio::io_context::executor_type>;
  using Socket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, Strand>;

  // Takes over the HTTP session's socket.
  // `ticket` is the connection's place in the ConnectionGate, held until the session ends.
  WebSocketSession(beast::tcp_stream&& stream, std::shared_ptr<ConnectionHandler> handler,
                   const SessionLimits& limits, std::shared_ptr<void> ticket = {});

  template <class Request>
  void Run(Request req);

  // Queues one message. `mergeable` frames that wait together are sent as one
  // WebSocket message (protobuf merges repeated fields of concatenated
  // messages). Frames from any thread gather in an inbox that one task on the
  // strand moves to the queue: a burst costs one hand-over, not one per frame.
  void Send(std::shared_ptr<const std::string> frame, bool mergeable = false);
  void Close(CloseCode code, std::string reason);
  const SessionLimits& limits() const { return limits_; }
  const std::string& remote() const { return remote_; }
  const std::string& remote_address() const { return remote_address_; }  // no port
  // Connections closed because a message did not arrive whole in time (all sessions).
  static uint64_t slow_message_closes();

 private:
  struct Frame {
    std::shared_ptr<const std::string> bytes;
    bool mergeable;
  };
  void Configure();
  void Drain();
  void OnAccept(beast::error_code ec);
  void DoRead();
  void OnRead(beast::error_code ec, std::size_t bytes);
  void DoWrite();
  void OnWrite(beast::error_code ec, std::size_t bytes);
  void DoClose(CloseCode code, std::string reason);
  void OnClosed(beast::error_code ec);
  void Fail(beast::error_code ec, const char* what);

  websocket::stream<Socket> ws_;
  std::shared_ptr<void> ticket_;
  boost::asio::steady_timer message_deadline_;
  bool in_message_ = false;  // some of a message was read, not all
  std::shared_ptr<ConnectionHandler> handler_;
  SessionLimits limits_;
  std::string remote_;
  std::string remote_address_;
  beast::flat_buffer buffer_;

  std::mutex mu_;
  std::vector<Frame> inbox_;   // GUARDED_BY(mu_)
  bool drain_posted_ = false;  // GUARDED_BY(mu_)
  bool accepting_ = true;      // GUARDED_BY(mu_); false once closing

  // One WebSocket message to write: one frame, or consecutive mergeable frames.
  struct Message {
    std::vector<std::shared_ptr<const std::string>> frames;
    size_t bytes = 0;
    bool mergeable = false;
  };
  std::deque<Message> queue_;
  size_t queued_bytes_ = 0;  // of queue_
  // The frames of the write in flight, kept alive until it completes, and
  // their buffers (one gathered write).
  std::vector<std::shared_ptr<const std::string>> in_flight_;
  std::vector<boost::asio::const_buffer> buffers_;
  std::optional<std::pair<CloseCode, std::string>> pending_close_;
  bool writing_ = false;
  bool closing_ = false;
  bool open_ = false;
};

template <class Request>
void WebSocketSession::Run(Request req) {
  Configure();
  ws_.async_accept(req, beast::bind_front_handler(&WebSocketSession::OnAccept, shared_from_this()));
}

}  // namespace atelier::net
