#!/usr/bin/env bash
# Runs every test, installing whatever is missing first. Stops at the first
# failing step and exits non-zero; prints each runner's summary lines at the end.
#
#   ./scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/binaryen/bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver

LOGS=target/test-logs
mkdir -p "$LOGS"
rm -f "$LOGS"/*.log

STEPS=(
    "setup|./scripts/setup.sh"
    "format|cargo fmt --all --check"
    "clippy|cargo clippy --workspace --all-targets --all-features -- -D warnings"
    "native tests|cargo test -p yanglao-core -p yanglao-cli -p yanglao-pack -p yanglao-prerender -p yanglao-workbench && cargo test -p yanglao-app --lib --features embedded-rules"
    "rules report|cargo run -q -p yanglao-cli -- rules check"
    "browser tests|cargo test -p yanglao-app --target wasm32-unknown-unknown --features embedded-rules"
    "release build|trunk build --release --offline"
    "e2e|./scripts/e2e.sh --no-build"
    "bundle size|./scripts/size-report.sh"
)

RESULTS=()
summary() {
    echo
    echo "==> summary"
    # The test runners' own summary lines, step by step.
    for log in "$LOGS"/*.log; do
        [ -e "$log" ] || continue
        grep -hE '^ *(Running|Doc-tests) |^test result:|^bundle:|^wasm:|^workbench:|^rules check:|^ +[a-z]+\.test\.mjs +(ok|FAILED)' "$log" | sed "s|^|    $(basename "$log" .log): |" || true
    done
    printf '%s\n' "${RESULTS[@]}"
}

n=0
for entry in "${STEPS[@]}"; do
    n=$((n + 1))
    name=${entry%%|*}
    cmd=${entry#*|}
    log="$LOGS/$(printf '%02d' "$n")-${name// /-}.log"
    echo
    echo "==> [$n/${#STEPS[@]}] $name: $cmd"
    start=$(date +%s)
    set +e
    bash -c "$cmd" 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    set -e
    took=$(($(date +%s) - start))
    if [ "$status" -ne 0 ]; then
        RESULTS+=("$(printf '    %-14s FAILED (exit %d, %ds)' "$name" "$status" "$took")")
        summary
        echo "test.sh: FAILED at step $n ($name): $cmd" >&2
        exit "$status"
    fi
    RESULTS+=("$(printf '    %-14s ok (%ds)' "$name" "$took")")
done

summary
echo "test.sh: all ${#STEPS[@]} steps passed"
