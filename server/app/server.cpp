#include "server/app/server.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/json.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <sstream>
#include <stdexcept>

#include "server/app/addresses.hpp"
#include "server/app/admin_routes.hpp"
#include "server/app/export_routes.hpp"
#include "server/app/exports.hpp"
#include "server/app/http_router.hpp"
#include "server/app/import_routes.hpp"
#include "server/app/matchers.hpp"
#include "server/app/qr_routes.hpp"
#include "server/app/retention.hpp"
#include "server/common/log.hpp"

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

std::string ServerSecret(const std::string& db_path, bool create) {
  std::string path = db_path + ".key";
  std::string secret;
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    char buf[128];
    size_t n = std::fread(buf, 1, sizeof buf, f);
    std::fclose(f);
    secret.assign(buf, n);
    if (secret.size() >= 32) return secret;
  }
  if (!create) return "";
  std::random_device device;
  std::uniform_int_distribution<int> digit(0, 15);
  secret.clear();
  for (int i = 0; i < 64; ++i) secret += "0123456789abcdef"[digit(device)];
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || ::write(fd, secret.data(), secret.size()) != static_cast<ssize_t>(secret.size())) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot write " + path);
  }
  ::fsync(fd);
  ::close(fd);
  return secret;
}

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

namespace {

std::string DirectoryOf(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// Why the database cannot be written, from its permissions (empty if it can).
// SQLite needs the directory too, for its -wal and -shm files.
std::string UnwritableReason(const std::string& db_path) {
  if (::access(db_path.c_str(), F_OK) == 0 && ::access(db_path.c_str(), W_OK) != 0) {
    return "le fichier " + db_path + " n'est pas accessible en écriture (" + std::strerror(errno) +
           ")";
  }
  std::string dir = DirectoryOf(db_path);
  if (::access(dir.c_str(), W_OK) != 0) {
    return "le dossier " + dir + " n'est pas accessible en écriture (" + std::strerror(errno) + ")";
  }
  return "";
}

int64_t FileSize(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size) : 0;
}

}  // namespace

