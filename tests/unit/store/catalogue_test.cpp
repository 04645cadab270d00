// The territory's catalogue: fed by EventStore's projection, searched by
// Catalogue with accents folded, plurals, prefixes and typos, per territory.
#include "server/store/catalogue.hpp"

#include <gmock/gmock.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <thread>

#include "server/common/digest.hpp"
#include "server/store/event_store.hpp"
#include "server/store/writer.hpp"
#include "tests/support/server_process.hpp"

namespace atelier::store {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

class CatalogueTest : public ::testing::Test {
 protected:
  CatalogueTest() : dir_(testing::MakeTempDir("atelier-catalogue")), path_(dir_ + "/a.db") {}
  ~CatalogueTest() override { std::filesystem::remove_all(dir_); }

  // Appends one event of workshop `w` (seq counted per workshop).
  void Append(const std::string& w, v1::Event e) {
    EventStore& s = *store_;
    if (!seqs_.count(w)) {
      ASSERT_TRUE(s.InsertWorkshop({w, "C" + w, w, "e", 0}).ok());
    }
    e.set_seq(++seqs_[w]);
    ASSERT_TRUE(s.AppendEvent(w, e, e.SerializeAsString()).ok());
  }
  void Workshop(const std::string& w, const std::string& territory) {
    v1::Event e;
    e.mutable_workshop_created()->mutable_workshop()->set_id(w);
    e.mutable_workshop_created()->mutable_workshop()->set_title("Atelier " + w);
    e.mutable_workshop_created()->mutable_workshop()->set_territory(territory);
    Append(w, e);
    v1::Event c;
    c.mutable_company_upserted()->mutable_company()->set_id("e1");
    c.mutable_company_upserted()->mutable_company()->set_name("Menuiserie " + w);
    Append(w, c);
  }
  void Card(const std::string& w, const std::string& id, const std::string& text, bool edit = false,
            v1::Visibility visibility = v1::VISIBILITY_ROOM, int64_t posted_at_ms = 0) {
    v1::Event e;
    v1::Card* c =
        edit ? e.mutable_card_edited()->mutable_card() : e.mutable_card_posted()->mutable_card();
    c->set_id(id);
    c->set_company_id("e1");
    c->set_kind(v1::CARD_KIND_OFFER);
    c->set_category("dechet");
    c->set_text(text);
    c->set_visibility(visibility);
    c->add_months(6);
    c->set_posted_at_ms(posted_at_ms);
    Append(w, e);
  }
  std::vector<std::string> Earlier(const std::string& territory, const std::string& except,
                                   int limit = 100) {
    Catalogue catalogue(path_);
    std::vector<std::string> out;
    for (const auto& row : catalogue.EarlierCardsNow(territory, except, limit)) {
      out.push_back(row.workshop_id + "/" + row.card.id() + ":" + row.card.text());
    }
    return out;
  }
  void Withdraw(const std::string& w, const std::string& id) {
    v1::Event e;
    e.mutable_card_withdrawn()->set_card_id(id);
    Append(w, e);
  }
  std::vector<std::string> Find(const std::string& territory, const std::string& q) {
    Catalogue catalogue(path_);
    CatalogueResult r = catalogue.SearchNow(territory, q, 50);
    EXPECT_TRUE(r.status.ok()) << r.status.message() << " for " << r.fts_query;
    std::vector<std::string> ids;
    for (const auto& h : r.hits) ids.push_back(h.workshop_id + "/" + h.card_id);
    return ids;
  }

  // Read straight from the database, so that no search indexes first.
  int64_t Count(const std::string& sql) {
    Database db(path_, Database::Durability::kNormal);
    Statement s = db.Prepare(sql);
    return s.Step() ? s.ColumnInt(0) : -1;
  }
  int64_t Pending() { return Count("SELECT count(*) FROM catalogue_pending"); }
  int64_t Indexed(const std::string& word) {
    return Count("SELECT count(*) FROM catalogue_fts WHERE catalogue_fts MATCH '" + word + "'");
  }

