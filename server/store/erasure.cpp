#include "server/store/erasure.hpp"

namespace atelier::store {

bool ErasePersonalData(v1::Event* event, const std::string& company_id) {
  if (event->has_company_upserted()) {
    v1::Company* c = event->mutable_company_upserted()->mutable_company();
    if (c->id() != company_id || c->contact().empty()) return false;
    c->clear_contact();
    return true;
  }
  if (event->has_participant_joined()) {
    v1::Participant* p = event->mutable_participant_joined()->mutable_participant();
    if (p->company_id() != company_id || p->name().empty()) return false;
    p->clear_name();
    return true;
  }
  return false;
}

}  // namespace atelier::store
