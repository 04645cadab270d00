// Load generator: many WebSocket connections spread over many workshops, a
// steady rate of posts, and the post-to-delivery latency every recipient sees.
// Builds its own database (W workshops of C companies), starts a real
// atelier-server on 127.0.0.1, and prints figures; asserts only that every post
// reached every connection of its workshop.
//
//   load_generator [--connections 10000] [--workshops 200] [--rate 1000] [--seconds 10]
//                  [--server-threads 2]
//
// Latency is measured with one clock: the poster writes its send time into the
// card text, and the recipient (same process) subtracts it from its receive time.

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <deque>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "server/app/hub.hpp"
#include "server/app/matchers.hpp"
#include "server/app/server.hpp"
#include "server/common/log.hpp"
#include "tests/support/server_process.hpp"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using namespace atelier;

namespace {

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

struct Options {
  int connections = 10000;
  int workshops = 200;
  int companies = 10;
  double rate = 1000;  // posts per second, all workshops together
  double seconds = 10;
  int server_threads = 2;
};

// Shared counters are atomics; each client keeps its own latencies (no lock on
// the receive path, so that the generator costs the machine as little as it can).
struct Stats {
  std::atomic<uint64_t> deliveries{0};
  std::atomic<uint64_t> acks{0};
  std::atomic<uint64_t> errors{0};
  std::atomic<int> joined{0};
  std::atomic<int> failed{0};
};

// Creates the workshops offline, with the server's own code, before it starts.
std::vector<std::string> BuildDatabase(const std::string& db, const Options& o) {
  asio::io_context ioc;
  store::EventStore reader(db, store::Database::Durability::kNormal);
  store::Writer writer(
      std::make_unique<store::EventStore>(db, store::Database::Durability::kNormal));
  app::Hub hub(ioc, writer, app::SystemNowMs, app::DefaultMatcherFactory());
  auto work = asio::make_work_guard(ioc);
  std::thread t([&] { ioc.run(); });
  std::vector<std::string> codes;
  for (int w = 0; w < o.workshops; ++w) {
    v1::WorkshopInfo info;
    info.set_title("Charge " + std::to_string(w));
    info.set_tables(2);
    app::CreatedWorkshop created = hub.CreateWorkshop(info);
    v1::ClientMessage import;
    for (int c = 0; c < o.companies; ++c) {
      v1::Company* company = import.mutable_import_companies()->add_companies();
      company->set_id("e" + std::to_string(c));
      company->set_name("Entreprise " + std::to_string(c));
      company->set_table(1 + c % 2);
    }
    std::promise<void> done;
    workshop::Viewer facilitator;
    facilitator.role = v1::ROLE_FACILITATOR;
    hub.ById(created.id)
        ->Execute([&](workshop::Workshop& ws,
                      int64_t now) { return ws.Handle(facilitator, import, now); },
                  [&](const workshop::Outcome&) { done.set_value(); });
    done.get_future().wait();
    codes.push_back(created.code);
  }
  work.reset();
  ioc.stop();
  t.join();
  writer.Stop();
  return codes;
}

// One client connection: connect, join, then read forever; posters also send.
class Client : public std::enable_shared_from_this<Client> {
 public:
  Client(asio::io_context& ioc, Stats& stats, std::string code, std::string company)
      : ws_(asio::make_strand(ioc)),
        stats_(stats),
        code_(std::move(code)),
        company_(std::move(company)) {}

  void Start(const asio::ip::tcp::endpoint& ep, std::function<void(bool)> joined) {
    joined_ = std::move(joined);
    beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(30));
    beast::get_lowest_layer(ws_).async_connect(ep, [self =
                                                        shared_from_this()](beast::error_code ec) {
      if (ec) return self->Done(false);
      beast::get_lowest_layer(self->ws_).expires_never();
      self->ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
      self->ws_.binary(true);
      self->ws_.async_handshake("127.0.0.1", "/ws", [self](beast::error_code ec2) {
        if (ec2) return self->Done(false);
        v1::ClientMessage join;
        join.set_command_id("j");
        join.mutable_join()->set_code(self->code_);
        join.mutable_join()->set_company_id(self->company_);
        self->Write(join.SerializeAsString());
        self->Read();
      });
    });
  }

  // REQUIRES: the client's io threads have stopped.
  const std::vector<int64_t>& latencies_ns() const { return latencies_ns_; }
  const std::vector<int64_t>& ack_latencies_ns() const { return ack_latencies_ns_; }

