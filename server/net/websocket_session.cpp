#include "server/net/websocket_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <atomic>
#include <span>

namespace atelier::net {

namespace {
// Merged frames stop growing a message at this size: far under any client's message limit.
constexpr size_t kMaxMergedBytes = 1u << 20;
constexpr size_t kReadPiece = 16u << 10;  // bytes of a message read at a time
std::atomic<uint64_t> g_slow_message_closes{0};
}  // namespace

namespace asio = boost::asio;

namespace {

// Moves the HTTP session's connected socket onto a strand-typed socket.
WebSocketSession::Socket TakeSocket(beast::tcp_stream&& stream) {
  auto& ioc =
      static_cast<asio::io_context&>(asio::query(stream.get_executor(), asio::execution::context));
  asio::ip::tcp::socket plain = stream.release_socket();
  beast::error_code ec;
  asio::ip::tcp protocol = plain.local_endpoint(ec).protocol();
  if (ec) protocol = asio::ip::tcp::v6();
  return WebSocketSession::Socket(asio::make_strand(ioc), protocol, plain.release());
}

}  // namespace

WebSocketSession::WebSocketSession(beast::tcp_stream&& stream,
                                   std::shared_ptr<ConnectionHandler> handler,
                                   const SessionLimits& limits, std::shared_ptr<void> ticket)
    : ws_(TakeSocket(std::move(stream))),
      ticket_(std::move(ticket)),
      message_deadline_(ws_.get_executor()),
      handler_(std::move(handler)),
      limits_(limits) {
  beast::error_code ec;
  auto endpoint = ws_.next_layer().remote_endpoint(ec);
  if (!ec) {
    remote_address_ = endpoint.address().to_string();
    remote_ = remote_address_ + ":" + std::to_string(endpoint.port());
  }
}

void WebSocketSession::Configure() {
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = limits_.handshake_timeout;
  timeouts.idle_timeout = limits_.idle_timeout;
  timeouts.keep_alive_pings = true;  // a dead-but-open socket is closed after idle_timeout
  ws_.set_option(timeouts);
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(beast::http::field::server, "atelier"); }));
  websocket::permessage_deflate deflate;  // off: CPU is worth more than bytes on a LAN
  deflate.server_enable = false;
  deflate.client_enable = false;
  ws_.set_option(deflate);
  ws_.read_message_max(limits_.hard_message_bytes);
  ws_.binary(true);
  ws_.auto_fragment(false);
}

void WebSocketSession::OnAccept(beast::error_code ec) {
  if (ec) return Fail(ec, "accept");
  open_ = true;
  handler_->OnOpen(shared_from_this());
  DoRead();
}

uint64_t WebSocketSession::slow_message_closes() { return g_slow_message_closes; }

void WebSocketSession::DoRead() {
  // In pieces: the buffer grows with what arrived, not with what a frame header announced.
  ws_.async_read_some(buffer_, kReadPiece,
                      beast::bind_front_handler(&WebSocketSession::OnRead, shared_from_this()));
}

void WebSocketSession::OnRead(beast::error_code ec, std::size_t) {
  if (ec == websocket::error::message_too_big) {
    // Beast already failed the stream with close code 1009.
    return Fail(ec, "read");
  }
  if (ec) return Fail(ec, "read");
  if (!handler_) return;
  if (!ws_.is_message_done()) {
    if (!in_message_) {
      in_message_ = true;
      message_deadline_.expires_after(limits_.message_timeout);
      message_deadline_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
        if (wait_ec || !self->in_message_) return;
        g_slow_message_closes++;
        self->DoClose(CloseCode::kPolicy, "message trop lent");
      });
    }
    return DoRead();
  }
  if (in_message_) {
    in_message_ = false;
    message_deadline_.cancel();
  }
  auto data = buffer_.cdata();
  handler_->OnMessage(std::string_view(static_cast<const char*>(data.data()), buffer_.size()));
  buffer_.consume(buffer_.size());
  if (!closing_) DoRead();
}

