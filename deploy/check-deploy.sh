#!/usr/bin/env bash
# Checks the deploy kit offline, with the tools this machine has; a missing tool skips
# its check (and says so). Run by CTest as deploy.check:
#   deploy/check-deploy.sh BUILD_DIR
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
tmp=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
fail=0
ok() { echo "ok      $*"; }
skip() { echo "skipped $*"; }
bad() { echo "FAILED  $*"; fail=1; }

# Shell scripts parse.
for s in "$here"/*.sh; do
  if bash -n "$s"; then ok "bash -n $(basename "$s")"; else bad "bash -n $(basename "$s")"; fi
done

# The runtime install lists no build tool or -dev package.
runtime=$(sed -n '/runtime_only" -eq 1 ]; then/,/^else/p' "$here/install-deps.sh")
if grep -Eq -- '-dev|build-essential|cmake|nodejs|npm|chromium' <<<"$runtime"; then
  bad "install-deps.sh --runtime lists build packages"
else
  ok "install-deps.sh --runtime: runtime libraries only"
fi

# The container file copies files that exist and runs on debian:12 with --runtime.
while read -r src; do
  [ -e "$root/$src" ] || bad "Containerfile copies missing $src"
done < <(grep -E '^COPY [^-]' "$here/Containerfile" | awk '{for (i = 2; i < NF; i++) print $i}' | grep -v '^\.$')
if grep -q '^FROM docker.io/library/debian:12$' "$here/Containerfile" &&
   grep -q 'install-deps.sh --runtime' "$here/Containerfile"; then
  ok "Containerfile: debian:12, runtime packages only"
else
  bad "Containerfile: expected a debian:12 runtime stage with install-deps.sh --runtime"
fi

# cmake --install puts the web client beside the binary, and the installed server finds it.
if [ -x "$build/server/app/atelier-server" ] && [ -f "$build/web/index.html" ]; then
  cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
  if [ -f "$tmp/prefix/share/atelier/web/index.html" ] && [ -f "$tmp/prefix/share/atelier/web/admin.html" ]; then
    ok "cmake --install: web client in share/atelier/web"
  else
    bad "cmake --install: no web client in share/atelier/web"
  fi
  "$tmp/prefix/bin/atelier-server" --bind 127.0.0.1 --port 0 --port-file "$tmp/port" \
    --db "$tmp/atelier.db" >"$tmp/server.out" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
  if [ -s "$tmp/port" ]; then
    port=$(cat "$tmp/port")
    exec 3<>"/dev/tcp/127.0.0.1/$port"
    printf 'GET /admin.html HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
    status=$(head -1 <&3)
    exec 3<&-
    if grep -q ' 200 ' <<<"$status" && grep -q "client web $tmp/prefix/share/atelier/web" "$tmp/server.out"; then
      ok "installed atelier-server serves the installed web client without --web-root"
    else
      bad "installed atelier-server: $status $(cat "$tmp/server.out")"
    fi
  else
    bad "installed atelier-server did not start: $(cat "$tmp/server.out")"
  fi
  kill "$server_pid"; wait "$server_pid" || true; server_pid=""
else
  skip "cmake --install (build atelier-server and web first)"
fi

# systemd unit.
if command -v systemd-analyze >/dev/null 2>&1; then
  unit="$tmp/atelier.service"
  sed "s|/usr/local/bin/atelier-server|$build/server/app/atelier-server|" \
    "$here/systemd/atelier.service" >"$unit"
  # The service user may not exist here: verify what does not depend on it.
  if out=$(systemd-analyze verify "$unit" 2>&1 | grep -v -e "atelier.*user" -e "Failed to resolve" || true) &&
     ! grep -qiE "unknown|invalid|error|failed" <<<"$out"; then
    ok "systemd-analyze verify atelier.service"
  else
    bad "systemd-analyze verify atelier.service: $out"
  fi
  if command -v systemd-analyze >/dev/null && systemd-analyze security --help >/dev/null 2>&1 &&
     systemd-analyze security --offline=yes "$unit" >"$tmp/security" 2>&1; then
    ok "systemd-analyze security: $(grep -o 'Overall exposure level.*' "$tmp/security" || echo done)"
  else
    skip "systemd-analyze security --offline (needs systemd >= 252)"
  fi
else
  skip "systemd-analyze (not installed)"
fi

# nginx configuration, with a throwaway certificate.
if command -v nginx >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1; then
  mkdir -p "$tmp/nginx/logs"
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=atelier.lan \
    -keyout "$tmp/nginx/key.pem" -out "$tmp/nginx/cert.pem" >/dev/null 2>&1
  sed -e "s|/etc/atelier/tls/atelier.lan.crt|$tmp/nginx/cert.pem|" \
      -e "s|/etc/atelier/tls/atelier.lan.key|$tmp/nginx/key.pem|" \
      -e "s|listen 80;|listen 127.0.0.1:18080;|" -e "s|listen 443 ssl|listen 127.0.0.1:18443 ssl|" \
      "$here/proxy/nginx-atelier.conf" >"$tmp/nginx/atelier.conf"
  printf 'pid %s/nginx.pid;\nerror_log %s/logs/error.log;\nevents {}\nhttp {\n  access_log off;\n  include %s/atelier.conf;\n}\n' \
    "$tmp/nginx" "$tmp/nginx" "$tmp/nginx" >"$tmp/nginx/nginx.conf"
  if nginx -t -q -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" 2>"$tmp/nginx/t.out"; then
    ok "nginx -t proxy/nginx-atelier.conf"
  else
    bad "nginx -t: $(cat "$tmp/nginx/t.out")"
  fi
else
  skip "nginx -t (nginx or openssl not installed)"
fi

# Caddy configuration.
if command -v caddy >/dev/null 2>&1; then
  if caddy validate --adapter caddyfile --config "$here/proxy/Caddyfile" >"$tmp/caddy.out" 2>&1; then
    ok "caddy validate proxy/Caddyfile"
  else
    bad "caddy validate: $(cat "$tmp/caddy.out")"
  fi
else
  skip "caddy validate (not installed)"
fi

exit "$fail"
