#include "server/app/server.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <unistd.h>

#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <cstdio>
#include <random>
#include <sstream>
#include <stdexcept>

#include "server/app/export_routes.hpp"
#include "server/app/matchers.hpp"
#include "server/app/qr_routes.hpp"

namespace atelier::app {

namespace asio = boost::asio;
namespace http = boost::beast::http;

// Connections the process can hold: its file descriptor limit, raised to the hard
// limit, less what the database, logs and listener need.
size_t DescriptorBudget() {
  rlimit lim{};
  if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) return 1024;
  if (lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &lim);
    ::getrlimit(RLIMIT_NOFILE, &lim);
  }
  if (lim.rlim_cur == RLIM_INFINITY) return 1'000'000;
  return lim.rlim_cur > 128 ? static_cast<size_t>(lim.rlim_cur) - 64 : 64;
}

int64_t SystemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

// The secret that keys a server's opaque match keys, kept in `<db>.key`
// (created 0600 on first start) so that tablets' keys survive restarts.
std::string MatchKeySecret(const std::string& db_path) {
  std::string path = db_path + ".key";
  std::string secret;
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    char buf[128];
    size_t n = std::fread(buf, 1, sizeof buf, f);
    std::fclose(f);
    secret.assign(buf, n);
    if (secret.size() >= 32) return secret;
  }
  std::random_device device;
  std::uniform_int_distribution<int> digit(0, 15);
  secret.clear();
  for (int i = 0; i < 64; ++i) secret += "0123456789abcdef"[digit(device)];
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || ::write(fd, secret.data(), secret.size()) != static_cast<ssize_t>(secret.size())) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot write " + path);
  }
  ::close(fd);
  return secret;
}

}  // namespace

DatabaseLock DatabaseLock::Acquire(const std::string& db_path) {
  std::string path = db_path + ".lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot open " + path);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    throw std::runtime_error("the database " + db_path +
                             " is in use by another process (a running atelier-server?)");
  }
  return DatabaseLock(fd);
}

DatabaseLock::~DatabaseLock() {
  if (fd_ >= 0) ::close(fd_);
}

Server::Server(Config config) : config_(std::move(config)) {
  lock_.emplace(DatabaseLock::Acquire(config_.db_path));
  auto durability = config_.durability_full ? store::Database::Durability::kFull
                                            : store::Database::Durability::kNormal;
  {
    // Start-up reads use their own connection; the writer keeps the other.
    store::EventStore reader(config_.db_path, durability);
    writer_ = std::make_unique<store::Writer>(
        std::make_unique<store::EventStore>(config_.db_path, durability));
    // The reader has migrated the file: the catalogue's tables exist.
    catalogue_ = std::make_unique<store::Catalogue>(config_.db_path, LexiconExpander());
    hub_ = std::make_unique<Hub>(ioc_, *writer_, SystemNowMs, DefaultMatcherFactory());
    hub_->SetWorkshopLimits(config_.workshop);
    hub_->SetLimitLoopback(config_.gate.limit_loopback);
    hub_->SetCompanyRate(config_.company_rate, config_.company_rate * 3);
    hub_->SetMatchKeySecret(MatchKeySecret(config_.db_path));
    store::Catalogue* catalogue = catalogue_.get();
    hub_->SetEarlierCardsLoader(
        [catalogue](const std::string& territory, const std::string& except_workshop,
                    std::function<void(std::vector<workshop::EarlierCard>)> done) {
          catalogue->EarlierCards(
              territory, except_workshop, kMaxEarlierCards,
              [done = std::move(done)](std::vector<store::EarlierCardRow> rows) {
                std::vector<workshop::EarlierCard> cards;
                cards.reserve(rows.size());
                for (const auto& row : rows) cards.push_back(EarlierCardOf(row));
                done(std::move(cards));
              });
        });
    hub_->LoadAll(reader);
  }
}

Server::~Server() { Stop(); }

void Server::Start() {
  auto http_config = std::make_shared<net::HttpConfig>();
  http_config->web_root = config_.web_root;
  http_config->allowed_origins = config_.allowed_origins;
  http_config->session_limits = config_.session;
  http_config->max_body_bytes = config_.max_body_bytes;
  http_config->max_import_body_bytes = config_.max_import_body_bytes;
  http_config->import_prefixes = {"/api/admin/", "/api/import"};
  http_config->request_timeout = config_.request_timeout;
  net::GateLimits gate = config_.gate;
  const size_t budget = DescriptorBudget();
  gate.max_connections = gate.max_connections == 0 ? budget : std::min(gate.max_connections, budget);
  gate_ = std::make_shared<net::ConnectionGate>(gate);
  http_config->gate = gate_;
  AddRoutes();
  http_config->routes = [this](const net::Request& req, Reply reply) {
    return router_.Dispatch(req, std::move(reply));
  };
  ConnectionLimits limits = config_.connection;
  Hub* hub = hub_.get();
  http_config->make_handler = [hub, limits](const net::Request&) {
    return std::make_shared<Connection>(*hub, limits);
  };
  asio::ip::tcp::endpoint endpoint(asio::ip::make_address(config_.bind), config_.port);
  listener_ = std::make_shared<net::Listener>(ioc_, endpoint, http_config);
  listener_->Run();
  work_.emplace(asio::make_work_guard(ioc_));
  int n = config_.threads > 0 ? config_.threads
                              : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  for (int i = 0; i < n; ++i) threads_.emplace_back([this] { ioc_.run(); });
}

