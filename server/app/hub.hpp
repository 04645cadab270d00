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

#include "server/app/metrics.hpp"
#include "server/app/workshop_actor.hpp"
#include "server/store/event_store.hpp"
#include "server/store/writer.hpp"

namespace atelier::app {

struct CreatedWorkshop {
  std::string id;
  std::string code;
  std::string facilitator_token;
  std::string facilitator_id;  // the facilitator's participant id
};

struct HubStats {
  std::atomic<uint64_t> connections{0};
  std::atomic<uint64_t> messages_in{0};
  std::atomic<uint64_t> commands_applied{0};
  std::atomic<uint64_t> commands_rejected{0};
  std::atomic<uint64_t> frames_out{0};
  RefusalCounters refusals;         // every error sent to a client
  LatencyHistogram command_to_ack;  // a command's arrival to its acknowledgement
};

class Hub {
 public:
  Hub(boost::asio::io_context& ioc, store::Writer& writer, Clock clock, MatcherFactory matchers);

  // Where workshops find their territory's earlier cards (none when unset).
  // REQUIRES: before LoadAll() and CreateWorkshop().
  void SetEarlierCardsLoader(EarlierCardsLoader loader) { earlier_loader_ = std::move(loader); }
  const EarlierCardsLoader& earlier_cards_loader() const { return earlier_loader_; }

  // Start-up: folds every stored workshop. Returns how many.
  size_t LoadAll(store::EventStore& reader);
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
  int64_t Now() const { return clock_(); }

 private:
  std::string NewCode();

  boost::asio::io_context& ioc_;
  store::Writer& writer_;
  Clock clock_;
  MatcherFactory matchers_;
  EarlierCardsLoader earlier_loader_;  // set before any actor runs, then read-only
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<WorkshopActor>> by_id_;  // GUARDED_BY(mu_)
  std::unordered_map<std::string, std::string> code_to_id_;                // GUARDED_BY(mu_)
  struct TokenInfo {
    std::string workshop_id;
    v1::Role role;
  };
  std::unordered_map<std::string, TokenInfo> tokens_;  // GUARDED_BY(mu_)
  HubStats stats_;
};

// Normalizes a typed join code: upper case, no spaces or dashes.
std::string NormalizeCode(std::string_view code);

}  // namespace atelier::app