Server::Server(Config config) : config_(std::move(config)) {
  if (std::string why = UnwritableReason(config_.db_path); !why.empty()) {
    throw StartupError("base de données inutilisable : " + why);
  }
  try {
    lock_.emplace(DatabaseLock::Acquire(config_.db_path));
  } catch (const std::runtime_error& e) {
    throw StartupError(std::string("base de données inutilisable : ") + e.what());
  }
  auto durability = config_.durability_full ? store::Database::Durability::kFull
                                            : store::Database::Durability::kNormal;
  {
    // Start-up reads use their own connection; the writer keeps the other.
    // The hub keeps it to fold dormant workshops when they are used.
    std::unique_ptr<store::EventStore> opened;
    try {
      opened = std::make_unique<store::EventStore>(config_.db_path, durability);
    } catch (const std::runtime_error& e) {
      throw StartupError(std::string("base de données inutilisable : ") + e.what());
    }
    store::EventStore& reader = *opened;
    // Refuse now rather than refuse every command later.
    if (reader.db().ReadOnly()) {
      throw StartupError("base de données en lecture seule : " + config_.db_path +
                         " (droits du fichier ou système de fichiers monté en lecture seule)");
    }
    if (store::Status probe = reader.WriteProbe(); !probe.ok()) {
      throw StartupError("impossible d'écrire dans la base " + config_.db_path + " : " +
                         probe.message() + " (" + reader.db().ErrorDetail() + ")");
    }
    writer_ = std::make_unique<store::Writer>(
        std::make_unique<store::EventStore>(config_.db_path, durability));
    // The reader has migrated the file: the catalogue's tables exist.
    catalogue_ = std::make_unique<store::Catalogue>(config_.db_path, LexiconExpander());
    hub_ = std::make_unique<Hub>(ioc_, *writer_, SystemNowMs, DefaultMatcherFactory());
    hub_->SetWorkshopLimits(config_.workshop);
    hub_->SetLimitLoopback(config_.gate.limit_loopback);
    hub_->SetCompanyRate(config_.company_rate, config_.company_rate * 3);
    hub_->SetServerSecret(ServerSecret(config_.db_path));
    store::Catalogue* catalogue = catalogue_.get();
    hub_->SetEarlierCardsLoader([catalogue](const std::string& territory,
                                            const std::string& except_workshop,
                                            std::function<void(TerritoryData)> done) {
      catalogue->EarlierCards(
          territory, except_workshop, kMaxEarlierCards,
          [catalogue, territory, except_workshop,
           done = std::move(done)](std::vector<store::EarlierCardRow> rows) {
            TerritoryData data;
            data.cards.reserve(rows.size());
            for (const auto& row : rows) data.cards.push_back(EarlierCardOf(row));
            // On the catalogue's thread, like the cards.
            for (auto& f : catalogue->TerritoryFeedbackNow(territory, except_workshop)) {
              data.evidence[f.evidence] = {f.validated, f.rejected};
            }
            done(std::move(data));
          });
    });
    hub_->SetFoldAll(config_.fold_all_workshops);
    loaded_ = hub_->LoadAll(std::move(opened));
  }
  admin_token_path_ = config_.admin_token_file.empty() ? config_.db_path + ".admin-token"
                                                       : config_.admin_token_file;
  try {
    admin_token_ = LoadOrCreateAdminToken(admin_token_path_, *hub_, &admin_token_created_);
  } catch (const std::runtime_error& e) {
    throw StartupError(e.what());
  }
  if (admin_token_created_) {
    LOG_INFO("jeton d'administration créé dans " << admin_token_path_ << " (lisible par "
                                                 << "cet utilisateur seulement)");
  }
  LOG_INFO("base " << config_.db_path << " : " << loaded_ << " atelier(s), dont "
                   << hub_->InMemoryCount() << " chargé(s) en mémoire (les ateliers clos le "
                   << "sont à leur première utilisation)");
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
  gate.max_connections =
      gate.max_connections == 0 ? budget : std::min(gate.max_connections, budget);
  gate_ = std::make_shared<net::ConnectionGate>(gate);
  http_config->gate = gate_;
  AddRoutes();
  http_config->routes = [this](const net::Request& req, Reply reply) {
    return router_.Dispatch(req, std::move(reply));
  };
  ConnectionLimits limits = config_.connection;
  Hub* hub = hub_.get();
  http_config->make_handler = [hub, limits](const net::Request& req) {
    // /ws?w=CODE names the workshop in the URL, for a proxy to route it (docs/scale.md);
    // the join must then be to that workshop.
    return std::make_shared<Connection>(*hub, limits, NormalizeCode(QueryParam(req, "w")));
  };
  asio::ip::tcp::endpoint endpoint(asio::ip::make_address(config_.bind), config_.port);
  listener_ = std::make_shared<net::Listener>(ioc_, endpoint, http_config);
  listener_->Run();
  // Known now that the port is bound; set before any connection can be served.
  if (!config_.public_url.empty()) {
    hub_->SetAddresses(TrimUrl(config_.public_url), {});
  } else {
    hub_->SetAddresses("", LanUrls(listener_->port()));
  }
  work_.emplace(asio::make_work_guard(ioc_));
  int n = config_.threads > 0 ? config_.threads
                              : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  for (int i = 0; i < n; ++i) threads_.emplace_back([this] { ioc_.run(); });
  if (config_.evict_after.count() > 0) {
    evict_timer_.emplace(blocking_.get_executor());
    ScheduleEviction();
  }
  if (config_.retention_days > 0) {
    retention_timer_.emplace(blocking_.get_executor());
    ScheduleRetention(std::chrono::seconds(1));  // soon after the start, then hourly
  }
}

void Server::ScheduleRetention(std::chrono::milliseconds delay) {
  retention_timer_->expires_after(delay);
  retention_timer_->async_wait([this](const boost::system::error_code& ec) {
    if (ec || evict_stopping_) return;
    const int64_t keep_ms = int64_t{config_.retention_days} * 24 * 3600 * 1000;
    // A few workshops per turn: administration and exports share this pool.
    const RetentionSweep sweep =
        SweepRetention(*hub_, keep_ms, hub_->Now(), retention_schedule_, /*max_reads=*/8);
    hub_->stats().retention_erasures += sweep.erased;
    if (!sweep.complete) return ScheduleRetention(std::chrono::milliseconds(200));
    hub_->stats().retention_sweeps++;
    ScheduleRetention(std::chrono::hours(1));
  });
}

void Server::ScheduleEviction() {
  // Looks a few times per idle period, at most once a minute, at least once a second.
  auto period = std::clamp<std::chrono::milliseconds>(
      std::chrono::duration_cast<std::chrono::milliseconds>(config_.evict_after) / 4,
      std::chrono::seconds(1), std::chrono::seconds(60));
  evict_timer_->expires_after(period);
  evict_timer_->async_wait([this](const boost::system::error_code& ec) {
    if (ec || evict_stopping_) return;
    hub_->EvictIdle(
        std::chrono::duration_cast<std::chrono::milliseconds>(config_.evict_after).count());
    ScheduleEviction();
  });
}