void Server::Stop() {
  if (stopped_) return;
  stopped_ = true;
  if (listener_) listener_->Stop();
  if (hub_) hub_->CloseAll();
  // Let close frames go out, then stop the threads.
  std::this_thread::sleep_for(std::chrono::milliseconds(threads_.empty() ? 0 : 200));
  work_.reset();
  ioc_.stop();
  for (auto& t : threads_) t.join();
  threads_.clear();
  if (writer_) writer_->Stop();  // whatever was submitted is written
  if (catalogue_) catalogue_->Stop();
}

void Server::AddRoutes() {
  RegisterExportRoutes(router_, *hub_, *catalogue_);
  router_.Add(http::verb::get, "/healthz",
              [this](const net::Request& req, std::string_view, Reply reply) {
                // Quarantined workshops do not make the server unhealthy (the others are
                // served) but are listed for the operator.
                std::string body = "ok\n";
                for (const QuarantinedWorkshop& q : hub_->Quarantined()) {
                  body += "quarantaine: atelier " + q.id + " code " + q.code + " seq " +
                          std::to_string(q.seq) + " : " + q.reason + "\n";
                }
                reply(TextResponse(req, http::status::ok, body));
              });
  router_.Add(http::verb::get, "/metrics",
              [this](const net::Request& req, std::string_view, Reply reply) {
                reply(TextResponse(req, http::status::ok, Metrics(),
                                   "text/plain; version=0.0.4; charset=utf-8"));
              });
  router_.Add(http::verb::get, "/", [](const net::Request& req, std::string_view, Reply reply) {
    net::Response res = TextResponse(req, http::status::found, "");
    res.set(http::field::location, "/index.html");
    reply(std::move(res));
  });
  RegisterQrRoutes(router_, *hub_);
}

std::string Server::Metrics() const {
  std::ostringstream out;
  HubStats& s = hub_->stats();
  store::WriterStats w = writer_->stats();
  out << "# TYPE atelier_connections gauge\natelier_connections " << s.connections << "\n"
      << "# TYPE atelier_workshops gauge\natelier_workshops " << hub_->All().size() << "\n"
      << "# TYPE atelier_messages_in_total counter\natelier_messages_in_total " << s.messages_in
      << "\n"
      << "# TYPE atelier_commands_applied_total counter\natelier_commands_applied_total "
      << s.commands_applied << "\n"
      << "# TYPE atelier_commands_rejected_total counter\natelier_commands_rejected_total "
      << s.commands_rejected << "\n"
      << "# TYPE atelier_frames_out_total counter\natelier_frames_out_total " << s.frames_out
      << "\n"
      << "# TYPE atelier_store_transactions_total counter\natelier_store_transactions_total "
      << w.transactions << "\n"
      << "# TYPE atelier_store_batches_total counter\natelier_store_batches_total " << w.batches
      << "\n"
      << "# TYPE atelier_store_checkpoints_total counter\natelier_store_checkpoints_total "
      << w.checkpoints << "\n"
      << "# TYPE atelier_store_events_total counter\natelier_store_events_total " << w.events
      << "\n"
      << "# TYPE atelier_store_failures_total counter\natelier_store_failures_total " << w.failures
      << "\n"
      << "# HELP atelier_workshops_quarantined Stored workshops not served: unreadable at start.\n"
      << "# TYPE atelier_workshops_quarantined gauge\natelier_workshops_quarantined "
      << hub_->Quarantined().size() << "\n"
      << "# HELP atelier_events_repaired_total Stored events read after replacing bad UTF-8.\n"
      << "# TYPE atelier_events_repaired_total counter\natelier_events_repaired_total "
      << s.events_repaired << "\n"
      << "# HELP atelier_events_refused_unreadable_total Commands refused: event would not read back.\n"
      << "# TYPE atelier_events_refused_unreadable_total counter\n"
      << "atelier_events_refused_unreadable_total " << s.events_refused_unreadable << "\n";
  auto counter = [&](const char* name, const char* help, uint64_t value) {
    out << "# HELP " << name << " " << help << "\n# TYPE " << name << " counter\n"
        << name << " " << value << "\n";
  };
  counter("atelier_refused_rate_connection_total", "Commands refused: connection over its rate.",
          s.refused_rate_connection);
  counter("atelier_refused_rate_company_total", "Commands refused: company over its rate.",
          s.refused_rate_company);
  counter("atelier_refused_quota_total", "Cards refused: company or workshop quota reached.",
          s.refused_quota);
  counter("atelier_wrong_codes_total", "Join codes that match no workshop.", s.wrong_codes);
  counter("atelier_join_blocks_total", "Addresses blocked for wrong join codes.", s.join_blocks);
  counter("atelier_refused_join_blocked_total", "Join codes refused unseen: address blocked.",
          s.refused_join_blocked);
  counter("atelier_refused_closed_lookup_total", "Lookups of a closed workshop refused.",
          s.refused_closed_lookup);
  counter("atelier_slow_message_closes_total",
          "Connections closed: a message did not arrive whole in time.",
          net::WebSocketSession::slow_message_closes());
  if (gate_) {
    const net::GateStats& g = gate_->stats();
    out << "# HELP atelier_tcp_connections Open TCP connections (HTTP and WebSocket).\n"
        << "# TYPE atelier_tcp_connections gauge\natelier_tcp_connections " << g.open << "\n";
    counter("atelier_refused_connections_total", "Connections refused: total bound reached.",
            g.refused_total);
    counter("atelier_refused_connections_per_address_total",
            "Connections refused: per-address bound reached.", g.refused_per_address);
  }
  if (listener_) {
    counter("atelier_accept_errors_total", "Accept errors (e.g. out of file descriptors).",
            listener_->accept_errors());
  }
  return out.str();
}

}  // namespace atelier::app
