// Fuzz target: sequences of client commands, as the server takes them from a frame
// (parse, protocol check), through Workshop::Handle, for each role. Checks, beyond
// the sanitizers: every event produced reads back as it was written and holds only
// declared values and well-formed text; every view of it (room, board, company) does
// too; folding the events again gives the same state (the log is the truth).
#include <cstddef>
#include <cstdint>
#include <string>

#include "atelier/v1/atelier.pb.h"
#include "server/workshop/validate.hpp"
#include "server/workshop/visibility.hpp"
#include "server/workshop/workshop.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace atelier::workshop {
namespace {

Viewer ViewerFor(uint8_t selector) {
  static const char* kCompanies[] = {"a", "b", "c"};
  Viewer v;
  switch (selector % 5) {
    case 0:
      v.role = v1::ROLE_FACILITATOR;
      v.participant_id = "p1";
      break;
    case 4:
      v.role = v1::ROLE_BOARD;
      v.participant_id = "board";
      break;
    default:
      v.role = v1::ROLE_PARTICIPANT;
      v.company_id = kCompanies[selector % 5 - 1];
      v.participant_id = "p-" + v.company_id;
      break;
  }
  return v;
}

void CheckReadsBack(const v1::Event& event) {
  std::string bytes = event.SerializeAsString();
  v1::Event again;
  ATELIER_FUZZ_CHECK(again.ParseFromString(bytes));
  ATELIER_FUZZ_CHECK(again.SerializeAsString() == bytes);
  ATELIER_FUZZ_CHECK(!FindInvalidField(event).has_value());
}

void Setup(Workshop& w, WorkshopState& refold) {
  auto keep = [&](const Outcome& out) {
    ATELIER_FUZZ_CHECK(out.ok());
    for (const auto& e : out.events) refold.Apply(e);
  };
  v1::WorkshopInfo info;
  info.set_id("w1");
  info.set_title("Atelier");
  info.set_tables(3);
  info.set_status(v1::WORKSHOP_STATUS_OPEN);
  keep(w.Create(info, 1000));
  v1::Participant f;
  f.set_role(v1::ROLE_FACILITATOR);
  keep(w.AddParticipant(f, 1000));
  for (const char* id : {"a", "b", "c"}) {
    v1::ClientMessage m;
    v1::Company* c = m.mutable_upsert_company()->mutable_company();
    c->set_id(id);
    c->set_name(std::string("Entreprise ") + id);
    c->set_table(1);
    c->set_contact(std::string("contact@") + id + ".fr");
    keep(w.Handle(ViewerFor(0), m, 1000));
    v1::Participant p;
    p.set_role(v1::ROLE_PARTICIPANT);
    p.set_company_id(id);
    p.set_name(std::string("Personne ") + id);
    keep(w.AddParticipant(p, 1000));
  }
}

}  // namespace
}  // namespace atelier::workshop

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace atelier;
  using namespace atelier::workshop;
  Workshop w;
  WorkshopState refold;
  Setup(w, refold);
  const Visibility visibility("fuzz");
  int64_t now = 2000;
  for (const auto& record : fuzz::Records(data, size)) {
    v1::ClientMessage msg;
    // As Connection::OnMessage: unreadable frames and protocol violations never reach Handle.
    if (!msg.ParseFromArray(record.payload.data(), static_cast<int>(record.payload.size())))
      continue;
    if (msg.has_join() || msg.has_ping() || msg.has_lookup()) continue;
    if (FindInvalidField(msg).has_value()) continue;
    const Viewer actor = ViewerFor(record.selector);
    if (actor.role == v1::ROLE_BOARD) continue;  // a board sends no commands
    now += 1000;
    Outcome out = w.Handle(actor, msg, now);
    if (!out.ok()) {
      ATELIER_FUZZ_CHECK(out.events.empty());
      continue;
    }
    for (const v1::Event& e : out.events) {
      CheckReadsBack(e);
      refold.Apply(e);
      for (uint8_t s = 0; s < 5; ++s) CheckReadsBack(visibility.Event(w.state(), ViewerFor(s), e));
    }
  }
  ATELIER_FUZZ_CHECK(refold.FullSnapshot().SerializeAsString() ==
                     w.state().FullSnapshot().SerializeAsString());
  for (uint8_t s = 1; s < 5; ++s) {
    v1::Snapshot snap = visibility.Snapshot(w.state(), ViewerFor(s));
    std::string bytes = snap.SerializeAsString();
    v1::Snapshot again;
    ATELIER_FUZZ_CHECK(again.ParseFromString(bytes));
  }
  return 0;
}
