#pragma once
// WorkshopActor: one live workshop. Every command runs on the actor's strand:
// validated by the Workshop domain, persisted by the Writer, and only then
// acknowledged and broadcast. Keeps the committed log in memory so that a
// reconnecting client resumes from it. Public methods are thread-safe (they
// post to the strand).

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "server/store/writer.hpp"
#include "server/workshop/workshop.hpp"

namespace atelier::app {

class Connection;
class Hub;

using Clock = std::function<int64_t()>;  // milliseconds since the epoch
using MatcherFactory = std::function<std::unique_ptr<workshop::Matcher>()>;
// What a workshop reads of the other workshops of its territory: their live
// cards, and what their rooms said of the engine's suggestions.
struct TerritoryData {
  std::vector<workshop::EarlierCard> cards;
  workshop::TerritoryEvidence evidence;
};
// Fetches, off the io threads, what the workshops of `territory` other than
// `except_workshop` hold; `done` runs on the loader's thread.
using EarlierCardsLoader =
    std::function<void(const std::string& territory, const std::string& except_workshop,
                       std::function<void(TerritoryData)> done)>;

// At most this many earlier cards (the most recently posted) per workshop.
inline constexpr int kMaxEarlierCards = 20'000;
// How long a running workshop gathers other workshops' card changes before it
// reloads its earlier cards.
inline constexpr std::chrono::milliseconds kEarlierRefresh{2000};

// A participant's applied commands are remembered, for a resend to get the first answer,
// for its latest kCommandsRemembered at least: older ones are forgotten kForgetChunk at a
// time, in memory and on disk (in the same transaction as the command that pushes them
// out), so that a participant never holds more than kCommandsRemembered + kForgetChunk - 1.
inline constexpr size_t kCommandsRemembered = 1024;
inline constexpr size_t kForgetChunk = 64;

struct ActorStats {
  uint64_t subscribers = 0;
  uint64_t seq = 0;
};

class WorkshopActor : public std::enable_shared_from_this<WorkshopActor> {
 public:
  WorkshopActor(boost::asio::io_context& ioc, store::Writer& writer, Hub& hub, std::string id,
                std::string code, std::string epoch, Clock clock, MatcherFactory matchers);

  // Start-up only, before the actor is shared: fold the stored log.
  void Restore(std::string_view payload);
  void RestoreToken(const store::TokenRow& row);
  void RestoreCommand(const store::CommandRow& row);
  void FinishRestore();

  // Creation: the first events of a new workshop and its facilitator token.
  // `done` runs on the strand once durable (with empty strings if it failed).
  void Create(
      const v1::WorkshopInfo& info,
      std::function<void(const std::string& facilitator_id, const std::string& token)> done);
  // Runs `fn` on the strand with the domain, for tools and the demo: the
  // outcome of `fn` is persisted and broadcast like any command.
  void Execute(std::function<workshop::Outcome(workshop::Workshop&, int64_t now_ms)> fn,
               std::function<void(const workshop::Outcome&)> done);

  void Join(std::shared_ptr<Connection> conn, v1::Join join, std::string command_id);
  // Answers with the workshop's title and company list (no cards).
  void Lookup(std::shared_ptr<Connection> conn, std::string command_id);
  // `arrived`: when the command reached its connection (the post-to-delivery histogram).
  void Submit(std::shared_ptr<Connection> conn, v1::ClientMessage msg,
              std::chrono::steady_clock::time_point arrived = std::chrono::steady_clock::now());
  void Leave(const Connection* conn);
  // Closes every connection (server shutdown).
  void CloseAll();
  // A copy of the committed state, taken on the strand.
  void WithCommittedState(std::function<void(const workshop::WorkshopState&)> fn);
  // Runs `fn` on the strand with the committed state and the committed log
  // (seq 1..n, each event with its stored payload), e.g. to serve a replay.
  void WithCommittedLog(
      std::function<void(const workshop::WorkshopState&, const std::vector<store::StoredEvent>&)>
          fn);

  // (Re)loads the territory's earlier cards into the matcher when the
  // workshop's territory differs from the one last loaded: at start-up, on
  // creation, when the facilitator changes it. Closed workshops are left as
  // they are. The cards are read and indexed on the loader's thread; the
  // matcher is swapped in on the strand, and the matches with them that the
  // state lacks (or has but no longer holds) become events.
  void LoadEarlierCards();
  // Another workshop of `territory` has committed a card change: a live
  // workshop of that territory (running, or open with someone connected)
  // reloads its earlier cards, at most once every kEarlierRefresh, so that a
  // need posted here meets an offer posted there the same day. The others
  // (years of workshops nobody closed) wait for their next load.
  void TerritoryCardsChanged(const std::string& territory);

  // Start-up: the seq of the last event restored, and how many stored events were read
  // only after their malformed UTF-8 was replaced (RepairUtf8).
  uint64_t restored_seq() const { return committed_.seq(); }
  // Start-up, before FinishRestore(): the info the stored log ends with.
  const v1::WorkshopInfo& restored_info() const { return committed_.info(); }
  uint64_t repaired_events() const { return repaired_events_; }

  const std::string& id() const { return id_; }
  const std::string& code() const { return code_; }
  // The join key printed on `company_id`'s table tent (16 hex digits, derived from the
  // server's secret, the workshop and the company: the same across restarts).
  std::string CompanyKey(const std::string& company_id) const;
  const std::string& epoch() const { return epoch_; }

