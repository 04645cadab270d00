#include "tests/support/server_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace atelier::testing {

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::string MakeTempDir(const std::string& prefix) {
  std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

ServerProcess::ServerProcess(std::string db_path, std::vector<std::string> extra_flags, bool demo) {
  dir_ = MakeTempDir("atelier-server");
  log_path_ = dir_ + "/server.log";
  std::string port_file = dir_ + "/port";
  // ATELIER_SERVER_BIN in the environment runs another build (e.g. to compare two).
  const char* bin = std::getenv("ATELIER_SERVER_BIN");
  std::vector<std::string> args = {bin && *bin ? bin : ATELIER_SERVER_BIN,
                                   "--bind",
                                   "127.0.0.1",
                                   "--port",
                                   "0",
                                   "--db",
                                   db_path,
                                   "--port-file",
                                   port_file,
                                   "--web-root",
                                   ATELIER_WEB_ROOT,
                                   "--threads",
                                   "2"};
  if (demo) args.push_back("--demo");
  for (auto& f : extra_flags) args.push_back(f);

  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    int fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("server exited at start-up:\n" + ReadFile(log_path_));
    }
    std::string port = ReadFile(port_file);
    std::string log = ReadFile(log_path_);
    bool ready = !port.empty() && (!demo || log.find("healthz") != std::string::npos);
    if (ready) {
      port_ = static_cast<uint16_t>(std::stoi(port));
      auto at = log.find("#token=");
      if (at != std::string::npos) {
        facilitator_token_ = log.substr(at + 7, 32);
      }
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  Kill();
  throw std::runtime_error("server did not start in time:\n" + ReadFile(log_path_));
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Kill();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string ServerProcess::output() const { return ReadFile(log_path_); }

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

int ServerProcess::Terminate() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  Kill();
  return -1;
}

}  // namespace atelier::testing
