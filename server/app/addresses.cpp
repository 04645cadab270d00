#include "server/app/addresses.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

#include <algorithm>

namespace atelier::app {

std::vector<std::string> LanAddresses() {
  std::vector<std::string> found;
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return found;
  for (ifaddrs* a = list; a; a = a->ifa_next) {
    if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET || (a->ifa_flags & IFF_LOOPBACK) ||
        !(a->ifa_flags & IFF_UP)) {
      continue;
    }
    char buf[INET_ADDRSTRLEN];
    auto* sin = reinterpret_cast<sockaddr_in*>(a->ifa_addr);
    if (!inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof buf)) continue;
    if (std::find(found.begin(), found.end(), buf) == found.end()) found.emplace_back(buf);
  }
  freeifaddrs(list);
  return found;
}

std::vector<std::string> LanUrls(uint16_t port) {
  std::vector<std::string> urls;
  for (const std::string& a : LanAddresses()) {
    urls.push_back("http://" + a + ":" + std::to_string(port));
  }
  return urls;
}

std::string TrimUrl(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace atelier::app
