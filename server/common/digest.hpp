#pragma once
// SHA-256 and HMAC-SHA-256 (OpenSSL's libcrypto), in lower-case hex: how bearer tokens are
// kept in the database (their hash only) and derived again from the server's secret.

#include <string>
#include <string_view>

namespace atelier::digest {

// SHA-256 of `data`, 64 hex digits.
std::string Sha256Hex(std::string_view data);
// Standard base64 (RFC 4648, with padding), for data URIs.
std::string Base64(std::string_view data);

// HMAC-SHA-256 of `message` under `key`, 64 hex digits.
std::string HmacSha256Hex(std::string_view key, std::string_view message);

// Whether two secrets are equal, in a time that does not depend on where they differ
// (OpenSSL's CRYPTO_memcmp).
bool SameSecret(std::string_view a, std::string_view b);

// What the store keeps of a bearer token: its SHA-256. Tokens are 128 random-looking bits,
// so a plain hash is enough (no salt or stretching: there is nothing to guess).
inline std::string TokenHash(std::string_view token) { return Sha256Hex(token); }

}  // namespace atelier::digest
