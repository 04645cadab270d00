#include "server/common/log.hpp"

#include <unistd.h>

#include <ctime>

namespace atelier::log {

std::atomic<int> g_level{static_cast<int>(Level::kInfo)};

namespace {

std::mutex g_sink_mu;
std::function<void(const std::string&)> g_sink;  // GUARDED_BY(g_sink_mu)
std::atomic<bool> g_has_sink{false};

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::optional<Level> ParseLevel(std::string_view name) {
  if (name == "debug") return Level::kDebug;
  if (name == "info") return Level::kInfo;
  if (name == "warn" || name == "warning") return Level::kWarn;
  if (name == "error") return Level::kError;
  return std::nullopt;
}

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kDebug:
      return "DEBUG";
    case Level::kInfo:
      return "INFO";
    case Level::kWarn:
      return "WARN";
    case Level::kError:
      return "ERROR";
  }
  return "?";
}

void SetLevel(Level level) { g_level.store(static_cast<int>(level), std::memory_order_relaxed); }

Level CurrentLevel() { return static_cast<Level>(g_level.load(std::memory_order_relaxed)); }

std::string FormatLine(Level level, std::string_view message, int64_t unix_ms) {
  std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char stamp[40];
  size_t n = std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(stamp + n, sizeof stamp - n, ".%03dZ", static_cast<int>(unix_ms % 1000));
  std::string line;
  line.reserve(message.size() + 40);
  line += stamp;
  line += ' ';
  std::string_view name = LevelName(level);
  line += name;
  line.append(6 - name.size(), ' ');
  for (char c : message) {
    if (c == '\n') {
      line += "\\n";
    } else if (c == '\r') {
      line += "\\r";
    } else {
      line += c;
    }
  }
  line += '\n';
  return line;
}

void Write(Level level, std::string_view message) {
  std::string line = FormatLine(level, message, NowMs());
  if (g_has_sink.load(std::memory_order_acquire)) {
    std::lock_guard lock(g_sink_mu);
    if (g_sink) {
      g_sink(line);
      return;
    }
  }
  // One write(2) per line: lines from several threads never interleave.
  const char* p = line.data();
  size_t left = line.size();
  while (left > 0) {
    ssize_t w = ::write(STDERR_FILENO, p, left);
    if (w <= 0) return;
    p += w;
    left -= static_cast<size_t>(w);
  }
}

void SetSinkForTesting(std::function<void(const std::string&)> sink) {
  std::lock_guard lock(g_sink_mu);
  g_sink = std::move(sink);
  g_has_sink.store(static_cast<bool>(g_sink), std::memory_order_release);
}

bool Throttle::Allow(uint64_t* suppressed) {
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mu_);
  if (any_ && now - last_ < interval_) {
    ++held_;
    return false;
  }
  any_ = true;
  last_ = now;
  *suppressed = held_;
  held_ = 0;
  return true;
}

}  // namespace atelier::log
