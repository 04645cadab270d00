#pragma once
// Config: atelier-server's command-line flags. Parse() throws
// std::invalid_argument with a message for people on a bad flag.

#include <cstdint>
#include <string>
#include <vector>

#include "server/app/connection.hpp"
#include "server/net/connection_gate.hpp"
#include "server/net/websocket_session.hpp"
#include "server/workshop/workshop.hpp"

namespace atelier::app {

struct Config {
  std::string bind = "::";
  uint16_t port = 8080;
  std::string db_path = "atelier.db";
  std::string web_root;  // default: the web client built next to the binary
  bool demo = false;
  bool durability_full = false;
  int threads = 0;  // 0: one per core
  std::vector<std::string> allowed_origins;
  std::string port_file;   // written once listening (tests use port 0)
  std::string public_url;  // printed links; default: this machine's LAN address
  net::SessionLimits session;
  ConnectionLimits connection;
  net::GateLimits gate;
  size_t max_body_bytes = 16 * 1024;
  size_t max_import_body_bytes = 4 * 1024 * 1024;
  std::chrono::seconds request_timeout{20};
  workshop::Limits workshop;
  double company_rate = 20;        // commands per second per company, all its devices (burst x3)
  std::string log_level = "info";  // debug, info, warn, error
  std::string admin_token_file;    // default: "<db>.admin-token", created 0600 if missing
  // A closed workshop folded on demand is dropped from memory after this long unused
  // (0: never).
  std::chrono::seconds evict_after{600};
  bool fold_all_workshops = false;  // hidden: fold every workshop at start (benchmarks)
  bool help = false;
  bool version = false;

  static Config Parse(int argc, char** argv);
  static std::string Usage();
};

}  // namespace atelier::app
