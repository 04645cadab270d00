#include "client/lib/session.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cctype>
#include <random>
#include <stdexcept>

namespace atelier::client {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

std::string Session::NewCommandId() {
  static thread_local std::mt19937_64 rng(std::random_device{}());
  static const char* kHex = "0123456789abcdef";
  std::string id;
  for (int i = 0; i < 24; ++i) id += kHex[rng() % 16];
  return id;
}

std::string Session::WorkshopTarget(const std::string& code) {
  std::string target = "/ws?w=";
  for (char c : code) {
    if (std::isalnum(static_cast<unsigned char>(c))) target += c;
  }
  return target;
}

Session::Session(const std::string& host, uint16_t port, Millis timeout, const std::string& origin,
                 int receive_buffer_bytes, const std::string& target)
    : ws_(ioc_) {
  asio::ip::tcp::resolver resolver(ioc_);
  beast::error_code ec;
  auto results = resolver.resolve(host, std::to_string(port), ec);
  if (ec) throw std::runtime_error("resolve " + host + ": " + ec.message());
  auto& tcp = beast::get_lowest_layer(ws_);
  tcp.expires_after(timeout);
  if (receive_buffer_bytes > 0) {
    auto endpoint = results.begin()->endpoint();
    tcp.socket().open(endpoint.protocol(), ec);
    if (!ec)
      tcp.socket().set_option(asio::socket_base::receive_buffer_size(receive_buffer_bytes), ec);
    if (!ec) tcp.socket().connect(endpoint, ec);
  } else {
    tcp.connect(results, ec);
  }
  if (ec)
    throw std::runtime_error("connect " + host + ":" + std::to_string(port) + ": " + ec.message());
  if (!origin.empty()) {
    ws_.set_option(websocket::stream_base::decorator(
        [origin](websocket::request_type& req) { req.set(beast::http::field::origin, origin); }));
  }
  ws_.handshake(host + ":" + std::to_string(port), target, ec);
  if (ec) throw std::runtime_error("websocket handshake: " + ec.message());
  tcp.expires_never();
  ws_.binary(true);
  ws_.read_message_max(64 * 1024 * 1024);
}

Session::~Session() { Close(); }

void Session::Close() {
  if (closed_) return;
  closed_ = true;
  beast::error_code ec;
  if (reading_) {
    // A read is outstanding: a close handshake would need a second one.
    beast::get_lowest_layer(ws_).socket().close(ec);
    return;
  }
  beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(2));
  ws_.close(websocket::close_code::normal, ec);
}

void Session::Send(const v1::ClientMessage& msg) { SendRaw(msg.SerializeAsString()); }

void Session::SendRaw(std::string_view bytes) {
  beast::error_code ec;
  beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(5));
  ws_.write(asio::buffer(bytes.data(), bytes.size()), ec);
  beast::get_lowest_layer(ws_).expires_never();
  if (ec) throw std::runtime_error("send: " + ec.message());
}

std::optional<v1::ServerMessage> Session::Read(Millis timeout) {
  if (!backlog_.empty()) {
    v1::ServerMessage m = std::move(backlog_.front());
    backlog_.pop_front();
    return m;
  }
  if (closed_) return std::nullopt;
  if (!reading_) {
    // One read stays outstanding across calls: a timeout leaves it pending.
    reading_ = true;
    read_done_ = false;
    ws_.async_read(buffer_, [this](beast::error_code ec, std::size_t) {
      read_ec_ = ec;
      read_done_ = true;
    });
  }
  ioc_.restart();
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!read_done_) {
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return std::nullopt;
    ioc_.run_one_for(deadline - now);
    if (ioc_.stopped()) ioc_.restart();
  }
  reading_ = false;
  if (read_ec_) {
    closed_ = true;
    close_code_ = ws_.reason().code;
    return std::nullopt;
  }
  v1::ServerMessage msg;
  auto data = buffer_.cdata();
  bool ok = msg.ParseFromArray(data.data(), static_cast<int>(data.size()));
  buffer_.consume(buffer_.size());
  if (!ok) throw std::runtime_error("server sent an unreadable message");
  Absorb(msg);
  return msg;
}

void Session::Absorb(const v1::ServerMessage& msg) {
  if (msg.has_events()) {
    for (const auto& e : msg.events().events()) {
      last_seq_ = std::max(last_seq_, e.seq());
      events_.push_back(e);
    }
  }
  if (msg.has_welcome() && msg.welcome().has_snapshot()) last_seq_ = msg.welcome().snapshot().seq();
}

v1::ServerMessage Session::Join(const v1::Join& join, Millis timeout,
                                const std::string& command_id) {
  v1::ClientMessage msg;
  msg.set_command_id(command_id.empty() ? NewCommandId() : command_id);
  *msg.mutable_join() = join;
  Send(msg);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto left = std::chrono::duration_cast<Millis>(deadline - std::chrono::steady_clock::now());
    auto m = Read(left);
    if (!m) {
      if (closed_)
        throw std::runtime_error("closed while joining, code " + std::to_string(close_code_));
      continue;
    }
    if (m->has_welcome() || m->has_error()) return *m;
  }
  throw std::runtime_error("no answer to join");
}

v1::ServerMessage Session::Command(v1::ClientMessage msg, Millis timeout) {
  if (msg.command_id().empty()) msg.set_command_id(NewCommandId());
  Send(msg);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto left = std::chrono::duration_cast<Millis>(deadline - std::chrono::steady_clock::now());
    auto m = Read(left);
    if (!m) {
      if (closed_) throw std::runtime_error("closed, code " + std::to_string(close_code_));
      continue;
    }
    if (m->has_ack() && m->ack().command_id() == msg.command_id()) return *m;
    if (m->has_error() && m->error().command_id() == msg.command_id()) return *m;
  }
  throw std::runtime_error("no answer to command " + msg.command_id());
}

bool Session::WaitForSeq(uint64_t seq, Millis timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (last_seq_ < seq) {
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline || closed_) return false;
    Read(std::chrono::duration_cast<Millis>(deadline - now));
  }
  return true;
}

std::vector<v1::Event> Session::TakeEvents() {
  std::vector<v1::Event> out;
  out.swap(events_);
  return out;
}

}  // namespace atelier::client
