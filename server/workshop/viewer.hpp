#pragma once
// Who is looking, and what they may see of a workshop: "facilitators only"
// cards are hidden from the room, anonymous cards lose their company until a
// synergy on them is confirmed. Pure functions; thread-compatible.

#include <string>

#include "atelier/v1/atelier.pb.h"
#include "server/workshop/state.hpp"

namespace atelier::workshop {

struct Viewer {
  v1::Role role = v1::ROLE_BOARD;
  std::string participant_id;
  std::string company_id;
  int table = 0;

  bool is_facilitator() const {
    return role == v1::ROLE_FACILITATOR || role == v1::ROLE_TABLE_FACILITATOR;
  }
};

// True if `card` is visible at all to `viewer`.
bool CanSeeCard(const WorkshopState& state, const Viewer& viewer, const v1::Card& card);
// The card as `viewer` sees it (company hidden for anonymous cards), or
// nullopt-like false return when hidden.
bool RedactCard(const WorkshopState& state, const Viewer& viewer, v1::Card* card);
bool RedactMatch(const WorkshopState& state, const Viewer& viewer, v1::Match* match);

// True if some viewer could see `event` differently from a facilitator.
bool NeedsFiltering(const WorkshopState& state, const v1::Event& event);
// `event` as `viewer` sees it. A hidden event keeps its seq and time with an
// empty body, so that every client's sequence stays gap-free.
v1::Event FilterEvent(const WorkshopState& state, const Viewer& viewer, const v1::Event& event);
// Key under which the filtered event is the same for every viewer sharing it.
std::string ViewKey(const WorkshopState& state, const Viewer& viewer, const v1::Event& event);

v1::Snapshot SnapshotFor(const WorkshopState& state, const Viewer& viewer);

}  // namespace atelier::workshop
