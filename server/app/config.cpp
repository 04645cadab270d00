#include "server/app/config.hpp"

#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cctype>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>

#include "server/common/log.hpp"

namespace atelier::app {

namespace po = boost::program_options;

namespace {

long ParseNumber(const std::string& name, const std::string& value, long min, long max) {
  size_t used = 0;
  long n = 0;
  try {
    n = std::stol(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != value.size() || n < min || n > max) {
    throw std::invalid_argument(name + " : un nombre de " + std::to_string(min) + " à " +
                                std::to_string(max) + " est attendu, reçu « " + value + " »");
  }
  return n;
}

// One setting: its name is the flag (--name), the key of the configuration file
// (name = value) and the environment variable (ATELIER_NAME, '-' written '_').
struct Setting {
  const char* name;
  const char* value;  // the value's name in --help; nullptr for a switch
  const char* help;
  std::function<void(Config&, const std::string& name, const std::string& value)> apply;
  bool repeatable = false;
};

template <typename T>
auto Number(T Config::*field, long min, long max) {
  return [field, min, max](Config& c, const std::string& n, const std::string& v) {
    c.*field = static_cast<T>(ParseNumber("--" + n, v, min, max));
  };
}

const std::vector<Setting>& Settings() {
  static const std::vector<Setting> settings = {
      {"config", "PATH", "configuration file (default /etc/atelier/atelier.conf when it exists)",
       [](Config& c, const std::string&, const std::string& v) { c.config_file = v; }},
      {"port", "N", "TCP port (default 8080; 0 picks a free one)", Number(&Config::port, 0, 65535)},
      {"bind", "ADDR", "address to listen on (default :: — all, IPv4 and IPv6)",
       [](Config& c, const std::string&, const std::string& v) { c.bind = v; }},
      {"db", "PATH", "SQLite database file (default atelier.db; created if missing)",
       [](Config& c, const std::string&, const std::string& v) { c.db_path = v; }},
      {"web-root", "DIR", "built web client (default: the one built with the server)",
       [](Config& c, const std::string&, const std::string& v) { c.web_root = v; }},
      {"demo", nullptr, "create the demo workshop if the database has none, print its links",
       [](Config& c, const std::string&, const std::string&) { c.demo = true; }},
      {"durability", "normal|full", "normal survives a crash of the process, full a power loss",
       [](Config& c, const std::string&, const std::string& v) {
         if (v != "normal" && v != "full") {
           throw std::invalid_argument("--durability : normal ou full, reçu « " + v + " »");
         }
         c.durability_full = v == "full";
       }},
      {"threads", "N", "network threads (default: one per core)", Number(&Config::threads, 0, 256)},
      {"allowed-origin", "ORIGIN",
       "accept WebSocket pages from ORIGIN (repeatable; default: same host)",
       [](Config& c, const std::string&, const std::string& v) { c.allowed_origins.push_back(v); },
       true},
      {"queue-limit", "N", "messages waiting per connection before it is closed (default 1024)",
       [](Config& c, const std::string& n, const std::string& v) {
         c.session.queue_limit = static_cast<size_t>(ParseNumber("--" + n, v, 1, 1'000'000));
       }},
      {"queue-bytes", "N", "bytes waiting per connection before it is closed (default 16777216)",
       [](Config& c, const std::string& n, const std::string& v) {
         c.session.queue_bytes_limit =
             static_cast<size_t>(ParseNumber("--" + n, v, 64L << 10, 1L << 32));
       }},
      {"max-message-bytes", "N",
       "larger client messages get an error (default 65536); twice that (at least 131072) "
       "closes the connection",
       [](Config& c, const std::string& n, const std::string& v) {
         c.session.max_message_bytes = static_cast<size_t>(ParseNumber("--" + n, v, 256, 16 << 20));
         c.session.hard_message_bytes =
             std::max<size_t>(c.session.max_message_bytes * 2, 128 << 10);
       }},
      {"message-timeout", "S",
       "a message must arrive whole within S seconds of its first byte (default 20)",
       [](Config& c, const std::string& n, const std::string& v) {
         c.session.message_timeout = std::chrono::seconds(ParseNumber("--" + n, v, 1, 600));
       }},
      {"rate", "N", "commands per second per connection (default 10, burst 40)",
       [](Config& c, const std::string& n, const std::string& v) {
         c.connection.commands_per_second =
             static_cast<double>(ParseNumber("--" + n, v, 1, 100000));
         c.connection.burst = std::max(40.0, c.connection.commands_per_second * 4);
       }},
      {"company-rate", "N",
       "commands per second per company, all its devices (default 20, burst 60)",
       [](Config& c, const std::string& n, const std::string& v) {
         c.company_rate = static_cast<double>(ParseNumber("--" + n, v, 1, 100000));
       }},
      {"max-connections", "N",
       "open connections in total (default and cap: what the file descriptor limit allows, "
       "raised to its hard limit at start)",
       [](Config& c, const std::string& n, const std::string& v) {
         c.gate.max_connections = static_cast<size_t>(ParseNumber("--" + n, v, 1, 1'000'000));
       }},
      {"max-connections-per-address", "N", "open connections from one address (default 256)",
       [](Config& c, const std::string& n, const std::string& v) {
         c.gate.max_per_address = static_cast<size_t>(ParseNumber("--" + n, v, 1, 1'000'000));
       }},
      {"limit-loopback", nullptr,
       "apply the per-address bounds (connections, wrong join codes) to 127.0.0.1 and ::1 too; "
       "off by default, for a reverse proxy on the same machine brings every client from there",
       [](Config& c, const std::string&, const std::string&) { c.gate.limit_loopback = true; }},
      {"max-body-bytes", "N", "HTTP request bodies (default 16384)",
       [](Config& c, const std::string& n, const std::string& v) {
         c.max_body_bytes = static_cast<size_t>(ParseNumber("--" + n, v, 1024, 64L << 20));
       }},
      {"max-import-body-bytes", "N", "HTTP request bodies of imports (default 4194304)",
       [](Config& c, const std::string& n, const std::string& v) {
         c.max_import_body_bytes = static_cast<size_t>(ParseNumber("--" + n, v, 1024, 256L << 20));
       }},
      {"request-timeout", "S", "an HTTP request must arrive whole within S seconds (default 20)",
       [](Config& c, const std::string& n, const std::string& v) {
         c.request_timeout = std::chrono::seconds(ParseNumber("--" + n, v, 1, 600));
       }},
      {"max-cards-per-company", "N", "live cards of one company in a workshop (default 200)",
       [](Config& c, const std::string& n, const std::string& v) {
         c.workshop.max_live_cards_per_company =
             static_cast<size_t>(ParseNumber("--" + n, v, 1, 1'000'000));
       }},
      {"max-cards", "N", "live cards of one workshop (default 10000)",
       [](Config& c, const std::string& n, const std::string& v) {
         c.workshop.max_live_cards = static_cast<size_t>(ParseNumber("--" + n, v, 1, 10'000'000));
       }},
      {"idle-timeout", "S", "close connections silent for S seconds (default 60)",
       [](Config& c, const std::string& n, const std::string& v) {
         c.session.idle_timeout = std::chrono::seconds(ParseNumber("--" + n, v, 5, 3600));
       }},
      {"evict-after", "S",
       "a closed workshop, read from the database when someone uses it, leaves memory after S "
       "seconds unused (default 600; 0: never)",
       [](Config& c, const std::string& n, const std::string& v) {
         c.evict_after = std::chrono::seconds(ParseNumber("--" + n, v, 0, 86400L * 365));
       }},
      {"retention-days", "N",
       "erase contacts and names of a workshop N days after its close (default 0: keep them "
       "until a facilitator erases them)",
       [](Config& c, const std::string& n, const std::string& v) {
         c.retention_days = static_cast<int>(ParseNumber("--" + n, v, 0, 36500));
       }},
      {"fold-all-workshops", nullptr,
       "read every workshop at start, closed ones too (for benchmarks; default: on demand)",
       [](Config& c, const std::string&, const std::string&) { c.fold_all_workshops = true; }},
      {"public-url", "URL", "base URL printed for tablets (default: this machine's address)",
       [](Config& c, const std::string&, const std::string& v) { c.public_url = v; }},
      {"organisation", "NAME",
       "who issues the reports: the chamber's or agency's name, printed on every report",
       [](Config& c, const std::string&, const std::string& v) { c.organisation = v; }},
      {"logo", "FILE", "its logo on the reports (PNG, JPEG or SVG, 512 KiB at most)",
       [](Config& c, const std::string&, const std::string& v) { c.logo = v; }},
      {"port-file", "PATH", "write the listening port to PATH",
       [](Config& c, const std::string&, const std::string& v) { c.port_file = v; }},
      {"log-level", "LEVEL", "debug, info (default), warn or error; the log goes to stderr",
       [](Config& c, const std::string&, const std::string& v) {
         if (!log::ParseLevel(v)) {
           throw std::invalid_argument("--log-level : debug, info, warn ou error, reçu « " + v +
                                       " »");
         }
         c.log_level = v;
       }},
      {"admin-token-file", "PATH",
       "the administrator's token (default: <db>.admin-token, created readable by this user "
       "only at first start)",
       [](Config& c, const std::string&, const std::string& v) { c.admin_token_file = v; }},
  };
  return settings;
}

po::options_description Describe(bool with_commands) {
  po::options_description d(
      "settings (flag --name VALUE, file « name = value », "
      "environment ATELIER_NAME)",
      100, 50);
  for (const Setting& s : Settings()) {
    if (!s.value) {
      d.add_options()(s.name, po::bool_switch(), s.help);
    } else if (s.repeatable) {
      d.add_options()(
          s.name, po::value<std::vector<std::string>>()->value_name(s.value)->composing(), s.help);
    } else {
      d.add_options()(s.name, po::value<std::string>()->value_name(s.value), s.help);
    }
  }
  if (with_commands) {
    d.add_options()("version", "print the version and exit")("help,h", "this text");
  }
  return d;
}

std::string Lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

// ATELIER_MAX_CARDS -> max-cards, for the settings only; other ATELIER_* variables
// (those of scripts and tests) are none of the server's business.
std::string SettingOfVariable(const std::string& variable) {
  static constexpr std::string_view kPrefix = "ATELIER_";
  if (variable.rfind(kPrefix, 0) != 0) return {};
  std::string name = Lower(variable.substr(kPrefix.size()));
  for (char& ch : name) {
    if (ch == '_') ch = '-';
  }
  for (const Setting& s : Settings()) {
    if (name == s.name) return name;
  }
  return {};
}

// Boost's messages, said in French with the source that carried the mistake.
[[noreturn]] void Refuse(const po::error& e, const std::string& source) {
  std::string where = source.empty() ? "" : source + " : ";
  if (const auto* u = dynamic_cast<const po::unknown_option*>(&e)) {
    throw std::invalid_argument(where + "réglage inconnu « " + u->get_option_name() +
                                " » (voir --help)");
  }
  if (const auto* s = dynamic_cast<const po::invalid_syntax*>(&e);
      s && s->kind() == po::invalid_syntax::missing_parameter) {
    throw std::invalid_argument(where + "valeur manquante pour " + s->get_option_name());
  }
  if (const auto* m = dynamic_cast<const po::multiple_occurrences*>(&e)) {
    throw std::invalid_argument(where + m->get_option_name() + " est donné plusieurs fois");
  }
  if (const auto* v = dynamic_cast<const po::invalid_option_value*>(&e)) {
    throw std::invalid_argument(where + "valeur invalide pour " + v->get_option_name());
  }
  throw std::invalid_argument(where + e.what());
}

}  // namespace

std::string Config::Usage() {
  std::ostringstream out;
  out << "atelier-server — runs live business workshops of industrial ecology\n\n"
         "Usage: atelier-server [flags]\n\n"
      << Describe(true)
      << "\nA flag wins over the environment, which wins over the configuration file.\n"
         "Every setting is listed in docs/operations.md (« Configuration »).\n";
  return out.str();
}

Config::Environment Config::ProcessEnvironment() {
  Environment env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    size_t eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    env.emplace_back(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return env;
}

std::vector<std::string> Config::SettingNames() {
  std::vector<std::string> names;
  for (const Setting& s : Settings()) names.emplace_back(s.name);
  return names;
}

Config Config::Parse(int argc, char** argv, const Environment& environment,
                     const std::string& default_file) {
  const po::options_description settings = Describe(false);
  const po::options_description everything = Describe(true);
  po::variables_map vm;
  try {
    auto style = po::command_line_style::unix_style ^ po::command_line_style::allow_guessing;
    po::positional_options_description none;
    po::parsed_options parsed =
        po::command_line_parser(argc, argv).options(everything).positional(none).style(style).run();
    // A flag given twice keeps its last value (scripts append flags to their own), except
    // the repeatable ones, which add up.
    std::vector<po::basic_option<char>> kept;
    for (auto it = parsed.options.rbegin(); it != parsed.options.rend(); ++it) {
      bool repeatable = it->string_key == "allowed-origin";
      bool seen = std::any_of(kept.begin(), kept.end(),
                              [&](const auto& o) { return o.string_key == it->string_key; });
      if (repeatable || !seen) kept.insert(kept.begin(), *it);
    }
    parsed.options = std::move(kept);
    po::store(parsed, vm);
  } catch (const po::error& e) {
    Refuse(e, "");
  }
  Config c;
  if (vm.count("help")) c.help = true;
  if (vm.count("version")) c.version = true;
  if (c.help || c.version) return c;

  // The environment, then the file: store() keeps the first value it was given.
  try {
    po::parsed_options parsed(&settings);
    for (const auto& [variable, value] : environment) {
      std::string name = SettingOfVariable(variable);
      if (name.empty()) continue;
      parsed.options.emplace_back(name, std::vector<std::string>{value});
    }
    po::store(parsed, vm);
  } catch (const po::error& e) {
    Refuse(e, "environnement");
  }
  std::string file = default_file;
  bool file_required = false;
  if (vm.count("config")) {
    file = vm["config"].as<std::string>();
    file_required = true;
  }
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in) {
      if (file_required) {
        throw std::invalid_argument("fichier de configuration illisible : " + file);
      }
    } else {
      try {
        po::store(po::parse_config_file(in, settings, false), vm);
      } catch (const po::error& e) {
        Refuse(e, file);
      }
      c.config_file = file;
    }
  }
  for (const Setting& s : Settings()) {
    if (!vm.count(s.name) || std::string(s.name) == "config") continue;
    if (!s.value) {
      if (vm[s.name].as<bool>()) s.apply(c, s.name, "true");
    } else if (s.repeatable) {
      for (const std::string& v : vm[s.name].as<std::vector<std::string>>()) s.apply(c, s.name, v);
    } else {
      s.apply(c, s.name, vm[s.name].as<std::string>());
    }
  }
  return c;
}

}  // namespace atelier::app
