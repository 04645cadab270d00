// The writer thread: group commit on a real file, failures that lose nothing
// silently, and the sequence check that keeps every workshop's log gap-free.
#include "server/store/writer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <future>

#include "tests/support/server_process.hpp"

namespace atelier::store {
namespace {

StoredEvent Event(uint64_t seq) {
  auto e = std::make_shared<v1::Event>();
  e->set_seq(seq);
  e->mutable_card_withdrawn()->set_card_id("c" + std::to_string(seq));
  return {e, std::make_shared<const std::string>(e->SerializeAsString())};
}

class WriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("atelier-writer");
    path_ = dir_ + "/w.db";
    writer_ = std::make_unique<Writer>(
        std::make_unique<EventStore>(path_, Database::Durability::kNormal));
    WriteBatch b;
    b.workshop_id = "w1";
    b.new_workshop = WorkshopRow{"w1", "CODE01", "T", "e", 0};
    EXPECT_TRUE(Write(std::move(b)).ok());
  }
  void TearDown() override {
    writer_.reset();
    std::filesystem::remove_all(dir_);
  }
  Status Write(WriteBatch b) {
    std::promise<Status> done;
    b.done = [&](const Status& s) { done.set_value(s); };
    writer_->Submit(std::move(b));
    return done.get_future().get();
  }
  WriteBatch Batch(std::initializer_list<uint64_t> seqs) {
    WriteBatch b;
    b.workshop_id = "w1";
    for (uint64_t s : seqs) b.events.push_back(Event(s));
    return b;
  }
  std::vector<uint64_t> StoredSeqs() {
    EventStore reader(path_, Database::Durability::kNormal);
    std::vector<uint64_t> seqs;
    reader.ForEachEvent("w1", 0, [&](std::string_view payload) {
      v1::Event e;
      e.ParseFromArray(payload.data(), static_cast<int>(payload.size()));
      seqs.push_back(e.seq());
    });
    return seqs;
  }

  std::string dir_;
  std::string path_;
  std::unique_ptr<Writer> writer_;
};

TEST_F(WriterTest, BatchesSubmittedTogetherShareTransactions) {
  std::vector<std::promise<Status>> promises(50);
  for (uint64_t i = 0; i < 50; ++i) {
    WriteBatch b = Batch({i + 1});
    b.done = [&promises, i](const Status& s) { promises[i].set_value(s); };
    writer_->Submit(std::move(b));
  }
  for (auto& p : promises) EXPECT_TRUE(p.get_future().get().ok());
  WriterStats s = writer_->stats();
  EXPECT_EQ(s.events, 50u);
  EXPECT_LT(s.transactions, 51u) << "one transaction per batch at most";
  std::vector<uint64_t> seqs = StoredSeqs();
  ASSERT_EQ(seqs.size(), 50u);
  for (size_t i = 0; i < seqs.size(); ++i) EXPECT_EQ(seqs[i], i + 1);
}

TEST_F(WriterTest, AFailingDiskReportsTheErrorAndStoresNothing) {
  writer_->FailWritesForTesting(true);
  Status failed = Write(Batch({1, 2}));
  EXPECT_FALSE(failed.ok());
  EXPECT_TRUE(StoredSeqs().empty());
  writer_->FailWritesForTesting(false);
  EXPECT_TRUE(Write(Batch({1, 2})).ok()) << "the same events go through once the disk is back";
  EXPECT_EQ(StoredSeqs(), (std::vector<uint64_t>{1, 2}));
}

TEST_F(WriterTest, ABatchThatWouldLeaveAGapIsRefusedAlone) {
  ASSERT_TRUE(Write(Batch({1})).ok());
  EXPECT_FALSE(Write(Batch({3})).ok()) << "seq 2 is missing";
  EXPECT_FALSE(Write(Batch({1})).ok()) << "seq 1 is already there";
  EXPECT_TRUE(Write(Batch({2, 3})).ok());
  EXPECT_EQ(StoredSeqs(), (std::vector<uint64_t>{1, 2, 3}));
}

TEST_F(WriterTest, StopWritesWhatWasSubmitted) {
  std::promise<Status> done;
  WriteBatch b = Batch({1, 2, 3});
  b.done = [&](const Status& s) { done.set_value(s); };
  writer_->Submit(std::move(b));
  writer_->Stop();
  EXPECT_TRUE(done.get_future().get().ok());
  EXPECT_EQ(StoredSeqs().size(), 3u);
}

// RGPD: an erasure rewrites the earlier events that carry the company's personal data, in
// its own transaction, and leaves no copy of it in the database file.
TEST_F(WriterTest, AnErasureRewritesTheLogAndLeavesNoCopyOnDisk) {
  auto stored = [](v1::Event e) {
    auto p = std::make_shared<v1::Event>(std::move(e));
    return StoredEvent{p, std::make_shared<const std::string>(p->SerializeAsString())};
  };
  auto company = [](uint64_t seq, const std::string& id, const std::string& contact) {
    v1::Event e;
    e.set_seq(seq);
    e.mutable_company_upserted()->mutable_company()->set_id(id);
    e.mutable_company_upserted()->mutable_company()->set_name("Entreprise " + id);
    e.mutable_company_upserted()->mutable_company()->set_contact(contact);
    return e;
  };
  v1::Event person;
  person.set_seq(3);
  person.mutable_participant_joined()->mutable_participant()->set_company_id("a");
  person.mutable_participant_joined()->mutable_participant()->set_name("Anne Kerhervé");
  v1::Event erased;
  erased.set_seq(5);
  erased.mutable_company_data_erased()->set_company_id("a");
  WriteBatch b;
  b.workshop_id = "w1";
  b.events = {stored(company(1, "a", "anne.kerherve@alpha.fr")),
              stored(company(2, "b", "bob@bravo.fr")), stored(person),
              stored(company(4, "a", "anne.kerherve@alpha.fr, 06 11 22 33 44"))};
  ASSERT_TRUE(Write(std::move(b)).ok());
  WriteBatch erase;
  erase.workshop_id = "w1";
  erase.events = {stored(erased)};
  ASSERT_TRUE(Write(std::move(erase)).ok());
  writer_.reset();  // closes the file: the WAL is checkpointed into it

  std::vector<v1::Event> log;
  {
    EventStore reader(path_, Database::Durability::kNormal);
    reader.ForEachEvent("w1", 0, [&](std::string_view payload) {
      ASSERT_TRUE(
          log.emplace_back().ParseFromArray(payload.data(), static_cast<int>(payload.size())));
    });
  }
  ASSERT_EQ(log.size(), 5u);
  EXPECT_TRUE(log[0].company_upserted().company().contact().empty());
  EXPECT_EQ(log[0].company_upserted().company().name(), "Entreprise a") << "the company stays";
  EXPECT_EQ(log[1].company_upserted().company().contact(), "bob@bravo.fr") << "others untouched";
  EXPECT_TRUE(log[2].participant_joined().participant().name().empty());
  EXPECT_TRUE(log[3].company_upserted().company().contact().empty());
  EXPECT_TRUE(log[4].has_company_data_erased());
  for (const std::string& file : {path_, path_ + "-wal"}) {
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find("anne.kerherve"), std::string::npos) << file;
    EXPECT_EQ(bytes.find("Kerherv"), std::string::npos) << file;
    if (file == path_) {
      EXPECT_NE(bytes.find("bob@bravo.fr"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace atelier::store
