#pragma once
// Visibility: the one rule set deciding what each viewer may see of a
// workshop. Every frame a client receives — a live event, a replayed one on
// resume, a snapshot — is the output of Event() or Snapshot() for that
// client's Viewer, judged against the state at the time it is sent. The rules,
// with their reasons, are in docs/privacy.md. Thread-compatible: const methods
// may run concurrently; ResolveMatch() keeps a cache and is not.

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "atelier/v1/atelier.pb.h"
#include "server/workshop/state.hpp"
#include "server/workshop/viewer.hpp"

namespace atelier::workshop {

class Visibility {
 public:
  // `key_secret` keys the opaque match keys given to non-facilitators; it
  // must be the same across restarts, or tablets' keys stop working.
  explicit Visibility(const std::string& key_secret = "");

  // `event` as `viewer` may see it. An event the viewer may not see keeps its
  // seq and time with an empty body, so that every client's sequence stays
  // gap-free.
  v1::Event Event(const WorkshopState& state, const Viewer& viewer, const v1::Event& event) const;
  // The state as `viewer` may see it.
  v1::Snapshot Snapshot(const WorkshopState& state, const Viewer& viewer) const;
  // What a device that has the join code but has not joined may see: the
  // workshop and its companies' id, name, zone and table (to pick its own).
  v1::Lobby Lobby(const WorkshopState& state) const;
  // Viewers with the same key receive the same Event() of `event`: the key is
  // the viewer's role, and its company when the event concerns that company.
  std::string ViewKey(const WorkshopState& state, const Viewer& viewer,
                      const v1::Event& event) const;

  // The match `key` names for `viewer` (an opaque key for participants, the
  // real one for facilitators), or nullptr when it is unknown *or* when the
  // viewer may not see it: both look the same to the viewer.
  const v1::Match* ResolveMatch(const WorkshopState& state, const Viewer& viewer,
                                const std::string& key) const;

  // The key of a match as non-facilitators receive it: "k" and 16 hex digits,
  // a keyed hash of the real key (not guessable from the card ids).
  std::string OpaqueKey(const std::string& key) const;

  bool CanSeeCard(const WorkshopState& state, const Viewer& viewer, const v1::Card& card) const;
  bool CanSeeMatch(const WorkshopState& state, const Viewer& viewer, const v1::Match& match) const;
  // True when `viewer` may read `company`'s contact (facilitators, the company
  // itself, and a partner once both said « Intéressé » on their synergy).
  bool CanSeeContact(const WorkshopState& state, const Viewer& viewer,
                     const std::string& company) const;

 private:
  uint64_t k0_ = 0;
  uint64_t k1_ = 0;
  mutable std::unordered_map<std::string, std::string> opaque_to_key_;
};

}  // namespace atelier::workshop