 private:
  struct Subscriber {
    std::weak_ptr<Connection> conn;
    workshop::Viewer viewer;
  };
  struct Pending {
    uint64_t id = 0;
    std::vector<store::StoredEvent> events;
    std::weak_ptr<Connection> conn;
    std::string command_id;
    std::string command_key;             // participant + command id, for idempotency
    std::string remembered_as;           // the participant it is remembered under (Remember)
    std::vector<std::string> forgotten;  // that participant's ids this batch deletes
    std::string entity_id;
    std::vector<std::pair<std::weak_ptr<Connection>, std::string>> duplicate_waiters;
    std::function<void()> on_commit;  // extra work after commit (e.g. welcome)
    std::function<void(const workshop::Outcome&)> tool_done;
    workshop::Outcome outcome;
    // A card post, and when it reached its connection: timed to its delivery.
    bool is_post = false;
    std::chrono::steady_clock::time_point arrived;
  };
  struct Applied {
    uint64_t seq;
    std::string entity_id;
    bool committed;
  };

  // A board may still join by code this long after the close, to show the results.
  static constexpr int64_t kBoardAfterCloseMs = 12LL * 60 * 60 * 1000;
  bool ClosedRecently() const;
  void DoJoin(const std::shared_ptr<Connection>& conn, const v1::Join& join,
              const std::string& command_id);
  void DoSubmit(const std::shared_ptr<Connection>& conn, const v1::ClientMessage& msg,
                std::chrono::steady_clock::time_point arrived);
  // The outcome's events, serialized, each checked to read back as it is and to hold only
  // values the protocol declares. On failure nothing is returned, `out` becomes an
  // ERROR_CODE_INTERNAL rejection and the working state forgets it.
  std::vector<store::StoredEvent> Seal(workshop::Outcome& out);
  bool TakeCompanyToken(const std::string& company_id);
  // Remembers `command_id` (applied_ has it) under `participant`, oldest first; returns the
  // participant's ids that fall out, forgotten in memory now and on disk with this batch.
  std::vector<std::string> Remember(const std::string& participant, const std::string& command_id);
  // Takes back Remember() after a failed write: the command is not applied, and what it
  // forgot is still on disk (deleted with the participant's next command).
  void Unremember(const Pending& failed);
  // Persists sealed `events` of `out`; `prepare` fills the write batch's extra rows.
  Pending& Persist(std::vector<store::StoredEvent> events, workshop::Outcome out,
                   std::function<void(store::WriteBatch&)> prepare = {});
  void OnCommitted(uint64_t pending_id, const store::Status& status);
  void Broadcast(const store::StoredEvent& stored);
  // Rewrites the in-memory log without `company_id`'s personal data (store/erasure.hpp).
  void EraseFromLog(const std::string& company_id);
  // A revoked device: its tokens forgotten here and in the hub, its connections closed.
  void RevokeDevice(const std::string& participant_id);
  // The frame of `stored` as `viewer` may see it, judged on the committed state.
  std::shared_ptr<const std::string> ViewFrame(const workshop::Viewer& viewer,
                                               const store::StoredEvent& stored) const;
  // The same frame appended to `out` (replays put many in one frame).
  void AppendView(std::string& out, const workshop::Viewer& viewer,
                  const store::StoredEvent& stored) const;
  // Welcomes a repeated join with the participant (and token) it created.
  void WelcomeAgain(const std::shared_ptr<Connection>& conn, const std::string& participant_id,
                    const v1::Join& join, const std::string& command_id);
  void Welcome(const std::shared_ptr<Connection>& conn, const workshop::Viewer& viewer,
               const std::string& token, const v1::Join& join, const std::string& command_id);
  void RebuildWorkingState();
  std::unique_ptr<workshop::Workshop> NewWorkshop() const;
  std::unique_ptr<workshop::Matcher> NewMatcher(const TerritoryData& territory) const;
  // REQUIRES: on the strand (or before the actor runs).
  void DoLoadEarlierCards();
  void OnEarlierCards(uint64_t generation, std::shared_ptr<const TerritoryData> territory,
                      std::unique_ptr<workshop::Matcher> matcher);

  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  store::Writer& writer_;
  Hub& hub_;
  const std::string id_;
  const std::string code_;
  const std::string epoch_;
  Clock clock_;
  MatcherFactory matchers_;

  // The territory's earlier cards the matcher holds (kept to rebuild it after
  // a failed write), for which territory, and which load is the latest.
  std::shared_ptr<const TerritoryData> earlier_;
  std::string earlier_territory_;
  uint64_t earlier_generation_ = 0;
  boost::asio::steady_timer earlier_refresh_;
  bool earlier_refresh_due_ = false;
  // What each connection may see of the log; keyed by the hub's secret.
  workshop::Visibility visibility_;
  // Declared after the above: built from them.
  std::unique_ptr<workshop::Workshop> working_;  // includes events not yet durable
  workshop::WorkshopState committed_;            // only durable events
  std::vector<store::StoredEvent> log_;          // committed events, seq 1..n
  std::deque<Pending> pending_;
  uint64_t next_pending_id_ = 1;
  uint64_t repaired_events_ = 0;
  // Commands per company per second, across all its devices (token buckets).
  struct Budget {
    double tokens;
    std::chrono::steady_clock::time_point refilled;
  };
  std::unordered_map<std::string, Budget> company_budget_;
  // Tokens by hash (digest::TokenHash), and by participant the token itself where this
  // server derived it (DoJoin's lost welcome gives it again).
  std::unordered_map<std::string, workshop::Viewer> tokens_;
  std::unordered_map<std::string, std::string> token_of_participant_;
  std::unordered_map<std::string, Applied> applied_;  // idempotency
  // The command ids in applied_ by participant, oldest first (bounded, see Remember).
  std::unordered_map<std::string, std::deque<std::string>> remembered_;
  // Ids forgotten in memory but still on disk, deleted with the participant's next command.
  std::unordered_map<std::string, std::vector<std::string>> forget_later_;
  std::map<const Connection*, Subscriber> subscribers_;
};

}  // namespace atelier::app
