#pragma once
// Where tablets can reach this server: the operator's --public-url, else the machine's LAN
// addresses. Read once at start-up; thread-safe (no shared state).

#include <cstdint>
#include <string>
#include <vector>

namespace atelier::app {

// The non-loopback IPv4 addresses of this machine, in interface order ("192.168.1.20").
std::vector<std::string> LanAddresses();

// "http://<address>:<port>" for each LAN address.
std::vector<std::string> LanUrls(uint16_t port);

// The public URL without its trailing slashes.
std::string TrimUrl(std::string url);

}  // namespace atelier::app
