#!/usr/bin/env bash
# The benchmark in one command:
#
#   bench/run.sh [N]        (default N = 100000)
#
# Builds the release `yanglao`, installs the pinned peers (bench/package-lock.json),
# then runs bench/bench.js: N random profiles (fixed seed), yanglao screen vs
# json-logic-js vs Publicodes on the Yuquan (150104) home-care and
# meal-assistance services, a person-by-person agreement check (exit 1 on any
# disagreement), and the divan engine-alone benchmark. It prints the ratios
# against the issue's targets (screen end to end >= 10x json-logic-js and
# >= 1,000x Publicodes) with PASS or NOT MET: a report, so a slow machine
# does not fail the run; only disagreement does.
# BENCH_SKIP_DIVAN=1 skips the divan part (it compiles the bench profile).
set -euo pipefail

N="${1:-100000}"
case "$N" in
  ''|*[!0-9]*) echo "usage: bench/run.sh [N]  (N = number of profiles, default 100000)" >&2; exit 2 ;;
esac

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
cd "$ROOT"

for tool in cargo node npm; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed and not on PATH" >&2; exit 2; }
done
if [ ! -f rules/150104.toml ]; then
  echo "bench: rules/150104.toml is missing: the benchmark screens the Yuquan (150104) services" >&2
  exit 2
fi

# The peers, at the versions pinned in bench/package-lock.json.
if [ ! -f "$BENCH/node_modules/.package-lock.json" ] || [ "$BENCH/package-lock.json" -nt "$BENCH/node_modules/.package-lock.json" ]; then
  echo "bench: installing the pinned peers (npm ci)" >&2
  (cd "$BENCH" && npm ci --no-audit --no-fund --loglevel=error)
fi

echo "bench: cargo build --release -p yanglao-cli" >&2
cargo build --release -q -p yanglao-cli

exec node "$BENCH/bench.js" "$N"
