#pragma once
// ServerProcess: a real atelier-server child process on 127.0.0.1 and an
// ephemeral port, for integration tests. Every wait is bounded.

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace atelier::testing {

class ServerProcess {
 public:
  // Starts the server on `db_path` with `--demo` and extra flags; waits until it
  // listens and, with the demo, until its links are printed. Throws on failure.
  explicit ServerProcess(std::string db_path, std::vector<std::string> extra_flags = {},
                         bool demo = true);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  uint16_t port() const { return port_; }
  // The facilitator token printed when the demo workshop was created (empty if
  // it already existed in the database).
  const std::string& facilitator_token() const { return facilitator_token_; }
  std::string output() const;  // what the server printed so far

  void Kill();      // SIGKILL, then reap
  int Terminate();  // SIGTERM, wait; returns the exit status
  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }

 private:
  std::string dir_;
  std::string log_path_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  std::string facilitator_token_;
};

// A fresh directory under the system temp dir, removed by the caller.
std::string MakeTempDir(const std::string& prefix);

}  // namespace atelier::testing