void Server::Stop() {
  if (stopped_) return;
  stopped_ = true;
  if (listener_) listener_->Stop();
  if (evict_timer_) {
    // On the pool's one thread, after or before the timer's handler, never during it.
    asio::post(blocking_, [this] {
      evict_stopping_ = true;
      evict_timer_->cancel();
    });
  }
  if (retention_timer_) {
    asio::post(blocking_, [this] {
      evict_stopping_ = true;
      retention_timer_->cancel();
    });
  }
  blocking_.join();
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
  // Read once: a logo that cannot be read stops the start-up with its reason.
  RegisterExportRoutes(router_, *hub_, *catalogue_, blocking_,
                       LoadReportOptions(config_.organisation, config_.logo));
  RegisterImportRoutes(router_, *hub_);
  router_.Add(
      http::verb::get, "/healthz", [this](const net::Request& req, std::string_view, Reply reply) {
        auto request = std::make_shared<net::Request>(req);
        CheckHealth([request, reply](bool ok, std::string json) {
          reply(TextResponse(*request, ok ? http::status::ok : http::status::service_unavailable,
                             std::move(json), "application/json"));
        });
      });
  router_.Add(
      http::verb::get, "/readyz", [this](const net::Request& req, std::string_view, Reply reply) {
        bool ready = ready_;
        boost::json::object body{{"ready", ready}, {"workshops", hub_->WorkshopCount()}};
        if (!ready) body["reason"] = stopped_ ? "arrêt en cours" : "démarrage en cours";
        reply(TextResponse(req, ready ? http::status::ok : http::status::service_unavailable,
                           boost::json::serialize(body) + "\n", "application/json"));
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
  RegisterAdminRoutes(router_, *hub_, AdminConfig{admin_token_, config_.public_url}, blocking_);
}

void Server::CheckHealth(std::function<void(bool ok, std::string json)> done) {
  auto answer = [this, done](const std::string& unwritable, const store::Status& probe) {
    boost::json::object storage;
    bool ok = unwritable.empty() && probe.ok();
    storage["state"] = ok ? "ok" : (!unwritable.empty() ? "read-only" : "write-failed");
    storage["database_bytes"] = FileSize(config_.db_path);
    storage["wal_bytes"] = FileSize(config_.db_path + "-wal");
    if (!unwritable.empty())
      storage["reason"] = unwritable;
    else if (!probe.ok())
      storage["reason"] = "la sonde d'écriture a échoué : " + probe.message();
    // Quarantined workshops do not make the server unhealthy (the others are served) but
    // are listed for the operator, with what could not be read.
    boost::json::array quarantined;
    for (const QuarantinedWorkshop& q : hub_->Quarantined()) {
      quarantined.push_back(boost::json::object{
          {"id", q.id}, {"code", q.code}, {"seq", q.seq}, {"reason", q.reason}});
    }
    boost::json::object body{{"status", ok ? "ok" : "error"},
                             {"storage", std::move(storage)},
                             {"workshops", hub_->WorkshopCount()},
                             {"quarantined", std::move(quarantined)},
                             {"ready", ready_.load()}};
    done(ok, boost::json::serialize(body) + "\n");
  };
  std::string unwritable = UnwritableReason(config_.db_path);
  if (!unwritable.empty()) return answer(unwritable, store::Status::Ok());
  std::shared_ptr<Probe> probe = probe_;
  {
    std::lock_guard lock(probe->mu);
    auto now = std::chrono::steady_clock::now();
    if (probe->have && now - probe->at < std::chrono::seconds(1)) {
      store::Status last = probe->status;
      return answer("", last);
    }
    probe->waiters.push_back([answer](const store::Status& s) { answer("", s); });
    if (probe->running) return;
    probe->running = true;
  }
  writer_->Probe([probe](const store::Status& status) {
    std::vector<std::function<void(const store::Status&)>> waiters;
    {
      std::lock_guard lock(probe->mu);
      probe->running = false;
      probe->have = true;
      probe->at = std::chrono::steady_clock::now();
      probe->status = status;
      waiters.swap(probe->waiters);
    }
    if (!status.ok()) LOG_ERROR("santé : la sonde d'écriture a échoué : " << status.message());
    for (auto& w : waiters) w(status);
  });
}

std::string Server::Metrics() const {
  HubStats& s = hub_->stats();
  store::WriterStats w = writer_->stats();
  std::string out;
  auto family = [&out](std::string_view name, std::string_view type, std::string_view help,
                       auto value) {
    std::string n(name);
    out += "# HELP " + n + " " + std::string(help) + "\n# TYPE " + n + " " + std::string(type) +
           "\n" + n + " " + std::to_string(value) + "\n";
  };
  family("atelier_up", "gauge", "1 while the server runs; 0 never appears.", 1);
  family("atelier_ready", "gauge", "1 once loaded and started, 0 while starting or stopping.",
         ready_ ? 1 : 0);
  family("atelier_connections", "gauge", "Open WebSocket connections.", s.connections.load());
  family("atelier_workshops", "gauge",
         "Workshops this server serves, in memory or dormant (closed, folded when used).",
         hub_->WorkshopCount());
  family("atelier_workshops_in_memory", "gauge",
         "Workshops folded in memory (open ones, and closed ones used lately).",
         hub_->InMemoryCount());
  family("atelier_messages_in_total", "counter", "Client messages received.", s.messages_in.load());
  family("atelier_commands_applied_total", "counter", "Commands committed and acknowledged.",
         s.commands_applied.load());
  family("atelier_commands_rejected_total", "counter",
         "Commands the workshop refused (see atelier_refusals_total for every reason).",
         s.commands_rejected.load());
  family("atelier_frames_out_total", "counter", "Frames queued to clients.", s.frames_out.load());
  s.refusals.Write(out);
  s.command_to_ack.Write(out, "atelier_command_ack_seconds",
                         "From a command's arrival to its acknowledgement (durable), seconds.");
  s.post_to_delivery.Write(out, "atelier_post_delivery_seconds",
                           "From a card post's arrival to its event in the send queue of every "
                           "connected viewer (after the commit), seconds.");
  family("atelier_store_transactions_total", "counter", "SQLite transactions (group commits).",
         w.transactions);
  family("atelier_store_batches_total", "counter", "Write batches, one per command.", w.batches);
  family("atelier_store_checkpoints_total", "counter", "WAL checkpoints run in the background.",
         w.checkpoints);
  family("atelier_store_events_total", "counter", "Events written.", w.events);
  family("atelier_store_failures_total", "counter", "Write batches that failed.", w.failures);
  family("atelier_database_bytes", "gauge", "Size of the SQLite database file.",
         FileSize(config_.db_path));
  family("atelier_wal_bytes", "gauge", "Size of the SQLite write-ahead log file.",
         FileSize(config_.db_path + "-wal"));
  family("atelier_workshops_quarantined", "gauge",
         "Stored workshops not served: unreadable at start-up (see /healthz).",
         hub_->Quarantined().size());
  family("atelier_events_repaired_total", "counter",
         "Stored events read after replacing malformed UTF-8 by U+FFFD.", s.events_repaired.load());
  family("atelier_events_refused_unreadable_total", "counter",
         "Commands refused: their event would not read back from its bytes.",
         s.events_refused_unreadable.load());
  family("atelier_refused_rate_connection_total", "counter",
         "Commands refused: connection over its rate.", s.refused_rate_connection.load());
  family("atelier_refused_rate_company_total", "counter",
         "Commands refused: company over its rate, all its devices.",
         s.refused_rate_company.load());
  family("atelier_refused_quota_total", "counter",
         "Cards refused: company or workshop quota reached.", s.refused_quota.load());
  family("atelier_wrong_codes_total", "counter", "Join codes that match no workshop.",
         s.wrong_codes.load());
  family("atelier_join_blocks_total", "counter", "Addresses blocked for wrong join codes.",
         s.join_blocks.load());
  family("atelier_refused_join_blocked_total", "counter",
         "Join codes refused unseen: address blocked.", s.refused_join_blocked.load());
  family("atelier_refused_wrong_route_total", "counter",
         "Joins refused: the URL (/ws?w=CODE) named another workshop.",
         s.refused_wrong_route.load());
  family("atelier_refused_closed_lookup_total", "counter", "Lookups of a closed workshop refused.",
         s.refused_closed_lookup.load());
  family("atelier_refused_closed_token_total", "counter",
         "Participant tokens refused because their workshop is closed.",
         s.refused_closed_token.load());
  family("atelier_retention_erasures_total", "counter",
         "Companies whose personal data the retention setting erased.",
         s.retention_erasures.load());
  family("atelier_devices_revoked_total", "counter", "Devices revoked by a facilitator.",
         s.devices_revoked.load());
  family("atelier_refused_company_key_total", "counter",
         "Joins refused for a missing or wrong table-tent key.", s.wrong_company_keys.load());
  family("atelier_retention_sweeps_total", "counter",
         "Sweeps of the retention setting over the closed workshops.", s.retention_sweeps.load());
  family("atelier_slow_message_closes_total", "counter",
         "Connections closed: a message did not arrive whole in time.",
         net::WebSocketSession::slow_message_closes());
  if (gate_) {
    const net::GateStats& g = gate_->stats();
    family("atelier_tcp_connections", "gauge", "Open TCP connections (HTTP and WebSocket).",
           g.open.load());
    family("atelier_refused_connections_total", "counter",
           "Connections refused: total bound reached.", g.refused_total.load());
    family("atelier_refused_connections_per_address_total", "counter",
           "Connections refused: per-address bound reached.", g.refused_per_address.load());
  }
  if (listener_) {
    family("atelier_accept_errors_total", "counter",
           "Accept errors (e.g. out of file descriptors).", listener_->accept_errors());
  }
  return out;
}

}  // namespace atelier::app
