#pragma once
// HttpSession: reads HTTP requests on one connection; serves the built web
// client as static files, the application's dynamic routes, and upgrades
// `/ws` to a WebSocketSession. Runs on its own strand.

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "server/net/connection_gate.hpp"
#include "server/net/websocket_session.hpp"

namespace atelier::net {

namespace http = beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

struct HttpConfig {
  std::string web_root;                      // directory of the built web client
  std::vector<std::string> allowed_origins;  // empty: same host only
  SessionLimits session_limits;
  // Request bodies: small everywhere but under these path prefixes (imports).
  size_t max_body_bytes = 16 * 1024;
  size_t max_import_body_bytes = 4 * 1024 * 1024;
  std::vector<std::string> import_prefixes;
  // Bounds open connections (none when null).
  std::shared_ptr<ConnectionGate> gate;
  // A request (headers and body) must arrive whole within this time.
  std::chrono::seconds request_timeout{20};
  // Dynamic routes: return true to handle the request (and call `reply` once,
  // from any thread), false to fall through to static files. Called on the
  // connection's strand.
  std::function<bool(const Request&, std::function<void(Response)> reply)> routes;
  // Makes the application's side of a new WebSocket connection.
  std::function<std::shared_ptr<ConnectionHandler>(const Request&)> make_handler;
};

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  // `ticket`: the connection's place in the ConnectionGate, passed on to a WebSocket session.
  HttpSession(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<const HttpConfig> config,
              std::shared_ptr<void> ticket = {});
  void Run();

 private:
  void DoRead();
  void OnHeader(beast::error_code ec, std::size_t bytes);
  void OnRead(beast::error_code ec, std::size_t bytes);
  void Write(Response res);
  void OnWrite(bool keep_alive, beast::error_code ec, std::size_t bytes);
  bool OriginAllowed(const Request& req) const;

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::shared_ptr<const HttpConfig> config_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<Response> response_;
  std::shared_ptr<void> ticket_;
};

// Static file response for `target` under `root`, or a 404/400 response.
Response ServeStatic(const std::string& root, const Request& req);
std::string_view MimeType(std::string_view path);

}  // namespace atelier::net
