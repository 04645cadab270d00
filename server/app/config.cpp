#include "server/app/config.hpp"

#include <stdexcept>

#include "server/common/log.hpp"

namespace atelier::app {

namespace {

long ParseNumber(const std::string& flag, const std::string& value, long min, long max) {
  size_t used = 0;
  long n = 0;
  try {
    n = std::stol(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != value.size() || n < min || n > max) {
    throw std::invalid_argument(flag + ": expected a number from " + std::to_string(min) + " to " +
                                std::to_string(max) + ", got '" + value + "'");
  }
  return n;
}

}  // namespace

std::string Config::Usage() {
  return R"(atelier-server — runs live business workshops of industrial ecology

Usage: atelier-server [flags]
  --port N                 TCP port (default 8080; 0 picks a free one)
  --bind ADDR              address to listen on (default :: — all, IPv4 and IPv6)
  --db PATH                SQLite database file (default atelier.db; created if missing)
  --web-root DIR           built web client (default: the one built with the server)
  --demo                   create the demo workshop if the database has none, print its links
  --durability normal|full normal survives a crash of the process, full a power loss
  --threads N              network threads (default: one per core)
  --allowed-origin ORIGIN  accept WebSocket pages from ORIGIN (repeatable; default: same host)
  --queue-limit N          messages waiting per connection before it is closed (default 1024)
  --queue-bytes N          bytes waiting per connection before it is closed (default 16777216)
  --max-message-bytes N    larger client messages get an error (default 65536); twice that
                           (at least 131072) closes the connection
  --message-timeout S      a message must arrive whole within S seconds of its first byte
                           (default 20)
  --rate N                 commands per second per connection (default 10, burst 40)
  --company-rate N         commands per second per company, all its devices (default 20,
                           burst 60)
  --max-connections N      open connections in total (default and cap: what the file
                           descriptor limit allows, raised to its hard limit at start)
  --max-connections-per-address N
                           open connections from one address (default 256)
  --limit-loopback         apply the per-address bounds (connections, wrong join codes) to
                           127.0.0.1 and ::1 too; off by default, for a reverse proxy on the
                           same machine brings every client from there
  --max-body-bytes N       HTTP request bodies (default 16384)
  --max-import-body-bytes N
                           HTTP request bodies of imports (default 4194304)
  --request-timeout S      an HTTP request must arrive whole within S seconds (default 20)
  --max-cards-per-company N
                           live cards of one company in a workshop (default 200)
  --max-cards N            live cards of one workshop (default 10000)
  --idle-timeout S         close connections silent for S seconds (default 60)
  --evict-after S          a closed workshop, read from the database when someone uses it,
                           leaves memory after S seconds unused (default 600; 0: never)
  --public-url URL         base URL printed for tablets (default: this machine's address)
  --port-file PATH         write the listening port to PATH
  --log-level LEVEL        debug, info (default), warn or error; the log goes to stderr
  --admin-token-file PATH  the administrator's token (default: <db>.admin-token, created
                           readable by this user only at first start)
  --version                print the version and exit
  --help                   this text
)";
}

Config Config::Parse(int argc, char** argv) {
  Config c;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(flag + " needs a value");
      return argv[++i];
    };
    if (flag == "--help" || flag == "-h") {
      c.help = true;
    } else if (flag == "--version") {
      c.version = true;
    } else if (flag == "--log-level") {
      c.log_level = value();
      if (!log::ParseLevel(c.log_level)) {
        throw std::invalid_argument("--log-level: debug, info, warn or error, got '" + c.log_level +
                                    "'");
      }
    } else if (flag == "--admin-token-file") {
      c.admin_token_file = value();
    } else if (flag == "--port") {
      c.port = static_cast<uint16_t>(ParseNumber(flag, value(), 0, 65535));
    } else if (flag == "--bind") {
      c.bind = value();
    } else if (flag == "--db") {
      c.db_path = value();
    } else if (flag == "--web-root") {
      c.web_root = value();
    } else if (flag == "--demo") {
      c.demo = true;
    } else if (flag == "--durability") {
      std::string v = value();
      if (v != "normal" && v != "full") throw std::invalid_argument("--durability: normal or full");
      c.durability_full = v == "full";
    } else if (flag == "--threads") {
      c.threads = static_cast<int>(ParseNumber(flag, value(), 0, 256));
    } else if (flag == "--allowed-origin") {
      c.allowed_origins.push_back(value());
    } else if (flag == "--queue-limit") {
      c.session.queue_limit = static_cast<size_t>(ParseNumber(flag, value(), 1, 1'000'000));
    } else if (flag == "--queue-bytes") {
      c.session.queue_bytes_limit =
          static_cast<size_t>(ParseNumber(flag, value(), 64L << 10, 1L << 32));
    } else if (flag == "--max-message-bytes") {
      c.session.max_message_bytes = static_cast<size_t>(ParseNumber(flag, value(), 256, 16 << 20));
      c.session.hard_message_bytes = std::max<size_t>(c.session.max_message_bytes * 2, 128 << 10);
    } else if (flag == "--message-timeout") {
      c.session.message_timeout = std::chrono::seconds(ParseNumber(flag, value(), 1, 600));
    } else if (flag == "--company-rate") {
      c.company_rate = static_cast<double>(ParseNumber(flag, value(), 1, 100000));
    } else if (flag == "--max-connections") {
      c.gate.max_connections = static_cast<size_t>(ParseNumber(flag, value(), 1, 1'000'000));
    } else if (flag == "--max-connections-per-address") {
      c.gate.max_per_address = static_cast<size_t>(ParseNumber(flag, value(), 1, 1'000'000));
    } else if (flag == "--limit-loopback") {
      c.gate.limit_loopback = true;
    } else if (flag == "--max-body-bytes") {
      c.max_body_bytes = static_cast<size_t>(ParseNumber(flag, value(), 1024, 64L << 20));
    } else if (flag == "--max-import-body-bytes") {
      c.max_import_body_bytes = static_cast<size_t>(ParseNumber(flag, value(), 1024, 256L << 20));
    } else if (flag == "--request-timeout") {
      c.request_timeout = std::chrono::seconds(ParseNumber(flag, value(), 1, 600));
    } else if (flag == "--max-cards-per-company") {
      c.workshop.max_live_cards_per_company =
          static_cast<size_t>(ParseNumber(flag, value(), 1, 1'000'000));
    } else if (flag == "--max-cards") {
      c.workshop.max_live_cards = static_cast<size_t>(ParseNumber(flag, value(), 1, 10'000'000));
    } else if (flag == "--rate") {
      c.connection.commands_per_second = static_cast<double>(ParseNumber(flag, value(), 1, 100000));
      c.connection.burst = std::max(40.0, c.connection.commands_per_second * 4);
    } else if (flag == "--idle-timeout") {
      c.session.idle_timeout = std::chrono::seconds(ParseNumber(flag, value(), 5, 3600));
    } else if (flag == "--evict-after") {
      c.evict_after = std::chrono::seconds(ParseNumber(flag, value(), 0, 86400 * 365));
    } else if (flag == "--fold-all-workshops") {
      c.fold_all_workshops = true;  // not in --help: for benchmarks
    } else if (flag == "--public-url") {
      c.public_url = value();
    } else if (flag == "--port-file") {
      c.port_file = value();
    } else {
      throw std::invalid_argument("unknown flag " + flag + " (see --help)");
    }
  }
  return c;
}

}  // namespace atelier::app
