#pragma once
// The administrator's HTTP/JSON routes on a running server: list, create,
// open, close and archive workshops, import companies (CSV or JSON), with
// each workshop's console, board and tablet links. Every route needs
// "Authorization: Bearer <admin token>". Thread-safe once registered.

#include <boost/asio/thread_pool.hpp>
#include <string>

#include "server/app/http_router.hpp"
#include "server/app/hub.hpp"

namespace atelier::app {

struct AdminConfig {
  std::string token;       // compared in constant time
  std::string public_url;  // base of the tablets' link; default: the request's Host
};

// `blocking` runs the work that waits on the writer (creating a workshop),
// off the io threads.
void RegisterAdminRoutes(HttpRouter& router, Hub& hub, AdminConfig config,
                         boost::asio::thread_pool& blocking);

// The administrator's token in `path`: read if the file exists, else created
// with a new random token, readable by this user only (0600). Throws
// std::runtime_error (French message) if it cannot be read or written, or if
// it is readable by others.
std::string LoadOrCreateAdminToken(const std::string& path, Hub& hub, bool* created);

// Links of one workshop, relative to the server's root.
// The code rides along so the console connects to /ws?w=CODE (a proxy routes on it).
std::string ConsolePath(const std::string& facilitator_token, const std::string& code);
std::string BoardPath(const std::string& code);
std::string TabletPath(const std::string& code);

}  // namespace atelier::app
