// match_bench: adding one card to a catalogue of 100,000 indexed cards, against a brute-force
// scan of the same catalogue in the same run. Prints p50/p99 per add, the ratio, and the memory
// the engine uses per indexed card.
#include <benchmark/benchmark.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "server/match/brute_force.hpp"
#include "server/match/engine.hpp"

namespace {

using atelier::match::BruteForce;
using atelier::match::Card;
using atelier::match::CardKind;
using atelier::match::Company;
using atelier::match::Engine;
using atelier::match::Lexicon;

// --cards=N changes the catalogue size (a smaller one runs under valgrind in minutes).
int catalogue_size = 100000;
constexpr int kCompanies = 3000;

const char* const kNoise[] = {"usagé",   "propre",   "dispo",       "à donner", "env",    "qté",
                              "urgent",  "régulier", "en bon état", "sur site", "vrac",   "lot",
                              "gratuit", "ponctuel", "cherche",     "besoin",   "rapide", "zone",
                              "atelier", "secteur",  "possible",    "semaine",  "stock",  "neuf"};

// Cards as people type them: a lexicon term, some filler, sometimes a typo, a quantity or months.
class CardGenerator {
 public:
  explicit CardGenerator(unsigned seed) : rng_(seed) {}

  Card Next(const std::string& id) {
    const Lexicon& lx = Lexicon::Default();
    Card c;
    c.id = id;
    c.company_id = "co" + std::to_string(Pick(kCompanies));
    c.kind = Pick(2) ? CardKind::kOffer : CardKind::kNeed;
    std::string text;
    if (Pick(10) != 0) {
      const auto& terms = lx.TermsOf(static_cast<int>(Pick(lx.size())));
      std::string term = terms[Pick(terms.size())];
      if (Pick(8) == 0 && term.size() > 6) std::swap(term[3], term[4]);  // a slip of the finger
      text = term;
    }
    for (std::size_t k = Pick(4); k > 0; --k) {
      text += std::string(text.empty() ? "" : " ") + kNoise[Pick(std::size(kNoise))];
    }
    if (text.empty()) text = "divers";
    c.text = text;
    if (Pick(3) == 0) {
      c.quantity = 1.0 + static_cast<double>(Pick(500));
      c.unit = Pick(2) ? "kg" : "t";
      c.frequency = Pick(2) ? "mois" : "an";
    }
    if (Pick(4) == 0) c.months = {static_cast<int>(1 + Pick(12)), static_cast<int>(1 + Pick(12))};
    return c;
  }

  Company NextCompany(int i) {
    Company co;
    co.id = "co" + std::to_string(i);
    co.name = "Entreprise " + std::to_string(i);
    co.lat = 48.0 + static_cast<double>(Pick(3000)) / 10000.0;
    co.lon = -1.8 + static_cast<double>(Pick(3000)) / 10000.0;
    co.ess = Pick(20) == 0;
    return co;
  }

