#include "server/net/connection_gate.hpp"

namespace atelier::net {

bool IsLoopback(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1" || address.rfind("::ffff:127.", 0) == 0;
}

ConnectionGate::Ticket ConnectionGate::TryEnter(const std::string& address) {
  const bool counted = limits_.limit_loopback || !IsLoopback(address);
  {
    std::lock_guard lock(mu_);
    if (limits_.max_connections > 0 && total_ >= limits_.max_connections) {
      stats_.refused_total++;
      return nullptr;
    }
    if (counted) {
      size_t& mine = by_addr_[address];
      if (mine >= limits_.max_per_address) {
        stats_.refused_per_address++;
        return nullptr;
      }
      ++mine;
    }
    ++total_;
  }
  stats_.open++;
  // The ticket keeps the gate alive: sessions may outlive the listener.
  auto self = shared_from_this();
  return Ticket(new char(0), [self, address, counted](void* place) {
    delete static_cast<char*>(place);
    self->Leave(counted ? address : std::string());
  });
}

void ConnectionGate::Leave(const std::string& address) {
  stats_.open--;
  std::lock_guard lock(mu_);
  --total_;
  if (address.empty()) return;
  auto it = by_addr_.find(address);
  if (it != by_addr_.end() && --it->second == 0) by_addr_.erase(it);
}

}  // namespace atelier::net
