#pragma once
// Viewer: who is looking at (or acting on) a workshop — a role, a participant
// and, for tablets, the company they speak for. A value; thread-compatible.
// What a viewer may see is decided in visibility.hpp, and only there.

#include <string>

#include "atelier/v1/atelier.pb.h"

namespace atelier::workshop {

struct Viewer {
  v1::Role role = v1::ROLE_BOARD;
  std::string participant_id;
  std::string company_id;
  int table = 0;

  bool is_facilitator() const {
    return role == v1::ROLE_FACILITATOR || role == v1::ROLE_TABLE_FACILITATOR;
  }
};

}  // namespace atelier::workshop
