#include "server/app/import_routes.hpp"

#include <memory>

#include "server/app/export_routes.hpp"
#include "server/common/log.hpp"

namespace atelier::app {

namespace http = net::http;

namespace {

net::Response Json(const net::Request& req, http::status status, std::string body) {
  return TextResponse(req, status, std::move(body) + "\n", "application/json");
}

std::string ErrorJson(const std::string& message) {
  return "{\"error\":" + JsonString(message) + "}";
}

// `preview` (a JSON object) with more members put first.
std::string WithMembers(const std::string& preview, const std::string& members) {
  if (members.empty()) return preview;
  return "{" + members + (preview.size() > 2 ? "," : "") + preview.substr(1);
}

struct Answer {
  http::status status = http::status::ok;
  std::string body;
  bool confirmed = false;  // the import was planned and run (or had nothing to write)
};

}  // namespace

void ImportCompaniesFromFile(std::shared_ptr<WorkshopActor> actor, const net::Request& request,
                             Reply reply, bool confirm) {
  sheets::DuplicateChoice choice = sheets::DuplicateChoice::kUnset;
  if (std::string word = QueryParam(request, "doublons"); !word.empty()) {
    auto parsed = sheets::ParseDuplicateChoice(word);
    if (!parsed) {
      return reply(Json(request, http::status::bad_request,
                        ErrorJson("doublons : « maj », « ignorer » ou « ajouter »")));
    }
    choice = *parsed;
  }
  // The file is read here, off the workshop's strand; only the checks against the
  // workshop's companies run on it.
  auto read = std::make_shared<sheets::ReadResult>(
      sheets::ReadSpreadsheet(request.body(), QueryParam(request, "feuille")));
  auto req = std::make_shared<net::Request>(request);
  auto answer = std::make_shared<Answer>();
  auto plan = std::make_shared<sheets::ImportPlan>();
  actor->Execute(
      [read, confirm, choice, answer, plan](workshop::Workshop& w, int64_t now) {
        const sheets::ImportContext context = ImportContextOf(w.state());
        const sheets::CompanyPreview preview = sheets::PreviewCompanies(*read, context);
        answer->body = sheets::PreviewJson(preview);
        if (!confirm) return workshop::Outcome{};
        *plan = sheets::PlanImport(preview, choice, context);
        if (!plan->error.empty()) {
          answer->status = http::status::unprocessable_entity;
          answer->body = WithMembers(answer->body, "\"error\":" + JsonString(plan->error));
          return workshop::Outcome{};
        }
        answer->confirmed = true;
        if (!plan->command.has_import_companies()) return workshop::Outcome{};  // all skipped
        workshop::Viewer facilitator;
        facilitator.role = v1::ROLE_FACILITATOR;
        facilitator.participant_id = "console";
        return w.Handle(facilitator, plan->command, now);
      },
      [req, reply, answer, plan, actor](const workshop::Outcome& o) {
        if (!o.ok()) {
          // The workshop's own checks, all or nothing: its entries are mapped back to lines.
          std::string details;
          for (const auto& d : o.rejection->details) {
            const auto i = static_cast<std::size_t>(d.line());
            const std::size_t line = i >= 1 && i <= plan->lines.size() ? plan->lines[i - 1] : 0;
            if (!details.empty()) details += ',';
            details += "{\"line\":" + std::to_string(line) + ",\"field\":" + JsonString(d.field()) +
                       ",\"message\":" + JsonString(d.message()) + "}";
          }
          const auto status = o.rejection->code == v1::ERROR_CODE_STORAGE
                                  ? http::status::service_unavailable
                                  : http::status::unprocessable_entity;
          return reply(
              Json(*req, status,
                   WithMembers(answer->body, "\"error\":" + JsonString(o.rejection->message) +
                                                 ",\"details\":[" + details + "]")));
        }
        if (!answer->confirmed) {
          return reply(Json(*req, answer->status, answer->body));
        }
        LOG_INFO("import : " << plan->added << " entreprise(s) ajoutée(s), " << plan->updated
                             << " mise(s) à jour, " << plan->skipped
                             << " ignorée(s) dans l'atelier " << actor->code());
        reply(Json(*req, http::status::ok,
                   WithMembers(answer->body, "\"added\":" + std::to_string(plan->added) +
                                                 ",\"updated\":" + std::to_string(plan->updated) +
                                                 ",\"skipped\":" + std::to_string(plan->skipped))));
      });
}

sheets::ImportContext ImportContextOf(const workshop::WorkshopState& state) {
  sheets::ImportContext context;
  context.tables = state.info().tables();
  for (const auto& id : state.company_order()) {
    if (const v1::Company* c = state.FindCompany(id)) context.existing.push_back(*c);
  }
  return context;
}

void RegisterImportRoutes(HttpRouter& router, Hub& hub) {
  router.Add(http::verb::post, "/api/import/companies",
             [&hub](const net::Request& req, std::string_view, Reply reply) {
               std::shared_ptr<WorkshopActor> actor = hub.ByFacilitatorToken(BearerToken(req));
               if (!actor) {
                 return reply(
                     Json(req, http::status::unauthorized, ErrorJson("Jeton d'animateur requis.")));
               }
               ImportCompaniesFromFile(std::move(actor), req, std::move(reply),
                                       QueryParam(req, "confirmer") == "1");
             });
}

}  // namespace atelier::app
