#include "server/app/qr_routes.hpp"

#include <qrencode.h>

#include <boost/json.hpp>
#include <memory>

namespace atelier::app {

namespace http = boost::beast::http;

namespace {

constexpr int kQuietZone = 4;  // modules of white around the code, as ISO/IEC 18004 asks

struct QrFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

net::Response FacilitatorRequired(const net::Request& req) {
  return TextResponse(req, http::status::unauthorized,
                      "Jeton d'animateur requis (Authorization: Bearer).\n");
}

}  // namespace

std::optional<QrSvg> MakeQrSvg(std::string_view text) {
  if (text.empty() || text.size() > kMaxQrTextBytes) return std::nullopt;
  // QRcode_encodeData takes the exact bytes (encodeString would stop at a NUL).
  std::unique_ptr<QRcode, QrFree> code(
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M));
  if (!code) return std::nullopt;
  const int n = code->width;
  const int side = n + 2 * kQuietZone;
  std::string path;
  path.reserve(static_cast<size_t>(n) * n);
  // One rectangle per horizontal run of dark modules keeps the file small.
  for (int y = 0; y < n; ++y) {
    int x = 0;
    while (x < n) {
      if (!(code->data[y * n + x] & 1)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < n && (code->data[y * n + x + run] & 1)) ++run;
      path += "M" + std::to_string(x + kQuietZone) + " " + std::to_string(y + kQuietZone) + "h" +
              std::to_string(run) + "v1h-" + std::to_string(run) + "z";
      x += run;
    }
  }
  std::string s = std::to_string(side);
  QrSvg out;
  out.modules = n;
  out.svg =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
      s + " " + s + "\" width=\"" + std::to_string(side * 8) + "\" height=\"" +
      std::to_string(side * 8) + "\" shape-rendering=\"crispEdges\" data-modules=\"" +
      std::to_string(n) + "\">\n<rect width=\"" + s + "\" height=\"" + s +
      "\" fill=\"#fff\"/>\n<path fill=\"#000\" d=\"" + path + "\"/>\n</svg>\n";
  return out;
}

void RegisterQrRoutes(HttpRouter& router, Hub& hub) {
  router.Add(
      http::verb::get, "/qr.svg", [](const net::Request& req, std::string_view, Reply reply) {
        std::string text = QueryParam(req, "text");
        if (text.empty()) {
          reply(TextResponse(req, http::status::bad_request, "Paramètre « text » manquant.\n"));
          return;
        }
        if (text.size() > kMaxQrTextBytes) {
          reply(TextResponse(req, http::status::bad_request,
                             "Texte trop long pour un QR code (512 octets au plus).\n"));
          return;
        }
        std::optional<QrSvg> qr = MakeQrSvg(text);
        if (!qr) {
          reply(
              TextResponse(req, http::status::bad_request, "QR code impossible pour ce texte.\n"));
          return;
        }
        net::Response res =
            TextResponse(req, http::status::ok, std::move(qr->svg), "image/svg+xml");
        // Same text, same picture: the projector and the tablets may keep it.
        res.set(http::field::cache_control, "public, max-age=86400");
        reply(std::move(res));
      });
  router.Add(http::verb::get, "/api/join-code",
             [&hub](const net::Request& req, std::string_view, Reply reply) {
               auto actor = hub.ByFacilitatorToken(BearerToken(req));
               if (!actor) return reply(FacilitatorRequired(req));
               // Codes are upper-case letters and digits: nothing to escape in JSON.
               reply(TextResponse(req, http::status::ok, "{\"code\":\"" + actor->code() + "\"}\n",
                                  "application/json"));
             });
  // The table tents (« chevalets »): each company with the key its QR carries. For the
  // facilitator only: a key lets a device speak for that company.
  router.Add(
      http::verb::get, "/api/tents",
      [&hub](const net::Request& req, std::string_view, Reply reply) {
        auto actor = hub.ByFacilitatorToken(BearerToken(req));
        if (!actor) return reply(FacilitatorRequired(req));
        auto request = std::make_shared<net::Request>(req);
        actor->WithCommittedState([actor, request, reply](const workshop::WorkshopState& state) {
          boost::json::array companies;
          for (const auto& id : state.company_order()) {
            const v1::Company* c = state.FindCompany(id);
            companies.push_back(boost::json::object{{"id", c->id()},
                                                    {"name", c->name()},
                                                    {"table", c->table()},
                                                    {"key", actor->CompanyKey(c->id())}});
          }
          boost::json::object body{{"code", actor->code()},
                                   {"title", state.info().title()},
                                   {"tents_only", state.info().tents_only()},
                                   {"companies", std::move(companies)}};
          reply(TextResponse(*request, http::status::ok, boost::json::serialize(body) + "\n",
                             "application/json"));
        });
      });
}

}  // namespace atelier::app
