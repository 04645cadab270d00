#include "server/app/http_router.hpp"

#include <boost/url/parse.hpp>

namespace atelier::app {

namespace http = net::http;

void HttpRouter::Add(http::verb method, std::string pattern, Handler handler) {
  routes_.push_back({method, std::move(pattern), std::move(handler)});
}

bool HttpRouter::Dispatch(const net::Request& req, Reply reply) const {
  std::string_view path = req.target();
  path = path.substr(0, path.find('?'));
  for (const Route& r : routes_) {
    bool method_ok = r.method == req.method() ||
                     (r.method == http::verb::get && req.method() == http::verb::head);
    if (!method_ok) continue;
    bool prefix = r.pattern.size() > 1 && r.pattern.back() == '/';
    if (prefix ? path.starts_with(r.pattern) : path == r.pattern) {
      r.handler(req, path, std::move(reply));
      return true;
    }
  }
  return false;
}

net::Response TextResponse(const net::Request& req, http::status status, std::string body,
                           std::string_view content_type) {
  net::Response res{status, req.version()};
  res.set(http::field::server, "atelier");
  res.set(http::field::content_type, content_type);
  res.set(http::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  if (req.method() == http::verb::head) res.body().clear();
  return res;
}

std::string BearerToken(const net::Request& req) {
  auto it = req.find(http::field::authorization);
  if (it == req.end()) return "";
  std::string_view v = it->value();
  constexpr std::string_view kBearer = "Bearer ";
  return v.starts_with(kBearer) ? std::string(v.substr(kBearer.size())) : "";
}

std::string QueryParam(const net::Request& req, std::string_view key) {
  auto url = boost::urls::parse_origin_form(req.target());
  if (!url) return "";
  for (auto param : url->params()) {
    if (param.key == key) return std::string(param.value);
  }
  return "";
}

}  // namespace atelier::app
