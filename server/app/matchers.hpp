#pragma once
// The matcher each live workshop uses.

#include "server/app/workshop_actor.hpp"

namespace atelier::app {

MatcherFactory DefaultMatcherFactory();

}  // namespace atelier::app