  std::string dir_;
  std::string path_;
  std::unique_ptr<EventStore> store_ =
      std::make_unique<EventStore>(path_, Database::Durability::kNormal);
  std::map<std::string, uint64_t> seqs_;
};

TEST_F(CatalogueTest, FindsCardsOfEveryWorkshopOfTheTerritoryOnly) {
  Workshop("w1", "Rennes Métropole");
  Workshop("w2", "Rennes Métropole");
  Workshop("w3", "Brest");
  Card("w1", "c1", "Palettes bois cassées");
  Card("w2", "c1", "Palette europe en bon état");
  Card("w3", "c1", "Palettes plastique");
  EXPECT_THAT(Find("Rennes Métropole", "palettes"), UnorderedElementsAre("w1/c1", "w2/c1"));
  EXPECT_THAT(Find("Brest", "palette"), ElementsAre("w3/c1"));
  EXPECT_THAT(Find("Nantes", "palette"), IsEmpty());
}

TEST_F(CatalogueTest, FoldsAccentsPluralsPrefixesAndTypos) {
  Workshop("w1", "T");
  Card("w1", "c1", "Chariot élévateur 2 jours par semaine");
  Card("w1", "c2", "Chaleur fatale des fours");
  Card("w1", "c3", "Cartons et rognures de papier");
  EXPECT_THAT(Find("T", "elevateur"), ElementsAre("w1/c1"));   // no accent typed
  EXPECT_THAT(Find("T", "ÉLÉVATEURS"), ElementsAre("w1/c1"));  // capitals, plural
  EXPECT_THAT(Find("T", "chari"), ElementsAre("w1/c1"));       // prefix
  EXPECT_THAT(Find("T", "carton"), ElementsAre("w1/c3"));      // singular of "Cartons"
  EXPECT_THAT(Find("T", "chaleurs fatales"), ElementsAre("w1/c2"));
  EXPECT_THAT(Find("T", "elevatuer"), ElementsAre("w1/c1"));  // typo: two letters swapped
  EXPECT_THAT(Find("T", "cartonn"), ElementsAre("w1/c3"));    // typo: one letter too many
  EXPECT_THAT(Find("T", "menuiserie"), UnorderedElementsAre("w1/c1", "w1/c2", "w1/c3"));
  EXPECT_THAT(Find("T", "\"; DROP TABLE cards; --"), IsEmpty());
}

TEST_F(CatalogueTest, FollowsEditsAndWithdrawals) {
  Workshop("w1", "T");
  Card("w1", "c1", "Sciure de hêtre");
  Card("w1", "c1", "Copeaux de chêne", /*edit=*/true);
  EXPECT_THAT(Find("T", "sciure"), IsEmpty());
  EXPECT_THAT(Find("T", "chene"), ElementsAre("w1/c1"));
  Withdraw("w1", "c1");
  EXPECT_THAT(Find("T", "chene"), IsEmpty());
}

TEST_F(CatalogueTest, IsRebuiltFromTheLogWhenAnOlderDatabaseIsMigrated) {
  Workshop("w1", "T");
  Card("w1", "c1", "Big bags vides");
  store_.reset();
  {
    // As if the catalogue had never been there: schema 1 with its events.
    Database db(path_, Database::Durability::kNormal);
    ASSERT_TRUE(
        db.Exec("DROP TABLE catalogue_terms; DROP TABLE catalogue_fts; "
                "DROP TABLE catalogue_cards; DROP TABLE workshop_info; "
                "DROP TABLE catalogue_pending; "
                "ALTER TABLE tokens RENAME COLUMN token_hash TO token; DROP TABLE match_feedback; "
                "PRAGMA user_version=1")
            .ok());
  }
  store_ = std::make_unique<EventStore>(path_, Database::Durability::kNormal);
  EXPECT_GE(store_->SchemaVersion(), 2);
  EXPECT_THAT(Find("T", "big bag"), ElementsAre("w1/c1"));
  // The database as it was before the upgrade is kept beside it, whole.
  {
    Database copy(path_ + ".schema-1.bak", Database::Durability::kNormal);
    Statement version(copy.handle(), "PRAGMA user_version");
    ASSERT_TRUE(version.Step());
    EXPECT_EQ(version.ColumnInt(0), 1);
    Statement events(copy.handle(), "SELECT count(*) FROM events");
    ASSERT_TRUE(events.Step());
    EXPECT_GT(events.ColumnInt(0), 0);
  }
  // Opening the upgraded database again takes no new copy.
  store_.reset();
  store_ = std::make_unique<EventStore>(path_, Database::Durability::kNormal);
  int copies = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    copies += entry.path().string().find(".bak") != std::string::npos;
  }
  EXPECT_EQ(copies, 1);
}

TEST_F(CatalogueTest, ASearchIndexesWhatTheWriterHasNotIndexedYet) {
  Workshop("w1", "T");
  Card("w1", "c1", "Palettes bois");
  EXPECT_EQ(Pending(), 1);
  EXPECT_EQ(Indexed("palettes"), 0);
  EXPECT_THAT(Find("T", "palette"), ElementsAre("w1/c1"));
  EXPECT_EQ(Pending(), 0);
  EXPECT_EQ(Indexed("palettes"), 1);
}