 private:
  std::size_t Pick(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }
  std::mt19937 rng_;
};

// CPU time of this thread: what one add costs on one core, whatever else the machine runs.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

long RssBytes() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

struct Catalogue {
  std::unique_ptr<Engine> engine;
  std::unique_ptr<BruteForce> brute;
  std::vector<Card> probes;
  double bytes_per_card = 0;
  double build_seconds = 0;
  double engine_p50 = 0, engine_p99 = 0, brute_p50 = 0, brute_p99 = 0;
  std::size_t fingerprint = 0;  // of every match the timed adds returned: equal runs, equal results
  double engine_cpu_p50 = 0, engine_cpu_p99 = 0, engine_cpu_max = 0;
};

Catalogue& Shared() {
  static Catalogue* c = [] {
    auto* cat = new Catalogue;
    CardGenerator gen(20261128);
    std::vector<Company> companies;
    for (int i = 0; i < kCompanies; ++i) companies.push_back(gen.NextCompany(i));
    std::vector<Card> cards;
    for (int i = 0; i < catalogue_size; ++i) cards.push_back(gen.Next("c" + std::to_string(i)));
    for (int i = 0; i < 20000; ++i) cat->probes.push_back(gen.Next("p" + std::to_string(i)));
    Lexicon::Default();  // parsed before measuring memory

    const long before = RssBytes();
    const auto t0 = std::chrono::steady_clock::now();
    cat->engine = std::make_unique<Engine>();
    for (const auto& co : companies) cat->engine->UpsertCompany(co);
    for (const auto& card : cards) cat->engine->Add(card);
    cat->build_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    cat->bytes_per_card = static_cast<double>(RssBytes() - before) / catalogue_size;

    cat->brute = std::make_unique<BruteForce>();
    for (const auto& co : companies) cat->brute->UpsertCompany(co);
    for (const auto& card : cards) cat->brute->Store(card);
    return cat;
  }();
  return *c;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// Adds a card to the 100k catalogue and takes it out again (untimed), so every add meets the
// same catalogue.
void BM_EngineAddAt100k(benchmark::State& state) {
  Catalogue& cat = Shared();
  std::vector<double> micros, cpu_micros;
  std::size_t next = 0, matches = 0;
  for (auto _ : state) {
    const Card& card = cat.probes[next++ % cat.probes.size()];
    const double c0 = ThreadCpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    auto delta = cat.engine->Add(card);
    const auto t1 = std::chrono::steady_clock::now();
    const double c1 = ThreadCpuSeconds();
    matches += delta.upserted.size();
    for (const auto& m : delta.upserted) {
      cat.fingerprint = cat.fingerprint * 1000003u + std::hash<std::string>{}(m.key) +
                        static_cast<std::size_t>(m.score * 1000);
    }
    benchmark::DoNotOptimize(delta);
    const double s = std::chrono::duration<double>(t1 - t0).count();
    state.SetIterationTime(s);
    micros.push_back(s * 1e6);
    cpu_micros.push_back((c1 - c0) * 1e6);
    cat.engine->Remove(card.id);
  }
  cat.engine_p50 = Percentile(micros, 0.50);
  cat.engine_p99 = Percentile(micros, 0.99);
  cat.engine_cpu_p50 = Percentile(cpu_micros, 0.50);
  cat.engine_cpu_p99 = Percentile(cpu_micros, 0.99);
  cat.engine_cpu_max = Percentile(cpu_micros, 1.0);
  state.counters["p50_us"] = cat.engine_p50;
  state.counters["p99_us"] = cat.engine_p99;
  state.counters["cpu_p99_us"] = cat.engine_cpu_p99;
  state.counters["matches_per_add"] = static_cast<double>(matches) / micros.size();
  state.counters["bytes_per_card"] = cat.bytes_per_card;
  state.counters["build_s"] = cat.build_seconds;
}
BENCHMARK(BM_EngineAddAt100k)->UseManualTime()->Iterations(2000)->Unit(benchmark::kMicrosecond);

// The same new cards scored against every card of the same catalogue.
void BM_BruteForceAddAt100k(benchmark::State& state) {
  Catalogue& cat = Shared();
  std::vector<double> micros;
  std::size_t next = 0;
  for (auto _ : state) {
    const Card& card = cat.probes[next++ % cat.probes.size()];
    const auto t0 = std::chrono::steady_clock::now();
    auto found = cat.brute->Scan(card);
    const auto t1 = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(found);
    const double s = std::chrono::duration<double>(t1 - t0).count();
    state.SetIterationTime(s);
    micros.push_back(s * 1e6);
  }
  cat.brute_p50 = Percentile(micros, 0.50);
  cat.brute_p99 = Percentile(micros, 0.99);
  state.counters["p50_us"] = cat.brute_p50;
  state.counters["p99_us"] = cat.brute_p99;
}
BENCHMARK(BM_BruteForceAddAt100k)->UseManualTime()->Iterations(30)->Unit(benchmark::kMicrosecond);

// A workshop of a territory loads its earlier workshops' cards (20,000 at
// most): as references (indexed only) against a search per card (Add).
void BM_EarlierCards20k(benchmark::State& state) {
  const bool references = state.range(0) == 1;
  CardGenerator gen(20261201);
  std::vector<Company> companies;
  for (int i = 0; i < kCompanies; ++i) companies.push_back(gen.NextCompany(i));
  std::vector<Card> cards;
  for (int i = 0; i < 20000; ++i) cards.push_back(gen.Next("e" + std::to_string(i)));
  for (auto _ : state) {
    Engine engine;
    for (const auto& co : companies) engine.UpsertCompany(co);
    if (references) {
      engine.AddReferences(cards);
    } else {
      for (const auto& card : cards) engine.Add(card);
    }
    benchmark::DoNotOptimize(engine.card_count());
  }
}
BENCHMARK(BM_EarlierCards20k)
    ->Arg(0)
    ->Arg(1)
    ->ArgName("references")
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  // Our own flag first: benchmark::Initialize rejects what it does not know.
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--cards=", 0) == 0) {
      catalogue_size = std::max(1, std::stoi(a.substr(8)));
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  const Catalogue& cat = Shared();
  double load[3] = {0, 0, 0};
  getloadavg(load, 3);
  std::printf("\ncatalogue: %d cards, built in %.1f s, %.0f bytes per indexed card (RSS delta)\n",
              catalogue_size, cat.build_seconds, cat.bytes_per_card);
  if (cat.engine_p50 > 0) {
    std::printf("add one card, thread CPU time: p50 %.1f us, p99 %.1f us, max %.1f us\n",
                cat.engine_cpu_p50, cat.engine_cpu_p99, cat.engine_cpu_max);
    std::printf("add one card, wall time: p50 %.1f us, p99 %.1f us; results fingerprint %zx\n",
                cat.engine_p50, cat.engine_p99, cat.fingerprint);
  }
  if (cat.engine_p50 > 0 && cat.brute_p50 > 0) {
    std::printf(
        "add one card, wall time: index p50 %.1f us, p99 %.1f us | brute force p50 %.1f us,"
        " p99 %.1f us | brute force / index: p50 %.0fx, p99 %.0fx\n",
        cat.engine_p50, cat.engine_p99, cat.brute_p50, cat.brute_p99,
        cat.brute_p50 / cat.engine_p50, cat.brute_p99 / cat.engine_p99);
  }
  std::printf("load average at the end: %.2f %.2f %.2f\n", load[0], load[1], load[2]);
  return 0;
}
