#include "server/app/admin_routes.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/json.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "server/app/import_routes.hpp"
#include "server/common/log.hpp"

namespace atelier::app {

namespace http = net::http;
namespace json = boost::json;

namespace {

constexpr std::string_view kPrefix = "/api/admin/workshops";

bool SameToken(std::string_view a, std::string_view b) {
  // Constant time in the length of the expected token.
  unsigned diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < b.size(); ++i) {
    diff |= static_cast<unsigned char>(i < a.size() ? a[i] : 0) ^ static_cast<unsigned char>(b[i]);
  }
  return diff == 0;
}

net::Response Json(const net::Request& req, http::status status, const json::value& body) {
  return TextResponse(req, status, json::serialize(body) + "\n", "application/json");
}

net::Response Error(const net::Request& req, http::status status, std::string message) {
  return Json(req, status, json::object{{"error", std::move(message)}});
}

std::string StatusId(v1::WorkshopStatus s) {
  switch (s) {
    case v1::WORKSHOP_STATUS_DRAFT:
      return "draft";
    case v1::WORKSHOP_STATUS_OPEN:
      return "open";
    case v1::WORKSHOP_STATUS_RUNNING:
      return "running";
    case v1::WORKSHOP_STATUS_CLOSED:
      return "closed";
    default:
      return "unknown";
  }
}

// The base of links that tablets open: --public-url, else what the
// administrator's browser used to reach us.
std::string BaseUrl(const net::Request& req, const AdminConfig& config) {
  if (!config.public_url.empty()) {
    std::string base = config.public_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base;
  }
  auto host = req.find(http::field::host);
  std::string h = host == req.end() ? "localhost" : std::string(host->value());
  return "http://" + h;
}

// A workshop's row; `state` null for a dormant workshop (no counts: its log is not read).
json::object Summary(const std::string& id, const std::string& code, const v1::WorkshopInfo& info,
                     const workshop::WorkshopState* state, const std::vector<std::string>& tokens,
                     const std::string& base) {
  json::array consoles;
  for (const auto& t : tokens) consoles.push_back(json::value(ConsolePath(t, code)));
  std::string tablet_url = base + TabletPath(code);
  std::string qr = "/qr.svg?text=" + boost::urls::encode(tablet_url, boost::urls::unreserved_chars);
  json::object row{{"id", id},
                   {"code", code},
                   {"title", info.title()},
                   {"date", info.date()},
                   {"venue", info.venue()},
                   {"territory", info.territory()},
                   {"tables", info.tables()},
                   {"status", StatusId(info.status())},
                   {"archived", info.archived()},
                   {"in_memory", state != nullptr},
                   {"links", json::object{{"consoles", std::move(consoles)},
                                          {"board", BoardPath(code)},
                                          {"tablet", TabletPath(code)},
                                          {"tablet_url", tablet_url},
                                          {"qr", qr}}}};
  if (state) {
    row["companies"] = state->company_order().size();
    row["cards"] = state->live_card_count();
    row["matches"] = state->match_count();
  }
  return row;
}

json::object Summary(const WorkshopActor& actor, const workshop::WorkshopState& state,
                     const std::vector<std::string>& tokens, const std::string& base) {
  return Summary(actor.id(), actor.code(), state.info(), &state, tokens, base);
}

std::string StringField(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : "";
}

// Runs `msg` in the workshop as its facilitator; replies with the workshop.
void RunAsFacilitator(Hub& hub, std::shared_ptr<WorkshopActor> actor, v1::ClientMessage msg,
                      std::shared_ptr<net::Request> req, Reply reply, AdminConfig config,
                      std::string what) {
  auto outcome = std::make_shared<workshop::Outcome>();
  actor->Execute(
      [msg = std::move(msg), outcome](workshop::Workshop& w, int64_t now) {
        // An UpdateWorkshop without `paused` leaves the pause as it is.
        workshop::Viewer admin;
        admin.role = v1::ROLE_FACILITATOR;
        admin.participant_id = "admin";
        return w.Handle(admin, msg, now);
      },
      [&hub, actor, req, reply, config, what](const workshop::Outcome& o) {
        if (!o.ok()) {
          json::array details;
          for (const auto& d : o.rejection->details) {
            details.push_back(
                json::object{{"line", d.line()}, {"field", d.field()}, {"message", d.message()}});
          }
          reply(Json(*req,
                     o.rejection->code == v1::ERROR_CODE_STORAGE
                         ? http::status::service_unavailable
                         : http::status::unprocessable_entity,
                     json::object{{"error", o.rejection->message}, {"details", details}}));
          return;
        }
        LOG_INFO("administration : " << what << " pour l'atelier " << actor->code() << " ("
                                     << actor->id() << ")");
        std::string base = BaseUrl(*req, config);
        std::vector<std::string> tokens = hub.FacilitatorTokens(actor->id());
        actor->WithCommittedState(
            [actor, tokens, base, req, reply](const workshop::WorkshopState& state) {
              reply(Json(*req, http::status::ok, Summary(*actor, state, tokens, base)));
            });
      });
}

void List(Hub& hub, const net::Request& request, Reply reply, const AdminConfig& config) {
  auto req = std::make_shared<net::Request>(request);
  bool all = QueryParam(request, "all") == "1";
  std::string base = BaseUrl(request, config);
  // Dormant workshops are listed from their info row, without waking them.
  std::vector<WorkshopListing> listed = hub.Listing();
  struct Gather {
    std::mutex mu;
    size_t left;
    std::vector<json::object> rows;  // GUARDED_BY(mu)
  };
  auto gather = std::make_shared<Gather>();
  gather->left = listed.size();
  auto finish = [gather, req, reply, all]() {
    std::vector<json::object> rows;
    {
      std::lock_guard lock(gather->mu);
      rows.swap(gather->rows);
    }
    std::sort(rows.begin(), rows.end(), [](const json::object& a, const json::object& b) {
      return std::make_pair(a.at("archived").as_bool(), a.at("title").as_string()) <
             std::make_pair(b.at("archived").as_bool(), b.at("title").as_string());
    });
    json::array out;
    for (auto& r : rows) {
      if (all || !r.at("archived").as_bool()) out.push_back(std::move(r));
    }
    reply(Json(*req, http::status::ok, json::object{{"workshops", std::move(out)}}));
  };
  if (listed.empty()) return finish();
  for (const auto& w : listed) {
    std::vector<std::string> tokens = hub.FacilitatorTokens(w.id);
    if (!w.actor) {
      json::object row = Summary(w.id, w.code, w.info, nullptr, tokens, base);
      bool last;
      {
        std::lock_guard lock(gather->mu);
        gather->rows.push_back(std::move(row));
        last = --gather->left == 0;
      }
      if (last) finish();
      continue;
    }
    std::shared_ptr<WorkshopActor> actor = w.actor;
    actor->WithCommittedState(
        [gather, finish, actor, tokens, base](const workshop::WorkshopState& state) {
          json::object row = Summary(*actor, state, tokens, base);
          bool last;
          {
            std::lock_guard lock(gather->mu);
            gather->rows.push_back(std::move(row));
            last = --gather->left == 0;
          }
          if (last) finish();
        });
  }
}

void Create(Hub& hub, const net::Request& request, Reply reply, const AdminConfig& config,
            boost::asio::thread_pool& blocking) {
  json::error_code ec;
  json::value body = json::parse(request.body(), ec);
  if (ec || !body.is_object()) {
    return reply(Error(request, http::status::bad_request,
                       "Corps JSON attendu : {\"title\": \"...\", \"tables\": 6, ...}"));
  }
  const json::object& o = body.as_object();
  v1::WorkshopInfo info;
  std::string title = StringField(o, "title");
  if (title.empty() || title.size() > 200) {
    return reply(Error(request, http::status::bad_request,
                       "Titre manquant ou trop long (200 caractères au plus)."));
  }
  info.set_title(title);
  info.set_date(StringField(o, "date"));
  info.set_venue(StringField(o, "venue"));
  info.set_territory(StringField(o, "territory"));
  int64_t tables = 1;
  if (auto it = o.find("tables"); it != o.end()) {
    if (!it->value().is_int64() || it->value().as_int64() < 1 || it->value().as_int64() > 100) {
      return reply(
          Error(request, http::status::bad_request, "Nombre de tables : un entier de 1 à 100."));
    }
    tables = it->value().as_int64();
  }
  info.set_tables(static_cast<int32_t>(tables));
  info.set_status(v1::WORKSHOP_STATUS_OPEN);
  std::string code = StringField(o, "code");
  if (!code.empty()) {
    std::string normal = NormalizeCode(code);
    if (normal.size() < 4 || normal.size() > 12) {
      return reply(Error(request, http::status::bad_request,
                         "Code d'atelier : 4 à 12 lettres ou chiffres."));
    }
    code = normal;
  }
  auto req = std::make_shared<net::Request>(request);
  // CreateWorkshop waits for the writer: not on an io thread.
  boost::asio::post(blocking, [&hub, info, code, req, reply, config]() {
    CreatedWorkshop created;
    try {
      created = hub.CreateWorkshop(info, code);
    } catch (const std::exception& e) {
      bool conflict = std::string_view(e.what()).find("already in use") != std::string_view::npos;
      reply(conflict ? Error(*req, http::status::conflict, "Ce code d'atelier est déjà pris.")
                     : Error(*req, http::status::service_unavailable,
                             "Impossible de créer l'atelier : la base refuse l'écriture."));
      return;
    }
    LOG_INFO("administration : atelier " << created.code << " (" << created.id << ") créé");
    auto actor = hub.ById(created.id);
    std::string base = BaseUrl(*req, config);
    std::vector<std::string> tokens = hub.FacilitatorTokens(created.id);
    actor->WithCommittedState([actor, tokens, base, req, reply](const workshop::WorkshopState& s) {
      reply(Json(*req, http::status::created, Summary(*actor, s, tokens, base)));
    });
  });
}

}  // namespace

