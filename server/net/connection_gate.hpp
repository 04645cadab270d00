#pragma once
// ConnectionGate: bounds open TCP connections in total and per remote address,
// so that one client (or one address) cannot take every file descriptor or the
// memory of half-sent requests. Thread-safe. A connection holds a Ticket for as
// long as it is open, from accept to the end of its HTTP or WebSocket session.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace atelier::net {

struct GateLimits {
  size_t max_connections = 0;    // in total; 0: what the file descriptor limit allows
  size_t max_per_address = 256;  // from one remote IP (a venue's NAT holds a room)
  // Loopback addresses are a reverse proxy on the same machine (every client then comes
  // from it: the proxy's own limits apply) or local tools; counted per address only when set.
  bool limit_loopback = false;
};

// True for 127.0.0.0/8, ::1 and ::ffff:127.x.y.z.
bool IsLoopback(const std::string& address);

struct GateStats {
  std::atomic<uint64_t> open{0};
  std::atomic<uint64_t> refused_total{0};        // over max_connections
  std::atomic<uint64_t> refused_per_address{0};  // over max_per_address
};

class ConnectionGate : public std::enable_shared_from_this<ConnectionGate> {
 public:
  using Ticket = std::shared_ptr<void>;  // releases its place when the last copy goes

  explicit ConnectionGate(GateLimits limits) : limits_(limits) {}
  // A place for one more connection from `address`, or null when a bound is reached.
  Ticket TryEnter(const std::string& address);
  const GateStats& stats() const { return stats_; }
  const GateLimits& limits() const { return limits_; }

 private:
  void Leave(const std::string& address);

  const GateLimits limits_;
  GateStats stats_;
  std::mutex mu_;
  size_t total_ = 0;                                 // GUARDED_BY(mu_)
  std::unordered_map<std::string, size_t> by_addr_;  // GUARDED_BY(mu_)
};

}  // namespace atelier::net
