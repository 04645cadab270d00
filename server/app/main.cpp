// atelier-server: serves the web client, the WebSocket protocol and the
// workshops stored in one SQLite file.

#include <sys/resource.h>
#include <sys/stat.h>

#include <algorithm>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <optional>

#include "server/app/addresses.hpp"
#include "server/app/admin_routes.hpp"
#include "server/app/config.hpp"
#include "server/app/demo.hpp"
#include "server/app/server.hpp"
#include "server/common/log.hpp"

namespace {

// The installed web client (<prefix>/share/atelier/web next to <prefix>/bin),
// else the one built with the server.
std::string DefaultWebRoot() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    std::filesystem::path installed = exe.parent_path().parent_path() / "share/atelier/web";
    if (std::filesystem::exists(installed / "index.html", ec)) return installed.string();
  }
  return ATELIER_DEFAULT_WEB_ROOT;
}

// The console and board links of the workshops still in use (not closed or
// archived), at most 20, `except` left out (the demo, printed on its own).
void PrintWorkshopLinks(atelier::app::Hub& hub, const std::string& local,
                        const std::string& except) {
  namespace app = atelier::app;
  struct Row {
    std::string title, code, id;
  };
  std::vector<Row> rows;
  for (const auto& actor : hub.InMemory()) {  // dormant ones are closed
    if (actor->id() == except) continue;
    std::promise<std::optional<Row>> row;
    actor->WithCommittedState([&](const atelier::workshop::WorkshopState& state) {
      bool done =
          state.info().archived() || state.info().status() == atelier::v1::WORKSHOP_STATUS_CLOSED;
      row.set_value(
          done ? std::nullopt
               : std::optional<Row>(Row{state.info().title(), actor->code(), actor->id()}));
    });
    if (auto r = row.get_future().get()) rows.push_back(*r);
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.title < b.title; });
  if (rows.empty()) return;
  std::cout << "Ateliers en cours / workshops:\n";
  size_t shown = 0;
  for (const Row& r : rows) {
    if (++shown > 20) {
      std::cout << "  ... et " << rows.size() - 20 << " autre(s) : voir la page d'administration\n";
      break;
    }
    std::cout << "  " << r.code << "  " << r.title << "\n"
              << "    écran : " << local << app::BoardPath(r.code) << "\n";
    for (const auto& token : hub.FacilitatorTokens(r.id)) {
      std::cout << "    console : " << local << app::ConsolePath(token, r.code) << "\n";
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  // The database, its WAL and lock, the key and token files, exports: personal data and
  // secrets, readable by the service's user only (RGPD; docs/privacy.md).
  ::umask(077);
  using atelier::app::Config;
  Config config;
  try {
    config = Config::Parse(argc, argv, Config::ProcessEnvironment(), Config::kDefaultFile);
  } catch (const std::invalid_argument& e) {
    std::cerr << "atelier-server: " << e.what() << "\n";
    return 2;
  }
  if (config.help) {
    std::cout << Config::Usage();
    return 0;
  }
  if (config.version) {
    std::cout << "atelier-server " << ATELIER_VERSION << "\n";
    return 0;
  }
  atelier::log::SetLevel(*atelier::log::ParseLevel(config.log_level));
  if (!config.config_file.empty()) LOG_INFO("configuration lue dans " << config.config_file);
  if (config.web_root.empty()) config.web_root = DefaultWebRoot();
  {
    std::error_code ec;
    if (!std::filesystem::is_directory(config.web_root, ec) ||
        !std::filesystem::exists(std::filesystem::path(config.web_root) / "index.html", ec)) {
      LOG_ERROR("démarrage refusé : le client web est introuvable dans « "
                << config.web_root
                << " » (pas de index.html) ; donnez le bon dossier avec --web-root");
      return 3;
    }
  }
  std::signal(SIGPIPE, SIG_IGN);
  // One descriptor per connection: take all the system allows.
  rlimit files{};
  if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
  }

  try {
    std::optional<atelier::app::Server> created;
    try {
      created.emplace(config);
    } catch (const atelier::app::StartupError& e) {
      LOG_ERROR("démarrage refusé : " << e.what());
      return 4;
    }
    atelier::app::Server& server = *created;
    server.Start();
    LOG_INFO("atelier-server " << ATELIER_VERSION << " démarré : écoute sur " << config.bind
                               << " port " << server.port() << ", base " << config.db_path
                               << ", client web " << config.web_root);
    std::string base = config.public_url;
    if (base.empty()) {
      const std::vector<std::string> lans = atelier::app::LanAddresses();
      std::string lan = lans.empty() ? "" : lans.front();
      base = "http://" + (lan.empty() ? std::string("localhost") : lan) + ":" +
             std::to_string(server.port());
    }
    while (base.size() > 1 && base.back() == '/') base.pop_back();
    std::string local = "http://localhost:" + std::to_string(server.port());
    namespace app = atelier::app;
    std::string demo_id;
    if (config.demo) {
      std::string token = app::EnsureDemoWorkshop(server.hub());
      auto demo = server.hub().ByCode(app::kDemoCode);
      if (demo) demo_id = demo->id();
      if (token.empty() && demo) {
        auto tokens = server.hub().FacilitatorTokens(demo->id());
        if (!tokens.empty()) token = tokens.front();
      }
      std::cout << "\nAtelier de démonstration / demo workshop\n"
                << "  Code des tablettes / join code : " << app::kDemoCode << "\n"
                << "  Tablettes / tablets            : " << base << "/tablet.html\n"
                << "  Écran projeté / board          : " << local << app::BoardPath(app::kDemoCode)
                << "\n"
                << "  Console animateur / facilitator: " << local
                << app::ConsolePath(token, app::kDemoCode) << "\n"
                << "  Santé / health                 : " << local << "/healthz\n";
    }
    // The links to run this server, at every start (stdout only: the log never holds a token).
    std::cout << "\nAdministration : " << local << "/admin.html#admin=" << server.admin_token()
              << "\n  (jeton dans " << server.admin_token_path() << ")\n";
    PrintWorkshopLinks(server.hub(), local, demo_id);
    std::cout << std::endl;
    if (!config.port_file.empty()) {
      // Written last: whoever waits for it finds every link above already printed.
      std::ofstream(config.port_file + ".tmp") << server.port() << "\n";
      std::rename((config.port_file + ".tmp").c_str(), config.port_file.c_str());
    }
    // Wait for SIGINT or SIGTERM on a small io_context of our own.
    boost::asio::io_context signals_ioc;
    boost::asio::signal_set signals(signals_ioc, SIGINT, SIGTERM);
    signals.async_wait([](const boost::system::error_code&, int) {});
    server.SetReady(true);
    signals_ioc.run();
    server.SetReady(false);
    LOG_INFO("arrêt demandé : fermeture des connexions, écriture de ce qui reste");
    server.Stop();
    LOG_INFO("atelier-server arrêté");
  } catch (const std::exception& e) {
    LOG_ERROR("atelier-server : " << e.what());
    return 1;
  }
  return 0;
}
