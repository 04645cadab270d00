#pragma once
// Hub: every workshop this server runs, found by id, join code or token.
// At start-up it lists them from the store and folds the open ones; a closed
// workshop stays dormant (its info row only) until someone uses it, is folded
// then (Wake) and dropped again once idle (EvictIdle). Thread-safe: one mutex
// around the maps, another around the store's reader (lock order: reader, then
// maps); actors do their own work on their strands.

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
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
  std::atomic<uint64_t> refused_closed_token{0};  // participant tokens after the close
  std::atomic<uint64_t> retention_erasures{0};    // companies erased by --retention-days
  std::atomic<uint64_t> retention_sweeps{0};
  std::atomic<uint64_t> devices_revoked{0};
  std::atomic<uint64_t> wrong_company_keys{0};  // joins with a missing or wrong table-tent key
  RefusalCounters refusals;                     // every error sent to a client
  LatencyHistogram command_to_ack;              // a command's arrival to its acknowledgement
  LatencyHistogram post_to_delivery;  // a card post's arrival to its event queued for all viewers
};

// What the hub knows of one workshop, folded or not.
struct WorkshopListing {
  std::string id;
  std::string code;
  v1::WorkshopInfo info;                 // as last committed
  std::shared_ptr<WorkshopActor> actor;  // null while dormant (not in memory)
};

// The bearer token of `row` under the server's secret (HMAC-SHA-256 of the row's workshop,
// participant, role and time, 32 hex digits); its hash is `row.token_hash` if that secret
// made it. The CLI reads the secret from `<db>.key` to print console links.
std::string DerivedToken(std::string_view secret, const store::TokenRow& row);
// DerivedToken if its hash is the row's, else empty (stored before tokens were derived).
std::string TokenOfRow(std::string_view secret, const store::TokenRow& row);

class Hub {
 public:
  Hub(boost::asio::io_context& ioc, store::Writer& writer, Clock clock, MatcherFactory matchers);

  // Where workshops find their territory's earlier cards (none when unset).
  // REQUIRES: before LoadAll() and CreateWorkshop().
  void SetEarlierCardsLoader(EarlierCardsLoader loader) { earlier_loader_ = std::move(loader); }
  const EarlierCardsLoader& earlier_cards_loader() const { return earlier_loader_; }
  // The server's secret (`<db>.key`, see ServerSecret): keys the opaque match keys that
  // participants receive and derives bearer tokens (DeriveToken); the same across
  // restarts. REQUIRES: as above.
  void SetServerSecret(std::string secret) { server_secret_ = std::move(secret); }
  const std::string& server_secret() const { return server_secret_; }
  // A new bearer token for a participant: returns its row (the token's hash, never the
  // token) and sets `*token`. The token is derived from the row and the secret, so that
  // the server can give it again (a console link printed at start, a join's lost
  // welcome) while the database holds its hash only.
  store::TokenRow MintToken(const std::string& workshop_id, const std::string& participant_id,
                            v1::Role role, const std::string& company_id, int64_t now_ms,
                            std::string* token) const;
  // TokenOfRow under this server's secret.
  std::string DeriveToken(const store::TokenRow& row) const {
    return TokenOfRow(server_secret_, row);
  }

  // Start-up: lists every stored workshop and folds those not closed (all of them with
  // SetFoldAll(true)); keeps `reader` to fold the others on demand. Returns how many are
  // served. A workshop that cannot be read is quarantined (logged with its id and seq, see
  // Quarantined()) and the others load: one damaged workshop never keeps a server from
  // starting. A dormant one is read, and quarantined if need be, when first used.
  size_t LoadAll(std::unique_ptr<store::EventStore> reader);
  // Folds every workshop at start-up, closed ones too (benchmarks compare both).
  // REQUIRES: before LoadAll().
  void SetFoldAll(bool on) { fold_all_ = on; }
  std::vector<QuarantinedWorkshop> Quarantined() const;
  // Creates a workshop and waits until it is durable. Not on an io thread.
  CreatedWorkshop CreateWorkshop(v1::WorkshopInfo info, const std::string& code = "");

