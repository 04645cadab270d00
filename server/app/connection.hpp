#pragma once
// Connection: the application's side of one WebSocket — decodes client
// messages, enforces the per-connection rate limit and join attempts, routes
// commands to the workshop's actor, and sends what the actor says. Thread-safe:
// the session calls it on its strand, the actor from its own.

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "atelier/v1/atelier.pb.h"
#include "server/net/websocket_session.hpp"
#include "server/workshop/viewer.hpp"

namespace atelier::app {

class Hub;
class WorkshopActor;

struct ConnectionLimits {
  double commands_per_second = 10;  // sustained
  double burst = 40;                // a tablet replaying its offline queue
  int max_join_attempts = 5;        // wrong codes before the connection is closed
};

class Connection : public net::ConnectionHandler, public std::enable_shared_from_this<Connection> {
 public:
  // `routed_code`: the workshop named by the URL (/ws?w=CODE), normalized; empty for /ws.
  Connection(Hub& hub, ConnectionLimits limits, std::string routed_code = {});

  void OnOpen(const std::shared_ptr<net::WebSocketSession>& session) override;
  void OnMessage(std::string_view bytes) override;
  void OnClose() override;

  // Called by the actor.
  void Joined(std::shared_ptr<WorkshopActor> actor, const workshop::Viewer& viewer);
  void SendFrame(std::shared_ptr<const std::string> frame, bool mergeable = false);
  void SendMessage(const v1::ServerMessage& msg);
  void SendError(v1::ErrorCode code, const std::string& message, const std::string& command_id,
                 const std::vector<v1::FieldError>& details = {});
  void Close(net::CloseCode code, std::string reason);

 private:
  bool TakeToken();        // REQUIRES: mu_ held
  bool TakeTokenLocked();  // takes mu_
  void WrongCode(const std::string& code, const std::string& command_id);
  std::string Remote();  // the peer's address, for log lines

  // Commands sent to an actor and not yet answered, by command id, with when
  // they arrived (the command-to-ack histogram). Bounded.
  static constexpr size_t kMaxTimedCommands = 256;

  // False (and an error sent) when the URL named another workshop than `target`'s.
  bool RoutedTo(const WorkshopActor& target, const std::string& command_id);

  Hub& hub_;
  ConnectionLimits limits_;
  const std::string routed_code_;
  std::mutex mu_;
  std::weak_ptr<net::WebSocketSession> session_;    // GUARDED_BY(mu_)
  std::shared_ptr<WorkshopActor> actor_;            // GUARDED_BY(mu_)
  bool joining_ = false;                            // GUARDED_BY(mu_)
  int failed_joins_ = 0;                            // GUARDED_BY(mu_)
  double tokens_;                                   // GUARDED_BY(mu_)
  std::chrono::steady_clock::time_point refilled_;  // GUARDED_BY(mu_)
  bool rate_limit_logged_ = false;                  // GUARDED_BY(mu_)
  // GUARDED_BY(mu_)
  std::unordered_map<std::string, std::chrono::steady_clock::time_point> timed_;
};

// Wraps one serialized Event as a ServerMessage{events{events: [event]}} frame
// without parsing it again.
std::shared_ptr<const std::string> EventFrame(std::string_view event_bytes);
// Appends the same frame to `out`. Frames appended one after the other parse as
// one ServerMessage whose batch holds all their events, in order (protobuf
// merges concatenated messages): one WebSocket message for many events.
void AppendEventFrame(std::string& out, std::string_view event_bytes);

}  // namespace atelier::app
