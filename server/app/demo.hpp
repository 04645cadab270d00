#pragma once
// The demo workshop: fictional companies of two business parks with cards
// already posted, so that a first run shows a living board.

#include <string>

#include "server/app/hub.hpp"

namespace atelier::app {

inline constexpr const char* kDemoCode = "DEMO42";

// Creates the demo workshop unless one with the demo code exists. Returns its
// facilitator token when created now, empty if it already existed.
// Not on an io thread: it waits for each step to be durable.
std::string EnsureDemoWorkshop(Hub& hub);

}  // namespace atelier::app
