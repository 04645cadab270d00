// Start-up with a long history: N closed workshops of C cards each, written
// straight through the store (fast), then a real atelier-server started on the
// file, three ways: the way it runs (closed workshops dormant, folded when
// used), with every workshop folded (--fold-all-workshops, as before), and on
// one open workshop of C cards for reference. Prints the time until the
// server listens and its peak resident memory (VmHWM). Figures are printed,
// never asserted (docs/performance.md).
//
//   startup_bench [--workshops N] [--cards C] [--repeat R] [--keep DIR]
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "server/store/event_store.hpp"

namespace {

using atelier::store::Database;
using atelier::store::EventStore;
namespace v1 = atelier::v1;
using Clock = std::chrono::steady_clock;

const char* const kThings[] = {"Palettes bois",    "Big bags vides",
                               "Cartons",          "Sciure de hêtre",
                               "Copeaux",          "Huile usagée",
                               "Chutes d'acier",   "Film plastique",
                               "Fûts métalliques", "Cuves 1000 L",
                               "Déchets verts",    "Gravats inertes",
                               "Verre plat",       "Textiles",
                               "Câbles cuivre",    "Solvants",
                               "Boues de station", "Chaleur fatale",
                               "Eau de process",   "Chariot élévateur",
                               "Entrepôt 200 m²",  "Camion frigorifique",
                               "Formation CACES",  "Compresseur",
                               "Bureaux"};
const char* const kHow[] = {"",       " propres",  " 120x80",      " par semaine", " en lot",
                            " triés", " à donner", " disponibles", " recherchés"};
const char* const kCategories[] = {"matiere",    "dechet", "energie",    "eau",
                                   "equipement", "espace", "logistique", "service"};

struct Figures {
  double seconds = 0;
  long peak_kib = 0;
};

void Check(const atelier::store::Status& s, const char* what) {
  if (!s.ok()) throw std::runtime_error(std::string(what) + ": " + s.message());
}

// Writes `workshops` workshops of `cards` cards each, closed unless `open`.
void Generate(const std::string& path, int workshops, int cards, bool open) {
  EventStore store(path, Database::Durability::kNormal);
  const int64_t t0 = 1'760'000'000'000;
  constexpr int kCompanies = 30;
  Check(store.Begin(), "begin");
  for (int w = 0; w < workshops; ++w) {
    char id[16], code[16];
    std::snprintf(id, sizeof id, "wb%05d", w);
    const char* alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string c = "B";
    for (int n = w, i = 0; i < 5; ++i, n /= 32) c += alphabet[n % 32];
    std::snprintf(code, sizeof code, "%s", c.c_str());
    const int64_t at = t0 + int64_t{w} * 86'400'000;
    Check(store.InsertWorkshop({id, code, std::string("Atelier ") + id, "e0", at, std::nullopt}),
          "workshop");
    uint64_t seq = 0;
    auto append = [&](v1::Event& e) {
      e.set_seq(++seq);
      e.set_at_ms(at + static_cast<int64_t>(seq) * 1000);
      e.set_actor("system");
      Check(store.AppendEvent(id, e, e.SerializeAsString()), "event");
    };
    v1::WorkshopInfo info;
    info.set_id(id);
    info.set_title(std::string("Atelier ") + id);
    info.set_date("2025-10-09");
    info.set_territory("Banc d'essai");
    info.set_tables(6);
    info.set_status(v1::WORKSHOP_STATUS_RUNNING);
    {
      v1::Event e;
      *e.mutable_workshop_created()->mutable_workshop() = info;
      append(e);
    }
    {
      v1::Event e;
      v1::Participant* p = e.mutable_participant_joined()->mutable_participant();
      p->set_id("p1");
      p->set_name("Animateur");
      p->set_role(v1::ROLE_FACILITATOR);
      append(e);
      Check(store.InsertToken({std::string("tok-") + id, id, "p1", v1::ROLE_FACILITATOR, "", at}),
            "token");
    }
    for (int k = 0; k < kCompanies; ++k) {
      v1::Event e;
      v1::Company* co = e.mutable_company_upserted()->mutable_company();
      co->set_id("e" + std::to_string(k));
      co->set_name("Entreprise " + std::to_string(k));
      co->set_zone(k % 2 ? "ZA Nord" : "ZI Sud");
      co->set_table(1 + k % 6);
      append(e);
    }
    for (int k = 0; k < cards; ++k) {
      v1::Event e;
      v1::Card* card = e.mutable_card_posted()->mutable_card();
      card->set_id("c" + std::to_string(seq + 1));
      card->set_company_id("e" + std::to_string((k * 7 + w) % kCompanies));
      card->set_kind(k % 2 ? v1::CARD_KIND_NEED : v1::CARD_KIND_OFFER);
      card->set_category(kCategories[(k / 2 + w) % std::size(kCategories)]);
      card->set_text(std::string(kThings[(k * 11 + w * 3) % std::size(kThings)]) +
                     kHow[(k + w) % std::size(kHow)]);
      card->set_visibility(v1::VISIBILITY_ROOM);
      card->set_author("p1");
      card->set_posted_seq(seq + 1);
      card->set_posted_at_ms(at + static_cast<int64_t>(seq + 1) * 1000);
      append(e);
    }
    if (!open) {
      info.set_status(v1::WORKSHOP_STATUS_CLOSED);
      v1::Event e;
      *e.mutable_workshop_updated()->mutable_workshop() = info;
      append(e);
    }
    if (w % 50 == 49) {
      Check(store.Commit(), "commit");
      Check(store.Begin(), "begin");
    }
  }
  Check(store.IndexCatalogue(), "catalogue");
  Check(store.Commit(), "commit");
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

long StatusKib(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

// Starts the server on `db`, waits until it listens, reads its peak memory, stops it.
Figures StartServer(const std::string& db, const std::string& dir, bool fold_all) {
  const std::string port_file = dir + "/port";
  std::filesystem::remove(port_file);
  std::vector<std::string> args = {ATELIER_SERVER_BIN,
                                   "--bind",
                                   "127.0.0.1",
                                   "--port",
                                   "0",
                                   "--db",
                                   db,
                                   "--port-file",
                                   port_file,
                                   "--web-root",
                                   ATELIER_WEB_ROOT,
                                   "--threads",
                                   "2",
                                   "--log-level",
                                   "warn"};
  if (fold_all) args.push_back("--fold-all-workshops");
  const auto start = Clock::now();
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork");
  if (pid == 0) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  Figures f;
  for (;;) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) throw std::runtime_error("server exited");
    if (!ReadFile(port_file).empty()) break;
    if (Clock::now() - start > std::chrono::minutes(10)) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
      throw std::runtime_error("server did not listen within 10 minutes");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  f.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  // Let the start-up's own work (earlier cards, catalogue) settle before reading the peak.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  f.peak_kib = StatusKib(pid, "VmHWM");
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
  return f;
}

std::string Mib(long kib) {
  char buf[32];
  if (kib >= 1024 * 1024)
    std::snprintf(buf, sizeof buf, "%.2f GiB", kib / 1024.0 / 1024.0);
  else
    std::snprintf(buf, sizeof buf, "%.0f MiB", kib / 1024.0);
  return buf;
}

Figures Median(std::vector<Figures> runs) {
  auto mid = [&](auto key) {
    std::sort(runs.begin(), runs.end(), [&](auto& a, auto& b) { return key(a) < key(b); });
    return runs[runs.size() / 2];
  };
  Figures m;
  m.seconds = mid([](const Figures& f) { return f.seconds; }).seconds;
  m.peak_kib = mid([](const Figures& f) { return f.peak_kib; }).peak_kib;
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  int workshops = 1000, cards = 300, repeat = 1;
  std::string keep;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      return argv[++i];
    };
    if (a == "--workshops") {
      workshops = std::stoi(next());
    } else if (a == "--cards") {
      cards = std::stoi(next());
    } else if (a == "--repeat") {
      repeat = std::max(1, std::stoi(next()));
    } else if (a == "--keep") {
      keep = next();
    } else {
      std::cerr << "startup_bench [--workshops N] [--cards C] [--repeat R] [--keep DIR]\n";
      return 2;
    }
  }
  std::string dir = keep;
  if (dir.empty()) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "atelier-startup-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) return 1;
    dir = tmpl;
  } else {
    std::filesystem::create_directories(dir);
  }
  const std::string many = dir + "/many.db", one = dir + "/one.db";
  try {
    auto t = Clock::now();
    if (!std::filesystem::exists(many)) Generate(many, workshops, cards, /*open=*/false);
    if (!std::filesystem::exists(one)) Generate(one, 1, cards, /*open=*/true);
    std::printf("generated %d closed workshops x %d cards (+1 open for reference) in %.1f s, %s\n",
                workshops, cards, std::chrono::duration<double>(Clock::now() - t).count(),
                Mib(static_cast<long>(std::filesystem::file_size(many) / 1024)).c_str());
    // Interleaved: each repetition runs the three in turn.
    std::vector<Figures> lazy, all, ref;
    for (int r = 0; r < repeat; ++r) {
      lazy.push_back(StartServer(many, dir, false));
      all.push_back(StartServer(many, dir, true));
      ref.push_back(StartServer(one, dir, false));
    }
    auto row = [](const char* what, const Figures& f) {
      std::printf("  %-44s %8.2f s  %10s\n", what, f.seconds, Mib(f.peak_kib).c_str());
    };
    std::printf("start-up until listening, peak RSS (median of %d):\n", repeat);
    std::string label = std::to_string(workshops) + " closed, on demand";
    row(label.c_str(), Median(lazy));
    label = std::to_string(workshops) + " closed, all folded (--fold-all-workshops)";
    row(label.c_str(), Median(all));
    row("1 open workshop (reference)", Median(ref));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "startup_bench: %s\n", e.what());
    if (keep.empty()) std::filesystem::remove_all(dir);
    return 1;
  }
  if (keep.empty()) std::filesystem::remove_all(dir);
  return 0;
}
