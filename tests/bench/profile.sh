#!/usr/bin/env bash
# CPU profile of atelier-server under the project's load generator: `perf record` on the
# whole run (the generator and the server it starts), then the server's costs by shared
# object and by symbol (self time), and the generator's figures (CPU per delivery, latency).
#
#   tests/bench/profile.sh [OUT_DIR]          from a built tree (deploy/build.sh)
#   LOAD_ARGS="--connections 1000 --workshops 20 --rate 400 --seconds 10" (the default: the
#   kit's shape a), PERF_FREQ=999, PERF_CALLGRAPH="-g" (or "--call-graph dwarf,8192" for
#   inclusive user-space costs, heavier).
#
# Needs perf (Debian: linux-perf) and the right to profile (root, or
# kernel.perf_event_paranoid <= 1). Prints figures; asserts nothing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out=${1:-build/profile-$(date +%Y%m%d-%H%M%S)}
LOAD_ARGS=${LOAD_ARGS:-"--connections 1000 --workshops 20 --rate 400 --seconds 10"}
PERF_FREQ=${PERF_FREQ:-999}
PERF_CALLGRAPH=${PERF_CALLGRAPH:-"-g"}
generator=build/tests/bench/load_generator
command -v perf >/dev/null || { echo "profile.sh: perf is missing (apt-get install linux-perf)" >&2; exit 1; }
[ -x "$generator" ] || { echo "profile.sh: build first ($generator)" >&2; exit 1; }
mkdir -p "$out"
# shellcheck disable=SC2086  # the arguments are lists on purpose
perf record -q -F "$PERF_FREQ" $PERF_CALLGRAPH -o "$out/perf.data" -- "$generator" $LOAD_ARGS |
  tee "$out/load.txt"
report() {  # the server's self time, sorted by $1, without call graphs
  perf report -i "$out/perf.data" --stdio --no-children --comm atelier-server --sort "$1" \
    -g none 2>/dev/null | grep -v -e '^#' -e '^$' | sed -e 's/[[:space:]-]*$//' | cut -c1-160 || true
}
report dso > "$out/by-dso.txt"
report dso,symbol > "$out/top-symbols.txt"
echo "== atelier-server, self time by shared object ($out/by-dso.txt)"
head -20 "$out/by-dso.txt"
echo "== atelier-server, top symbols ($out/top-symbols.txt)"
head -25 "$out/top-symbols.txt"
