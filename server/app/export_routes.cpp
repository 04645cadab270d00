#include "server/app/export_routes.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <chrono>
#include <memory>
#include <mutex>

#include "server/app/exports.hpp"

namespace atelier::app {

namespace http = net::http;

namespace {

using Json = std::string;

void Append(std::string& out, std::initializer_list<std::pair<const char*, Json>> fields) {
  out += '{';
  bool first = true;
  for (const auto& [k, v] : fields) {
    if (!first) out += ',';
    first = false;
    out += JsonString(k);
    out += ':';
    out += v;
  }
  out += '}';
}

net::Response Binary(const net::Request& req, std::string body, std::string_view type,
                     std::string_view filename = "") {
  net::Response res = TextResponse(req, http::status::ok, std::move(body), type);
  if (!filename.empty()) {
    res.set(http::field::content_disposition,
            "attachment; filename=\"" + std::string(filename) + "\"");
  }
  return res;
}

net::Response Error(const net::Request& req, http::status status, const std::string& message) {
  return TextResponse(req, status, message + "\n");
}

// The workshop a facilitator token opens, or null (and an answer sent).
std::shared_ptr<WorkshopActor> Facilitator(Hub& hub, const net::Request& req, Reply& reply) {
  auto actor = hub.ByFacilitatorToken(BearerToken(req));
  if (!actor) reply(Error(req, http::status::unauthorized, "Jeton d'animateur requis."));
  return actor;
}

// Events as one EventBatch: each stored payload is already a serialized
// Event, so the batch is built by framing them as field 1 (no re-encoding).
std::string EventBatchBytes(const std::vector<store::StoredEvent>& log) {
  std::string out;
  size_t total = 0;
  for (const auto& e : log) total += e.payload->size() + 6;
  out.reserve(total);
  for (const auto& e : log) {
    out += '\x0a';  // field 1, length-delimited
    uint64_t n = e.payload->size();
    while (n >= 0x80) {
      out += static_cast<char>((n & 0x7f) | 0x80);
      n >>= 7;
    }
    out += static_cast<char>(n);
    out += *e.payload;
  }
  return out;
}

// Serves /api/workshops/<id>/...
void WorkshopRoute(Hub& hub, store::Catalogue& catalogue,
                   const std::shared_ptr<const ReportOptions>& report, const net::Request& req,
                   std::string_view path, Reply reply) {
  constexpr std::string_view kPrefix = "/api/workshops/";
  std::string_view rest = path.substr(kPrefix.size());
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) {
    return reply(Error(req, http::status::not_found, "Introuvable."));
  }
  std::string id(rest.substr(0, slash));
  std::string what(rest.substr(slash + 1));
  auto actor = Facilitator(hub, req, reply);
  if (!actor) return;
  if (actor->id() != id) {
    return reply(Error(req, http::status::forbidden, "Ce jeton n'ouvre pas cet atelier."));
  }
  auto request = std::make_shared<net::Request>(req);
  if (what == "events") {
    actor->WithCommittedLog([request, reply](const workshop::WorkshopState&,
                                             const std::vector<store::StoredEvent>& log) {
      reply(Binary(*request, EventBatchBytes(log), "application/x-protobuf"));
    });
    return;
  }
  // French headers by default; ?entetes=machine for the stable machine names.
  const HeaderRow header =
      QueryParam(req, "entetes") == "machine" ? HeaderRow::kMachine : HeaderRow::kFrench;
  const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  using Export = Sheet (*)(const workshop::WorkshopState&);
  static const std::pair<const char*, Export> kCsv[] = {{"export/companies.csv", &CompaniesSheet},
                                                        {"export/cards.csv", &CardsSheet},
                                                        {"export/matches.csv", &MatchesSheet},
                                                        {"export/synergies.csv", &SynergiesSheet}};
  for (const auto& [name, fn] : kCsv) {
    if (what != name) continue;
    actor->WithCommittedState([request, reply, fn = fn, header, now_ms](const auto& state) {
      Sheet sheet = fn(state);
      const std::string filename = ExportFileName(state.info(), sheet.file_part, "csv", now_ms);
      reply(Binary(*request, SheetCsv(sheet, header), "text/csv; charset=utf-8", filename));
    });
    return;
  }
  if (what == "export/report.html") {
    // "Workshops held": those of its territory (the catalogue's thread counts).
    actor->WithCommittedState([request, reply, report,
                               &catalogue](const workshop::WorkshopState& state) {
      if (state.info().territory().empty()) {
        return reply(Binary(*request, ReportHtml(state, 1, *report), "text/html; charset=utf-8"));
      }
      auto copy = std::make_shared<workshop::WorkshopState>(state);
      catalogue.Workshops(state.info().territory(), [request, reply, copy, report](auto rows) {
        int held = std::max(1, static_cast<int>(rows.size()));
        reply(Binary(*request, ReportHtml(*copy, held, *report), "text/html; charset=utf-8"));
      });
    });
    return;
  }
  if (what == "export/workshop.xlsx") {
    // The state is copied on the strand; the workbook (a temporary file) is
    // written off it, on a short-lived thread.
    actor->WithCommittedState(
        [request, reply, header, now_ms](const workshop::WorkshopState& state) {
          auto copy = std::make_shared<workshop::WorkshopState>(state);
          std::thread([request, reply, copy, header, now_ms] {
            std::string bytes = WorkbookXlsx(*copy, header);
            if (bytes.empty()) {
              return reply(Error(*request, http::status::internal_server_error,
                                 "Classeur impossible à écrire."));
            }
            reply(Binary(*request, std::move(bytes),
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         ExportFileName(copy->info(), "synergies", "xlsx", now_ms)));
          }).detach();
        });
    return;
  }
  reply(Error(req, http::status::not_found, "Introuvable."));
}

std::string HitsJson(const store::CatalogueResult& result) {
  std::string out = "{\"query\":" + JsonString(result.fts_query) + ",\"hits\":[";
  bool first = true;
  for (const auto& h : result.hits) {
    if (!first) out += ',';
    first = false;
    Append(out, {{"workshop_id", JsonString(h.workshop_id)},
                 {"workshop_title", JsonString(h.workshop_title)},
                 {"workshop_date", JsonString(h.workshop_date)},
                 {"card_id", JsonString(h.card_id)},
                 {"company_id", JsonString(h.company_id)},
                 {"company", JsonString(h.company)},
                 {"kind", JsonString(h.kind)},
                 {"category", JsonString(h.category)},
                 {"text", JsonString(h.text)},
                 {"waste_code", JsonString(h.waste_code)},
                 {"posted_at_ms", std::to_string(h.posted_at_ms)}});
  }
  return out + "]}";
}

// Checks that the token is a facilitator's of a workshop of `territory`, then
// runs `then` (on the workshop's strand).
void ForTerritory(Hub& hub, const net::Request& req, Reply reply,
                  std::function<void(std::shared_ptr<net::Request>, Reply, std::string)> then) {
  auto actor = Facilitator(hub, req, reply);
  if (!actor) return;
  std::string territory = QueryParam(req, "territory");
  auto request = std::make_shared<net::Request>(req);
  actor->WithCommittedState([request, reply, territory, then](const auto& state) {
    std::string wanted = territory.empty() ? state.info().territory() : territory;
    if (wanted.empty() || wanted != state.info().territory()) {
      return reply(Error(*request, http::status::forbidden,
                         "Ce jeton n'ouvre aucun atelier de ce territoire."));
    }
    then(request, reply, wanted);
  });
}

}  // namespace

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

