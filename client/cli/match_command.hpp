#pragma once

#include <iosfwd>
#include <span>
#include <string>
#include <vector>

#include "server/match/types.hpp"

namespace atelier::cli {

// `atelier match --companies FILE --cards FILE [--out FILE]`: runs the matching engine over a
// catalogue and writes one JSON line per synergy, best first. Exit codes: 0 done, 1 usage,
// 2 unreadable or malformed input (nothing written).
int RunMatch(std::span<const std::string> args, std::ostream& out, std::ostream& err);

// One output line: {"cards": [...], "kind": "...", "score": 0.87, "reasons": [...]}.
std::string MatchToJsonLine(const match::Match& m);

}  // namespace atelier::cli