  void Post() {
    asio::post(ws_.get_executor(), [self = shared_from_this()] {
      v1::ClientMessage m;
      m.set_command_id(std::to_string(++self->next_id_));
      self->posted_at_ns_[m.command_id()] = NowNs();
      v1::CardDraft* d = m.mutable_post_card()->mutable_card();
      d->set_kind(v1::CARD_KIND_OFFER);
      d->set_category("dechet");
      d->set_text("charge t=" + std::to_string(NowNs()));
      self->Write(m.SerializeAsString());
    });
  }

 private:
  void Done(bool ok) {
    if (joined_) {
      auto j = std::move(joined_);
      joined_ = nullptr;
      j(ok);
    }
  }
  void Write(std::string bytes) {
    out_.push_back(std::move(bytes));
    if (out_.size() == 1) DoWrite();
  }
  void DoWrite() {
    ws_.async_write(asio::buffer(out_.front()),
                    [self = shared_from_this()](beast::error_code ec, size_t) {
                      if (ec) return;
                      self->out_.pop_front();
                      if (!self->out_.empty()) self->DoWrite();
                    });
  }
  void Read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->Done(false);
      int64_t now = NowNs();
      v1::ServerMessage msg;
      auto data = self->buffer_.cdata();
      msg.ParseFromArray(data.data(), static_cast<int>(data.size()));
      self->buffer_.consume(self->buffer_.size());
      if (msg.has_welcome()) self->Done(true);
      if (msg.has_error() && msg.error().command_id() == "j") self->Done(false);
      uint64_t delivered = 0;
      for (const auto& e : msg.events().events()) {
        if (!e.has_card_posted()) continue;
        const std::string& text = e.card_posted().card().text();
        auto at = text.find("t=");
        if (at == std::string::npos) continue;
        self->latencies_ns_.push_back(now - std::stoll(text.substr(at + 2)));
        ++delivered;
      }
      if (delivered) self->stats_.deliveries += delivered;
      if (msg.has_ack()) {
        self->stats_.acks++;
        auto at = self->posted_at_ns_.find(msg.ack().command_id());
        if (at != self->posted_at_ns_.end()) {
          self->ack_latencies_ns_.push_back(now - at->second);
          self->posted_at_ns_.erase(at);
        }
      }
      if (msg.has_error()) self->stats_.errors++;
      self->Read();
    });
  }

  websocket::stream<beast::tcp_stream> ws_;
  Stats& stats_;
  std::string code_;
  std::string company_;
  beast::flat_buffer buffer_;
  std::deque<std::string> out_;
  std::function<void(bool)> joined_;
  uint64_t next_id_ = 0;
  std::vector<int64_t> latencies_ns_;
  std::vector<int64_t> ack_latencies_ns_;                  // post to its ack (durable)
  std::unordered_map<std::string, int64_t> posted_at_ns_;  // command id -> send time
};

double CpuSeconds(const std::string& pid) {
  std::ifstream stat("/proc/" + pid + "/stat");
  std::string s((std::istreambuf_iterator<char>(stat)), {});
  auto close = s.rfind(')');
  std::istringstream rest(s.substr(close + 2));
  std::string field;
  long utime = 0;
  long stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::stol(field);
    if (i == 15) stime = std::stol(field);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::string LoadAverage() {
  std::ifstream f("/proc/loadavg");
  std::string one, five;
  f >> one >> five;
  return one + " (1 min), " + five + " (5 min)";
}

}  // namespace

