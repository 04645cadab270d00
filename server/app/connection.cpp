#include "server/app/connection.hpp"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

#include <algorithm>
#include <optional>

#include "server/app/hub.hpp"
#include "server/app/workshop_actor.hpp"
#include "server/common/log.hpp"
#include "server/common/text.hpp"

namespace atelier::app {

namespace {

void AppendVarint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// The command id of a message that could not be parsed whole (too large, malformed), read
// off its top-level fields so that the error can name the command it answers; empty when
// it cannot be found.
std::string PeekCommandId(std::string_view bytes) {
  namespace pb = google::protobuf;
  using pb::internal::WireFormatLite;
  pb::io::CodedInputStream in(reinterpret_cast<const uint8_t*>(bytes.data()),
                              static_cast<int>(bytes.size()));
  const auto field = static_cast<uint32_t>(v1::ClientMessage::kCommandIdFieldNumber);
  for (uint32_t tag = in.ReadTag(); tag != 0; tag = in.ReadTag()) {
    if (WireFormatLite::GetTagFieldNumber(tag) == field &&
        WireFormatLite::GetTagWireType(tag) == WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
      uint32_t length = 0;
      std::string id;
      if (!in.ReadVarint32(&length) || length > 100 ||
          !in.ReadString(&id, static_cast<int>(length)) || !common::IsValidUtf8(id)) {
        return "";
      }
      return id;
    }
    if (!WireFormatLite::SkipField(&in, tag)) return "";
  }
  return "";
}

// One line per kind of abuse every few seconds at most, whoever causes it.
log::Throttle g_rate_log{std::chrono::seconds(5)};
log::Throttle g_token_log{std::chrono::seconds(1)};
log::Throttle g_size_log{std::chrono::seconds(5)};

std::string Held(uint64_t held) {
  return held ? " (+" + std::to_string(held) + " non journalisés)" : "";
}

}  // namespace

void AppendEventFrame(std::string& out, std::string_view event_bytes) {
  // ServerMessage.events (field 2) { EventBatch.events (field 1) = event }
  std::string inner_header;
  inner_header.push_back(static_cast<char>((1 << 3) | 2));
  AppendVarint(inner_header, event_bytes.size());
  out.push_back(static_cast<char>((2 << 3) | 2));
  AppendVarint(out, inner_header.size() + event_bytes.size());
  out.append(inner_header);
  out.append(event_bytes);
}

std::shared_ptr<const std::string> EventFrame(std::string_view event_bytes) {
  auto frame = std::make_shared<std::string>();
  frame->reserve(event_bytes.size() + 12);
  AppendEventFrame(*frame, event_bytes);
  return frame;
}

Connection::Connection(Hub& hub, ConnectionLimits limits, std::string routed_code)
    : hub_(hub),
      limits_(limits),
      routed_code_(std::move(routed_code)),
      tokens_(limits.burst),
      refilled_(std::chrono::steady_clock::now()) {}

void Connection::OnOpen(const std::shared_ptr<net::WebSocketSession>& session) {
  std::lock_guard lock(mu_);
  session_ = session;
  hub_.stats().connections++;
}

void Connection::OnClose() {
  std::shared_ptr<WorkshopActor> actor;
  {
    std::lock_guard lock(mu_);
    actor = std::move(actor_);
    session_.reset();
  }
  hub_.stats().connections--;
  if (actor) actor->Leave(this);
}

bool Connection::TakeTokenLocked() {
  std::lock_guard lock(mu_);
  return TakeToken();
}

std::string Connection::Remote() {
  std::shared_ptr<net::WebSocketSession> session;
  {
    std::lock_guard lock(mu_);
    session = session_.lock();
  }
  return session ? session->remote() : "?";
}

bool Connection::TakeToken() {
  auto now = std::chrono::steady_clock::now();
  std::chrono::duration<double> elapsed = now - refilled_;
  refilled_ = now;
  tokens_ = std::min(limits_.burst, tokens_ + elapsed.count() * limits_.commands_per_second);
  if (tokens_ < 1) return false;
  tokens_ -= 1;
  return true;
}

void Connection::OnMessage(std::string_view bytes) {
  hub_.stats().messages_in++;
  std::shared_ptr<net::WebSocketSession> session;
  std::shared_ptr<WorkshopActor> actor;
  bool joining;
  {
    std::lock_guard lock(mu_);
    session = session_.lock();
    actor = actor_;
    joining = joining_;
  }
  if (!session) return;
  if (bytes.size() > session->limits().max_message_bytes) {
    TakeTokenLocked();
    uint64_t held = 0;
    if (g_size_log.Allow(&held)) {
      LOG_WARN("message trop volumineux refusé : " << bytes.size() << " octets de "
                                                   << session->remote() << Held(held));
    }
    return SendError(v1::ERROR_CODE_TOO_LARGE,
                     "Message trop volumineux (" + std::to_string(bytes.size()) + " octets, " +
                         std::to_string(session->limits().max_message_bytes) + " au plus).",
                     PeekCommandId(bytes));
  }
  v1::ClientMessage msg;
  if (!msg.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    TakeTokenLocked();
    return SendError(v1::ERROR_CODE_MALFORMED, "Message illisible.", PeekCommandId(bytes));
  }
  if (msg.has_ping()) {
    // Keep-alives are not commands: they never spend the command budget. (The session's
    // read deadline and message size bound what a flood of them costs.)
    v1::ServerMessage pong;
    pong.mutable_pong()->set_client_time_ms(msg.ping().client_time_ms());
    pong.mutable_pong()->set_server_time_ms(hub_.Now());
    return SendMessage(pong);
  }
  if (!TakeTokenLocked()) {
    hub_.stats().refused_rate_connection++;
    bool first_limit = false;
    {
      std::lock_guard lock(mu_);
      if (!rate_limit_logged_) first_limit = rate_limit_logged_ = true;
    }
    uint64_t held = 0;
    if (first_limit && g_rate_log.Allow(&held)) {
      LOG_WARN("limite de débit atteinte par " << session->remote() << " (atelier "
                                               << (actor ? actor->code() : std::string("-")) << ")"
                                               << Held(held));
    }
    return SendError(v1::ERROR_CODE_RATE_LIMITED, "Trop de messages : ralentissez un instant.",
                     msg.command_id());
  }
  if (msg.body_case() == v1::ClientMessage::BODY_NOT_SET) {
    return SendError(v1::ERROR_CODE_UNKNOWN_COMMAND, "Commande inconnue ou vide.",
                     msg.command_id());
  }
  if ((msg.has_lookup() || (msg.has_join() && msg.join().token().empty())) &&
      hub_.CountsPerAddress(session->remote_address()) &&
      !hub_.join_guard().Allowed(session->remote_address(), std::chrono::steady_clock::now())) {
    hub_.stats().refused_join_blocked++;
    return SendError(v1::ERROR_CODE_TOO_MANY_ATTEMPTS,
                     "Trop de codes erronés depuis ce réseau : réessayez dans un moment.",
                     msg.command_id());
  }
  if (msg.has_lookup()) {
    auto target = hub_.ByCode(NormalizeCode(msg.lookup().code()));
    if (!target) return WrongCode(msg.lookup().code(), msg.command_id());
    if (!RoutedTo(*target, msg.command_id())) return;
    target->Lookup(shared_from_this(), msg.command_id());
    return;
  }
  if (msg.has_join()) {
    if (actor || joining) {
      return SendError(v1::ERROR_CODE_ALREADY_JOINED, "Déjà connecté à un atelier.",
                       msg.command_id());
    }
    const v1::Join& join = msg.join();
    std::shared_ptr<WorkshopActor> target;
    if (!join.token().empty()) {
      target = hub_.ByToken(join.token());
      if (!target) {
        uint64_t held = 0;
        if (g_token_log.Allow(&held)) {
          LOG_WARN("connexion refusée : jeton inconnu, depuis " << session->remote() << Held(held));
        }
        SendError(v1::ERROR_CODE_BAD_TOKEN, "Jeton inconnu : rejoignez l'atelier avec son code.",
                  msg.command_id());
        // As documented: the device forgets the token and joins again with the code.
        Close(net::CloseCode::kBadToken, "jeton inconnu");
        return;
      }
    } else {
      target = hub_.ByCode(NormalizeCode(join.code()));
      if (!target) return WrongCode(join.code(), msg.command_id());
    }
    if (!RoutedTo(*target, msg.command_id())) return;
    {
      std::lock_guard lock(mu_);
      joining_ = true;
    }
    target->Join(shared_from_this(), join, msg.command_id());
    return;
  }
  if (!actor) {
    return SendError(v1::ERROR_CODE_NOT_JOINED, "Rejoignez d'abord un atelier.", msg.command_id());
  }
  const auto arrived = std::chrono::steady_clock::now();
  if (!msg.command_id().empty()) {
    std::lock_guard lock(mu_);
    if (timed_.size() < kMaxTimedCommands) timed_.emplace(msg.command_id(), arrived);
  }
  actor->Submit(shared_from_this(), std::move(msg), arrived);
}

bool Connection::RoutedTo(const WorkshopActor& target, const std::string& command_id) {
  if (routed_code_.empty() || routed_code_ == target.code()) return true;
  hub_.stats().refused_wrong_route++;
  SendError(v1::ERROR_CODE_INVALID,
            "Cette connexion a été ouverte pour un autre atelier (adresse /ws?w=" + routed_code_ +
                ") : rechargez la page.",
            command_id);
  return false;
}

void Connection::WrongCode(const std::string& code, const std::string& command_id) {
  int failed;
  std::string address;
  {
    std::lock_guard lock(mu_);
    failed = ++failed_joins_;
    if (auto session = session_.lock()) address = session->remote_address();
  }
  hub_.stats().wrong_codes++;
  if (!code.empty() && hub_.CountsPerAddress(address) &&
      hub_.join_guard().Failed(address, std::chrono::steady_clock::now())) {
    hub_.stats().join_blocks++;
  }
  SendError(code.empty() ? v1::ERROR_CODE_INVALID : v1::ERROR_CODE_BAD_CODE,
            code.empty() ? "Saisissez le code de l'atelier."
                         : "Code inconnu : vérifiez le code affiché à l'écran.",
            command_id);
  if (failed >= limits_.max_join_attempts) {
    LOG_WARN("connexion fermée après " << failed << " codes d'atelier erronés, depuis "
                                       << Remote());
    SendError(v1::ERROR_CODE_TOO_MANY_ATTEMPTS, "Trop de codes erronés.", command_id);
    Close(net::CloseCode::kTooManyAttempts, "trop de codes erronés");
  }
}

void Connection::Joined(std::shared_ptr<WorkshopActor> actor, const workshop::Viewer&) {
  std::lock_guard lock(mu_);
  joining_ = false;
  actor_ = std::move(actor);
  if (!actor_) return;
  if (session_.expired()) {
    // Closed while joining: the actor must forget us.
    actor_->Leave(this);
    actor_.reset();
  }
}

void Connection::SendFrame(std::shared_ptr<const std::string> frame, bool mergeable) {
  std::shared_ptr<net::WebSocketSession> session;
  {
    std::lock_guard lock(mu_);
    session = session_.lock();
  }
  if (!session) return;
  hub_.stats().frames_out++;
  session->Send(std::move(frame), mergeable);
}

void Connection::SendMessage(const v1::ServerMessage& msg) {
  if (msg.has_ack() || msg.has_error()) {
    const std::string& id = msg.has_ack() ? msg.ack().command_id() : msg.error().command_id();
    std::optional<std::chrono::steady_clock::time_point> arrived;
    {
      std::lock_guard lock(mu_);
      auto it = id.empty() ? timed_.end() : timed_.find(id);
      if (it != timed_.end()) {
        arrived = it->second;
        timed_.erase(it);
      }
    }
    if (arrived && msg.has_ack()) {
      hub_.stats().command_to_ack.Observe(std::chrono::steady_clock::now() - *arrived);
    }
  }
  SendFrame(std::make_shared<const std::string>(msg.SerializeAsString()));
}

void Connection::SendError(v1::ErrorCode code, const std::string& message,
                           const std::string& command_id,
                           const std::vector<v1::FieldError>& details) {
  hub_.stats().refusals.Count(code);
  v1::ServerMessage msg;
  for (const auto& d : details) *msg.mutable_error()->add_details() = d;
  msg.mutable_error()->set_code(code);
  msg.mutable_error()->set_message(message);
  msg.mutable_error()->set_command_id(command_id);
  SendMessage(msg);
}

void Connection::Close(net::CloseCode code, std::string reason) {
  std::shared_ptr<net::WebSocketSession> session;
  {
    std::lock_guard lock(mu_);
    session = session_.lock();
  }
  if (session) session->Close(code, std::move(reason));
}

}  // namespace atelier::app
