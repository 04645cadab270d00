#pragma once
// JoinGuard: wrong join codes counted per remote address, whatever the
// connection, with exponential back-off. Each address may get `burst` codes
// wrong, earning one more every `refill`; once out, every code from it is
// refused unseen for a penalty that doubles each time (2 s, 4 s... up to
// `max_penalty`) and forgets itself after `forgive` without a wrong code. A
// room behind one NAT mistyping codes stays far under it; guessing a 6-letter
// code does not. Thread-safe; the time is passed in (tests use a fake clock).

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace atelier::app {

struct JoinGuardLimits {
  double burst = 20;
  std::chrono::milliseconds refill{3000};
  std::chrono::milliseconds first_penalty{2000};
  std::chrono::milliseconds max_penalty{300'000};
  std::chrono::milliseconds forgive{900'000};
};

class JoinGuard {
 public:
  using Clock = std::chrono::steady_clock;
  explicit JoinGuard(JoinGuardLimits limits = {}) : limits_(limits) {}

  // False while `address` is blocked: refuse the attempt without looking at the code.
  bool Allowed(const std::string& address, Clock::time_point now);
  // A wrong code from `address`. Returns true when it starts a block.
  bool Failed(const std::string& address, Clock::time_point now);

 private:
  struct Entry {
    double tokens;
    Clock::time_point refilled;
    Clock::time_point blocked_until;
    Clock::time_point last_failure;
    std::chrono::milliseconds penalty{0};
  };
  Entry& Refill(const std::string& address, Clock::time_point now);

  const JoinGuardLimits limits_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // GUARDED_BY(mu_)
};

}  // namespace atelier::app
