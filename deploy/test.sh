#!/usr/bin/env bash
# Quick start, 2/2: installs what is missing, builds, and runs every test
# (unit, integration against a real server, browser end-to-end in headless
# Chromium, evaluation of the matching engine). Screenshots go to build/artefacts/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
deploy/install-deps.sh
deploy/build.sh
jobs=$(nproc 2>/dev/null || echo 2)
ctest --test-dir build --output-on-failure -j "$jobs" --timeout 600 "$@"
