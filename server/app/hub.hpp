#pragma once
// Hub: every workshop this server runs, found by id, join code or token.
// Loads them from the store at start-up. Thread-safe (one mutex around the
// maps; actors do their own work on their strands).

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "server/app/join_guard.hpp"
#include "server/app/metrics.hpp"
#include "server/app/workshop_actor.hpp"
#include "server/net/connection_gate.hpp"
#include "server/store/event_store.hpp"
#include "server/store/writer.hpp"

namespace atelier::app {

struct CreatedWorkshop {
  std::string id;
  std::string code;
  std::string facilitator_token;
  std::string facilitator_id;  // the facilitator's participant id
};

// A stored workshop that could not be read at start-up: it is left as it is on disk and not
// served, so that the others are.
struct QuarantinedWorkshop {
  std::string id;
  std::string code;
  uint64_t seq = 0;    // the last event read; the next one is the unreadable one
  std::string reason;  // French, for operators
};

struct HubStats {
  std::atomic<uint64_t> connections{0};
  std::atomic<uint64_t> messages_in{0};
  std::atomic<uint64_t> commands_applied{0};
  std::atomic<uint64_t> commands_rejected{0};
  std::atomic<uint64_t> frames_out{0};
  std::atomic<uint64_t> events_refused_unreadable{0};  // a command whose event would not read back
  std::atomic<uint64_t> events_repaired{0};  // stored events read after their UTF-8 was repaired
  // Refusals by reason (abuse bounds).
  std::atomic<uint64_t> refused_rate_connection{0};  // commands over a connection's rate
  std::atomic<uint64_t> refused_rate_company{0};     // commands over a company's rate
  std::atomic<uint64_t> refused_quota{0};            // cards over a quota
  std::atomic<uint64_t> refused_join_blocked{0};     // codes refused unseen (address blocked)
  std::atomic<uint64_t> refused_wrong_route{0};      // joins to another workshop than /ws?w=
  std::atomic<uint64_t> wrong_codes{0};
  std::atomic<uint64_t> join_blocks{0};  // addresses blocked for wrong codes
  std::atomic<uint64_t> refused_closed_lookup{0};
  RefusalCounters refusals;           // every error sent to a client
  LatencyHistogram command_to_ack;    // a command's arrival to its acknowledgement
  LatencyHistogram post_to_delivery;  // a card post's arrival to its event queued for all viewers
};

class Hub {
 public:
  Hub(boost::asio::io_context& ioc, store::Writer& writer, Clock clock, MatcherFactory matchers);

  // Where workshops find their territory's earlier cards (none when unset).
  // REQUIRES: before LoadAll() and CreateWorkshop().
  void SetEarlierCardsLoader(EarlierCardsLoader loader) { earlier_loader_ = std::move(loader); }
  const EarlierCardsLoader& earlier_cards_loader() const { return earlier_loader_; }
  // Keys the opaque match keys that participants receive; the same across
  // restarts (the server keeps it next to the database). REQUIRES: as above.
  void SetMatchKeySecret(std::string secret) { match_key_secret_ = std::move(secret); }
  const std::string& match_key_secret() const { return match_key_secret_; }

  // Start-up: folds every stored workshop. Returns how many are served. A workshop that
  // cannot be read is quarantined (logged with its id and seq, see Quarantined()) and the
  // others load: one damaged workshop never keeps a server from starting.
  size_t LoadAll(store::EventStore& reader);
  std::vector<QuarantinedWorkshop> Quarantined() const;
  // Creates a workshop and waits until it is durable. Not on an io thread.
  CreatedWorkshop CreateWorkshop(v1::WorkshopInfo info, const std::string& code = "");

  std::shared_ptr<WorkshopActor> ByCode(const std::string& code) const;
  std::shared_ptr<WorkshopActor> ById(const std::string& id) const;
  std::shared_ptr<WorkshopActor> ByToken(const std::string& token) const;
  // The role a token gives (ROLE_UNSPECIFIED if unknown), for HTTP routes.
  v1::Role TokenRole(const std::string& token) const;
  void RegisterToken(const std::string& token, const std::string& workshop_id, v1::Role role);
  // The facilitator tokens of a workshop (its console links), for the administrator.
  std::vector<std::string> FacilitatorTokens(const std::string& workshop_id) const;
  std::vector<std::shared_ptr<WorkshopActor>> All() const;
  // Tells the other workshops that `from_workshop`, of `territory`, has
  // committed a card change (WorkshopActor::TerritoryCardsChanged).
  void TerritoryCardsChanged(const std::string& territory, const std::string& from_workshop);
  void CloseAll();

  std::string NewToken();
  HubStats& stats() { return stats_; }
  JoinGuard& join_guard() { return join_guard_; }
  // Whether per-address bounds apply to `address` (loopback only with --limit-loopback).
  void SetLimitLoopback(bool on) { limit_loopback_ = on; }
  bool CountsPerAddress(const std::string& address) const {
    return limit_loopback_ || !net::IsLoopback(address);
  }
  // Quotas given to every workshop, and each company's command rate across its devices.
  // REQUIRES: before LoadAll() and CreateWorkshop().
  void SetWorkshopLimits(const workshop::Limits& limits) { workshop_limits_ = limits; }
  const workshop::Limits& workshop_limits() const { return workshop_limits_; }
  void SetCompanyRate(double per_second, double burst) {
    company_rate_ = per_second;
    company_burst_ = burst;
  }
  double company_rate() const { return company_rate_; }
  double company_burst() const { return company_burst_; }
  int64_t Now() const { return clock_(); }
  // Where tablets reach this server, given to boards and facilitators in their Welcome:
  // --public-url, else the LAN URLs. REQUIRES: before the io threads run; read-only after.
  void SetAddresses(std::string public_url, std::vector<std::string> lan_urls) {
    public_url_ = std::move(public_url);
    lan_urls_ = std::move(lan_urls);
  }
  const std::string& public_url() const { return public_url_; }
  const std::vector<std::string>& lan_urls() const { return lan_urls_; }

 private:
  std::string NewCode();

  boost::asio::io_context& ioc_;
  store::Writer& writer_;
  Clock clock_;
  MatcherFactory matchers_;
  EarlierCardsLoader earlier_loader_;  // set before any actor runs, then read-only
  std::string match_key_secret_;       // the same
  std::string public_url_;             // the same
  std::vector<std::string> lan_urls_;  // the same
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<WorkshopActor>> by_id_;  // GUARDED_BY(mu_)
  std::unordered_map<std::string, std::string> code_to_id_;                // GUARDED_BY(mu_)
  struct TokenInfo {
    std::string workshop_id;
    v1::Role role;
  };
  std::unordered_map<std::string, TokenInfo> tokens_;  // GUARDED_BY(mu_)
  std::vector<QuarantinedWorkshop> quarantined_;       // GUARDED_BY(mu_)
  HubStats stats_;
  JoinGuard join_guard_;
  bool limit_loopback_ = false;
  workshop::Limits workshop_limits_;
  double company_rate_ = 20;
  double company_burst_ = 60;
};

// Normalizes a typed join code: upper case, no spaces or dashes.
std::string NormalizeCode(std::string_view code);

}  // namespace atelier::app
