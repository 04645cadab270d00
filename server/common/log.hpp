#pragma once
// The server's log: one line per notable event on stderr,
//   2026-05-12T08:30:01.123Z INFO  message
// (ISO-8601 UTC, level, message), which journald and `docker logs` keep as
// they are. Lines never carry a secret: callers log workshop ids and codes,
// never tokens. Thread-safe: each line is one write(2).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

namespace atelier::log {

enum class Level { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

// "debug", "info", "warn" (or "warning"), "error"; nullopt otherwise.
std::optional<Level> ParseLevel(std::string_view name);
std::string_view LevelName(Level level);

void SetLevel(Level level);
Level CurrentLevel();
inline bool Enabled(Level level) {
  extern std::atomic<int> g_level;
  return static_cast<int>(level) >= g_level.load(std::memory_order_relaxed);
}

// Writes one line (a newline inside `message` is escaped as "\n").
void Write(Level level, std::string_view message);
// The line Write() prints at `unix_ms` (tests).
std::string FormatLine(Level level, std::string_view message, int64_t unix_ms);
// Lines go to `sink` instead of stderr while set (tests); empty: back to stderr.
void SetSinkForTesting(std::function<void(const std::string& line)> sink);

// At most one line per `interval` for one kind of event; the next line that
// passes says how many were held back. Thread-safe.
class Throttle {
 public:
  explicit Throttle(std::chrono::milliseconds interval) : interval_(interval) {}
  // True if a line may be written now; `*suppressed` is how many were held back since.
  bool Allow(uint64_t* suppressed);

 private:
  std::chrono::milliseconds interval_;
  std::mutex mu_;
  std::chrono::steady_clock::time_point last_{};  // GUARDED_BY(mu_)
  bool any_ = false;                              // GUARDED_BY(mu_)
  uint64_t held_ = 0;                             // GUARDED_BY(mu_)
};

}  // namespace atelier::log

#define ATELIER_LOG(level, expr)                                  \
  do {                                                            \
    if (::atelier::log::Enabled(level)) {                         \
      std::ostringstream atelier_log_line_;                       \
      atelier_log_line_ << expr;                                  \
      ::atelier::log::Write(level, atelier_log_line_.str());      \
    }                                                             \
  } while (0)

#define LOG_DEBUG(expr) ATELIER_LOG(::atelier::log::Level::kDebug, expr)
#define LOG_INFO(expr) ATELIER_LOG(::atelier::log::Level::kInfo, expr)
#define LOG_WARN(expr) ATELIER_LOG(::atelier::log::Level::kWarn, expr)
#define LOG_ERROR(expr) ATELIER_LOG(::atelier::log::Level::kError, expr)
