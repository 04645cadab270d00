#include "server/app/matchers.hpp"

namespace atelier::app {

MatcherFactory DefaultMatcherFactory() {
  return [] { return std::make_unique<workshop::NullMatcher>(); };
}

}  // namespace atelier::app
