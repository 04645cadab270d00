#!/usr/bin/env bash
# Quick start, 1/2: installs what is missing, builds, and starts atelier-server
# with the demo workshop on an embedded SQLite file. Ctrl-C stops it.
#   PORT=8080 ATELIER_DB=atelier-demo.db deploy/demo.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
deploy/install-deps.sh
deploy/build.sh atelier-server web
exec build/server/app/atelier-server --demo --port "${PORT:-8080}" --db "${ATELIER_DB:-atelier-demo.db}" "$@"
