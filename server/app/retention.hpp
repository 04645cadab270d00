#pragma once
// Retention of personal data (docs/privacy.md): a company's contact and its people's names
// are kept while the workshop runs and for a set time after its close (--retention-days),
// then erased the way a facilitator erases them (EraseCompanyData, an event like any other).
// The companies, their cards and synergies stay for the follow-up and the territory's figures.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "atelier/v1/atelier.pb.h"
#include "server/store/writer.hpp"
#include "server/workshop/state.hpp"

namespace atelier::app {

class Hub;

// When the workshop was last closed (the at_ms of the latest WorkshopUpdated to CLOSED), or
// -1 if it is not closed. Pure.
int64_t ClosedAtMs(const workshop::WorkshopState& state,
                   const std::vector<store::StoredEvent>& log);

// The companies of `state` that still hold personal data: a contact, or a named participant.
std::vector<std::string> CompaniesWithPersonalData(const workshop::WorkshopState& state);

// When each closed workshop is next worth reading (ms since the epoch), kept between sweeps so
// that a workshop is folded once to learn its close time, then only when due; a workshop seen
// open again is forgotten (it will close anew).
using RetentionSchedule = std::unordered_map<std::string, int64_t>;

struct RetentionSweep {
  size_t erased = 0;     // companies whose personal data was erased
  bool complete = true;  // false: `max_reads` workshops were read, others wait their turn
};

// Erases the personal data of every workshop closed for more than `keep_ms` at `now_ms`.
// A dormant workshop is woken one at a time and put back to sleep once read; at most
// `max_reads` are read per call, so that the pool it runs on (administration, exports) is never
// held for long. Blocks until each erasure is written. Call it off the io threads (the
// server's blocking pool).
RetentionSweep SweepRetention(Hub& hub, int64_t keep_ms, int64_t now_ms,
                              RetentionSchedule& schedule, size_t max_reads);

}  // namespace atelier::app
