#include "server/app/join_guard.hpp"

#include <algorithm>

namespace atelier::app {

JoinGuard::Entry& JoinGuard::Refill(const std::string& address, Clock::time_point now) {
  auto [it, inserted] = entries_.try_emplace(address, Entry{limits_.burst, now, {}, now, {}});
  Entry& e = it->second;
  if (inserted) return e;
  if (now - e.last_failure >= limits_.forgive) {
    e = Entry{limits_.burst, now, {}, e.last_failure, {}};
    return e;
  }
  if (now <= e.refilled) return e;  // nothing is earned back during a block
  const double earned = std::chrono::duration<double>(now - e.refilled) /
                        std::chrono::duration<double>(limits_.refill);
  e.tokens = std::min(limits_.burst, e.tokens + earned);
  e.refilled = now;
  return e;
}

bool JoinGuard::Allowed(const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(address);
  if (it == entries_.end()) return true;
  return now >= Refill(address, now).blocked_until;
}

bool JoinGuard::Failed(const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mu_);
  if (entries_.size() > 100'000) {
    // Bounded memory: forget addresses that have nothing against them any more.
    std::erase_if(entries_, [&](const auto& kv) {
      return now - kv.second.last_failure >= limits_.forgive && now >= kv.second.blocked_until;
    });
  }
  Entry& e = Refill(address, now);
  e.last_failure = now;
  e.tokens -= 1;
  if (e.tokens >= 0) return false;
  e.tokens = 0;
  e.penalty = e.penalty.count() == 0 ? limits_.first_penalty
                                     : std::min(limits_.max_penalty, e.penalty * 2);
  e.blocked_until = now + e.penalty;
  e.refilled = e.blocked_until;
  return true;
}

}  // namespace atelier::app