TEST_F(CatalogueTest, ARenamedCompanyIsSearchedByItsNewName) {
  Workshop("w1", "T");
  Card("w1", "c1", "Palettes bois");
  v1::Event rename;
  rename.mutable_company_upserted()->mutable_company()->set_id("e1");
  rename.mutable_company_upserted()->mutable_company()->set_name("Scierie Kervella");
  Append("w1", rename);
  EXPECT_THAT(Find("T", "kervella"), ElementsAre("w1/c1"));
  EXPECT_THAT(Find("T", "menuiserie"), IsEmpty());
}

TEST_F(CatalogueTest, CardsLeftUnindexedByACrashAreIndexedByTheNextWriter) {
  Workshop("w1", "T");
  Card("w1", "c1", "Palettes bois");
  Card("w1", "c2", "Big bags vides");
  Withdraw("w1", "c2");
  store_.reset();  // as after a kill: recorded, never indexed
  ASSERT_EQ(Pending(), 2);
  {
    Writer writer(std::make_unique<EventStore>(path_, Database::Durability::kNormal));
    writer.Stop();
  }
  EXPECT_EQ(Pending(), 0);
  EXPECT_EQ(Indexed("palettes"), 1);
  EXPECT_EQ(Indexed("bags"), 0);
}

TEST_F(CatalogueTest, TheWriterIndexesShortlyAfterTheEventsWithoutASearch) {
  Workshop("w1", "T");
  store_.reset();
  Writer writer(std::make_unique<EventStore>(path_, Database::Durability::kNormal));
  // More cards than one chunk of indexing, one command each.
  const int kCards = 150;
  std::promise<bool> committed;
  for (int i = 1; i <= kCards; ++i) {
    auto e = std::make_shared<v1::Event>();
    e->set_seq(seqs_["w1"] + static_cast<uint64_t>(i));
    v1::Card* c = e->mutable_card_posted()->mutable_card();
    c->set_id("c" + std::to_string(i));
    c->set_company_id("e1");
    c->set_kind(v1::CARD_KIND_NEED);
    c->set_text("Gardiennage mutualisé " + std::to_string(i));
    WriteBatch batch;
    batch.workshop_id = "w1";
    batch.events.push_back({e, std::make_shared<const std::string>(e->SerializeAsString())});
    if (i == kCards) batch.done = [&committed](const Status& s) { committed.set_value(s.ok()); };
    writer.Submit(std::move(batch));
  }
  ASSERT_TRUE(committed.get_future().get());
  // Bounded wait: the writer indexes within a few hundred milliseconds.
  for (int i = 0; i < 250 && Pending() != 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(Pending(), 0);
  EXPECT_EQ(Indexed("gardiennage"), kCards);
}

TEST_F(CatalogueTest, EarlierCardsAreTheOtherWorkshopsLiveCardsNewestFirst) {
  Workshop("w1", "T");
  Workshop("w2", "T");
  Workshop("w3", "Ailleurs");
  Card("w1", "c1", "Palettes bois", false, v1::VISIBILITY_ROOM, 100);
  Card("w1", "c2", "Sciure", false, v1::VISIBILITY_FACILITATORS, 200);
  Card("w1", "c3", "Cartons", false, v1::VISIBILITY_ROOM, 300);
  Card("w1", "c1", "Palettes bois 80x120", /*edit=*/true, v1::VISIBILITY_ANONYMOUS, 100);
  Withdraw("w1", "c3");
  Card("w2", "c1", "Besoin de palettes", false, v1::VISIBILITY_ROOM, 400);
  Card("w3", "c1", "Palettes ailleurs", false, v1::VISIBILITY_ROOM, 500);
  EXPECT_THAT(Earlier("T", "w2"), ElementsAre("w1/c2:Sciure", "w1/c1:Palettes bois 80x120"));
  EXPECT_THAT(Earlier("T", "w1"), ElementsAre("w2/c1:Besoin de palettes"));
  EXPECT_THAT(Earlier("T", "w2", 1), ElementsAre("w1/c2:Sciure"));
  EXPECT_THAT(Earlier("", "w2"), IsEmpty());

  Catalogue catalogue(path_);
  std::vector<EarlierCardRow> rows = catalogue.EarlierCardsNow("T", "w2", 10);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].card.visibility(), v1::VISIBILITY_FACILITATORS);
  EXPECT_EQ(rows[1].card.visibility(), v1::VISIBILITY_ANONYMOUS);  // the edit's
  EXPECT_THAT(rows[1].card.months(), ElementsAre(6));
  EXPECT_EQ(rows[1].workshop_title, "Atelier w1");
  EXPECT_EQ(rows[1].company_name, "Menuiserie w1");
}

