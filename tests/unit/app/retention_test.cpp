// Retention sweeps over more closed workshops than one sweep may read: the first sweep reads
// its limit and says it is not complete, the next ones finish, and nothing is erased twice.
// A real database file, a real hub and writer (app::Offline); only the sweep's clock is moved.
#include "server/app/retention.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <future>

#include "server/app/offline.hpp"
#include "tests/support/server_process.hpp"

namespace atelier::app {
namespace {

constexpr int64_t kDayMs = int64_t{24} * 3600 * 1000;

workshop::Outcome RunAsFacilitator(WorkshopActor& actor, const v1::ClientMessage& msg) {
  std::promise<workshop::Outcome> done;
  actor.Execute(
      [msg](workshop::Workshop& w, int64_t now) {
        workshop::Viewer admin;
        admin.role = v1::ROLE_FACILITATOR;
        admin.participant_id = "admin";
        return w.Handle(admin, msg, now);
      },
      [&done](const workshop::Outcome& o) { done.set_value(o); });
  return done.get_future().get();
}

// A closed workshop with one company that has a contact.
void ClosedWorkshopWithAContact(Hub& hub, int i) {
  v1::WorkshopInfo info;
  info.set_title("Atelier " + std::to_string(i));
  info.set_status(v1::WORKSHOP_STATUS_OPEN);
  CreatedWorkshop created = hub.CreateWorkshop(info);
  std::shared_ptr<WorkshopActor> actor = hub.ById(created.id);
  ASSERT_TRUE(actor);
  v1::ClientMessage company;
  v1::Company* c = company.mutable_upsert_company()->mutable_company();
  c->set_id("e1");
  c->set_name("Menuiserie " + std::to_string(i));
  c->set_contact("Claire, 06 00 00 00 0" + std::to_string(i));
  ASSERT_TRUE(RunAsFacilitator(*actor, company).ok());
  v1::ClientMessage close;
  close.mutable_update_workshop()->mutable_workshop()->set_status(v1::WORKSHOP_STATUS_CLOSED);
  ASSERT_TRUE(RunAsFacilitator(*actor, close).ok());
}

TEST(Retention, MoreClosedWorkshopsThanOneSweepReadsAreErasedOverSeveralSweeps) {
  const std::string dir = testing::MakeTempDir("atelier-retention");
  const std::string db = dir + "/r.db";
  constexpr int kWorkshops = 9;
  constexpr size_t kMaxReads = 4;
  {
    Offline offline(db);
    for (int i = 0; i < kWorkshops; ++i) ClosedWorkshopWithAContact(offline.hub(), i);
  }
  Offline offline(db);  // started again: every closed workshop is dormant
  Hub& hub = offline.hub();
  ASSERT_EQ(hub.WorkshopCount(), static_cast<size_t>(kWorkshops));
  EXPECT_EQ(hub.InMemoryCount(), 0u);
  const int64_t later = SystemNowMs() + 400 * kDayMs;
  RetentionSchedule schedule;
  size_t erased = 0;
  int sweeps = 0;
  for (bool complete = false; !complete && sweeps < 10; ++sweeps) {
    RetentionSweep sweep = SweepRetention(hub, 365 * kDayMs, later, schedule, kMaxReads);
    EXPECT_LE(sweep.erased, kMaxReads) << "one company per workshop, at most kMaxReads read";
    if (sweeps == 0) {
      EXPECT_FALSE(sweep.complete) << "nine workshops, four read per sweep";
    }
    erased += sweep.erased;
    complete = sweep.complete;
  }
  EXPECT_EQ(sweeps, 3) << "4 + 4 + 1";
  EXPECT_EQ(erased, static_cast<size_t>(kWorkshops)) << "each workshop's company, once";
  EXPECT_EQ(SweepRetention(hub, 365 * kDayMs, later, schedule, kMaxReads).erased, 0u)
      << "nothing is erased twice";
  for (const WorkshopListing& w : hub.Listing()) {
    std::shared_ptr<WorkshopActor> actor = hub.ById(w.id);
    ASSERT_TRUE(actor);
    std::promise<std::vector<std::string>> left;
    actor->WithCommittedState([&left](const workshop::WorkshopState& state) {
      left.set_value(CompaniesWithPersonalData(state));
    });
    EXPECT_TRUE(left.get_future().get().empty()) << w.info.title();
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace atelier::app
