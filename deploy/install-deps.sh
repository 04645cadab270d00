#!/usr/bin/env bash
# Installs what Atelier needs to build, run and test, and only what is missing.
# Idempotent; Debian 12 (bookworm) or Ubuntu 22.04+, as root (or with sudo).
#   deploy/install-deps.sh            build + run + test dependencies
#   deploy/install-deps.sh --runtime  only what the server needs to run
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runtime_only=0
[ "${1:-}" = "--runtime" ] && runtime_only=1

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi

if [ "$runtime_only" -eq 1 ]; then
  # What atelier-server and the atelier tool load at run time (Debian 12 names), nothing to build.
  packages=(
    ca-certificates libprotobuf32 libsqlite3-0 libqrencode4 libxlsxwriter4 zlib1g libminizip1 libexpat1
    libboost-program-options1.81.0 libssl3
  )
else
  packages=(
    build-essential cmake ninja-build pkg-config ccache git ca-certificates
    libboost1.81-dev libboost-program-options1.81-dev libprotobuf-dev protobuf-compiler
    libsqlite3-dev libqrencode-dev libxlsxwriter-dev zlib1g-dev
    libminizip-dev libexpat1-dev libssl-dev
    libgtest-dev libgmock-dev libbenchmark-dev
    chromium fonts-dejavu-core fonts-noto-color-emoji curl
    nginx-light caddy
  )
  # nginx and caddy only validate the proxy configurations in deploy.check; their
  # services are not used by any test.
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# Node.js >= 18 with npm builds the web client; Debian's own packages suffice.
if [ "$runtime_only" -eq 0 ] && ! command -v node >/dev/null 2>&1; then
  missing+=(nodejs)
fi
if [ "$runtime_only" -eq 0 ] && ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "install-deps: system packages already present"
fi

[ "$runtime_only" -eq 1 ] && exit 0

# The web client's packages, exactly as the committed lockfile says.
web="$here/client/web"
if [ -f "$web/package-lock.json" ]; then
  stamp="$web/node_modules/.atelier-lock-stamp"
  if [ ! -f "$stamp" ] || ! cmp -s "$web/package-lock.json" "$stamp"; then
    echo "install-deps: npm ci in client/web"
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$web/package-lock.json" "$stamp"
  fi
fi
