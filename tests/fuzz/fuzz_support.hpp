#pragma once
// What the fuzz targets share: a fuzz input cut into length-prefixed records, and a
// check that stops the run with a message (libFuzzer then saves the input).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace atelier::fuzz {

// One record: a selector byte and a payload. Input layout, repeated:
// [selector: 1 byte][length: 2 bytes, little-endian][payload: length bytes].
// A truncated last record takes what is left.
struct Record {
  uint8_t selector = 0;
  std::string_view payload;
};

inline std::vector<Record> Records(const uint8_t* data, size_t size, size_t max_records = 64) {
  std::vector<Record> out;
  size_t at = 0;
  while (at < size && out.size() < max_records) {
    Record r;
    r.selector = data[at++];
    size_t length = 0;
    if (at + 2 <= size) {
      length = static_cast<size_t>(data[at]) | (static_cast<size_t>(data[at + 1]) << 8);
      at += 2;
    } else {
      at = size;
    }
    if (length > size - at) length = size - at;
    r.payload = std::string_view(reinterpret_cast<const char*>(data + at), length);
    at += length;
    out.push_back(r);
  }
  return out;
}

// Appends a record in the layout Records() reads (for seed corpora).
inline void AppendRecord(std::string& out, uint8_t selector, std::string_view payload) {
  out += static_cast<char>(selector);
  out += static_cast<char>(payload.size() & 0xFF);
  out += static_cast<char>((payload.size() >> 8) & 0xFF);
  out.append(payload);
}

[[noreturn]] inline void Fail(const char* what) {
  std::fprintf(stderr, "fuzz check failed: %s\n", what);
  std::abort();
}

#define ATELIER_FUZZ_CHECK(cond)               \
  do {                                         \
    if (!(cond)) ::atelier::fuzz::Fail(#cond); \
  } while (0)

}  // namespace atelier::fuzz
