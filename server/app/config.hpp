#pragma once
// Config: atelier-server's settings, from one table read three ways: flags
// (--max-cards 500), environment variables (ATELIER_MAX_CARDS=500) and a
// configuration file (max-cards = 500; --config PATH, by default
// /etc/atelier/atelier.conf when it exists). A flag wins over the environment,
// which wins over the file. Parse() throws std::invalid_argument with a French
// message naming the source on an unknown setting or a bad value.

#include <cstdint>
#include <string>
#include <utility>
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
  std::string port_file;     // written once listening (tests use port 0)
  std::string public_url;    // printed links; default: this machine's LAN address
  std::string organisation;  // who issues the reports (« CCI Ille-et-Vilaine »)
  std::string logo;          // its logo on the reports: a PNG, JPEG or SVG file
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
  std::string config_file;         // the configuration file that was read, if any
  // A closed workshop folded on demand is dropped from memory after this long unused
  // (0: never).
  std::chrono::seconds evict_after{600};
  // Personal data of a closed workshop erased this many days after its close (0: kept until a
  // facilitator erases it).
  int retention_days = 0;
  bool fold_all_workshops = false;  // hidden: fold every workshop at start (benchmarks)
  bool help = false;
  bool version = false;

  using Environment = std::vector<std::pair<std::string, std::string>>;
  static constexpr const char* kDefaultFile = "/etc/atelier/atelier.conf";
  static Config Parse(int argc, char** argv, const Environment& environment = {},
                      const std::string& default_file = {});
  // This process's environment, for Parse().
  static Environment ProcessEnvironment();
  // Every setting's name, as a flag without its dashes (docs/operations.md lists them).
  static std::vector<std::string> SettingNames();
  static std::string Usage();
};

}  // namespace atelier::app
