#pragma once
// Small lock-free metric types for /metrics: a latency histogram with fixed
// buckets and counters per protocol error code. Thread-safe (atomics only).

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "atelier/v1/atelier.pb.h"

namespace atelier::app {

class LatencyHistogram {
 public:
  // Upper bounds in seconds, as Prometheus reads them (le="...").
  static constexpr std::array<double, 14> kBounds = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  void Observe(std::chrono::nanoseconds elapsed);
  // The family in the text exposition format: HELP, TYPE, buckets, sum, count.
  void Write(std::string& out, std::string_view name, std::string_view help) const;
  uint64_t count() const { return count_.load(std::memory_order_relaxed); }

 private:
  std::array<std::atomic<uint64_t>, kBounds.size()> buckets_{};  // not cumulative
  std::atomic<uint64_t> count_{0};
  std::atomic<uint64_t> sum_ns_{0};
};

// Errors sent to clients, by code: what the server refused and why.
class RefusalCounters {
 public:
  void Count(v1::ErrorCode code);
  uint64_t Get(v1::ErrorCode code) const;
  // atelier_refusals_total{reason="rate_limited"} ... one sample per code.
  void Write(std::string& out) const;

 private:
  std::array<std::atomic<uint64_t>, v1::ErrorCode_ARRAYSIZE> counts_{};
};

// "ERROR_CODE_RATE_LIMITED" -> "rate_limited".
std::string ReasonName(v1::ErrorCode code);

}  // namespace atelier::app
