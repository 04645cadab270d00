#pragma once
// HttpRouter: the server's dynamic HTTP routes (health, metrics, QR codes,
// exports, reports...), matched by method and path prefix. Handlers answer
// through `reply`, possibly later and from another thread (e.g. after asking a
// workshop's actor). Thread-safe once built.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "server/net/http_session.hpp"

namespace atelier::app {

using Reply = std::function<void(net::Response)>;
using Handler = std::function<void(const net::Request& req, std::string_view path, Reply reply)>;

class HttpRouter {
 public:
  // `pattern` is an exact path, or a prefix ending in '/' ("/" alone is exact).
  void Add(net::http::verb method, std::string pattern, Handler handler);
  // True if a route took the request.
  bool Dispatch(const net::Request& req, Reply reply) const;

 private:
  struct Route {
    net::http::verb method;
    std::string pattern;
    Handler handler;
  };
  std::vector<Route> routes_;
};

// Response helpers.
net::Response TextResponse(const net::Request& req, net::http::status status, std::string body,
                           std::string_view content_type = "text/plain; charset=utf-8");
// The bearer token of a request: "Authorization: Bearer T" (never from the URL).
std::string BearerToken(const net::Request& req);
// The value of `key` in the request's query string, percent-decoded.
std::string QueryParam(const net::Request& req, std::string_view key);

}  // namespace atelier::app
