#pragma once
// Matcher: what a workshop needs from a matching engine. The workshop feeds it
// cards and companies as they are committed and turns its deltas into events.
// Implementations are used from one thread (the workshop's actor).

#include <string>
#include <vector>

#include "atelier/v1/atelier.pb.h"

namespace atelier::workshop {

struct MatchChanges {
  std::vector<v1::Match> upserted;
  std::vector<std::string> removed_keys;
};

class Matcher {
 public:
  virtual ~Matcher() = default;
  virtual MatchChanges UpsertCompany(const v1::Company& company) = 0;
  virtual MatchChanges Add(const v1::Card& card) = 0;
  virtual MatchChanges Update(const v1::Card& card) = 0;
  virtual MatchChanges Remove(const std::string& card_id) = 0;
  // True for codes the European List of Waste marks hazardous (with a *).
  virtual bool IsHazardousWaste(const std::string& /*code*/) const { return false; }
};

// A matcher that never finds anything (tests of everything but matching).
class NullMatcher final : public Matcher {
 public:
  MatchChanges UpsertCompany(const v1::Company&) override { return {}; }
  MatchChanges Add(const v1::Card&) override { return {}; }
  MatchChanges Update(const v1::Card&) override { return {}; }
  MatchChanges Remove(const std::string&) override { return {}; }
};

}  // namespace atelier::workshop
