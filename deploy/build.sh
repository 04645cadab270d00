#!/usr/bin/env bash
# Configures and builds Atelier in build/ (CMake preset "default", or "ci"
# with warnings as errors when CI is set). Extra arguments name targets.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CCACHE_BASEDIR="$PWD" CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
preset=default
[ -n "${CI:-}" ] && preset=ci
if [ ! -f build/CMakeCache.txt ] || ! grep -q "ATELIER_BUILD_WEB:BOOL=ON" build/CMakeCache.txt; then
  cmake --preset "$preset" -DATELIER_BUILD_WEB=ON >/dev/null
else
  cmake --preset "$preset" >/dev/null
fi
jobs=$(nproc 2>/dev/null || echo 2)
if [ "$#" -gt 0 ]; then
  targets=()
  for t in "$@"; do targets+=(--target "$t"); done
  cmake --build build -j "$jobs" "${targets[@]}"
else
  cmake --build build -j "$jobs"
fi