void WebSocketSession::Send(std::shared_ptr<const std::string> frame, bool mergeable) {
  {
    std::lock_guard lock(mu_);
    if (!accepting_) return;
    inbox_.push_back({std::move(frame), mergeable});
    if (drain_posted_) return;
    drain_posted_ = true;
  }
  asio::post(ws_.get_executor(), [self = shared_from_this()] { self->Drain(); });
}

void WebSocketSession::Drain() {
  std::vector<Frame> incoming;
  {
    std::lock_guard lock(mu_);
    incoming.swap(inbox_);
    drain_posted_ = false;
  }
  if (closing_ || !open_) return;
  for (Frame& frame : incoming) {
    const size_t size = frame.bytes->size();
    if (queued_bytes_ + size > limits_.queue_bytes_limit) {
      return DoClose(CloseCode::kResume, "file d'envoi pleine");
    }
    queued_bytes_ += size;
    if (frame.mergeable && !queue_.empty() && queue_.back().mergeable &&
        queue_.back().bytes + size <= kMaxMergedBytes) {
      queue_.back().frames.push_back(std::move(frame.bytes));
      queue_.back().bytes += size;
      continue;
    }
    if (queue_.size() >= limits_.queue_limit) {
      // A slow consumer is closed alone; it will reconnect and resume.
      return DoClose(CloseCode::kResume, "file d'envoi pleine");
    }
    Message& m = queue_.emplace_back();
    m.frames.push_back(std::move(frame.bytes));
    m.bytes = size;
    m.mergeable = frame.mergeable;
  }
  if (!writing_) DoWrite();
}

void WebSocketSession::Close(CloseCode code, std::string reason) {
  // Posted, not dispatched: it runs after the Drain of any frame sent before it.
  asio::post(ws_.get_executor(),
             [self = shared_from_this(), code, reason = std::move(reason)]() mutable {
               // What was already queued (e.g. the error explaining the close) goes first.
               if (self->writing_ || !self->queue_.empty()) {
                 self->pending_close_ = std::make_pair(code, std::move(reason));
                 return;
               }
               self->DoClose(code, std::move(reason));
             });
}

void WebSocketSession::DoWrite() {
  if (closing_) return;
  if (queue_.empty()) {
    if (pending_close_) DoClose(pending_close_->first, std::move(pending_close_->second));
    return;
  }
  writing_ = true;
  // One message, one gathered system call, for every event that waited; the
  // frames are shared with the other recipients and never copied.
  in_flight_ = std::move(queue_.front().frames);
  queued_bytes_ -= queue_.front().bytes;
  queue_.pop_front();
  buffers_.clear();
  for (const auto& frame : in_flight_) buffers_.push_back(asio::buffer(*frame));
  ws_.async_write(std::span<const asio::const_buffer>(buffers_),
                  beast::bind_front_handler(&WebSocketSession::OnWrite, shared_from_this()));
}

void WebSocketSession::OnWrite(beast::error_code ec, std::size_t) {
  writing_ = false;
  in_flight_.clear();
  if (ec) return Fail(ec, "write");
  DoWrite();
}

void WebSocketSession::DoClose(CloseCode code, std::string reason) {
  if (closing_ || !open_) return;
  closing_ = true;
  message_deadline_.cancel();
  {
    std::lock_guard lock(mu_);
    accepting_ = false;
    inbox_.clear();
  }
  queue_.clear();
  queued_bytes_ = 0;
  websocket::close_reason cr(static_cast<websocket::close_code>(code), std::move(reason));
  ws_.async_close(cr, beast::bind_front_handler(&WebSocketSession::OnClosed, shared_from_this()));
}

void WebSocketSession::OnClosed(beast::error_code ec) {
  if (ec && ec != asio::error::operation_aborted) {
    ws_.next_layer().close(ec);
  }
}

void WebSocketSession::Fail(beast::error_code ec, const char* /*what*/) {
  if (handler_) {
    auto handler = std::move(handler_);
    handler->OnClose();
  }
  {
    std::lock_guard lock(mu_);
    accepting_ = false;
    inbox_.clear();
  }
  if (ec == asio::error::operation_aborted || ec == websocket::error::closed) return;
  beast::error_code ignored;
  ws_.next_layer().close(ignored);
}

}  // namespace atelier::net