TEST_F(CatalogueTest, CardsAreAddedWhenASchema2DatabaseIsMigrated) {
  Workshop("w1", "T");
  Workshop("w2", "T");
  Card("w1", "c1", "Big bags vides");
  store_.reset();
  {
    // As the catalogue was before it kept whole cards (and whole workshop infos, 005).
    Database db(path_, Database::Durability::kNormal);
    ASSERT_TRUE(
        db.Exec("ALTER TABLE workshop_info DROP COLUMN info; "
                "DROP INDEX catalogue_cards_by_time; "
                "ALTER TABLE catalogue_cards DROP COLUMN card; "
                "ALTER TABLE catalogue_cards DROP COLUMN visibility; "
                "DROP TABLE catalogue_pending; "
                "ALTER TABLE tokens RENAME COLUMN token_hash TO token; DROP TABLE match_feedback; "
                "PRAGMA user_version=2")
            .ok());
  }
  store_ = std::make_unique<EventStore>(path_, Database::Durability::kNormal);
  EXPECT_GE(store_->SchemaVersion(), 3);
  EXPECT_THAT(Earlier("T", "w2"), ElementsAre("w1/c1:Big bags vides"));
  EXPECT_THAT(Find("T", "big bag"), ElementsAre("w1/c1"));
}

TEST_F(CatalogueTest, TheWholeWorkshopInfoIsBackfilledWhenASchema4DatabaseIsMigrated) {
  Workshop("w1", "T");
  v1::Event closed;
  closed.mutable_workshop_updated()->mutable_workshop()->set_id("w1");
  closed.mutable_workshop_updated()->mutable_workshop()->set_territory("T");
  closed.mutable_workshop_updated()->mutable_workshop()->set_venue("Salle B");
  closed.mutable_workshop_updated()->mutable_workshop()->set_status(v1::WORKSHOP_STATUS_CLOSED);
  Append("w1", closed);
  store_.reset();
  {
    Database db(path_, Database::Durability::kNormal);
    ASSERT_TRUE(
        db.Exec("ALTER TABLE workshop_info DROP COLUMN info; ALTER TABLE tokens RENAME "
                "COLUMN token_hash TO token; DROP TABLE match_feedback; PRAGMA user_version=4")
            .ok());
  }
  store_ = std::make_unique<EventStore>(path_, Database::Durability::kNormal);
  Statement s = store_->db().Prepare("SELECT info FROM workshop_info WHERE workshop_id='w1'");
  ASSERT_TRUE(s.Step());
  v1::WorkshopInfo info;
  ASSERT_TRUE(info.ParseFromString(std::string(s.ColumnBlob(0))));
  EXPECT_EQ(info.venue(), "Salle B") << "the latest update's, whole";
  EXPECT_EQ(info.status(), v1::WORKSHOP_STATUS_CLOSED);
}

TEST_F(CatalogueTest, TokensStoredBeforeSchema6AreHashedInPlaceAndStillFound) {
  Workshop("w1", "T");
  const std::string raw = "0123456789abcdef0123456789abcdef";
  store_.reset();
  {
    // A schema-5 file: the token column held the bearer token itself.
    Database db(path_, Database::Durability::kNormal);
    ASSERT_TRUE(
        db.Exec("ALTER TABLE tokens RENAME COLUMN token_hash TO token; "
                "INSERT INTO tokens(token, workshop_id, participant_id, role, company_id, "
                "created_at_ms) VALUES('" +
                raw +
                "', 'w1', 'p1', 1, 'e1', 5); DROP TABLE match_feedback; PRAGMA user_version=5")
            .ok());
  }
  store_ = std::make_unique<EventStore>(path_, Database::Durability::kNormal);
  std::optional<TokenRow> found = store_->FindToken(raw);
  ASSERT_TRUE(found.has_value()) << "the device keeps joining after the upgrade";
  EXPECT_EQ(found->participant_id, "p1");
  EXPECT_EQ(found->token_hash, digest::TokenHash(raw));
  Statement all = store_->db().Prepare("SELECT token_hash FROM tokens");
  ASSERT_TRUE(all.Step());
  EXPECT_EQ(all.ColumnText(0), digest::TokenHash(raw)) << "the token itself is gone from the file";
  EXPECT_FALSE(all.Step());
  EXPECT_FALSE(store_->FindToken(digest::TokenHash(raw)).has_value())
      << "the hash is not a token: a copy of the file opens nothing";
}

TEST(CatalogueWords, FoldsAndDropsPlurals) {
  EXPECT_THAT(CatalogueWords("Chênes, Palettes & éléVATEURS"),
              ElementsAre("chene", "palette", "elevateur"));
  EXPECT_EQ(EditDistance("elevatuer", "elevateur"), 2u);
}

}  // namespace
}  // namespace atelier::store