std::string ConsolePath(const std::string& facilitator_token, const std::string& code) {
  return "/console.html#token=" + facilitator_token + "&code=" + code;
}
std::string BoardPath(const std::string& code) { return "/board.html#code=" + code; }
std::string TabletPath(const std::string& code) { return "/tablet.html#code=" + code; }

void RegisterAdminRoutes(HttpRouter& router, Hub& hub, AdminConfig config,
                         boost::asio::thread_pool& blocking) {
  auto authorized = [config](const net::Request& req, const Reply& reply) {
    if (SameToken(BearerToken(req), config.token)) return true;
    uint64_t held = 0;
    static log::Throttle throttle(std::chrono::seconds(1));
    if (throttle.Allow(&held)) {
      LOG_WARN("administration : requête refusée (jeton d'administration absent ou faux)"
               << (held ? " (+" + std::to_string(held) + " non journalisées)" : std::string()));
    }
    reply(Error(req, http::status::unauthorized, "Jeton d'administration manquant ou faux."));
    return false;
  };
  router.Add(http::verb::get, std::string(kPrefix),
             [&hub, config, authorized](const net::Request& req, std::string_view, Reply reply) {
               if (authorized(req, reply)) List(hub, req, std::move(reply), config);
             });
  router.Add(http::verb::post, std::string(kPrefix),
             [&hub, config, authorized, &blocking](const net::Request& req, std::string_view,
                                                   Reply reply) {
               if (authorized(req, reply)) Create(hub, req, std::move(reply), config, blocking);
             });
  // /api/admin/workshops/<id>/<action>
  router.Add(
      http::verb::post, std::string(kPrefix) + "/",
      [&hub, config, authorized](const net::Request& req, std::string_view path, Reply reply) {
        if (!authorized(req, reply)) return;
        std::string_view rest = path.substr(kPrefix.size() + 1);
        size_t slash = rest.find('/');
        if (slash == std::string_view::npos) {
          return reply(Error(req, http::status::not_found, "Action inconnue."));
        }
        auto actor = hub.ById(std::string(rest.substr(0, slash)));
        if (!actor) return reply(Error(req, http::status::not_found, "Atelier inconnu."));
        std::string_view action = rest.substr(slash + 1);
        if (action == "companies")
          return ImportCompaniesFromFile(actor, req, std::move(reply), /*confirm=*/true);
        v1::ClientMessage msg;
        // companies/<company id>/erase: the company's personal data (RGPD).
        static constexpr std::string_view kCompanies = "companies/", kErase = "/erase";
        if (action.size() > kCompanies.size() + kErase.size() &&
            action.substr(0, kCompanies.size()) == kCompanies &&
            action.substr(action.size() - kErase.size()) == kErase) {
          msg.mutable_erase_company_data()->set_company_id(std::string(
              action.substr(kCompanies.size(), action.size() - kCompanies.size() - kErase.size())));
          return RunAsFacilitator(hub, actor, std::move(msg), std::make_shared<net::Request>(req),
                                  std::move(reply), config,
                                  "effacement des données personnelles d'une entreprise");
        }
        v1::WorkshopInfo* update = msg.mutable_update_workshop()->mutable_workshop();
        std::string what;
        if (action == "close") {
          update->set_status(v1::WORKSHOP_STATUS_CLOSED);
          what = "clôture";
        } else if (action == "open") {
          update->set_status(v1::WORKSHOP_STATUS_OPEN);
          update->set_archived(false);
          what = "ouverture";
        } else if (action == "archive") {
          update->set_status(v1::WORKSHOP_STATUS_CLOSED);
          update->set_archived(true);
          what = "archivage";
        } else {
          return reply(Error(req, http::status::not_found, "Action inconnue."));
        }
        RunAsFacilitator(hub, actor, std::move(msg), std::make_shared<net::Request>(req),
                         std::move(reply), config, what);
      });
}

