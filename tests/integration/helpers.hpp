#pragma once
// Small helpers shared by the integration tests: joining the demo workshop
// and building commands.

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "client/lib/session.hpp"
#include "tests/support/server_process.hpp"

namespace atelier::testing {

using client::Millis;
using client::Session;

inline constexpr const char* kDemoCode = "DEMO42";

inline std::unique_ptr<Session> Connect(const ServerProcess& server) {
  return std::make_unique<Session>("127.0.0.1", server.port());
}

inline v1::ServerMessage JoinAs(Session& s, const std::string& company) {
  v1::Join join;
  join.set_code(kDemoCode);
  join.set_company_id(company);
  join.set_name("Test");
  return s.Join(join);
}

inline v1::ServerMessage JoinWithToken(Session& s, const std::string& token) {
  v1::Join join;
  join.set_token(token);
  return s.Join(join);
}

inline v1::ClientMessage PostCardMsg(const std::string& text,
                                     v1::CardKind kind = v1::CARD_KIND_OFFER,
                                     const std::string& category = "dechet",
                                     const std::string& company = "") {
  v1::ClientMessage msg;
  msg.set_command_id(Session::NewCommandId());
  v1::CardDraft* d = msg.mutable_post_card()->mutable_card();
  d->set_kind(kind);
  d->set_category(category);
  d->set_text(text);
  d->set_company_id(company);
  return msg;
}

// A database path in a fresh temporary directory, removed at the end of the test.
class TempDb {
 public:
  TempDb() : dir_(MakeTempDir("atelier-test")) {}
  ~TempDb() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::string path() const { return dir_ + "/atelier.db"; }

 private:
  std::string dir_;
};

// One HTTP/1.1 request on a fresh connection to 127.0.0.1; the whole response.
inline std::string Http(uint16_t port, const std::string& method, const std::string& target,
                        const std::string& headers = "", const std::string& body = "") {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket sock(ioc);
  sock.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  std::string req =
      method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers;
  if (!body.empty() || method == "POST") {
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  req += "\r\n" + body;
  boost::asio::write(sock, boost::asio::buffer(req));
  std::string out;
  boost::system::error_code ec;
  char buf[4096];
  for (;;) {
    size_t n = sock.read_some(boost::asio::buffer(buf), ec);
    out.append(buf, n);
    if (ec) break;
  }
  return out;
}

inline std::string HttpGet(uint16_t port, const std::string& target,
                           const std::string& headers = "") {
  return Http(port, "GET", target, headers);
}

// The body of an HTTP response.
inline std::string HttpBody(const std::string& response) {
  size_t at = response.find("\r\n\r\n");
  return at == std::string::npos ? "" : response.substr(at + 4);
}

// The lines of `output` written by the server's log (they start with a timestamp).
// A counter or gauge of /metrics without labels, -1 if absent.
inline int64_t Metric(uint16_t port, const std::string& name) {
  const std::string body = HttpBody(HttpGet(port, "/metrics"));
  const std::string line = "\n" + name + " ";
  size_t at = body.find(line);
  if (at == std::string::npos) return -1;
  return std::stoll(body.substr(at + line.size()));
}

inline std::vector<std::string> LogLines(const std::string& output) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < output.size()) {
    size_t end = output.find('\n', start);
    if (end == std::string::npos) end = output.size();
    std::string line = output.substr(start, end - start);
    if (line.size() > 24 && line[4] == '-' && line[10] == 'T' && line[23] == 'Z') {
      lines.push_back(line);
    }
    start = end + 1;
  }
  return lines;
}

inline std::vector<std::string> CardTexts(const v1::Snapshot& snap) {
  std::vector<std::string> out;
  for (const auto& c : snap.cards()) out.push_back(c.text());
  return out;
}

}  // namespace atelier::testing
