#pragma once
// A company's personal data in the log: its contact (Company.contact, in CompanyUpserted)
// and the names of its people (Participant.name, in ParticipantJoined). One rule, used
// by the event store to rewrite the stored log in the erasure's transaction and by the
// workshop actor to rewrite the log it keeps in memory. Pure.

#include <string>

#include "atelier/v1/atelier.pb.h"

namespace atelier::store {

// Clears `company_id`'s personal data from `event`; true if anything was cleared.
bool ErasePersonalData(v1::Event* event, const std::string& company_id);

}  // namespace atelier::store
