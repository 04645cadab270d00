#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang, ASan and UBSan (preset "fuzz",
# build-fuzz/) and runs each for a short while from its seed corpus: the command path
# (frames parsed and checked, Workshop::Handle, events and their views read back, the
# log folded again), the matching engine on arbitrary text, and the CSV reader. Any
# crash, sanitizer report or failed check fails the run and leaves the input in
# build-fuzz/findings/. FUZZ_SECONDS per target (default 60); a longer soak:
# FUZZ_SECONDS=3600 deploy/fuzz-smoke.sh. FUZZ_SEED (default 1) fixes where the mutations start;
# a soak with FUZZ_SEED=0 lets libFuzzer pick one.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds="${FUZZ_SECONDS:-60}"
# clang and its fuzzer runtime are needed here only.
need=()
command -v clang++ >/dev/null 2>&1 || need+=(clang)
dpkg-query -W -f='${Status}' libclang-rt-14-dev 2>/dev/null | grep -q "install ok installed" ||
  need+=(libclang-rt-14-dev)
if [ "${#need[@]}" -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "fuzz-smoke: installing ${need[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    "${need[@]}" >/dev/null
fi
export CCACHE_BASEDIR="$PWD" CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
cmake --preset fuzz >/dev/null
cmake --build build-fuzz -j "$(nproc 2>/dev/null || echo 2)" \
  --target command_fuzz match_fuzz csv_fuzz fuzz_seeds
rm -rf build-fuzz/seeds && build-fuzz/tests/fuzz/fuzz_seeds build-fuzz/seeds
mkdir -p build-fuzz/findings
status=0
for target in command match csv; do
  corpus="build-fuzz/corpus/$target"
  mkdir -p "$corpus"
  echo "fuzz-smoke: $target for ${seconds}s"
  if ! build-fuzz/tests/fuzz/${target}_fuzz -max_total_time="$seconds" -max_len=4096 \
      -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -seed="${FUZZ_SEED:-1}" \
      -artifact_prefix="build-fuzz/findings/${target}-" "$corpus" "build-fuzz/seeds/$target" \
      2>"build-fuzz/$target.log"; then
    echo "fuzz-smoke: $target FAILED (build-fuzz/$target.log, input in build-fuzz/findings/)"
    tail -40 "build-fuzz/$target.log"
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "build-fuzz/$target.log" |
      sed "s/^/fuzz-smoke: $target /"
  fi
done
exit "$status"
