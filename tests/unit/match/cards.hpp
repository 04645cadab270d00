#pragma once
// Cards and lookups shared by the engine's tests.

#include <string>
#include <string_view>
#include <vector>

#include "server/match/types.hpp"

namespace atelier::match::testing {

inline Card MakeCard(std::string id, std::string company, CardKind kind, std::string text) {
  Card c;
  c.id = std::move(id);
  c.company_id = std::move(company);
  c.kind = kind;
  c.text = std::move(text);
  return c;
}

inline const Match* FindKey(const std::vector<Match>& matches, std::string_view key) {
  for (const auto& m : matches) {
    if (m.key == key) return &m;
  }
  return nullptr;
}

}  // namespace atelier::match::testing