  // The workshop, folded first if it was dormant (Wake); null if unknown or unreadable.
  std::shared_ptr<WorkshopActor> ByCode(const std::string& code);
  std::shared_ptr<WorkshopActor> ById(const std::string& id);
  std::shared_ptr<WorkshopActor> ByToken(const std::string& token);
  // The workshop a facilitator's token opens; null for any other token, or none.
  std::shared_ptr<WorkshopActor> ByFacilitatorToken(const std::string& token);
  // Tokens are known by their hash (digest::TokenHash) here.
  void RegisterToken(const std::string& token_hash, const std::string& workshop_id, v1::Role role);
  // A revoked token (the store marks it in the revocation's transaction).
  void ForgetToken(const std::string& token_hash, const std::string& workshop_id);
  // The facilitator tokens of a workshop (its console links), for the administrator.
  std::vector<std::string> FacilitatorTokens(const std::string& workshop_id);
  // Every workshop served (quarantined ones left out), folded or dormant; none is woken.
  std::vector<WorkshopListing> Listing() const;
  // The workshops in memory (folded).
  std::vector<std::shared_ptr<WorkshopActor>> InMemory() const;
  // Every workshop of `territory`, the dormant ones woken.
  std::vector<std::shared_ptr<WorkshopActor>> WakeTerritory(const std::string& territory);
  size_t WorkshopCount() const;  // served, folded or dormant
  size_t InMemoryCount() const;
  // Drops the folded closed workshops that nothing holds (no connection, no command or
  // write pending, no request in progress) and that nobody has used for `idle_ms`; they
  // are dormant again, and folded anew when used. Returns how many were dropped.
  size_t EvictIdle(int64_t idle_ms);
  // Drops one folded closed workshop now if nothing but the hub holds it (see EvictIdle).
  bool EvictIfUnused(const std::string& id);
  // From a workshop's strand: its info as committed now (status, territory).
  void WorkshopInfoChanged(const std::string& workshop_id, const v1::WorkshopInfo& info);
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
  struct TokenInfo {
    std::string workshop_id;
    v1::Role role;
  };
  struct Entry {
    std::string code;
    std::string epoch;
    v1::WorkshopInfo info;
    std::shared_ptr<WorkshopActor> actor;  // null: dormant
    std::vector<std::string> tokens;       // their hashes, in tokens_ while folded
    int64_t used_at_ms = 0;                // the latest lookup, or seen held by someone
    bool quarantined = false;
  };
  struct Folded {
    std::shared_ptr<WorkshopActor> actor;
    std::vector<store::TokenRow> tokens;
    v1::WorkshopInfo info;
  };

  std::string NewCode();
  // Folds the workshop `id` (dormant): returns it and its tokens, or quarantines it.
  // REQUIRES: reader_mu_ held, mu_ not.
  std::optional<Folded> Fold(const std::string& id, const std::string& code,
                             const std::string& epoch);
  // Puts a folded workshop in the maps. REQUIRES: mu_ held.
  void Install(const std::string& id, Entry& entry, Folded folded);
  std::shared_ptr<WorkshopActor> Wake(const std::string& id);
  // Whether a territory notice may concern the workshop. REQUIRES: mu_ held.
  static bool Notified(const Entry& entry);
  void Index(const std::string& id, const Entry& entry);    // REQUIRES: mu_ held
  void Unindex(const std::string& id, const Entry& entry);  // REQUIRES: mu_ held
  std::optional<TokenInfo> StoredToken(const std::string& token);

  boost::asio::io_context& ioc_;
  store::Writer& writer_;
  Clock clock_;
  MatcherFactory matchers_;
  EarlierCardsLoader earlier_loader_;  // set before any actor runs, then read-only
  std::string server_secret_;          // the same
  std::string public_url_;             // the same
  std::vector<std::string> lan_urls_;  // the same
  bool fold_all_ = false;
  std::mutex reader_mu_;                       // taken before mu_, never after
  std::unique_ptr<store::EventStore> reader_;  // GUARDED_BY(reader_mu_)
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;           // GUARDED_BY(mu_)
  std::unordered_map<std::string, std::string> code_to_id_;  // GUARDED_BY(mu_)
  // The tokens of the folded workshops, by hash; a dormant one's are read from the store.
  std::unordered_map<std::string, TokenInfo> tokens_;  // GUARDED_BY(mu_)
  // Folded workshops not closed, by territory: where territory notices go.
  std::unordered_map<std::string, std::unordered_set<std::string>> notified_;  // GUARDED_BY(mu_)
  size_t in_memory_ = 0;                                                       // GUARDED_BY(mu_)
  std::vector<QuarantinedWorkshop> quarantined_;                               // GUARDED_BY(mu_)
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