void RegisterExportRoutes(HttpRouter& router, Hub& hub, store::Catalogue& catalogue,
                          boost::asio::thread_pool& blocking, ReportOptions report_options) {
  const auto report = std::make_shared<const ReportOptions>(std::move(report_options));
  router.Add(http::verb::get, "/api/me",
             [&hub](const net::Request& req, std::string_view, Reply reply) {
               auto actor = Facilitator(hub, req, reply);
               if (!actor) return;
               auto request = std::make_shared<net::Request>(req);
               actor->WithCommittedState([request, reply](const workshop::WorkshopState& state) {
                 std::string out;
                 Append(out, {{"workshop_id", JsonString(state.info().id())},
                              {"title", JsonString(state.info().title())},
                              {"date", JsonString(state.info().date())},
                              {"territory", JsonString(state.info().territory())},
                              {"seq", std::to_string(state.seq())}});
                 reply(TextResponse(*request, http::status::ok, out, "application/json"));
               });
             });
  router.Add(
      http::verb::get, "/api/workshops/",
      [&hub, &catalogue, report](const net::Request& req, std::string_view path, Reply reply) {
        WorkshopRoute(hub, catalogue, report, req, path, std::move(reply));
      });
  router.Add(
      http::verb::get, "/api/catalogue",
      [&hub, &catalogue](const net::Request& req, std::string_view, Reply reply) {
        ForTerritory(
            hub, req, std::move(reply),
            [&catalogue](auto request, Reply answer, std::string territory) {
              std::string q = QueryParam(*request, "q");
              int limit = 50;
              try {
                std::string l = QueryParam(*request, "limit");
                if (!l.empty()) limit = std::stoi(l);
              } catch (const std::exception&) {
              }
              catalogue.Search(territory, q, limit, [request, answer](store::CatalogueResult r) {
                if (!r.status.ok()) {
                  return answer(
                      Error(*request, http::status::bad_request, "Recherche impossible."));
                }
                answer(TextResponse(*request, http::status::ok, HitsJson(r), "application/json"));
              });
            });
      });
  // The programme's report: every workshop of the territory, each state read
  // on its own strand, the page written once the last one has answered.
  router.Add(
      http::verb::get, "/api/territory/report.html",
      [&hub, &blocking, report](const net::Request& req, std::string_view, Reply reply) {
        ForTerritory(
            hub, req, std::move(reply),
            [&hub, &blocking, report](auto request, Reply answer, std::string territory) {
              // Closed workshops of the territory are folded for it, off the io threads (and
              // leave memory again once idle).
              boost::asio::post(blocking, [&hub, request, answer, territory, report] {
                struct Gathered {
                  std::mutex mu;
                  size_t pending = 0;
                  std::vector<std::shared_ptr<workshop::WorkshopState>> states;
                };
                auto actors = hub.WakeTerritory(territory);
                if (actors.empty()) {
                  return answer(Binary(*request, TerritoryReportHtml(territory, {}, *report),
                                       "text/html; charset=utf-8"));
                }
                auto g = std::make_shared<Gathered>();
                g->pending = actors.size();
                for (const auto& actor : actors) {
                  actor->WithCommittedState([g, request, answer, territory,
                                             report](const workshop::WorkshopState& state) {
                    std::vector<std::shared_ptr<workshop::WorkshopState>> all;
                    {
                      std::lock_guard lock(g->mu);
                      if (state.info().territory() == territory)
                        g->states.push_back(std::make_shared<workshop::WorkshopState>(state));
                      if (--g->pending > 0) return;
                      all = std::move(g->states);
                    }
                    std::stable_sort(all.begin(), all.end(), [](auto& a, auto& b) {
                      return std::pair(a->info().date(), a->info().id()) <
                             std::pair(b->info().date(), b->info().id());
                    });
                    std::vector<const workshop::WorkshopState*> states;
                    for (const auto& s : all) states.push_back(s.get());
                    answer(Binary(*request, TerritoryReportHtml(territory, states, *report),
                                  "text/html; charset=utf-8"));
                  });
                }
              });
            });
      });
  router.Add(http::verb::get, "/api/territory/workshops",
             [&hub, &catalogue](const net::Request& req, std::string_view, Reply reply) {
               ForTerritory(hub, req, std::move(reply),
                            [&catalogue](auto request, Reply answer, std::string territory) {
                              catalogue.Workshops(territory, [request, answer](auto rows) {
                                std::string out = "[";
                                for (size_t i = 0; i < rows.size(); ++i) {
                                  if (i) out += ',';
                                  Append(out, {{"id", JsonString(rows[i][0])},
                                               {"title", JsonString(rows[i][1])},
                                               {"date", JsonString(rows[i][2])},
                                               {"status", rows[i][3]}});
                                }
                                answer(TextResponse(*request, http::status::ok, out + "]",
                                                    "application/json"));
                              });
                            });
             });
}

}  // namespace atelier::app
