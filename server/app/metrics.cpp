#include "server/app/metrics.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace atelier::app {

namespace {

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

void LatencyHistogram::Observe(std::chrono::nanoseconds elapsed) {
  double seconds = std::chrono::duration<double>(elapsed).count();
  for (size_t i = 0; i < kBounds.size(); ++i) {
    if (seconds <= kBounds[i]) {
      buckets_[i].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  }
  sum_ns_.fetch_add(static_cast<uint64_t>(std::max<int64_t>(0, elapsed.count())),
                    std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

void LatencyHistogram::Write(std::string& out, std::string_view name, std::string_view help) const {
  std::string n(name);
  out += "# HELP " + n + " " + std::string(help) + "\n";
  out += "# TYPE " + n + " histogram\n";
  // Read the count first: the buckets, read after, never add up to less.
  uint64_t count = count_.load(std::memory_order_relaxed);
  uint64_t cumulative = 0;
  for (size_t i = 0; i < kBounds.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    out += n + "_bucket{le=\"" + Number(kBounds[i]) + "\"} " + std::to_string(cumulative) + "\n";
  }
  count = std::max(count, cumulative);
  out += n + "_bucket{le=\"+Inf\"} " + std::to_string(count) + "\n";
  out += n + "_sum " + Number(static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) / 1e9) +
         "\n";
  out += n + "_count " + std::to_string(count) + "\n";
}

std::string ReasonName(v1::ErrorCode code) {
  std::string name = v1::ErrorCode_Name(code);
  constexpr std::string_view kPrefix = "ERROR_CODE_";
  if (name.starts_with(kPrefix)) name = name.substr(kPrefix.size());
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name.empty() ? "unknown" : name;
}

void RefusalCounters::Count(v1::ErrorCode code) {
  if (code < 0 || code >= v1::ErrorCode_ARRAYSIZE) code = v1::ERROR_CODE_UNSPECIFIED;
  counts_[static_cast<size_t>(code)].fetch_add(1, std::memory_order_relaxed);
}

uint64_t RefusalCounters::Get(v1::ErrorCode code) const {
  if (code < 0 || code >= v1::ErrorCode_ARRAYSIZE) return 0;
  return counts_[static_cast<size_t>(code)].load(std::memory_order_relaxed);
}

void RefusalCounters::Write(std::string& out) const {
  out +=
      "# HELP atelier_refusals_total Errors sent to clients, by reason (the protocol's error "
      "code).\n# TYPE atelier_refusals_total counter\n";
  for (int c = v1::ErrorCode_MIN; c <= v1::ErrorCode_MAX; ++c) {
    if (!v1::ErrorCode_IsValid(c) || c == v1::ERROR_CODE_UNSPECIFIED) continue;
    auto code = static_cast<v1::ErrorCode>(c);
    out += "atelier_refusals_total{reason=\"" + ReasonName(code) + "\"} " +
           std::to_string(Get(code)) + "\n";
  }
}

}  // namespace atelier::app