std::string LoadOrCreateAdminToken(const std::string& path, Hub& hub, bool* created) {
  *created = false;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    struct stat st {};
    ::fstat(fd, &st);
    std::string token;
    char buf[256];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) token.append(buf, static_cast<size_t>(n));
    ::close(fd);
    if (st.st_mode & (S_IRWXG | S_IRWXO)) {
      throw std::runtime_error("le fichier du jeton d'administration " + path +
                               " est lisible par d'autres utilisateurs : chmod 600 " + path);
    }
    while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back())))
      token.pop_back();
    if (token.size() < 16) {
      throw std::runtime_error("le fichier du jeton d'administration " + path +
                               " est vide ou trop court (16 caractères au moins)");
    }
    return token;
  }
  if (errno != ENOENT) {
    throw std::runtime_error("impossible de lire le jeton d'administration " + path + " : " +
                             std::strerror(errno));
  }
  std::string token = hub.NewToken() + hub.NewToken();
  fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw std::runtime_error("impossible de créer le jeton d'administration " + path + " : " +
                             std::strerror(errno));
  }
  std::string line = token + "\n";
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ok = ::fsync(fd) == 0 && ok;
  ::close(fd);
  if (!ok) throw std::runtime_error("impossible d'écrire le jeton d'administration " + path);
  *created = true;
  return token;
}

}  // namespace atelier::app
