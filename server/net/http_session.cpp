#include "server/net/http_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <fstream>
#include <sstream>

namespace atelier::net {

namespace asio = boost::asio;

namespace {

constexpr size_t kMaxHeaderBytes = 16 * 1024;

Response Simple(const Request& req, http::status status, std::string body,
                std::string_view type = "text/plain; charset=utf-8") {
  Response res{status, req.version()};
  res.set(http::field::server, "atelier");
  res.set(http::field::content_type, type);
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

std::string HostOnly(std::string_view host_port) {
  // "[::1]:8080" -> "[::1]", "localhost:8080" -> "localhost"
  if (!host_port.empty() && host_port.front() == '[') {
    auto close = host_port.find(']');
    return std::string(
        host_port.substr(0, close == std::string_view::npos ? host_port.size() : close + 1));
  }
  return std::string(host_port.substr(0, host_port.find(':')));
}

}  // namespace

std::string_view MimeType(std::string_view path) {
  auto ext = path.substr(std::min(path.rfind('.'), path.size()));
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".webmanifest") return "application/manifest+json";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

Response ServeStatic(const std::string& root, const Request& req) {
  if (req.method() != http::verb::get && req.method() != http::verb::head) {
    return Simple(req, http::status::method_not_allowed, "Méthode non permise\n");
  }
  std::string_view target = req.target();
  target = target.substr(0, target.find_first_of("?#"));
  if (target.empty() || target.front() != '/' || target.find("..") != std::string_view::npos ||
      target.find('\0') != std::string_view::npos) {
    return Simple(req, http::status::bad_request, "Chemin invalide\n");
  }
  std::string path = root + std::string(target);
  if (path.back() == '/') path += "index.html";
  std::ifstream file(path, std::ios::binary);
  if (!file) return Simple(req, http::status::not_found, "Page introuvable\n");
  std::ostringstream content;
  content << file.rdbuf();
  Response res = Simple(req, http::status::ok, content.str(), MimeType(path));
  // HTML always revalidates so a new build reaches tablets; assets are small.
  res.set(http::field::cache_control, "no-cache");
  res.set("X-Content-Type-Options", "nosniff");
  if (MimeType(path).starts_with("text/html")) {
    res.set("Content-Security-Policy",
            "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
            "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'");
    res.set("Referrer-Policy", "no-referrer");
  }
  if (req.method() == http::verb::head) {
    res.body().clear();
  }
  return res;
}

HttpSession::HttpSession(asio::ip::tcp::socket&& socket, std::shared_ptr<const HttpConfig> config,
                         std::shared_ptr<void> ticket)
    : stream_(std::move(socket)), config_(std::move(config)), ticket_(std::move(ticket)) {}

void HttpSession::Run() {
  asio::dispatch(stream_.get_executor(),
                 beast::bind_front_handler(&HttpSession::DoRead, shared_from_this()));
}

void HttpSession::DoRead() {
  parser_.emplace();
  parser_->body_limit(config_->max_body_bytes);
  parser_->header_limit(kMaxHeaderBytes);
  stream_.expires_after(config_->request_timeout);
  // Headers first: the body's limit depends on where it goes.
  http::async_read_header(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&HttpSession::OnHeader, shared_from_this()));
}

void HttpSession::OnHeader(beast::error_code ec, std::size_t bytes) {
  if (ec) return OnRead(ec, bytes);
  std::string_view target = parser_->get().target();
  for (const auto& prefix : config_->import_prefixes) {
    if (target.substr(0, prefix.size()) == prefix) {
      parser_->body_limit(config_->max_import_body_bytes);
      break;
    }
  }
  if (parser_->is_done()) return OnRead(ec, bytes);
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&HttpSession::OnRead, shared_from_this()));
}

bool HttpSession::OriginAllowed(const Request& req) const {
  auto origin_it = req.find(http::field::origin);
  if (origin_it == req.end()) return true;  // not a browser: tokens protect the rest
  std::string_view origin = origin_it->value();
  if (!config_->allowed_origins.empty()) {
    for (const auto& allowed : config_->allowed_origins) {
      if (allowed == "*" || allowed == origin) return true;
    }
    return false;
  }
  // Default: the page must come from the host it connects to.
  auto scheme_end = origin.find("://");
  if (scheme_end == std::string_view::npos) return false;
  return HostOnly(origin.substr(scheme_end + 3)) == HostOnly(req[http::field::host]);
}

void HttpSession::OnRead(beast::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream) {
    stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    return;
  }
  if (ec == http::error::body_limit || ec == http::error::header_limit) {
    Request req;
    req.version(11);
    Response res = Simple(req, http::status::payload_too_large, "Requête trop grande\n");
    res.keep_alive(false);
    return Write(std::move(res));
  }
  if (ec) return;  // timeouts and resets end the connection quietly
  Request req = parser_->release();

  if (beast::websocket::is_upgrade(req)) {
    std::string_view path = req.target();
    path = path.substr(0, path.find('?'));
    if (path != "/ws")
      return Write(Simple(req, http::status::not_found, "Point d'accès inconnu\n"));
    if (!OriginAllowed(req))
      return Write(Simple(req, http::status::forbidden, "Origine refusée\n"));
    auto handler = config_->make_handler(req);
    std::make_shared<WebSocketSession>(std::move(stream_), std::move(handler),
                                       config_->session_limits, std::move(ticket_))
        ->Run(std::move(req));
    return;
  }
  if (config_->routes) {
    auto reply = [self = shared_from_this()](Response res) {
      asio::dispatch(self->stream_.get_executor(),
                     [self, res = std::move(res)]() mutable { self->Write(std::move(res)); });
    };
    if (config_->routes(req, std::move(reply))) return;
  }
  Write(ServeStatic(config_->web_root, req));
}

void HttpSession::Write(Response res) {
  response_ = std::make_shared<Response>(std::move(res));
  bool keep_alive = response_->keep_alive();
  http::async_write(
      stream_, *response_,
      beast::bind_front_handler(&HttpSession::OnWrite, shared_from_this(), keep_alive));
}

void HttpSession::OnWrite(bool keep_alive, beast::error_code ec, std::size_t) {
  if (ec) return;
  response_.reset();
  if (!keep_alive) {
    stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    return;
  }
  DoRead();
}

}  // namespace atelier::net
