#include "server/app/retention.hpp"

#include <chrono>
#include <future>
#include <limits>
#include <memory>
#include <thread>

#include "server/app/hub.hpp"
#include "server/app/workshop_actor.hpp"
#include "server/common/log.hpp"

namespace atelier::app {

int64_t ClosedAtMs(const workshop::WorkshopState& state,
                   const std::vector<store::StoredEvent>& log) {
  if (state.info().status() != v1::WORKSHOP_STATUS_CLOSED) return -1;
  for (auto it = log.rbegin(); it != log.rend(); ++it) {
    const v1::Event& e = *it->event;
    if (e.has_workshop_updated() &&
        e.workshop_updated().workshop().status() == v1::WORKSHOP_STATUS_CLOSED) {
      return e.at_ms();
    }
    if (e.has_workshop_created() &&
        e.workshop_created().workshop().status() == v1::WORKSHOP_STATUS_CLOSED) {
      return e.at_ms();
    }
  }
  return -1;
}

std::vector<std::string> CompaniesWithPersonalData(const workshop::WorkshopState& state) {
  std::vector<std::string> out;
  for (const std::string& id : state.company_order()) {
    const v1::Company* c = state.FindCompany(id);
    bool personal = c && !c->contact().empty();
    for (const auto& [pid, p] : state.participants()) {
      personal = personal || (p.company_id() == id && !p.name().empty());
    }
    if (personal) out.push_back(id);
  }
  return out;
}

RetentionSweep SweepRetention(Hub& hub, int64_t keep_ms, int64_t now_ms,
                              RetentionSchedule& schedule, size_t max_reads) {
  RetentionSweep sweep;
  size_t& erased = sweep.erased;
  size_t reads = 0;
  for (const WorkshopListing& listing : hub.Listing()) {
    if (listing.info.status() != v1::WORKSHOP_STATUS_CLOSED) {
      schedule.erase(listing.id);
      continue;
    }
    if (auto next = schedule.find(listing.id); next != schedule.end() && next->second > now_ms) {
      continue;
    }
    if (reads++ == max_reads) {
      sweep.complete = false;
      break;
    }
    const bool dormant = !listing.actor;
    std::shared_ptr<WorkshopActor> actor = listing.actor ? listing.actor : hub.ById(listing.id);
    if (!actor) continue;
    std::promise<std::pair<int64_t, std::vector<std::string>>> seen;
    actor->WithCommittedLog(
        [&seen](const workshop::WorkshopState& state, const std::vector<store::StoredEvent>& log) {
          seen.set_value({ClosedAtMs(state, log), CompaniesWithPersonalData(state)});
        });
    auto [closed, personal] = seen.get_future().get();
    const bool due = closed >= 0 && now_ms - closed > keep_ms;
    // Not due yet: come back when it is; done (or nothing to erase): not until it closes anew.
    schedule[listing.id] = due || personal.empty() || closed < 0
                               ? std::numeric_limits<int64_t>::max()
                               : closed + keep_ms + 1;
    if (!due) personal.clear();
    for (const std::string& company : personal) {
      v1::ClientMessage msg;
      msg.mutable_erase_company_data()->set_company_id(company);
      std::promise<bool> written;
      actor->Execute(
          [msg](workshop::Workshop& w, int64_t now) {
            workshop::Viewer retention;
            retention.role = v1::ROLE_FACILITATOR;
            retention.participant_id = "retention";
            return w.Handle(retention, msg, now);
          },
          [&written](const workshop::Outcome& o) { written.set_value(o.ok()); });
      if (written.get_future().get()) {
        ++erased;
        LOG_INFO("conservation : données personnelles de l'entreprise "
                 << company << " effacées (atelier " << actor->code() << ")");
      } else {
        // Storage trouble: this workshop is tried again at the next hourly pass.
        schedule[listing.id] = now_ms + 3600 * 1000;
        LOG_WARN("conservation : effacement refusé pour l'entreprise " << company << " (atelier "
                                                                       << actor->code() << ")");
      }
    }
    if (dormant) {
      const std::string id = actor->id();
      actor.reset();
      // Asleep again once the strand's last handler let go of it (a moment); if someone
      // uses it meanwhile, EvictIdle will.
      for (int i = 0; i < 50 && !hub.EvictIfUnused(id); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }
  }
  return sweep;
}

}  // namespace atelier::app
