#pragma once
// QR codes drawn by the server as SVG (libqrencode, no external service), so
// the board and the console show the join link with a plain <img>, even on a
// LAN without internet. Thread-safe: pure functions and a stateless route.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "server/app/http_router.hpp"
#include "server/app/hub.hpp"

namespace atelier::app {

// Join links are short; a longer text would make a QR too dense to scan from
// the back of a room (and the route must not be a free encoding service).
inline constexpr size_t kMaxQrTextBytes = 512;

struct QrSvg {
  std::string svg;  // a standalone SVG document, black on white, 4-module quiet zone
  int modules = 0;  // modules per side, without the quiet zone
};

// The QR code of `text` (byte mode, error correction M), or nullopt when the
// text is empty or longer than kMaxQrTextBytes.
std::optional<QrSvg> MakeQrSvg(std::string_view text);

// GET /qr.svg?text=... -> image/svg+xml; 400 when the text is missing or too long.
// GET /api/join-code with "Authorization: Bearer <facilitator token>" ->
//   {"code":"DEMO42"}: the console shows the code and QR the room joins with.
void RegisterQrRoutes(HttpRouter& router, Hub& hub);

}  // namespace atelier::app
