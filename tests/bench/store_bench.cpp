// Durable appends per second: one SQLite transaction (one fsync) per event,
// against the writer's group commit, on a real file. Both run in the same
// process so their ratio is what to quote.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <future>
#include <memory>
#include <vector>

#include "server/store/writer.hpp"

namespace atelier::store {
namespace {

std::string FreshDb(const char* name) {
  auto dir = std::filesystem::temp_directory_path() / "atelier-bench";
  std::filesystem::create_directories(dir);
  std::string path = (dir / name).string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return path;
}

StoredEvent MakeEvent(uint64_t seq) {
  auto e = std::make_shared<v1::Event>();
  e->set_seq(seq);
  e->set_at_ms(1'700'000'000'000 + static_cast<int64_t>(seq));
  v1::Card* c = e->mutable_card_posted()->mutable_card();
  c->set_id("c" + std::to_string(seq));
  c->set_company_id("logistique-armor");
  c->set_kind(v1::CARD_KIND_OFFER);
  c->set_category("dechet");
  c->set_text("Palettes bois cassées, environ 200 par mois, à enlever sur place");
  return {e, std::make_shared<const std::string>(e->SerializeAsString())};
}

WorkshopRow Workshop() { return {"w1", "BENCH1", "Bench", "e1", 0}; }

// Creates workshop w1 through the writer and waits until it is durable.
void CreateWorkshop(Writer& writer) {
  std::promise<void> created;
  WriteBatch b;
  b.workshop_id = "w1";
  b.new_workshop = Workshop();
  b.done = [&](const Status&) { created.set_value(); };
  writer.Submit(std::move(b));
  created.get_future().wait();
}

void BM_OneTransactionPerEvent(benchmark::State& state) {
  bool full = state.range(0) == 1;
  EventStore store(FreshDb("per-event.db"),
                   full ? Database::Durability::kFull : Database::Durability::kNormal);
  store.Begin();
  store.InsertWorkshop(Workshop());
  store.Commit();
  uint64_t seq = 0;
  for (auto _ : state) {
    StoredEvent e = MakeEvent(++seq);
    store.Begin();
    store.AppendEvent("w1", *e.event, *e.payload);
    if (!store.Commit().ok()) state.SkipWithError("commit failed");
  }
  state.SetItemsProcessed(static_cast<int64_t>(seq));
}

// Many connections' commands arrive at once: each is a batch of one event,
// submitted without waiting; the writer groups whatever waits.
void BM_GroupCommit(benchmark::State& state) {
  bool full = state.range(0) == 1;
  const int kBurst = 64;
  Writer writer(std::make_unique<EventStore>(
      FreshDb("group.db"), full ? Database::Durability::kFull : Database::Durability::kNormal));
  CreateWorkshop(writer);
  uint64_t seq = 0;
  for (auto _ : state) {
    std::promise<void> last;
    for (int i = 0; i < kBurst; ++i) {
      WriteBatch b;
      b.workshop_id = "w1";
      b.events.push_back(MakeEvent(++seq));
      if (i == kBurst - 1) b.done = [&](const Status&) { last.set_value(); };
      writer.Submit(std::move(b));
    }
    last.get_future().wait();
  }
  state.SetItemsProcessed(static_cast<int64_t>(seq));
  WriterStats s = writer.stats();
  state.counters["events_per_tx"] =
      static_cast<double>(s.events) / static_cast<double>(std::max<uint64_t>(1, s.transactions));
}

// A command's wait for durability, one at a time as at a quiet moment: with
// SQLite's automatic checkpoint, the commit that crosses the WAL threshold
// copies the WAL into the database and syncs it, and that command waits; the
// writer's background checkpoints leave every commit short. p99 and max show it.
void BM_CommitLatency(benchmark::State& state) {
  WriterOptions options;
  options.background_checkpoints = state.range(0) == 1;
  Writer writer(std::make_unique<EventStore>(FreshDb("latency.db"), Database::Durability::kNormal),
                options);
  CreateWorkshop(writer);
  uint64_t seq = 0;
  std::vector<double> us;
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    std::promise<void> done;
    WriteBatch b;
    b.workshop_id = "w1";
    b.events.push_back(MakeEvent(++seq));
    b.done = [&](const Status&) { done.set_value(); };
    writer.Submit(std::move(b));
    done.get_future().wait();
    us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
                     .count());
  }
  std::sort(us.begin(), us.end());
  auto pct = [&](double p) {
    return us[static_cast<size_t>(p * static_cast<double>(us.size() - 1))];
  };
  state.counters["p50_us"] = pct(0.5);
  state.counters["p99_us"] = pct(0.99);
  state.counters["p999_us"] = pct(0.999);
  state.counters["max_us"] = us.back();
  state.counters["checkpoints"] = static_cast<double>(writer.stats().checkpoints);
  state.SetItemsProcessed(static_cast<int64_t>(seq));
}

BENCHMARK(BM_OneTransactionPerEvent)->Arg(0)->Arg(1)->ArgName("full")->MinTime(1.0)->UseRealTime();
BENCHMARK(BM_GroupCommit)->Arg(0)->Arg(1)->ArgName("full")->MinTime(1.0)->UseRealTime();
BENCHMARK(BM_CommitLatency)
    ->Arg(0)
    ->Arg(1)
    ->ArgName("background_checkpoints")
    ->Iterations(20000)
    ->UseRealTime();

}  // namespace
}  // namespace atelier::store

BENCHMARK_MAIN();
