#!/usr/bin/env bash
# Builds Atelier with AddressSanitizer and UndefinedBehaviorSanitizer (CMake preset
# "asan", in build-asan/) and runs the unit and integration tests under them. Any
# sanitizer report fails the run. The browser tests, the load smoke test and the two
# heaviest integration tests (8,000 posts to a slow consumer, a device 100,000 events
# behind) run in deploy/test.sh only: under the sanitizers they take minutes each and
# exercise no other code. Extra arguments go to ctest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CCACHE_BASEDIR="$PWD" CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
cmake --preset asan >/dev/null
cmake --build build-asan -j "$(nproc 2>/dev/null || echo 2)"
cd build-asan
ctest -j "$(nproc 2>/dev/null || echo 2)" --output-on-failure \
  -E '^e2e\.|^load_smoke$|^deploy\.check$|SlowConsumerIsClosedAlone|ResumeFarBehind.*100000' "$@"
