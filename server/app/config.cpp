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
  --queue-limit N          frames waiting per connection before it is closed (default 1024)
  --max-message-bytes N    larger client messages get an error (default 65536)
  --rate N                 commands per second per connection (default 10, burst 40)
  --idle-timeout S         close connections silent for S seconds (default 60)
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
    } else if (flag == "--max-message-bytes") {
      c.session.max_message_bytes = static_cast<size_t>(ParseNumber(flag, value(), 256, 16 << 20));
      c.session.hard_message_bytes = std::max<size_t>(c.session.max_message_bytes * 16, 1 << 20);
    } else if (flag == "--rate") {
      c.connection.commands_per_second = static_cast<double>(ParseNumber(flag, value(), 1, 100000));
      c.connection.burst = std::max(40.0, c.connection.commands_per_second * 4);
    } else if (flag == "--idle-timeout") {
      c.session.idle_timeout = std::chrono::seconds(ParseNumber(flag, value(), 5, 3600));
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
