#pragma once
// The facilitator's import of companies from a spreadsheet, on a running server: the console
// uploads the file as it is (CSV in any encoding, XLSX, JSON), gets the preview the server
// reads from it, and sends it again with the facilitator's choice to import it. Reading and
// checking are those of the CLI (server/sheets). Needs "Authorization: Bearer <facilitator
// token>". Thread-safe once registered.

#include "server/app/http_router.hpp"
#include "server/app/hub.hpp"
#include "server/sheets/company_import.hpp"
#include "server/workshop/state.hpp"

namespace atelier::app {

//   POST /api/import/companies[?feuille=NOM]                        the preview (JSON)
//   POST /api/import/companies?confirmer=1&doublons=maj|ignorer|ajouter[&feuille=NOM]
//        imports when the file has no error: {"added", "updated", "skipped", ...preview}
//        422 with the preview and "error" otherwise; nothing is imported then.
void RegisterImportRoutes(HttpRouter& router, Hub& hub);

// The preview of the request's body for `actor`'s workshop, and with `confirm` the import
// (query: doublons, feuille), answered as JSON; also the administration page's import.
void ImportCompaniesFromFile(std::shared_ptr<WorkshopActor> actor, const net::Request& request,
                             Reply reply, bool confirm);

// What the import checks against: the workshop's tables and companies.
sheets::ImportContext ImportContextOf(const workshop::WorkshopState& state);

}  // namespace atelier::app