int main(int argc, char** argv) {
  // Building the database runs workshops in this process: keep their log lines out of the figures.
  atelier::log::SetLevel(atelier::log::Level::kWarn);
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string f = argv[i];
    double v = std::stod(argv[i + 1]);
    if (f == "--connections")
      o.connections = static_cast<int>(v);
    else if (f == "--workshops")
      o.workshops = static_cast<int>(v);
    else if (f == "--rate")
      o.rate = v;
    else if (f == "--seconds")
      o.seconds = v;
    else if (f == "--companies")
      o.companies = static_cast<int>(v);
    else if (f == "--server-threads")
      o.server_threads = static_cast<int>(v);
  }
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);

  std::string dir = testing::MakeTempDir("atelier-load");
  std::string db = dir + "/load.db";
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::string> codes = BuildDatabase(db, o);
  std::cout << "workshops created: " << codes.size() << " in "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()
            << " s\n";

  testing::ServerProcess server(
      db,
      {"--rate", "1000", "--company-rate", "100000", "--max-cards-per-company", "1000000",
       "--max-cards", "10000000", "--queue-limit", "4096", "--threads",
       std::to_string(o.server_threads)},
      /*demo=*/false);
  asio::io_context ioc;
  auto work = asio::make_work_guard(ioc);
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) threads.emplace_back([&] { ioc.run(); });

  Stats stats;
  asio::ip::tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), server.port());
  std::vector<std::shared_ptr<Client>> clients;
  std::vector<std::vector<std::shared_ptr<Client>>> by_workshop(codes.size());
  std::promise<void> all_joined;
  std::atomic<int> pending{o.connections};
  t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < o.connections; ++i) {
    size_t w = static_cast<size_t>(i) % codes.size();
    auto c = std::make_shared<Client>(ioc, stats, codes[w], "e" + std::to_string(i % o.companies));
    clients.push_back(c);
    by_workshop[w].push_back(c);
    c->Start(ep, [&](bool ok) {
      (ok ? stats.joined : stats.failed)++;
      if (--pending == 0) all_joined.set_value();
    });
    if (i % 200 == 199) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (all_joined.get_future().wait_for(std::chrono::seconds(120)) != std::future_status::ready) {
    std::cerr << "not every connection joined in time\n";
  }
  double join_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "connections joined: " << stats.joined << " (failed " << stats.failed << ") in "
            << join_s << " s\n";

  // Posts at a steady rate, round-robin over workshops (one poster each).
  std::string server_pid = std::to_string(server.pid());
  double cpu_before = CpuSeconds(server_pid);
  double own_cpu_before = CpuSeconds("self");
  auto start = std::chrono::steady_clock::now();
  auto interval = std::chrono::duration<double>(1.0 / o.rate);
  uint64_t posts = 0;
  uint64_t expected = 0;
  while (std::chrono::steady_clock::now() - start < std::chrono::duration<double>(o.seconds)) {
    size_t w = posts % codes.size();
    by_workshop[w][0]->Post();
    expected += by_workshop[w].size();
    ++posts;
    std::this_thread::sleep_until(start +
                                  std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                      interval * static_cast<double>(posts)));
  }
  double sent_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto drain = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < drain) {
    if (stats.deliveries >= expected && stats.acks >= posts) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  double cpu = CpuSeconds(server_pid) - cpu_before;
  double own_cpu = CpuSeconds("self") - own_cpu_before;
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  work.reset();
  ioc.stop();
  for (auto& t : threads) t.join();

  std::vector<int64_t> l;
  std::vector<int64_t> acked;
  l.reserve(stats.deliveries);
  for (const auto& c : clients) {
    l.insert(l.end(), c->latencies_ns().begin(), c->latencies_ns().end());
    acked.insert(acked.end(), c->ack_latencies_ns().begin(), c->ack_latencies_ns().end());
  }
  std::sort(l.begin(), l.end());
  std::sort(acked.begin(), acked.end());
  auto pct_of = [](const std::vector<int64_t>& v, double p) {
    return v.empty() ? 0.0
                     : static_cast<double>(
                           v[static_cast<size_t>(p * static_cast<double>(v.size() - 1))]) /
                           1e6;
  };
  auto pct = [&](double p) { return pct_of(l, p); };
  std::cout << "posts: " << posts << " in " << sent_s << " s ("
            << static_cast<double>(posts) / sent_s << "/s), acks " << stats.acks << ", errors "
            << stats.errors << "\n"
            << "deliveries: " << stats.deliveries << " of " << expected << " expected ("
            << static_cast<double>(stats.deliveries) / wall << "/s)\n"
            << "post-to-delivery latency ms: p50 " << pct(0.50) << "  p90 " << pct(0.90) << "  p99 "
            << pct(0.99) << "  max " << pct(1.0) << "\n"
            << "post-to-ack latency ms (durable): p50 " << pct_of(acked, 0.5) << "  p99 "
            << pct_of(acked, 0.99) << "\n"
            << "server CPU: " << cpu << " s over " << wall << " s (" << 100.0 * cpu / wall
            << " % of one core), "
            << 1e6 * cpu / static_cast<double>(std::max<uint64_t>(stats.deliveries, 1))
            << " us per delivery\n"
            << "generator CPU: " << own_cpu << " s (" << 100.0 * own_cpu / wall
            << " % of one core), "
            << 1e6 * own_cpu / static_cast<double>(std::max<uint64_t>(stats.deliveries, 1))
            << " us per delivery\n"
            << "load average: " << LoadAverage() << "\n";
  bool ok = stats.failed == 0 && stats.deliveries == expected && stats.acks == posts;
  std::cout << (ok ? "every post reached every connection of its workshop\n"
                   : "DELIVERY INCOMPLETE\n");
  server.Terminate();
  std::filesystem::remove_all(dir);
  return ok ? 0 : 1;
}
