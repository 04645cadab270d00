#pragma once
// Status: the result of a storage operation, OK or an error with a message.
// A value type; thread-compatible.

#include <string>
#include <utility>

namespace atelier::store {

class Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status Error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return !failed_; }
  const std::string& message() const { return message_; }

 private:
  explicit Status(std::string message) : failed_(true), message_(std::move(message)) {}
  bool failed_ = false;
  std::string message_;
};

}  // namespace atelier::store
