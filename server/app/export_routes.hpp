#pragma once
// HTTP routes for after the workshop: the event log for replay, spreadsheet
// exports, the territory's catalogue search, and who a facilitator token is.
// All need `Authorization: Bearer <facilitator token>`. Handlers read a
// workshop on its strand and the catalogue on its own thread, never blocking
// an io thread on the disk.

#include <boost/asio/thread_pool.hpp>

#include "server/app/exports.hpp"
#include "server/app/http_router.hpp"
#include "server/app/hub.hpp"
#include "server/store/catalogue.hpp"

namespace atelier::app {

//   GET /api/me                                  {"workshop_id", "title", "territory"}
//   GET /api/workshops/<id>/events               EventBatch (application/x-protobuf)
//   GET /api/workshops/<id>/export/<name>.csv    companies | cards | matches | synergies
//   GET /api/workshops/<id>/export/workshop.xlsx the four sheets
//   GET /api/workshops/<id>/export/report.html   printable report (ReportHtml)
//   GET /api/catalogue?territory=T&q=Q&limit=N   JSON, a facilitator of T's workshops
//   GET /api/territory/workshops?territory=T     JSON, the same
//   GET /api/territory/report.html?territory=T   the programme's report (TerritoryReportHtml)
// `blocking` folds dormant workshops for the territory's report.
// `report`: who issues the reports (--organisation, --logo).
void RegisterExportRoutes(HttpRouter& router, Hub& hub, store::Catalogue& catalogue,
                          boost::asio::thread_pool& blocking, ReportOptions report = {});

// `s` as a JSON string literal, quotes included.
std::string JsonString(std::string_view s);

}  // namespace atelier::app
